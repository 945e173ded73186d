/** @module The one way Firebreak opens D1 through Drizzle. */
import { SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import * as schema from "./schema/index.ts";

/** A Drizzle database over a D1 binding, with the whole schema for relational queries. */
export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

export type Db = ReturnType<typeof createDb>;

const dialect = new SQLiteSyncDialect();

/** A statement for `runBatch`: a Drizzle query builder, or raw SQL (such as `insertFromJson`'s). */
export type BatchStatement = SQL | { toSQL(): { sql: string; params: unknown[] } };

/**
 * Runs statements in one D1 batch: one round trip, one transaction; returns each statement's result. Unlike `db.batch`, it accepts raw SQL next to
 * query builders, which the JSON bulk inserts need.
 */
export async function runBatch(db: Db, statements: readonly BatchStatement[]): Promise<D1Result[]> {
  if (statements.length === 0) return [];
  return db.$client.batch(
    statements.map((statement) => {
      const query = statement instanceof SQL ? dialect.sqlToQuery(statement) : statement.toSQL();
      return db.$client.prepare(query.sql).bind(...query.params);
    }),
  );
}
