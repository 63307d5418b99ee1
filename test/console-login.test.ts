import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ActivityReminders } from '../jobs/activity-reminders.ts';
import { ConsolePart } from '../src/console/console-part.ts';
import { Outbox } from '../src/delivery/outbox.ts';
import { createLogger } from '../src/log.ts';
import { createRedis } from '../src/queues/redis.ts';
import { consoleBaseUrl } from '../src/domain/console/console-address.ts';
import { askForLoginLink, ConsoleClient, consoleEnv, consoleWorldPerTest } from './support/console-client.ts';
import { startHarness } from './support/harness.ts';

const world = consoleWorldPerTest();
const start = (env: Record<string, string> = {}) => world.start({ logIn: false, env });

describe('secretary console: logging in from WeChat', () => {
  it('后台 gives a secretary a one-time link; the browser logs in with it and sees their branch', async () => {
    const { secretary, client, branch } = await start();
    const link = await askForLoginLink(world.h, secretary);
    expect(link.startsWith(consoleBaseUrl(world.h.config)!)).toBe(true);
    expect(new URL(link).searchParams.get('token')!.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url

    const linkPage = await client.get(`${new URL(link).pathname}${new URL(link).search}`);
    expect(linkPage.headers.get('referrer-policy')).toBe('no-referrer'); // the address holds the token
    expect(linkPage.headers.get('x-frame-options')).toBe('DENY');
    expect(linkPage.headers.get('cache-control')).toBe('no-store');
    const login = await client.logIn(link);
    expect(login.status).toBe(303);
    const cookie = login.headers.getSetCookie().find((header) => header.startsWith('console_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(cookie).not.toMatch(/Max-Age|Expires/i); // a session cookie

    const overview = await client.get('/');
    expect(overview.status).toBe(200);
    const text = await overview.text();
    expect(text).toContain(branch.path);
    expect(text).toContain('<b id="members-total">3</b>'); // 2 bound members, 1 unbound (the secretary counts at the levels above)
    expect(text).toContain('id="check-in-chart"');
    // Only the hash is stored.
    const stored = await world.h.db.consoleLoginLink.findMany({ select: { tokenHash: true } });
    expect(stored.map((row) => row.tokenHash)).not.toContain(new URL(link).searchParams.get('token'));
  });

  it('a used link and an expired link are refused', async () => {
    const { secretary, client } = await start();
    const link = await askForLoginLink(world.h, secretary);
    expect((await client.logIn(link)).status).toBe(303);
    const second = new ConsoleClient(client.baseUrl);
    const reused = await second.logIn(link);
    expect(reused.status).toBe(403);
    expect(await reused.text()).toContain('已经用过');

    const late = await askForLoginLink(world.h, secretary);
    // Ten minutes and a second later.
    await world.h.db.consoleLoginLink.updateMany({ where: { usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const third = new ConsoleClient(client.baseUrl);
    expect((await third.logIn(late)).status).toBe(403);
    expect((await third.get('/')).status).toBe(401);
  });

  it('a member who is not a secretary gets 无权限 and no link', async () => {
    const { members } = await start();
    const reply = await world.h.ask(members[0]!.contact, '后台');
    expect(reply).toContain('无权限');
    expect(await world.h.db.consoleLoginLink.count()).toBe(0);
  });

  it('pages need a session; 退出后台 and the logout button end it', async () => {
    const { secretary, client } = await start();
    expect((await new ConsoleClient(client.baseUrl).get('/')).status).toBe(401);
    await client.logIn(await askForLoginLink(world.h, secretary));
    expect((await client.get('/')).status).toBe(200);
    expect(await world.h.ask(secretary, '退出后台')).toContain('已退出网页后台');
    expect((await client.get('/')).status).toBe(401);

    await client.logIn(await askForLoginLink(world.h, secretary));
    expect((await client.get('/')).status).toBe(200);
    expect((await client.post('/logout', {}, '/')).status).toBe(200);
    expect((await client.get('/')).status).toBe(401);
  });

  it('a session unused for 8 hours has ended', async () => {
    const { secretary, client } = await start();
    await client.logIn(await askForLoginLink(world.h, secretary));
    await world.h.db.consoleSession.updateMany({ data: { lastSeenAt: new Date(Date.now() - 8 * 3600_000 + 60_000) } });
    expect((await client.get('/')).status).toBe(200); // 7 h 59 min: still on, and now fresh again
    await world.h.db.consoleSession.updateMany({ data: { lastSeenAt: new Date(Date.now() - 8 * 3600_000 - 60_000) } });
    expect((await client.get('/')).status).toBe(401);
  });

  it('a POST without the CSRF token is refused', async () => {
    const { secretary, client } = await start();
    await client.logIn(await askForLoginLink(world.h, secretary));
    const response = await client.post('/logout', {});
    expect(response.status).toBe(403);
    expect((await client.get('/')).status).toBe(200); // still logged in
  });

  it('a CSRF token taken from one session is refused in another, even with its own secret cookie planted', async () => {
    const { secretary, client } = await start();
    await client.logIn(await askForLoginLink(world.h, secretary));
    // Another browser (the attacker's own session) gives its form token and its secret cookie.
    const attacker = new ConsoleClient(client.baseUrl);
    await attacker.logIn(await askForLoginLink(world.h, secretary));
    const token = await attacker.csrfToken('/');
    // Cookie tossing: the victim's browser is made to carry the attacker's _csrf secret beside its own session.
    const response = await fetch(new URL('/logout', client.baseUrl), {
      method: 'POST',
      body: new URLSearchParams({ _csrf: token }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `console_session=${client.cookie('console_session')}; _csrf=${attacker.cookie('_csrf')}` },
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
    expect((await client.get('/')).status).toBe(200); // still logged in
    // In its own session the token works.
    expect((await attacker.post('/logout', {}, '/')).status).toBe(200);
  });

  it('an organisation outside the secretary’s own is 404, like one that does not exist', async () => {
    const { secretary, client } = await start();
    const other = await world.h.db.organization.create({ data: { name: '别的支部', path: `别的区${Date.now()}` } });
    await client.logIn(await askForLoginLink(world.h, secretary));
    const response = await client.get(`/?org=${other.id}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('别的支部');
  });

  it('the session cookie is Secure when WEB_BASE_URL is https', async () => {
    const port = (await consoleEnv()).WEB_PORT!;
    const { secretary } = await start({ WEB_PORT: port, WEB_BASE_URL: 'https://console.example.cn' });
    const link = await askForLoginLink(world.h, secretary);
    expect(link.startsWith('https://console.example.cn/login?token=')).toBe(true);
    // The proxy is not there in the test: talk to the port directly.
    const client = new ConsoleClient(`http://127.0.0.1:${port}`);
    const login = await client.logIn(`http://127.0.0.1:${port}${new URL(link).pathname}${new URL(link).search}`);
    expect(login.headers.getSetCookie().find((header) => header.startsWith('console_session='))).toMatch(/Secure/);
  });
});

describe('the console part', () => {
  it('says which setting to change when its port is taken', async () => {
    const h = await startHarness();
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    const redis = createRedis(h.config.REDIS_URL);
    const outbox = new Outbox({ connection: redis, prefix: h.config.QUEUE_PREFIX, account: 'console-port-test' });
    const reminders = new ActivityReminders({ connection: redis, prefix: h.config.QUEUE_PREFIX, times: { reminderMinutes: [], followUpMinutes: 1440 }, now: () => new Date() });
    const part = new ConsolePart({ config: { ...h.config, WEB_PORT: port }, db: h.db, outbox, reminders, now: () => new Date(), log: createLogger('silent') });
    try {
      await expect(part.start()).rejects.toThrow(`The console's port ${port} on 127.0.0.1 is in use: set WEB_PORT to a free port, or WEB_PORT=0 for no console`);
    } finally {
      await part.stop();
      await outbox.close();
      await reminders.close();
      await redis.quit();
      await new Promise((resolve) => taken.close(resolve));
      await h.stop();
    }
  });
});
