// Ingest on loopback: signed Standard Webhooks deliveries against the running ingest Worker vs its no-op route
// (GET /health) in the same run, at 50 connections for a few seconds each; then how fast the queue consumer drains
// what was accepted. Starts its own Worker on its own port and state directory.
import { join } from "node:path";
import { Webhook } from "standardwebhooks";
import { prepareDatabase } from "../scripts/database.mjs";
import { localConfig, ROOT, startService, stopService, WRANGLER, waitForHttp } from "../scripts/lib.mjs";

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const config = localConfig({ FIREBREAK_STATE: join(ROOT, ".wrangler", "bench-state"), FIREBREAK_INGEST_PORT: "18887" });

const credentials = await prepareDatabase(config, { reset: true, log: () => {} });
const ingest = startService(
  "ingest",
  WRANGLER,
  [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(config.ingestPort),
    "--persist-to",
    config.state,
    "--inspector-port",
    "38887",
    "--show-interactive-dev-session=false",
    "--log-level",
    "error",
  ],
  { echo: false },
);

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

  // Warm both paths (JIT, D1 pages, the JWKS-free signature path) before measuring.
  await load(noop, 2);
  const warm = await load(signedRequest, 2);
  const baseline = await load(noop, SECONDS);
  const signed = await load(signedRequest, SECONDS);

  const drainStarted = performance.now();
  const processed = await waitForDrain(warm.ok + signed.ok);
  const drainSeconds = (performance.now() - drainStarted) / 1000;

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
  row("queue drain after the burst", Math.round(processed / Math.max(drainSeconds, 0.001)), "items/s", {
    items: processed,
    seconds: Math.round(drainSeconds * 10) / 10,
    target: "≥ 10000",
  });
} finally {
  await stopService(ingest);
}

/** Keeps CONNECTIONS requests in flight for `seconds`; returns throughput and latency percentiles (ms). */
async function load(makeRequest, seconds) {
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
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0) * 10) / 10;
  return { rps: latencies.length / elapsed, p50: pct(0.5), p99: pct(0.99), ok, errors };
}

/** Polls the delivery log until every accepted delivery is processed (or 60 s pass); returns the processed count. */
async function waitForDrain(expected) {
  const deadline = performance.now() + 60_000;
  let processed = 0;
  while (performance.now() < deadline) {
    const counts = await fetch(
      `${config.ingestUrl}/api/v1/sources/${credentials.webhook.sourceId}/deliveries?status=queued&limit=1`,
      {
        headers: { authorization: `Bearer ${credentials.apiToken}` },
      },
    ).then((r) => r.json());
    const processing = await fetch(
      `${config.ingestUrl}/api/v1/sources/${credentials.webhook.sourceId}/deliveries?status=processing&limit=1`,
      {
        headers: { authorization: `Bearer ${credentials.apiToken}` },
      },
    ).then((r) => r.json());
    if (counts.data.length === 0 && processing.data.length === 0) {
      processed = expected;
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return processed;
}
