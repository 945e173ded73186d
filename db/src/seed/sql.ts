/**
 * Renders rows as literal multi-row INSERT statements for D1's `exec`, which runs a whole script in one call. Bulk
 * loading through `exec` is two orders of magnitude faster locally than per-statement batches through the platform
 * proxy (measured: 3,600 rows in 67 ms vs 2.8 s), which is what makes seeding take seconds. Only for trusted,
 * generated rows; request data always goes through bound parameters.
 * @module
 */
import { getTableColumns, getTableName, SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (value instanceof Date) return String(value.getTime());
  const text = typeof value === "string" ? value : JSON.stringify(value);
  // D1's exec splits its input on newlines, so line breaks inside strings are spliced in with char(10).
  return `'${text.replace(/'/g, "''").replace(/\r?\n/g, "' || char(10) || '")}'`;
}

/** D1 refuses statements over 100 KB (SQLITE_TOOBIG); statements are cut below that. */
export const MAX_STATEMENT_BYTES = 90_000;

/** `INSERT INTO table (...) VALUES (...), (...);` statements, each under `maxBytes`. */
export function insertStatements<T extends SQLiteTable>(
  table: T,
  rows: readonly T["$inferInsert"][],
  maxBytes = MAX_STATEMENT_BYTES,
): string[] {
  const columns = Object.entries(getTableColumns(table));
  const tableName = getTableName(table);
  const head = `INSERT INTO "${tableName}" (${columns.map(([, column]) => `"${column.name}"`).join(", ")}) VALUES `;
  const statements: string[] = [];
  let values: string[] = [];
  let length = head.length;
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    const cells = columns.map(([key, column]) => {
      const value = record[key] ?? (column.hasDefault ? column.default : null);
      if (value instanceof SQL)
        throw new Error(`${tableName}.${column.name}: give a value; SQL defaults are not rendered`);
      return literal(column.columnType === "SQLiteTextJson" ? JSON.stringify(value) : value);
    });
    const tuple = `(${cells.join(", ")})`;
    if (values.length > 0 && length + tuple.length + 2 > maxBytes) {
      statements.push(`${head}${values.join(", ")};`);
      values = [];
      length = head.length;
    }
    values.push(tuple);
    length += tuple.length + 2;
  }
  if (values.length > 0) statements.push(`${head}${values.join(", ")};`);
  return statements;
}
