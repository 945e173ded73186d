// The Workers for benchmarks, as they are deployed: `wrangler deploy --dry-run` bundles it exactly as a deploy
// would, and Miniflare serves that bundle in workerd with wrangler.toml's bindings over a given state directory.
// Unlike `wrangler dev` there is no dev proxy Worker or inspector in front of it, which on this machine cost more
// than the Worker itself (a Worker that only answers "ok": 345 req/s under `wrangler dev`, ~2,900 here).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { NPM, ROOT, run, WRANGLER } from "../scripts/lib.mjs";

/**
 * Bundles a Worker with `wrangler deploy --dry-run --outdir`; returns the bundle's path and its sizes in KiB as the
 * deploy reports them ("Total Upload: … / gzip: …").
 */
export function bundleWorker(name = "ingest", configPath = join(ROOT, "wrangler.toml")) {
  const outdir = join(ROOT, ".wrangler", "bench-build", name);
  rmSync(outdir, { recursive: true, force: true });
  const output = execFileSync(WRANGLER, ["deploy", "--dry-run", "--outdir", outdir, "--config", configPath], {
    cwd: dirname(configPath),
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const reported = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output);
  if (!reported) throw new Error(`wrangler deploy --dry-run reported no upload size:\n${output}`);
  // The bundle is named after the entry (index.ts → index.js).
  const script = join(
    outdir,
    readdirSync(outdir).find((f) => f.endsWith(".js")),
  );
  return { outdir, script, kib: Number(reported[1]), gzipKiB: Number(reported[2]) };
}

/**
 * Serves a bundled Worker (the ingest Worker unless `configPath` names another) on `port` over `state`, the layout
 * `wrangler dev --persist-to` uses, so a database prepared by scripts/database.mjs is the one served. `vars` override
 * the config's `[vars]`; without `consume` the queue only fills (deliveries are not processed), as when a consumer
 * runs on other machines.
 */
export async function startWorker({
  state,
  port,
  vars = {},
  consume = true,
  configPath = join(ROOT, "wrangler.toml"),
  bundle = bundleWorker("ingest", configPath),
  inspectorPort,
}) {
  const worker = { ...deployedWorker(configPath, bundle, vars), name: "bench-worker" };
  if (!consume) Object.assign(worker, { queueConsumers: {}, cronTriggers: [] });
  return serve({ state, port, inspectorPort, workers: [worker] });
}

/**
 * The whole product as deployed, for the browser benchmarks: the web app's bundle (with its static assets) on `port`
 * and the ingest Worker's behind the web app's service binding, in one workerd over `state`, with no `wrangler dev`
 * proxy in front of every page and asset. The ingest Worker's queue consumer is off: pages are what is measured.
 */
export function startProduct({ state, port, vars = {}, inspectorPort }) {
  const ingest = deployedWorker(join(ROOT, "wrangler.toml"), bundleWorker("ingest"), vars);
  const webConfig = join(ROOT, "apps", "web", "wrangler.toml");
  const web = deployedWorker(webConfig, bundleWorker("web", webConfig), vars);
  return serve({
    state,
    port,
    inspectorPort,
    workers: [
      { ...web, name: "firebreak-web" },
      { ...ingest, name: "firebreak-ingest", queueConsumers: {}, cronTriggers: [] },
    ],
  });
}

/** Miniflare's options for a wrangler config's Worker served from its deploy bundle, with `vars` over `[vars]`. */
function deployedWorker(configPath, bundle, vars) {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(configPath);
  return {
    ...workerOptions,
    // The bundle is one ES module; wrangler's module rules describe sources it has already bundled.
    modulesRules: undefined,
    rootPath: bundle.outdir,
    modules: true,
    scriptPath: bundle.script,
    bindings: { ...workerOptions.bindings, ...vars },
  };
}

async function serve({ state, port, inspectorPort, workers }) {
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: "127.0.0.1",
      port,
      inspectorPort,
      resourcePersistencePath: join(state, "v3"),
      resourceTmpPath: join(state, "tmp"),
      workers,
    }),
  );
  const url = await mf.ready;
  return { mf, url: url.href.replace(/\/$/, "") };
}

/** Builds the web app unless its build is newer than every source it is built from. */
export async function buildWebIfStale(log) {
  const output = join(ROOT, "apps", "web", ".svelte-kit", "cloudflare", "_worker.js");
  const inputs = [
    "apps/web/src",
    "apps/web/svelte.config.js",
    "apps/web/vite.config.ts",
    "db/src",
    "functions/core/src",
  ];
  const built = existsSync(output) ? statSync(output).mtimeMs : 0;
  if (inputs.every((path) => newestMtime(join(ROOT, path)) < built)) return log("web app build is current");
  const started = performance.now();
  await run(NPM, ["run", "build", "-w", "@firebreak/web"]);
  log(`web app built (${Math.round(performance.now() - started)} ms)`);
}

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}
