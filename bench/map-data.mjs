// The map benchmark's data: the demo workspace plus a "Scale test" journey (10 stages, 80 touchpoints) holding a
// million feedback items over the last 365 days and their daily rollups. Written straight into the local D1's SQLite
// file with node:sqlite while no Worker runs, because a million items through the Workers would take an hour. Cached
// in its state directory; a new DATA_VERSION, another size or data older than MAX_AGE_DAYS prepares it again.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { prepareDatabase } from "../scripts/database.mjs";
import { ROOT, readJson, writeJson } from "../scripts/lib.mjs";

/** Bump when the generated data changes shape, so cached states are rebuilt. */
const DATA_VERSION = 2;
/** The map's default range ends today: older data would leave its last weeks empty. */
const MAX_AGE_DAYS = 3;
const DAY_MS = 86_400_000;
const WORKSPACE_ID = "ws_demo";
export const SCALE_JOURNEY_ID = "jr_bench_scale";
/** Bench item ids sort together, so the rollup rebuild reads exactly them by primary key. */
const ITEM_PREFIX = "itm_bench_";
/** Zipf exponent of touchpoint popularity: the hottest touchpoint gets ~20% of the items, the coldest ~0.25%. */
const ZIPF = 1;
/** Chance that an item whose customer was at the touchpoint about a theme in the last 14 days repeats that contact. */
const REPEAT_CHANCE = 0.1;
const REPEAT_WINDOW_MS = 14 * DAY_MS;
/** In the last week a few touchpoints surge (a broken release), so the map has spikes to flag. */
const SURGE_SHARE = 0.2;
const SURGE_RANKS = [20, 35, 60];
const CHANNELS = ["web", "app", "email", "chat", "phone", "social", "store", "survey"];

/**
 * Makes sure `config.state` holds the demo workspace plus the scale journey with `items` items; returns what the
 * benchmark needs to know about it (ids, counts, how long preparing took, whether it came from the cache).
 */
