// The worker thread's side of readRosterOffThread: reads one roster file and posts the result back.
import { parentPort, workerData } from 'node:worker_threads';
import { readRosterFile } from './read-roster-file.ts';
import type { RosterLimits } from './roster-limits.ts';

const { bytes, limits } = workerData as { bytes: Uint8Array; limits: RosterLimits };
parentPort!.postMessage(await readRosterFile(bytes, limits));
