/**
 * Streams a CSV or JSONL file into batches of rows, in the browser's main thread (the CSP forbids papaparse's blob
 * worker), without ever holding the file in memory: bytes are decoded as they are read (a character split between two
 * reads stays whole), parsing pauses while a batch waits to be sent, and each batch says how many bytes of the file
 * lie behind it.
 * @module
 */
import Papa from "papaparse";
import type { FileFormat, WireRow } from "./types.ts";
import { rowChars, toWireRow } from "./wire-row.ts";

/** What can be read: a `File`/`Blob`, or anything else that streams bytes and knows its size. */
export interface ByteSource {
  readonly size: number;
  stream(): ReadableStream<Uint8Array<ArrayBuffer>>;
}

export interface RowProblem {
  /** 1-based position among the file's data rows (the CSV header row is not counted). */
  row: number;
  reason: string;
}

export interface RowBatch {
  rows: WireRow[];
  /** `rowNumbers[i]` is the data row number of `rows[i]`. */
  rowNumbers: number[];
  /** The CSV header row, or every key seen so far in a JSONL file. */
  fields: string[];
  /** File bytes read when the batch was cut. */
  bytesRead: number;
  /** Rows that could not be read at all (a line that is not JSON); they are not in `rows`. */
  problems: RowProblem[];
  /** Rows read with a caveat (more fields than the header row). */
  warnings: RowProblem[];
}

export interface ReadOptions {
  format: FileFormat;
  /** Rows per batch. */
  batchRows: number;
  /** Cut a batch early once its rows add up to about this many JSON characters. */
  batchChars?: number;
}

/** `.jsonl`/`.ndjson` are JSON Lines, everything else is read as CSV. */
export function formatOf(fileName: string): FileFormat {
  return /\.(jsonl|ndjson)$/i.test(fileName) ? "jsonl" : "csv";
}

/**
 * The file's rows, a batch at a time. Reading runs at most one batch ahead of the consumer; breaking out of the loop
 * stops reading.
 * @example for await (const batch of readBatches(file, { format: "csv", batchRows: 500 })) await send(batch.rows);
 */
export async function* readBatches(file: ByteSource, options: ReadOptions): AsyncGenerator<RowBatch, void, undefined> {
  const pieces = new TextPieces(file.stream().getReader());
  const batcher = new Batcher(options, () => pieces.bytesConsumed);
  if (options.format === "jsonl") yield* jsonlBatches(pieces, batcher);
  else yield* csvBatches(pieces, batcher);
}

/** Characters handed to the parser at a time: small, so the bytes behind each batch are known to within a piece. */
const PIECE_CHARS = 16 * 1024;

/**
 * The file's text in small pieces, decoded as it streams (a character split between two reads stays whole; a BOM is
 * dropped), counting the bytes behind the pieces handed out so far. Browsers read files in chunks of up to megabytes,
 * so counting read bytes alone would run far ahead of the rows parsed.
 */
class TextPieces {
  private readonly decoder = new TextDecoder("utf-8");
  private text = "";
  private offset = 0;
  /** Bytes behind `text` from `offset` on. */
  private bytes = 0;
  private done = false;
  bytesConsumed = 0;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array<ArrayBuffer>>) {}

  /** The next piece of text, or `null` at the end of the file. */
  async next(): Promise<string | null> {
    while (this.offset >= this.text.length) {
      if (this.done) return null;
      const { done, value } = await this.reader.read();
      const rest = this.text.slice(this.offset);
      if (done) {
        this.done = true;
        this.text = rest + this.decoder.decode();
      } else {
        this.text = rest + this.decoder.decode(value, { stream: true });
        this.bytes += value.byteLength;
      }
      this.offset = 0;
    }
    let end = Math.min(this.text.length, this.offset + PIECE_CHARS);
    // Never end a piece between the two halves of a surrogate pair.
    const last = this.text.charCodeAt(end - 1);
    if (end < this.text.length && last >= 0xd800 && last <= 0xdbff) end++;
    const piece = this.text.slice(this.offset, end);
    const remaining = this.text.length - this.offset;
    const bytes = end === this.text.length ? this.bytes : Math.round((this.bytes * piece.length) / remaining);
    this.offset = end;
    this.bytes -= bytes;
    this.bytesConsumed += bytes;
    return piece;
  }

  cancel(): void {
    this.done = true;
    void this.reader.cancel().catch(() => {});
  }
}

class Batcher {
  private rows: WireRow[] = [];
  private rowNumbers: number[] = [];
  private problems: RowProblem[] = [];
  private warnings: RowProblem[] = [];
  private chars = 0;
  private next = 1;
  fields: string[] = [];

  constructor(
    private readonly options: ReadOptions,
    private readonly bytesRead: () => number,
  ) {}

  /** Numbers the next data row. */
  take(): number {
    return this.next++;
  }

  add(row: WireRow, rowNumber: number): void {
    this.rows.push(row);
    this.rowNumbers.push(rowNumber);
    this.chars += rowChars(row);
  }

