/**
 * Rows in batches, each read after the key of the last row of the one before (keyset pagination):
 * every batch is an index range scan however far the export has got, and only one batch is held
 * at a time. Ends after a short batch.
 */
export async function* keysetBatches<Row, Key>(options: {
  first: Key;
  batchSize: number;
  keyOf: (row: Row) => Key;
  read: (after: Key, limit: number) => Promise<Row[]>;
}): AsyncGenerator<Row[]> {
  let after = options.first;
  for (;;) {
    const rows = await options.read(after, options.batchSize);
    if (rows.length > 0) yield rows;
    if (rows.length < options.batchSize) return;
    after = options.keyOf(rows.at(-1)!);
  }
}

/** Batches keyed by an ascending integer id. */
export function idBatches<Row extends { id: number }>(read: (afterId: number, limit: number) => Promise<Row[]>, batchSize = 2000): AsyncGenerator<Row[]> {
  return keysetBatches({ first: 0, batchSize, keyOf: (row: Row) => row.id, read });
}
