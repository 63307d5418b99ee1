// The worker thread's side of readRosterOffThread: reads one roster file and posts the result back,
// the rows a few thousand per message, so that the main thread takes them in short turns.
import { parentPort, workerData } from 'node:worker_threads';
import { readRosterFile } from './read-roster-file.ts';
import type { RosterLimits } from './roster-limits.ts';

const rowsPerMessage = 2000;
const { bytes, limits } = workerData as { bytes: Uint8Array; limits: RosterLimits };
const { rows, errors } = await readRosterFile(bytes, limits);
for (let start = 0; start < rows.length; start += rowsPerMessage) parentPort!.postMessage({ rows: rows.slice(start, start + rowsPerMessage) });
parentPort!.postMessage({ errors });
