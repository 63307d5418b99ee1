/** Rows queried this many keys at a time: a 50,000-phone lookup in one query holds the event loop for most of a second. */
const chunkSize = 1000;

/**
 * Runs `query` on the keys a chunk at a time and joins the results: between chunks the event loop
 * turns (check-ins, replies and pages go on while a large roster is checked).
 */
export async function inChunks<T>(keys: string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < keys.length; start += chunkSize) results.push(...(await query(keys.slice(start, start + chunkSize))));
  return results;
}
