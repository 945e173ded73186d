/** @module The one way Firebreak opens D1 through Drizzle. */
import { createTableRelationsHelpers, extractTablesRelationalConfig, SQL } from "drizzle-orm";
import { DrizzleD1Database, SQLiteD1Session } from "drizzle-orm/d1";
import { SQLiteAsyncDialect, SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import * as schema from "./schema/index.ts";

/**
 * Relations are read from the schema once per isolate. `drizzle(d1, { schema })` walks the whole schema on every call,
 * which cost a webhook more CPU than its signature check (15% of the route's profile, 11% of the queue consumer's),
 * and workerd hands each queue invocation a new binding object, so caching databases by binding is not enough.
 */
let relations: ReturnType<typeof readRelations> | undefined;

function readRelations() {
  const { tables, tableNamesMap } = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
  return { fullSchema: schema, schema: tables, tableNamesMap };
}

/** What `drizzle(d1, { schema })` builds, over relations read once. */
const openDb = (d1: D1Database) => {
  relations ??= readRelations();
  const dialect = new SQLiteAsyncDialect();
  const session = new SQLiteD1Session(retryWhenBusy(d1), dialect, relations, {});
  const db = new DrizzleD1Database("async", dialect, session, relations) as DrizzleD1Database<typeof schema>;
  return Object.assign(db, { $client: d1 });
};

/**
 * Databases are kept per binding: even over relations read once, Drizzle's constructor builds a relational query
 * builder per table, 9% of a webhook's CPU when done per request. A fetch handler's `env.DB` is the same object
 * for the isolate's life; a queue invocation's is new, and pays it once per batch.
 */
const databases = new WeakMap<D1Database, Db>();

/** A Drizzle database over a D1 binding, with the whole schema for relational queries. */
export function createDb(d1: D1Database): Db {
  let db = databases.get(d1);
  if (!db) {
    db = openDb(d1);
    databases.set(d1, db);
  }
  return db;
}

const BUSY_ATTEMPTS = 6;
const BUSY_BACKOFF_MS = 20;
const EXECUTING = new Set<PropertyKey>(["all", "run", "first", "raw"]);
const ORIGINAL = Symbol("original statement");
/** Spelled from `D1Database`: the web app's types declare the binding, not every D1 type. */
type Statement = ReturnType<D1Database["prepare"]>;

/** Whether D1 refused a statement because another connection held the SQLite lock: then nothing was applied. */
export function isBusy(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if (e.message.includes("SQLITE_BUSY")) return true;
  return false;
}

async function retrying<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= BUSY_ATTEMPTS || !isBusy(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, BUSY_BACKOFF_MS * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

/**
 * D1 with statements retried while SQLite reports SQLITE_BUSY. Hosted D1 serialises every query in one Durable
 * Object and never answers BUSY, but locally the two Workers are two `wrangler dev` processes on one SQLite file, and a
 * read in one can meet a write in the other. A BUSY statement (or batch) did not run, so running it again is safe.
 */
export function retryWhenBusy(d1: D1Database): D1Database {
  const wrap = (statement: Statement): Statement =>
    new Proxy(statement, {
      get(target, property) {
        if (property === ORIGINAL) return target;
        if (property === "bind") return (...values: unknown[]) => wrap(target.bind(...values));
        const value = Reflect.get(target, property, target);
        if (typeof value !== "function") return value;
        if (EXECUTING.has(property)) return (...args: unknown[]) => retrying(() => value.apply(target, args));
        return value.bind(target);
      },
    });
  const original = (statement: Statement) =>
    ((statement as unknown as Record<symbol, Statement>)[ORIGINAL] ?? statement) as Statement;
  return new Proxy(d1, {
    get(target, property) {
      if (property === "prepare") return (query: string) => wrap(target.prepare(query));
      if (property === "batch")
        return (statements: Statement[]) => retrying(() => target.batch(statements.map(original)));
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export type Db = ReturnType<typeof openDb>;

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
