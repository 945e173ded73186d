// The ingest Worker for benchmarks, as it is deployed: `wrangler deploy --dry-run` bundles it exactly as a deploy
// would, and Miniflare serves that bundle in workerd with wrangler.toml's bindings over a given state directory.
// Unlike `wrangler dev` there is no dev proxy Worker or inspector in front of it, which on this machine cost more
// than the Worker itself (a Worker that only answers "ok": 345 req/s under `wrangler dev`, ~1,900 here).
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { ROOT, WRANGLER } from "../scripts/lib.mjs";

/**
 * Bundles a Worker with `wrangler deploy --dry-run --outdir`; returns the bundle's path and its sizes in KiB (raw and
 * gzip -9 of the main module, which is what the deploy's "Total Upload … / gzip" line reports for one module).
 */
export function bundleWorker(configDir = ROOT, name = "ingest") {
  const outdir = join(ROOT, ".wrangler", "bench-build", name);
  rmSync(outdir, { recursive: true, force: true });
  const output = execFileSync(WRANGLER, ["deploy", "--dry-run", "--outdir", outdir], {
    cwd: configDir,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const reported = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output);
  const script = join(outdir, "index.js");
  const bytes = readFileSync(script);
  return {
    outdir,
    script,
    kib: reported ? Number(reported[1]) : bytes.length / 1024,
    gzipKiB: reported ? Number(reported[2]) : gzipSync(bytes, { level: 9 }).length / 1024,
  };
}

/**
 * Serves the bundled ingest Worker on `port` over `state` (the same layout `wrangler dev --persist-to` uses, so a
 * database prepared by scripts/database.mjs is the one served). `vars` override wrangler.toml's `[vars]`; without
 * `consume` the queue only fills (deliveries are not processed), as when a consumer runs on other machines.
 */
export async function startIngestWorker({
  state,
  port,
  vars = {},
  consume = true,
  bundle = bundleWorker(),
  inspectorPort,
}) {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, "wrangler.toml"));
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: "127.0.0.1",
      port,
      inspectorPort,
      resourcePersistencePath: join(state, "v3"),
      resourceTmpPath: join(state, "tmp"),
      workers: [
        {
          ...workerOptions,
          name: "firebreak-ingest",
          // The bundle is one ES module; wrangler's module rules describe sources it has already bundled.
          modulesRules: undefined,
          rootPath: bundle.outdir,
          modules: true,
          scriptPath: bundle.script,
          bindings: { ...workerOptions.bindings, ...vars },
          ...(consume ? {} : { queueConsumers: {}, cronTriggers: [] }),
        },
      ],
    }),
  );
  const url = await mf.ready;
  return { mf, url: url.href.replace(/\/$/, ""), bundle };
}
