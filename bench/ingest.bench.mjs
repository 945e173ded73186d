// Ingest on loopback: signed Standard Webhooks deliveries against the running ingest Worker vs its no-op route
// (GET /health) in the same run, at 50 connections for a few seconds each; then how fast the queue consumer drains
// a pre-filled backlog of deliveries nobody has processed yet. Starts its own Worker on its own port and state.
import { join } from "node:path";
import { Webhook } from "standardwebhooks";
import { getPlatformProxy } from "wrangler";
import { prepareDatabase } from "../scripts/database.mjs";
import { localConfig, ROOT, startQuietIngest, stopService, waitForHttp } from "../scripts/lib.mjs";

const CONNECTIONS = 50;
/** A light load as well: at 50 connections even the no-op route queues for hundreds of ms on 2 cores. */
const LIGHT_CONNECTIONS = 4;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 5000);
const COMMENTS = [
  "Parcel arrived three days late and still no refund",
  "Great service, the driver was friendly and on time",
  "I was charged twice and nobody answers the chat",
  "Pakken kom for sent og ingen svarede på min mail",
  "Lieferung war schnell, aber die Rechnung war falsch",
  "Easy to book, but the tracking page never updated",
];
const config = localConfig({ FIREBREAK_STATE: join(ROOT, ".wrangler", "bench-state"), FIREBREAK_INGEST_PORT: "18887" });

const credentials = await prepareDatabase(config, { reset: true, log: () => {} });
await writeBacklog(BACKLOG);
// ~250 req/s to one source is a flood by the per-source webhook limit (600 per 10 s), so it is off here: this measures
// the pipeline, not 429s. BENCH_RATE_LIMIT=per-source keeps it on (wrangler.toml's limit must then be raised).
const ingest = startQuietIngest(config, { WEBHOOK_RATE_LIMIT: process.env.BENCH_RATE_LIMIT ?? "off" });

try {
  await waitForHttp(`${config.ingestUrl}/health`, ingest);
  const webhook = new Webhook(credentials.webhook.secret);
  const url = `${config.ingestUrl}/webhooks/standard-webhooks/${credentials.webhook.sourceId}`;
  let n = 0;
  const signedRequest = () => {
    const id = `bench-${process.pid}-${n++}`;
    const now = new Date();
    const body = JSON.stringify({
      type: "feedback.created",
      timestamp: now.toISOString(),
      data: {
        id,
        score: n % 11,
        scale: "nps",
        comment: "Parcel arrived three days late and still no refund",
        touchpoint: "delivery-tracking",
        customer: { id: `c${n % 500}` },
      },
    });
    return [
      url,
      {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          "webhook-id": id,
          "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
          "webhook-signature": webhook.sign(id, now, body),
        },
      },
    ];
  };
  const noop = () => [`${config.ingestUrl}/health`, {}];

  // Warm both paths (JIT, D1 pages, the JWKS-free signature path), and let the consumer finish the warm-up's
  // deliveries so it does not eat into the baseline.
  await load(noop, 2);
  await load(signedRequest, 2);
  await waitForDrain();
  const baseline = await load(noop, SECONDS);
  // The consumer processes these as they arrive, on the same cores: that is part of the signed path's cost.
  const signed = await load(signedRequest, SECONDS);
  await waitForDrain();
  const lightBaseline = await load(noop, SECONDS, LIGHT_CONNECTIONS);
  const lightSigned = await load(signedRequest, SECONDS, LIGHT_CONNECTIONS);
  await waitForDrain();

  // The backlog sits in D1 as failed deliveries; "replay all" puts it on the queue 500 at a time.
  const drainStarted = performance.now();
  let enqueued = 0;
  for (;;) {
    const res = await api("POST", `/api/v1/sources/${credentials.webhook.sourceId}/replay`, { status: "failed" });
    const { replayed } = await res.json();
    if (!replayed) break;
    enqueued += replayed;
  }
  await waitForDrain();
  const drainSeconds = (performance.now() - drainStarted) / 1000;
  const processed = await countItems();

  const row = (name, value, unit, extra = {}) => console.log(JSON.stringify({ name, value, unit, ...extra }));
  row("no-op GET /health (baseline)", Math.round(baseline.rps), "req/s", { p50: baseline.p50, p99: baseline.p99 });
  row("signed webhook → 202", Math.round(signed.rps), "req/s", {
    baseline: Math.round(baseline.rps),
    ratio: Math.round((signed.rps / baseline.rps) * 100) / 100,
    p50: signed.p50,
    p99: signed.p99,
    errors: signed.errors,
    target: "ratio ≥ 0.6, p99 ≤ 50 ms",
  });
  row(`no-op at ${LIGHT_CONNECTIONS} connections`, Math.round(lightBaseline.rps), "req/s", {
    p50: lightBaseline.p50,
    p99: lightBaseline.p99,
  });
  row(`signed webhook at ${LIGHT_CONNECTIONS} connections`, Math.round(lightSigned.rps), "req/s", {
    baseline: Math.round(lightBaseline.rps),
    ratio: Math.round((lightSigned.rps / lightBaseline.rps) * 100) / 100,
    p50: lightSigned.p50,
    p99: lightSigned.p99,
    errors: lightSigned.errors,
  });
  row("queue drain of a pre-filled backlog", Math.round(processed / Math.max(drainSeconds, 0.001)), "items/s", {
    deliveries: enqueued,
    items: processed,
    seconds: Math.round(drainSeconds * 10) / 10,
    target: "≥ 10000",
  });
} finally {
  await stopService(ingest);
}

