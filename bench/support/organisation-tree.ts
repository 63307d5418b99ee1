import type { Db } from '../../src/db/client.ts';

/**
 * The district the benchmarks work on: 基准区 (id 1), ten communities (ids 2–11) and `branches`
 * branches spread over them (ids from 12).
 */
export async function createBenchTree(db: Db, branches: number): Promise<void> {
  await db.$executeRaw`INSERT INTO "Organization" (id, name, path) VALUES (1, '基准区', '基准区')`;
  await db.$executeRaw`
    INSERT INTO "Organization" (id, name, path, "parentId")
    SELECT 1 + c, '社区' || c, '基准区/社区' || c, 1 FROM generate_series(1, 10) c`;
  await db.$executeRaw`
    INSERT INTO "Organization" (id, name, path, "parentId")
    SELECT 11 + b, '支部' || b, '基准区/社区' || (1 + (b - 1) % 10) || '/支部' || b, 2 + (b - 1) % 10
    FROM generate_series(1, ${branches}::int) b`;
}
