import type { Db } from './client.ts';

/** Whether PostgreSQL answers: tells an outage (wait and retry) from a fault of one message or send. */
export async function isDatabaseUp(db: Db): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
