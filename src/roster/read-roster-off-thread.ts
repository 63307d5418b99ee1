import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParsedRoster, RosterError, RosterRow } from './parse-roster.ts';
import { sizeRefusal } from './read-roster-file.ts';
import { rosterErrorsShown, type RosterLimits } from './roster-limits.ts';

/** A roster as read off the main thread: the first errors (by line) and how many there are in all. */
export interface CheckedRoster extends ParsedRoster {
  errorCount: number;
}

/** The worker's own file, next to this one: .ts when run by tsx or vitest, .js in the build. */
const workerFile = new URL(`./roster-parse-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);
/** Node 20 does not pass `--import tsx` on to a worker: run from TypeScript, the worker registers tsx itself. */
const workerBootstrap = `
  const { workerData } = require('node:worker_threads');
  (async () => {
    if (workerData.tsx) (await import(workerData.tsx)).register();
    await import(workerData.file);
  })();`;

/** tsx's ESM register(), found from here: the worker's own resolution starts from the working directory. */
function tsxApi(): string {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  return pathToFileURL(path.join(packageDir, 'dist/esm/api/index.mjs')).href;
}

/**
 * Reads and checks a roster file (readRosterFile) in a worker thread, so unzipping, XML and CSV
 * parsing and the checks of every row never hold up the event loop: check-ins, replies and console
 * pages go on meanwhile. The worker has a heap limit and a time limit; a file that exceeds either
 * (an .xlsx lying about its sizes) is refused and the worker stopped, the process unharmed.
 */
export function readRosterOffThread(bytes: Uint8Array, limits: RosterLimits): Promise<CheckedRoster> {
  // A zip bomb is refused here and now, without starting a worker.
  const tooLarge = sizeRefusal(bytes, limits);
  if (tooLarge) return Promise.resolve({ rows: [], errors: [{ line: 1, reason: tooLarge }], errorCount: 1 });
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerBootstrap, {
      eval: true,
      workerData: { bytes, limits, file: workerFile.href, tsx: workerFile.pathname.endsWith('.ts') ? tsxApi() : null },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
    });
    const refuse = (reason: string) => finish({ rows: [], errors: [{ line: 1, reason }] });
    const timer = setTimeout(() => refuse(`文件太复杂，${limits.timeoutMs / 1000} 秒内没有读完；请另存为 CSV，或分成几份上传`), limits.timeoutMs);
    let settled = false;
    function finish(parsed: ParsedRoster): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      const errors = firstErrors(parsed.errors);
      resolve({ ...errors, rows: errors.errorCount > 0 ? [] : parsed.rows });
    }
    const rows: RosterRow[] = [];
    worker.on('message', (part: { rows: RosterRow[] } | { errors: RosterError[] }) => {
      if ('rows' in part) rows.push(...part.rows);
      else finish({ rows, errors: part.errors });
    });
    worker.once('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') refuse('文件解开后太大，无法读取；请另存为 CSV，或分成几份上传');
      else if (!settled) {
        settled = true;
        clearTimeout(timer);
        reject(error);
      }
    });
  });
}

/** Errors sorted by line, the first rosterErrorsShown of them kept, and how many there are: a 56 MB error page helps nobody. */
export function firstErrors(errors: RosterError[]): { errors: RosterError[]; errorCount: number } {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  return { errors: sorted.slice(0, rosterErrorsShown), errorCount: sorted.length };
}
