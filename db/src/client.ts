/** @module The one way Firebreak opens D1 through Drizzle. */
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema/index.ts";

/** A Drizzle database over a D1 binding, with the whole schema for relational queries. */
export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

export type Db = ReturnType<typeof createDb>;

/**
 * D1 accepts at most 100 bound parameters per statement, so multi-row inserts are cut into chunks of
 * `floor(100 / columns)` rows.
 */
export function chunkForD1<T>(rows: readonly T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(100 / columnsPerRow));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
