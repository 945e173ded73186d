/**
 * CSV downloads: papaparse's `unparse` with `escapeFormulae`, so a name like `=HYPERLINK(…)` stays text in a
 * spreadsheet, CRLF line ends, and a UTF-8 byte order mark so Excel reads accents right.
 * @module
 */
import Papa from "papaparse";

const BOM = "\ufeff";

/** A CSV file of `fields` as the header row and `data` below it. */
export function csv(fields: string[], data: (string | number)[][]): string {
  return BOM + Papa.unparse({ fields, data }, { escapeFormulae: true, newline: "\r\n" });
}

/** A UTC day of a timestamp, or "" without one. */
export function csvDay(ms: number | null | undefined): string {
  return ms ? new Date(ms).toISOString().slice(0, 10) : "";
}
