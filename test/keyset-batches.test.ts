import { describe, expect, it } from 'vitest';
import { idBatches } from '../src/domain/shared/keyset-batches.ts';

/** A table of ids 1..count read the way the stream-* functions read theirs: after an id, up to a limit. */
function table(count: number) {
  const reads: number[] = [];
  const read = async (after: number, limit: number) => {
    reads.push(after);
    return Array.from({ length: count }, (_, index) => ({ id: index + 1 })).filter((row) => row.id > after).slice(0, limit);
  };
  return { read, reads };
}

async function collect(batches: AsyncIterable<{ id: number }[]>): Promise<number[][]> {
  const all: number[][] = [];
  for await (const batch of batches) all.push(batch.map((row) => row.id));
  return all;
}

describe('keyset batches (the exports read this way)', () => {
  it('reads every row once, in order, each batch after the last id of the one before', async () => {
    const five = table(5);
    expect(await collect(idBatches(five.read, 2))).toEqual([[1, 2], [3, 4], [5]]);
    expect(five.reads).toEqual([0, 2, 4]);
    const four = table(4);
    expect(await collect(idBatches(four.read, 2))).toEqual([[1, 2], [3, 4]]);
    expect(four.reads).toEqual([0, 2, 4]); // a full last batch: one more read finds nothing
    expect(await collect(idBatches(table(0).read, 2))).toEqual([]);
  });

  it('a failed read fails the export, and one read ahead of a caller that stopped is not left unhandled', async () => {
    const failing = idBatches(async (after) => (after === 0 ? [{ id: 1 }, { id: 2 }] : Promise.reject(new Error('database gone'))), 2);
    await expect(collect(failing)).rejects.toThrow('database gone');
    const stopped = idBatches(async (after) => (after === 0 ? [{ id: 1 }, { id: 2 }] : Promise.reject(new Error('database gone'))), 2);
    for await (const batch of stopped) {
      expect(batch).toHaveLength(2);
      break;
    }
  });
});