  problem(row: number, reason: string): void {
    this.problems.push({ row, reason });
  }

  warn(row: number, reason: string): void {
    this.warnings.push({ row, reason });
  }

  get full(): boolean {
    return this.rows.length >= this.options.batchRows || this.chars >= (this.options.batchChars ?? Infinity);
  }

  get empty(): boolean {
    return this.rows.length === 0 && this.problems.length === 0 && this.warnings.length === 0;
  }

  cut(): RowBatch {
    const batch: RowBatch = {
      rows: this.rows,
      rowNumbers: this.rowNumbers,
      fields: [...this.fields],
      bytesRead: this.bytesRead(),
      problems: this.problems,
      warnings: this.warnings,
    };
    this.rows = [];
    this.rowNumbers = [];
    this.problems = [];
    this.warnings = [];
    this.chars = 0;
    return batch;
  }
}

async function* jsonlBatches(pieces: TextPieces, batcher: Batcher): AsyncGenerator<RowBatch> {
  const seen = new Set<string>();
  const line = (raw: string) => {
    const trimmed = raw.trim();
    if (!trimmed) return;
    const row = batcher.take();
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      batcher.problem(row, "not valid JSON");
      return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      batcher.problem(row, "not a JSON object");
      return;
    }
    const wire = toWireRow(value as Record<string, unknown>);
    for (const key of Object.keys(wire)) {
      if (!seen.has(key)) {
        seen.add(key);
        batcher.fields.push(key);
      }
    }
    batcher.add(wire, row);
  };
  let pending = "";
  try {
    for (let piece = await pieces.next(); piece !== null; piece = await pieces.next()) {
      pending += piece;
      let start = 0;
      for (let newline = pending.indexOf("\n"); newline !== -1; newline = pending.indexOf("\n", start)) {
        line(pending.slice(start, newline));
        start = newline + 1;
        if (batcher.full) yield batcher.cut();
      }
      pending = pending.slice(start);
    }
    line(pending);
    if (!batcher.empty) yield batcher.cut();
  } finally {
    pieces.cancel();
  }
}

/**
 * What papaparse's stream reader expects (a Node-style readable), over a web stream. Unlike a Node stream it only
 * reads while not paused, which is what keeps a large file out of memory while uploads are slower than parsing.
 */
class StreamSource {
  readonly readable = true;
  private readonly listeners = new Map<string, Set<(value?: unknown) => void>>();
  private paused = false;
  private pumping = false;
  private ended = false;

  constructor(private readonly pieces: TextPieces) {}

  read(): null {
    return null;
  }

  on(event: string, listener: (value?: unknown) => void): this {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)?.add(listener);
    if (event === "data") queueMicrotask(() => void this.pump());
    return this;
  }

  removeListener(event: string, listener: (value?: unknown) => void): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    void this.pump();
  }

  stop(): void {
    this.ended = true;
    this.pieces.cancel();
  }

  private emit(event: string, value?: unknown) {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(value);
  }

  private async pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.paused && !this.ended) {
        const piece = await this.pieces.next();
        if (this.ended) break;
        if (piece === null) {
          this.ended = true;
          this.emit("end");
        } else this.emit("data", piece);
      }
    } catch (error) {
      if (!this.ended) this.emit("error", error);
      this.ended = true;
    } finally {
      this.pumping = false;
    }
  }
}

async function* csvBatches(pieces: TextPieces, batcher: Batcher): AsyncGenerator<RowBatch> {
  const source = new StreamSource(pieces);
  const ready: RowBatch[] = [];
  let parser: Papa.Parser | undefined;
  let paused = false;
  let finished = false;
  let stopped = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  Papa.parse<Record<string, unknown>>(source as unknown as File, {
    header: true,
    skipEmptyLines: "greedy",
    step: (result, handle) => {
      parser = handle;
      if (result.meta.fields) batcher.fields = result.meta.fields;
      const row = batcher.take();
      const { __parsed_extra: extra, ...record } = result.data;
      if (extra !== undefined) {
        // Usually an unquoted comma: the columns up to the header's width are kept, which may shift values.
        batcher.warn(row, "more fields than the header row; the extra fields were ignored");
      }
      batcher.add(toWireRow(record), row);
      if (!batcher.full) return;
      ready.push(batcher.cut());
      paused = true;
      handle.pause();
      source.pause();
      notify();
    },
    complete: () => {
      if (stopped) return;
      if (!batcher.empty) ready.push(batcher.cut());
      finished = true;
      notify();
    },
    error: (error: unknown) => {
      failure = error;
      notify();
    },
  });

  try {
    for (;;) {
      const batch = ready.shift();
      if (batch) {
        // Parse the next batch while this one is being sent.
        if (paused && ready.length === 0 && parser) {
          paused = false;
          parser.resume();
          if (!paused) source.resume();
        }
        yield batch;
        continue;
      }
      if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
      if (finished) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    if (!finished) {
      stopped = true;
      source.stop();
      parser?.abort();
    }
  }
}
