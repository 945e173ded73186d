/**
 * Rows on their way to the server: JSONL records flattened to columns, cells capped, and only the mapped columns
 * sent, so a wide export costs no more bandwidth than the fields Firebreak reads.
 * @module
 */
import type { ColumnMapping, WireRow } from "./types.ts";

/** The server refuses longer cells; the core keeps 20,000 characters of text anyway. */
export const MAX_CELL_CHARS = 100_000;
/** The server refuses longer column names. */
export const MAX_COLUMN_CHARS = 200;
const MAX_DEPTH = 4;

const cap = (text: string) => (text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) : text);

/**
 * One record as columns: nested objects become dotted keys (`customer.email`), arrays of plain values are joined
 * with commas (tags), anything deeper is kept as JSON text.
 * @example toWireRow({ id: 7, customer: { email: "a@b.dk" }, tags: ["late", "refund"] })
 * // { id: 7, "customer.email": "a@b.dk", tags: "late,refund" }
 */
export function toWireRow(record: Record<string, unknown>): WireRow {
  const row: WireRow = {};
  const visit = (value: unknown, key: string, depth: number) => {
    if (key.length > MAX_COLUMN_CHARS) return;
    if (value === null || value === undefined) row[key] = null;
    else if (typeof value === "string") row[key] = cap(value);
    else if (typeof value === "number") row[key] = Number.isFinite(value) ? value : null;
    else if (typeof value === "boolean") row[key] = value;
    else if (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object")) {
      row[key] = cap(value.filter((v) => v !== null && v !== undefined).join(","));
    } else if (typeof value === "object" && !Array.isArray(value) && depth < MAX_DEPTH) {
      for (const [child, inner] of Object.entries(value)) visit(inner, key ? `${key}.${child}` : child, depth + 1);
    } else row[key] = cap(JSON.stringify(value) ?? "");
  };
  for (const [key, value] of Object.entries(record)) visit(value, key, 1);
  return row;
}

/** The distinct columns a mapping reads. */
export function mappedColumns(mapping: Pick<ColumnMapping, "columns">): string[] {
  return [...new Set(Object.values(mapping.columns).filter((c): c is string => !!c))];
}

/** Only the given columns of a row; a column the row lacks is left out (the server reads it as empty). */
export function pickColumns(row: WireRow, columns: readonly string[]): WireRow {
  const picked: WireRow = {};
  for (const column of columns) if (Object.hasOwn(row, column)) picked[column] = row[column] ?? null;
  return picked;
}

/** About how many characters a row adds to a JSON body, to keep chunks under the server's byte cap. */
export function rowChars(row: WireRow): number {
  let chars = 2;
  for (const [key, value] of Object.entries(row))
    chars += key.length + 6 + (typeof value === "string" ? value.length : 8);
  return chars;
}
