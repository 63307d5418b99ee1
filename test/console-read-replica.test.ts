import { describe, expect, it } from 'vitest';
import { consoleWorldPerTest } from './support/console-client.ts';
import { createTestDatabase } from './support/test-database.ts';

// DATABASE_READ_URL: the console's pages and exports read through a second connection string (a read
// replica in production); logins, sessions and everything written stay on DATABASE_URL.

const world = consoleWorldPerTest();

describe('the console reads from DATABASE_READ_URL', () => {
  it('pages read through the second connection string', async () => {
    const primary = await createTestDatabase();
    const { h, client } = await world.start({ env: { DATABASE_URL: primary, DATABASE_READ_URL: `${primary}?application_name=console_reads` } });
    const readConnections = async () =>
      Number(
        (await h.db.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'console_reads' AND datname = current_database()`)[0]!.n,
      );
    expect(await readConnections()).toBe(0);

    expect((await client.get('/')).status).toBe(200);
    expect((await client.get('/sending')).status).toBe(200);
    expect(await readConnections()).toBeGreaterThan(0);
  });

  it('a read URL that does not answer fails the pages that read, not the login nor chat', async () => {
    const primary = await createTestDatabase();
    const nowhere = primary.replace(/\/[^/?]+(\?.*)?$/, '/no_such_database_for_console_reads');
    const { h, client, secretary } = await world.start({ env: { DATABASE_URL: primary, DATABASE_READ_URL: nowhere } });

    // Logged in (sessions live on DATABASE_URL); the overview reads from the missing database.
    expect((await client.get('/sending')).status).toBe(500);
    expect(await h.ask(secretary, '我的')).not.toBe('');
  });
});
