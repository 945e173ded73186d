/**
 * Upload progress from what is known while streaming: bytes of the file behind the rows the server has acknowledged
 * (the total is the file's size, so no pass over the file is needed first) and rows done.
 * @module
 */

export interface ProgressInput {
  totalBytes: number;
  /** File bytes read up to the last acknowledged chunk. */
  bytesDone: number;
  rowsDone: number;
  elapsedMs: number;
  /** The import is complete: only then is it 100%. */
  finished: boolean;
}

export interface Progress {
  /** 0..100, whole numbers; 100 only once finished. */
  percent: number;
  rowsDone: number;
  /** Rows in the whole file, extrapolated from bytes; exact once finished. `null` before the first chunk. */
  rowsTotal: number | null;
  rowsPerSecond: number;
  /** Seconds left at the current pace; `null` until there is a pace. */
  etaSeconds: number | null;
}

export function measureProgress({ totalBytes, bytesDone, rowsDone, elapsedMs, finished }: ProgressInput): Progress {
  const seconds = elapsedMs / 1000;
  const rowsPerSecond = seconds > 0 ? rowsDone / seconds : 0;
  if (finished) return { percent: 100, rowsDone, rowsTotal: rowsDone, rowsPerSecond, etaSeconds: 0 };
  const fraction = totalBytes > 0 ? Math.min(1, Math.max(0, bytesDone / totalBytes)) : 0;
  return {
    percent: Math.min(99, Math.floor(fraction * 100)),
    rowsDone,
    rowsTotal: fraction > 0 ? Math.max(rowsDone, Math.round(rowsDone / fraction)) : null,
    rowsPerSecond,
    etaSeconds: fraction > 0 && seconds > 0 ? Math.max(0, (seconds * (1 - fraction)) / fraction) : null,
  };
}
