// Why is a map slow? `node bench/map-explain.mjs [journeyId | touchpointId] [segmentId]` runs getJourneyMap's (for a
// `tp_` id, getTouchpointDetail's) one batch against the map benchmark's prepared database (or the SQLite file
// BENCH_MAP_SQLITE names) through node:sqlite, twice so the page cache is warm, and prints each statement of the
// second run with its time and query plan, slowest first. BENCH_MAP_FILTER adds filter fields as JSON, such as
// '{"languages":["da"]}'.
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { ROOT } from "../scripts/lib.mjs";
import { SCALE_JOURNEY_ID, sqliteFile } from "./map-data.mjs";

const [scopeId = SCALE_JOURNEY_ID, segmentId] = process.argv.slice(2);
const file = process.env.BENCH_MAP_SQLITE ?? sqliteFile(join(ROOT, ".wrangler", "bench-map-state"));
const sqlite = new DatabaseSync(file, { readOnly: true });
const { createDb } = await import("../db/src/client.ts");
const { getJourneyMap, getTouchpointDetail, NO_FILTER } = await import("../db/src/queries/map.ts");
const segments = await import("../db/src/queries/segments.ts");
const read = scopeId.startsWith("tp_") ? getTouchpointDetail : getJourneyMap;

const timings = [];
const db = createDb(d1Over(sqlite, timings));
const segment = segmentId ? await segments.get(db, "ws_demo", segmentId) : null;
const to = new Date().toISOString().slice(0, 10);
const range = { from: new Date(Date.parse(to) - 89 * 86_400_000).toISOString().slice(0, 10), to };
for (let run = 0; run < 2; run++) {
  timings.length = 0;
  await read(db, "ws_demo", scopeId, range, {
    ...NO_FILTER,
    ...JSON.parse(process.env.BENCH_MAP_FILTER ?? "{}"),
    segment: segment?.filter ?? null,
    ...(segment && { segmentId: segment.id }),
  });
}
console.log(`total ${timings.reduce((sum, t) => sum + t.ms, 0).toFixed(1)} ms`);

for (const { sql, params, ms, rows } of timings.sort((a, b) => b.ms - a.ms)) {
  console.log(`\n${ms.toFixed(1)} ms, ${rows} rows\n${sql}\n${JSON.stringify(params)}`);
  for (const step of sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params)) console.log(`  ${step.detail}`);
}
sqlite.close();

/** Enough of D1's binding over node:sqlite for Drizzle's reads and batches, timing every statement. */
function d1Over(database, log) {
  const execute = (sql, params) => {
    const started = performance.now();
    const results = database.prepare(sql).all(...params);
    log.push({ sql, params, ms: performance.now() - started, rows: results.length });
    return results;
  };
  const statement = (sql, params = []) => ({
    bind: (...values) =>
      statement(
        sql,
        values.map((v) => (typeof v === "boolean" ? Number(v) : v)),
      ),
    all: async () => ({ results: execute(sql, params) }),
    raw: async () => execute(sql, params).map((row) => Object.values(row)),
    first: async () => execute(sql, params)[0] ?? null,
    run: async () => ({ results: execute(sql, params) }),
    sql,
    params,
  });
  return {
    prepare: (sql) => statement(sql),
    batch: async (statements) => statements.map((s) => ({ results: execute(s.sql, s.params) })),
  };
}
