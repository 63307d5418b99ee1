/** How much a roster upload may ask of the process; every limit is checked before the work it bounds. */
export interface RosterLimits {
  /** The file as uploaded. */
  maxBytes: number;
  /** What an .xlsx declares it unpacks to, read from its central directory before anything is inflated. */
  maxUncompressedBytes: number;
  /** Data rows (the header aside). */
  maxRows: number;
  /** Reading and checking the file in its worker thread, after which the worker is stopped. */
  timeoutMs: number;
  /** The worker thread's heap: a file that lies about its sizes is stopped here, not the process. */
  maxHeapMb: number;
}

const mb = 1024 * 1024;

/** The console: secretaries' branch rosters. Larger files go through the operator's CLI. */
export const consoleRosterLimits: RosterLimits = {
  maxBytes: 20 * mb,
  maxUncompressedBytes: 50 * mb,
  maxRows: 50_000,
  timeoutMs: 60_000,
  maxHeapMb: 1024,
};

/** `npm run import`: the operator's, for a whole district at once. */
export const cliRosterLimits: RosterLimits = {
  maxBytes: 200 * mb,
  maxUncompressedBytes: 400 * mb,
  maxRows: 1_000_000,
  timeoutMs: 10 * 60_000,
  maxHeapMb: 6144,
};

/** An upload lists at most this many bad rows, then how many more there are. */
export const rosterErrorsShown = 200;
