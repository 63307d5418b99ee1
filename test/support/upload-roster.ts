import type { ConsoleClient } from './console-client.ts';

/** A roster upload as the browser's form sends it (CSV text, or the bytes of a file). */
export async function uploadRoster(client: ConsoleClient, file: string | Uint8Array, name = 'roster.csv'): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', await client.csrfToken('/excel'));
  form.set('roster', new Blob([typeof file === 'string' ? new TextEncoder().encode(file) : new Uint8Array(file)]), name);
  const cookie = ['console_session', '_csrf'].map((cookieName) => `${cookieName}=${client.cookie(cookieName)}`).join('; ');
  return fetch(new URL('/excel/import', client.baseUrl), { method: 'POST', body: form, headers: { cookie }, redirect: 'manual' });
}
