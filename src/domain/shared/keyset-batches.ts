/**
 * Rows in batches, each read after the key of the last row of the one before (keyset pagination):
 * every batch is an index range scan however far the export has got, and at most two batches are
 * held at a time — the next one is asked for while the caller writes this one. Ends after a short batch.
 */
export async function* keysetBatches<Row, Key>(options: {
  first: Key;
  batchSize: number;
  keyOf: (row: Row) => Key;
  read: (after: Key, limit: number) => Promise<Row[]>;
}): AsyncGenerator<Row[]> {
  let pending: Promise<Row[]> | null = options.read(options.first, options.batchSize);
  while (pending) {
    const rows: Row[] = await pending;
    pending = rows.length < options.batchSize ? null : options.read(options.keyOf(rows.at(-1)!), options.batchSize);
    // A caller that stops early leaves the read ahead unawaited: its failure must not go unhandled.
    pending?.catch(() => undefined);
    if (rows.length > 0) yield rows;
  }
}

/** Batches keyed by an ascending integer id. */
export function idBatches<Row extends { id: number }>(read: (afterId: number, limit: number) => Promise<Row[]>, batchSize = 2000): AsyncGenerator<Row[]> {
  return keysetBatches({ first: 0, batchSize, keyOf: (row: Row) => row.id, read });
}
