/**
 * Bulk writes that D1's 100-bound-parameter limit would otherwise cut into rows of two or three: the rows travel as
 * ONE JSON parameter and SQLite unpacks them with `json_each`, so a thousand rows are one statement.
 * @module
 */
import { getTableColumns, getTableName, SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";

/** D1 caps a bound value at 2 MB; chunks stay well under it. */
const MAX_JSON_BYTES = 1_000_000;

type ColumnEntries = Array<[string, ReturnType<typeof getTableColumns>[string]]>;

/**
 * A row's values in column order, as SQLite should store them (JSON columns as text, booleans as 0/1), over the
 * table's columns read once per statement rather than once per row (a bulk write has thousands).
 */
function rowValues<T extends SQLiteTable>(table: T, columns: ColumnEntries, row: T["$inferInsert"]): unknown[] {
  const record = row as Record<string, unknown>;
  const values = new Array<unknown>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const [key, column] = columns[i] as ColumnEntries[number];
    const value = record[key] ?? (column.hasDefault ? column.default : null);
    if (value instanceof SQL)
      throw new Error(`${getTableName(table)}.${column.name}: give a value, not an SQL default`);
    if (column.columnType === "SQLiteTextJson") values[i] = JSON.stringify(value);
    else if (typeof value === "boolean") values[i] = value ? 1 : 0;
    else if (value instanceof Date) values[i] = value.getTime();
    else values[i] = value;
  }
  return values;
}

/**
 * `INSERT INTO table (...) SELECT ... FROM json_each(?) AS incoming WHERE true` statements for `rows`, each carrying
 * at most ~1 MB of JSON. `tail` is appended to each: more conditions (`AND ...`, see `incomingColumn`), an
 * `ON CONFLICT` clause, `RETURNING`.
 */
export function insertFromJson<T extends SQLiteTable>(table: T, rows: readonly T["$inferInsert"][], tail?: SQL): SQL[] {
  const entries: ColumnEntries = Object.entries(getTableColumns(table));
  const columns = entries.map(([, column]) => column);
  const names = sql.raw(columns.map((c) => `"${c.name}"`).join(", "));
  const picks = sql.raw(columns.map((_, i) => `json_extract(incoming.value, '$[${i}]')`).join(", "));
  const target = sql.raw(`"${getTableName(table)}"`);
  const statements: SQL[] = [];
  let chunk: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    // `WHERE true` keeps SQLite from reading a following ON CONFLICT as part of the SELECT's join syntax.
    statements.push(
      sql`INSERT INTO ${target} (${names}) SELECT ${picks} FROM json_each(${`[${chunk.join(",")}]`}) AS incoming WHERE true ${tail ?? sql``}`,
    );
    chunk = [];
    bytes = 0;
  };
  for (const row of rows) {
    const encoded = JSON.stringify(rowValues(table, entries, row));
    if (bytes + encoded.length > MAX_JSON_BYTES) flush();
    chunk.push(encoded);
    bytes += encoded.length + 1;
  }
  flush();
  return statements;
}

/** A column of the row being inserted by `insertFromJson`, for conditions in its `tail`. */
export function incomingColumn<T extends SQLiteTable>(table: T, key: keyof T["$inferInsert"] & string): SQL {
  const index = Object.keys(getTableColumns(table)).indexOf(key);
  if (index < 0) throw new Error(`${getTableName(table)} has no column ${key}`);
  return sql.raw(`json_extract(incoming.value, '$[${index}]')`);
}

/** `(SELECT value FROM json_each(?))`: any number of values as one bound parameter, for `IN` lists. */
export function jsonList(values: readonly (string | number)[]): SQL {
  return sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
