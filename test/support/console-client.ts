import { afterEach } from 'vitest';
import { consoleBaseUrl } from '../../src/domain/console/console-address.ts';
import type { ContactMock } from '../../src/simulator/mock-world.ts';
import { startHarness, type Harness } from './harness.ts';
import { seedBranchWithPeople } from './seed.ts';
import { sparePort } from './spare-servers.ts';

/** Harness settings for a test that uses the secretary console: its own spare port. */
export async function consoleEnv(): Promise<Record<string, string>> {
  return { WEB_PORT: String(await sparePort()) };
}

/**
 * A harness with the console on a spare port, a branch (secretary, `members` bound members, one
 * unbound) and, unless `logIn` is false, its secretary logged in through the 后台 link.
 */
export async function startWithConsole(options: { members?: number; logIn?: boolean; env?: Record<string, string> } = {}) {
  const h = await startHarness({ ...(await consoleEnv()), ...options.env });
  const branch = await seedBranchWithPeople(h, options.members ?? 2, { unbound: 1 });
  const client = new ConsoleClient(consoleBaseUrl(h.config)!);
  if (options.logIn !== false) await client.logIn(await askForLoginLink(h, branch.secretary));
  return { h, ...branch, client };
}

/**
 * For a test file whose tests each start their own console world: `world.start()` in the test,
 * `world.h` for its harness; each is stopped after its test.
 */
export function consoleWorldPerTest() {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });
  return {
    get h(): Harness {
      if (!harness) throw new Error('start() the console world first');
      return harness;
    },
    async start(options: Parameters<typeof startWithConsole>[0] = {}) {
      const started = await startWithConsole(options);
      harness = started.h;
      return started;
    },
  };
}

/** Asks the bot for a login link as `secretary` (后台 in a direct chat) and returns the link. */
export async function askForLoginLink(h: Harness, secretary: ContactMock): Promise<string> {
  return loginLinkIn(await h.ask(secretary, '后台'));
}

/** The login link in the bot's reply to 后台 (on any channel). */
export function loginLinkIn(reply: string): string {
  const link = /https?:\/\/\S+\/login\?token=\S+/.exec(reply)?.[0];
  if (!link) throw new Error(`no login link in the reply: ${reply}`);
  return link;
}

/** A browser without JavaScript: keeps cookies, follows no redirects, reads the CSRF token from forms. */
export class ConsoleClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(path: string): Promise<Response> {
    return this.remember(await fetch(new URL(path, this.baseUrl), { headers: this.headers(), redirect: 'manual' }));
  }

  /** Posts a form as a browser would; `csrfFrom` is the page whose form token to send (none: no token). */
  async post(path: string, fields: Record<string, string>, csrfFrom?: string): Promise<Response> {
    const token = csrfFrom ? await this.csrfToken(csrfFrom) : undefined;
    const body = new URLSearchParams({ ...fields, ...(token ? { _csrf: token } : {}) });
    return this.remember(
      await fetch(new URL(path, this.baseUrl), {
        method: 'POST',
        body,
        headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded' },
        redirect: 'manual',
      }),
    );
  }

  async csrfToken(pagePath: string): Promise<string> {
    const page = await (await this.get(pagePath)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!token) throw new Error(`no CSRF token on ${pagePath}`);
    return token;
  }

  /** Opens the login link and presses 登录; resolves with the login response. */
  async logIn(link: string): Promise<Response> {
    const url = new URL(link);
    const token = url.searchParams.get('token')!;
    return this.post('/login', { token }, `${url.pathname}${url.search}`);
  }

  private headers(): Record<string, string> {
    return this.cookies.size > 0 ? { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') } : {};
  }

  private remember(response: Response): Response {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (value === '' || /Expires=Thu, 01 Jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}