export async function prepareScaleState(config, { stages = 10, touchpoints = 80, items = 1_000_000, log }) {
  const markerFile = join(config.state, "bench-map.json");
  const marker = readJson(markerFile);
  const fresh = marker && Date.now() - marker.preparedAt < MAX_AGE_DAYS * DAY_MS;
  const wanted = { version: DATA_VERSION, stages, touchpoints, items };
  if (fresh && Object.entries(wanted).every(([key, value]) => marker[key] === value)) {
    // Migrations added since are applied to the cached data, as `npm start` applies them to a developer's.
    await prepareDatabase(config, { log });
    log(`scale data cached (prepared ${new Date(marker.preparedAt).toISOString()} in ${marker.prepareSeconds} s)`);
    return { ...marker, cached: true };
  }

  const started = performance.now();
  await prepareDatabase(config, { reset: true, log });
  const db = new DatabaseSync(sqliteFile(config.state));
  try {
    // Only this one-off load runs unsafely fast; the Workers open the file with their own settings.
    db.exec("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;");
    db.exec("BEGIN");
    const now = Date.now();
    const touchpointIds = insertJourney(db, stages, touchpoints, now);
    let at = performance.now();
    insertItems(db, touchpointIds, items, now);
    log(`  ${items.toLocaleString("en")} items written (${Math.round(performance.now() - at)} ms)`);
    at = performance.now();
    const rollups = insertRollups(db);
    log(`  ${rollups.toLocaleString("en")} rollup rows computed from them (${Math.round(performance.now() - at)} ms)`);
    db.exec("COMMIT");
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  } finally {
    db.close();
  }
  const prepared = {
    ...wanted,
    journeyId: SCALE_JOURNEY_ID,
    preparedAt: Date.now(),
    prepareSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  writeJson(markerFile, prepared);
  log(`scale data prepared in ${prepared.prepareSeconds} s`);
  return { ...prepared, cached: false };
}

/** The D1 database's SQLite file under a wrangler state directory (miniflare keeps metadata beside it). */
export function sqliteFile(state) {
  const dir = join(state, "v3", "d1", "miniflare-D1DatabaseObject");
  const files = readdirSync(dir).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (files.length !== 1) throw new Error(`expected one D1 database in ${dir}, found ${files.length}`);
  return join(dir, files[0]);
}

/** The "Scale test" journey, after the demo's journeys; returns its touchpoint ids in map order. */
function insertJourney(db, stageCount, touchpointCount, now) {
  const position = db.prepare("SELECT count(*) AS n FROM journeys WHERE workspace_id = ?").get(WORKSPACE_ID).n;
  db.prepare(
    `INSERT INTO journeys (id, workspace_id, name, description, state, position, created_at, updated_at)
     VALUES (?, ?, 'Scale test', ?, 'current', ?, ?, ?)`,
  ).run(
    SCALE_JOURNEY_ID,
    WORKSPACE_ID,
    `${stageCount} stages, ${touchpointCount} touchpoints and a million items: the map benchmark's journey.`,
    position,
    now,
    now,
  );
  const stage = db.prepare(
    "INSERT INTO stages (id, workspace_id, journey_id, name, description, position) VALUES (?, ?, ?, ?, '', ?)",
  );
  const touchpoint = db.prepare(
    `INSERT INTO touchpoints (id, workspace_id, journey_id, stage_id, key, name, description, channel, owner, position,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
  );
  const ids = [];
  for (let s = 0; s < stageCount; s++) {
    const stageId = `st_bench_${pad(s + 1, 2)}`;
    stage.run(stageId, WORKSPACE_ID, SCALE_JOURNEY_ID, `Stage ${s + 1}`, s);
    // Touchpoints spread as evenly as they divide: 80 over 10 stages is 8 each.
    const from = Math.round((s * touchpointCount) / stageCount);
    const to = Math.round(((s + 1) * touchpointCount) / stageCount);
    for (let t = from; t < to; t++) {
      const id = `tp_bench_${pad(t + 1, 3)}`;
      const channel = CHANNELS[t % CHANNELS.length];
      touchpoint.run(
        id,
        WORKSPACE_ID,
        SCALE_JOURNEY_ID,
        stageId,
        `bench-${pad(t + 1, 3)}`,
        `Touchpoint ${s + 1}.${t - from + 1}`,
        channel,
        `Team ${(t % 7) + 1}`,
        t - from,
        now,
        now,
      );
      ids.push(id);
    }
  }
  return ids;
}

/**
 * A million items, oldest first, each a copy of a random demo item from the demo touchpoint its scale touchpoint
 * mirrors (its source, kind, channel, language, text, score, sentiment, theme, customer, tags and escalations, so
 * each touchpoint keeps the demo's mix and the themes stay where they occur), placed on a scale touchpoint by Zipf
 * popularity, with volume growing over the year, a surge at three touchpoints in the last week, and repeat contacts
 * (same customer, same theme, within 14 days) linked to the customer's previous item there.
 */
function insertItems(db, touchpointIds, count, now) {
  // Numbered the same way twice: in JS to choose a template, in a temp table to copy it by number.
  const source = `FROM feedback_items f JOIN touchpoints t ON t.id = f.touchpoint_id
    WHERE f.workspace_id = '${WORKSPACE_ID}' AND f.erased_at IS NULL AND t.journey_id != '${SCALE_JOURNEY_ID}'`;
  const templates = db
    .prepare(
      `SELECT row_number() OVER (ORDER BY f.id) - 1 AS rn, f.customer_id AS customerId, f.theme_id AS themeId,
         f.touchpoint_id AS touchpointId ${source}`,
    )
    .all();
  const byDemoTouchpoint = Map.groupBy(templates, (t) => t.touchpointId);
  const demoTouchpoints = [...byDemoTouchpoint.keys()].sort();
  const mirrored = new Map(
    touchpointIds.map((id, i) => [id, byDemoTouchpoint.get(demoTouchpoints[i % demoTouchpoints.length])]),
  );
  db.exec(`CREATE TEMP TABLE bench_template AS SELECT row_number() OVER (ORDER BY f.id) - 1 AS rn, f.* ${source};
    CREATE UNIQUE INDEX temp.bench_template_rn ON bench_template (rn);`);
  const insert = db.prepare(`
    INSERT INTO feedback_items (id, workspace_id, source_id, external_id, kind, channel, title, text, text_truncated,
      redactions, score, scale, scale_min, scale_max, customer_id, language, sentiment, sentiment_label,
      sentiment_confidence, touchpoint_id, touchpoint_confidence, touchpoint_method, theme_id, tags, status,
      escalations, repeat_of_item_id, friction, analysis_version, needs_enrichment, occurred_at, revision_at,
      received_at)
    SELECT :id, workspace_id, source_id, :externalId, kind, channel, title, text, text_truncated, redactions, score,
      scale, scale_min, scale_max, customer_id, language, sentiment, sentiment_label,
      sentiment_confidence, :touchpointId, 1, 'hint', coalesce(:themeId, theme_id), tags, status, escalations,
      :repeatOf, friction, analysis_version, needs_enrichment, :occurredAt, :occurredAt, :occurredAt + 1000
    FROM temp.bench_template WHERE rn = :rn`);

  const random = mulberry32(20261123);
  const pick = zipfPicker(touchpointIds, random);
  const surging = SURGE_RANKS.filter((rank) => rank < touchpointIds.length).map((rank) => pick.byRank(rank));
  const from = now - 365 * DAY_MS;
  const surgeFrom = now - 7 * DAY_MS;
  /** Per touchpoint × customer: their latest item there (id, theme, time), for repeat contacts. */
  const lastContact = new Map();
  for (let i = 0; i < count; i++) {
    // ((i + u) / n)^0.8: time stays ordered (the indexes fill in order) and volume grows towards today.
    const occurredAt = Math.round(from + 365 * DAY_MS * ((i + random()) / count) ** 0.8);
    const touchpointId =
      occurredAt >= surgeFrom && surging.length && random() < SURGE_SHARE
        ? surging[Math.floor(random() * surging.length)]
        : pick();
    const candidates = mirrored.get(touchpointId);
    const template = candidates[Math.floor(random() * candidates.length)];
    const id = `${ITEM_PREFIX}${pad(i, 7)}`;
    let repeatOf = null;
    let themeId = null;
    if (template.customerId) {
      const key = `${touchpointId}|${template.customerId}`;
      const last = lastContact.get(key);
      if (last?.themeId && occurredAt - last.at <= REPEAT_WINDOW_MS && random() < REPEAT_CHANCE) {
        repeatOf = last.id;
        themeId = last.themeId;
      }
      lastContact.set(key, { id, themeId: themeId ?? template.themeId, at: occurredAt });
    }
    insert.run({
      id,
      externalId: `bench-${pad(i, 7)}`,
      touchpointId,
      themeId,
      repeatOf,
      occurredAt,
      rn: template.rn,
    });
  }
  db.exec("DROP TABLE temp.bench_template");
}

/**
 * The bench items' `daily_rollups`, computed in SQL by the statement migration 0005 rebuilt all rollups with (the
 * rules of `contributionOf`), read from that migration and narrowed to the bench items. Returns the rows written.
 */
function insertRollups(db) {
  const migration = readFileSync(join(ROOT, "db", "migrations", "0005_rollup_channel_language.sql"), "utf8");
  const statement = migration.split("--> statement-breakpoint").find((s) => s.includes("INSERT INTO `__new_daily"));
  const itemsOnly = `FROM feedback_items WHERE id >= '${ITEM_PREFIX}' AND id < '${ITEM_PREFIX}~'\n`;
  const sql = once(
    once(statement, "INSERT INTO `__new_daily_rollups`", "INSERT INTO `daily_rollups`"),
    /FROM feedback_items\n/,
    itemsOnly,
  );
  return Number(db.prepare(sql).run().changes);
}

/** `text` with `pattern` replaced, which must occur exactly once (so a changed migration fails loudly). */
function once(text, pattern, replacement) {
  const matches = text.split(pattern).length - 1;
  if (matches !== 1) throw new Error(`expected one ${pattern} in the rollup rebuild statement, found ${matches}`);
  return text.replace(pattern, replacement);
}

/** Picks touchpoints by Zipf popularity; ranks are shuffled over the journey so hot ones sit in every stage. */
function zipfPicker(ids, random) {
  const byRank = [...ids];
  for (let i = byRank.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [byRank[i], byRank[j]] = [byRank[j], byRank[i]];
  }
  const cumulative = [];
  let total = 0;
  for (let rank = 0; rank < byRank.length; rank++) {
    total += 1 / (rank + 1) ** ZIPF;
    cumulative.push(total);
  }
  const pick = () => {
    const target = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return byRank[lo];
  };
  pick.byRank = (rank) => byRank[rank];
  return pick;
}

/** A small deterministic PRNG, so every preparation writes the same data. */
function mulberry32(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, width) => String(n).padStart(width, "0");