/** Keeps `connections` requests in flight for `seconds`; returns throughput and latency percentiles (ms). */
async function load(makeRequest, seconds, connections = CONNECTIONS) {
  const latencies = [];
  let ok = 0;
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const [target, init] = makeRequest();
      const started = performance.now();
      try {
        const res = await fetch(target, init);
        await res.arrayBuffer();
        if (res.status < 400) ok++;
        else errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0) * 10) / 10;
  return { rps: latencies.length / elapsed, p50: pct(0.5), p99: pct(0.99), ok, errors };
}

function api(method, path, body) {
  return fetch(`${config.ingestUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${credentials.apiToken}`, "content-type": "application/json" },
    body: body && JSON.stringify(body),
  });
}

/** Polls the delivery log until nothing is queued or being processed (at most 120 s). */
async function waitForDrain() {
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    const pending = await Promise.all(
      ["queued", "processing"].map((status) =>
        api("GET", `/api/v1/sources/${credentials.webhook.sourceId}/deliveries?status=${status}&limit=1`)
          .then((r) => r.json())
          .then((page) => page.data.length),
      ),
    );
    if (pending[0] + pending[1] === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the queue did not drain within 120 s");
}

/** How many of the backlog's items are stored. */
async function countItems() {
  const proxy = await platform();
  try {
    const row = await proxy.env.DB.prepare(
      "SELECT count(*) AS n FROM feedback_items WHERE external_id LIKE 'backlog-%'",
    ).first();
    return row.n;
  } finally {
    await proxy.dispose();
  }
}

function platform() {
  return getPlatformProxy({ configPath: join(ROOT, "wrangler.toml"), persist: { path: join(config.state, "v3") } });
}

/**
 * Writes `count` signed deliveries straight into D1 as `failed` (as if the queue had given up on them once), with
 * encrypted payloads exactly as the webhook endpoint stores them, so the drain measures a real, unprocessed backlog.
 */
async function writeBacklog(count) {
  const { createDb, runBatch } = await import("../db/src/client.ts");
  const { insertFromJson } = await import("../db/src/json-rows.ts");
  const schema = await import("../db/src/schema/index.ts");
  const { encryptSecret, newId } = await import("../functions/core/src/index.ts");
  const proxy = await platform();
  try {
    const db = createDb(proxy.env.DB);
    const now = Date.now();
    const payloads = [];
    const rows = [];
    for (let i = 0; i < count; i++) {
      const id = `backlog-${i}`;
      const at = new Date(now - (count - i) * 1000);
      const text = JSON.stringify({
        type: "feedback.created",
        timestamp: at.toISOString(),
        data: {
          id,
          score: i % 11,
          scale: "nps",
          comment: COMMENTS[i % COMMENTS.length],
          touchpoint: "delivery-tracking",
          customer: { id: `c${i % 700}` },
        },
      });
      const rawPayloadId = newId("raw", now);
      payloads.push({
        id: rawPayloadId,
        workspaceId: credentials.workspaceId,
        contentType: "application/json",
        headers: { "webhook-id": id },
        body: await encryptSecret(text, proxy.env.SECRETS_KEY),
        sizeBytes: text.length,
        receivedAt: at.getTime(),
      });
      rows.push({
        id: newId("dlv", now),
        workspaceId: credentials.workspaceId,
        sourceId: credentials.webhook.sourceId,
        provider: "standard-webhooks",
        providerEventId: id,
        dedupeKey: id,
        status: "failed",
        reason: "bench backlog",
        httpStatus: 202,
        receivedAt: at.getTime(),
        attempts: 1,
        rawPayloadId,
      });
    }
    await runBatch(db, [...insertFromJson(schema.rawPayloads, payloads), ...insertFromJson(schema.deliveries, rows)]);
  } finally {
    await proxy.dispose();
  }
}
