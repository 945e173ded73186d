// `npm run import -- <file.csv|file.jsonl> --source <sourceId> [--preset zendesk|freshdesk|intercom]
//   [--mapping mapping.json] [--url http://127.0.0.1:8787] [--token <api token>]`
// Streams a CSV or JSONL export to the ingest API in chunks of 1,000 rows, with a progress line. Rows go through the
// same normalization, deduplication and analysis as webhooks, so re-running an import adds nothing twice.
import "./require-node24.mjs";
import { createReadStream, readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import Papa from "papaparse";
import { localConfig, readJson } from "./lib.mjs";

const CHUNK = 1000;
/** Chunks in flight: the Worker analyses one while D1 writes another. */
const IN_FLIGHT = 2;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    source: { type: "string" },
    preset: { type: "string" },
    mapping: { type: "string" },
    url: { type: "string" },
    token: { type: "string" },
  },
});
const file = positionals[0];
const config = localConfig();
const token = values.token ?? process.env.FIREBREAK_TOKEN ?? readJson(config.credentialsFile)?.apiToken;
const baseUrl = (values.url ?? process.env.FIREBREAK_URL ?? config.ingestUrl).replace(/\/$/, "");
if (!file || !values.source || !token) {
  console.error("usage: npm run import -- <file.csv|file.jsonl> --source <sourceId> [--preset NAME] [--mapping FILE]");
  console.error("       (the token defaults to the local demo token; set --token or FIREBREAK_TOKEN otherwise)");
  process.exit(2);
}

/**
 * POSTs to the API. Chunks are idempotent (rows dedupe by source + external id), so a lost connection, a 5xx or an
 * answer that is not JSON (a Worker restarting under `wrangler dev`) is retried with backoff; a 4xx is final.
 */
async function api(path, body, attempts = 5) {
  for (let attempt = 1; ; attempt++) {
    let failure;
    try {
      const res = await fetch(`${baseUrl}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      let payload;
      try {
        payload = JSON.parse(text);
      } catch {
        payload = undefined;
      }
      if (res.ok && payload) return payload;
      const message = `${path}: ${res.status} ${payload?.error?.message ?? text.slice(0, 200)}`;
      if (res.status < 500 && res.status !== 429 && payload) throw Object.assign(new Error(message), { final: true });
      failure = new Error(message);
    } catch (error) {
      if (error.final) throw error;
      failure = failure ?? error;
    }
    if (attempt >= attempts) throw failure;
    await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
  }
}

const format = file.endsWith(".jsonl") || file.endsWith(".ndjson") ? "jsonl" : "csv";
const totalBytes = statSync(file).size;
let job;
let sent = 0;
let failed = 0;
let inserted = 0;
const started = performance.now();

async function begin(headers) {
  job = await api(`/api/v1/sources/${values.source}/imports`, {
    format,
    fileName: basename(file),
    preset: values.preset,
    mapping: values.mapping ? JSON.parse(readFileSync(values.mapping, "utf8")) : undefined,
    headers,
  });
  console.log(`import ${job.id}${job.preset ? ` (detected ${job.preset} export)` : ""}`);
}

let dispatched = 0;
const inFlight = new Set();
let failure;

/** Hands a chunk to the API once fewer than IN_FLIGHT are on their way; the first failure stops the import. */
async function flush(rows, bytesRead) {
  while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
  if (failure) throw failure;
  if (rows.length === 0) return;
  const firstRow = dispatched + 1;
  dispatched += rows.length;
  const sending = send(rows, firstRow, bytesRead)
    .catch((error) => {
      failure ??= error;
    })
    .finally(() => inFlight.delete(sending));
  inFlight.add(sending);
}

/** Waits for every chunk sent; throws the first failure. */
async function drain() {
  await Promise.all(inFlight);
  if (failure) throw failure;
}

async function send(rows, firstRow, bytesRead) {
  const result = await api(`/api/v1/imports/${job.id}/rows`, { rows });
  sent += rows.length;
  failed += result.failed;
  inserted += result.inserted;
  for (const f of result.failures) console.error(`\n  row ${firstRow + f.index}: ${f.reason}`);
  const rate = Math.round(sent / ((performance.now() - started) / 1000));
  const percent = Math.min(100, Math.round((bytesRead / totalBytes) * 100));
  process.stdout.write(
    `\r  ${percent}%  ${sent.toLocaleString("en")} rows, ${inserted.toLocaleString("en")} new, ${failed} refused (${rate.toLocaleString("en")} rows/s)   `,
  );
}

if (format === "jsonl") {
  let rows = [];
  let bytesRead = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    bytesRead += Buffer.byteLength(line) + 1;
    if (!line.trim()) continue;
    const row = JSON.parse(line);
    if (!job) await begin(Object.keys(row));
    rows.push(row);
    if (rows.length === CHUNK) {
      await flush(rows, bytesRead);
      rows = [];
    }
  }
  if (!job) await begin([]);
  await flush(rows, totalBytes);
} else {
  await new Promise((resolve, reject) => {
    let rows = [];
    Papa.parse(createReadStream(file), {
      header: true,
      skipEmptyLines: true,
      step: (result, parser) => {
        const row = result.data;
        if (row.__parsed_extra) {
          // A row with more fields than the header (an unquoted comma, usually): keep the mapped columns, say so.
          console.error(
            `\n  near byte ${result.meta.cursor ?? "?"}: more fields than the header; extra fields ignored`,
          );
          delete row.__parsed_extra;
        }
        rows.push(row);
        if (rows.length < CHUNK) return;
        parser.pause();
        const chunk = rows;
        rows = [];
        (job ? Promise.resolve() : begin(result.meta.fields ?? []))
          .then(() => flush(chunk, result.meta.cursor))
          .then(() => parser.resume(), reject);
      },
      complete: (result) => {
        (job ? Promise.resolve() : begin(result?.meta?.fields ?? Object.keys(rows[0] ?? {})))
          .then(() => flush(rows, totalBytes))
          .then(resolve, reject);
      },
      error: reject,
    });
  });
}
await drain();
await api(`/api/v1/imports/${job.id}/complete`, {});
console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`);
