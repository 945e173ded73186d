import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";

const ROOT = "/work/main";
const { sqliteFile } = await import("./map-data.mjs");
const sqlite = new DatabaseSync(sqliteFile(join(ROOT, ".wrangler", "bench-map-state")), { readOnly: true });
const { createDb } = await import("../db/src/client.ts");
let log = [];
const run = (sql, params) => {
  const t = performance.now();
  const r = sqlite.prepare(sql).all(...params);
  log.push({ sql: sql.slice(0, 100), ms: performance.now() - t, rows: r.length, bytes: JSON.stringify(r).length });
  return r;
};
const statement = (sql, params = []) => ({
  bind: (...v) =>
    statement(
      sql,
      v.map((x) => (typeof x === "boolean" ? Number(x) : x)),
    ),
  all: async () => ({ results: run(sql, params) }),
  raw: async () => run(sql, params).map((r) => Object.values(r)),
  first: async () => run(sql, params)[0] ?? null,
  run: async () => ({ results: run(sql, params) }),
  sql,
  params,
});
const db = createDb({
  prepare: (s) => statement(s),
  batch: async (sts) => sts.map((s) => ({ results: run(s.sql, s.params) })),
});
const ws = "ws_demo";
const calls = {
  listJourneys: async () => (await import("../db/src/queries/map.ts")).listJourneys(db, ws),
  sources: async () => (await import("../db/src/queries/sources.ts")).list(db, ws),
  segments: async () => (await import("../db/src/queries/segments.ts")).list(db, ws),
  workspace: async () => (await import("../db/src/queries/workspaces.ts")).get(db, ws),
  shares: async () => (await import("../db/src/queries/share-links.ts")).listFor(db, ws, "journey", "jr_bench_scale"),
  alerts: async () => (await import("../db/src/queries/alerts.ts")).openCounts(db, ws),
};
for (const [name, fn] of Object.entries(calls)) {
  log = [];
  await fn();
  log = [];
  await fn();
  for (const l of log)
    console.log(
      name.padEnd(14),
      l.ms.toFixed(1).padStart(7),
      "ms",
      String(l.rows).padStart(6),
      "rows",
      String(l.bytes).padStart(9),
      "B",
      l.sql,
    );
}
