/**
 * One upload, start to finish: create the import with the confirmed mapping, stream the file and send its rows in
 * chunks (two on their way at once, the next one parsed meanwhile), report progress after every acknowledged chunk,
 * then complete the import; or, when cancelled, let the chunks in flight land and cancel the import.
 * @module
 */
import { postJson, RequestFailure } from "./client.ts";
import { measureProgress, type Progress } from "./progress.ts";
import { type ByteSource, type RowProblem, readBatches } from "./read-file.ts";
import type { ChunkResponse, ColumnMapping, FileFormat, ImportJob } from "./types.ts";
import { mappedColumns, pickColumns } from "./wire-row.ts";

/** Rows per request: small enough for a steady progress bar, large enough to keep D1 round trips few. */
export const CHUNK_ROWS = 500;
/** Under the endpoint's 4 MiB cap with room for JSON escaping. */
export const CHUNK_CHARS = 2_500_000;
/** Chunks on their way at once: the Worker analyses one while D1 writes the other. */
export const IN_FLIGHT = 2;
/** Failures kept for the summary. */
export const FAILURES_KEPT = 20;

export interface UploadTotals {
  /** Rows read from the file (sent, or refused while reading). */
  rows: number;
  inserted: number;
  updated: number;
  skipped: number;
  failed: number;
  warned: number;
}

export interface UploadReport {
  job: ImportJob;
  totals: UploadTotals;
  /** The first failures, by data row number. */
  failures: RowProblem[];
  warnings: RowProblem[];
  cancelled: boolean;
  elapsedMs: number;
}

export interface UploadRequest {
  file: ByteSource;
  fileName: string;
  format: FileFormat;
  mapping: ColumnMapping;
  /** The source's import endpoints, e.g. `/sources/src_1/imports`. */
  baseUrl: string;
  onProgress?: (progress: Progress, totals: UploadTotals) => void;
  /** Aborting stops reading; chunks in flight are allowed to land so the import's counts stay true. */
  signal?: AbortSignal;
  fetch?: typeof fetch;
  now?: () => number;
  chunkRows?: number;
  backoffMs?: number;
}

export async function runUpload(request: UploadRequest): Promise<UploadReport> {
  const { file, mapping, baseUrl, signal, onProgress } = request;
  const now = request.now ?? (() => performance.now());
  const post = <T>(url: string, body: unknown) =>
    postJson<T>(url, body, { fetch: request.fetch, backoffMs: request.backoffMs });
  const started = now();
  const totals: UploadTotals = { rows: 0, inserted: 0, updated: 0, skipped: 0, failed: 0, warned: 0 };
  const failures: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const keep = (list: RowProblem[], items: RowProblem[]) => {
    for (const item of items) if (list.length < FAILURES_KEPT) list.push(item);
  };
  /** Chunks in the order they were read; the front is dropped once acknowledged, which moves `bytesDone` on. */
  const chunks: Chunk[] = [];
  let bytesDone = 0;
  let failure: unknown;
  const report = (finished: boolean) => {
    while (chunks[0]?.done) bytesDone = chunks.shift()?.bytes ?? bytesDone;
    onProgress?.(
      measureProgress({
        totalBytes: file.size,
        bytesDone,
        rowsDone: totals.rows,
        elapsedMs: now() - started,
        finished,
      }),
      { ...totals },
    );
  };
  const inFlight = () => chunks.filter((c) => !c.done);
  const settle = () => Promise.race(inFlight().map((c) => c.sent));

  const job = await post<ImportJob>(baseUrl, { format: request.format, fileName: request.fileName, mapping });
  const jobUrl = `${baseUrl}/${encodeURIComponent(job.id)}`;
  const columns = mappedColumns(mapping);
  const idColumn = mapping.columns.externalId;
  report(false);
  try {
    const batches = readBatches(file, {
      format: request.format,
      batchRows: request.chunkRows ?? CHUNK_ROWS,
      batchChars: CHUNK_CHARS,
    });
    for await (const batch of batches) {
      totals.rows += batch.problems.length;
      totals.failed += batch.problems.length;
      totals.warned += batch.warnings.length;
      keep(failures, batch.problems);
      keep(warnings, batch.warnings);
      const rows = batch.rows.map((r) => pickColumns(r, columns));
      const ids = new Set(idColumn ? rows.map((r) => String(r[idColumn] ?? "")) : []);
      // A row id also in a chunk on its way waits for it: the versions of one row are then written in order and
      // counted once, where two chunks racing past the "already stored?" check would both add it to the rollups.
      while (inFlight().some((c) => overlaps(c.ids, ids))) await settle();
      while (inFlight().length >= IN_FLIGHT) await settle();
      if (failure || signal?.aborted) break;
      const chunk: Chunk = { ids, bytes: batch.bytesRead, done: rows.length === 0, sent: Promise.resolve() };
      if (rows.length > 0) {
        chunk.sent = post<ChunkResponse>(`${jobUrl}/rows`, { rows })
          .then((result) => {
            totals.rows += rows.length;
            totals.inserted += result.inserted;
            totals.updated += result.updated;
            totals.skipped += result.skipped;
            totals.failed += result.failed;
            keep(
              failures,
              result.failures.map((f) => ({ row: batch.rowNumbers[f.index] ?? 0, reason: f.reason })),
            );
          })
          .catch((error: unknown) => {
            failure ??= error;
          })
          .finally(() => {
            chunk.done = true;
            report(false);
          });
      }
      chunks.push(chunk);
      if (chunk.done) report(false);
      if (signal?.aborted) break;
    }
  } catch (error) {
    failure ??= new RequestFailure(0, "read_error", readProblem(error), null);
  }
  await Promise.all(chunks.map((c) => c.sent));
  if (failure) {
    // Close the import so it does not stay "running"; the caller shows the error.
    await post(`${jobUrl}/cancel`, { rowsSent: totals.rows }).catch(() => {});
    throw failure instanceof RequestFailure ? failure : new RequestFailure(0, "read_error", readProblem(failure), null);
  }
  failures.sort((a, b) => a.row - b.row);
  const cancelled = signal?.aborted ?? false;
  const final = cancelled
    ? await post<ImportJob>(`${jobUrl}/cancel`, { rowsSent: totals.rows })
    : await post<ImportJob>(`${jobUrl}/complete`, {});
  if (!cancelled) report(true);
  return { job: final, totals, failures, warnings, cancelled, elapsedMs: now() - started };
}

interface Chunk {
  /** The row ids it carries. */
  ids: Set<string>;
  /** File bytes read up to its last row. */
  bytes: number;
  done: boolean;
  sent: Promise<void>;
}

function overlaps(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const id of small) if (large.has(id)) return true;
  return false;
}

function readProblem(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `The file could not be read (${detail}). Was it moved or changed while uploading?`;
}
