// Bundle sizes as a deploy measures them: `wrangler deploy --dry-run` for the ingest Worker and for the web app's
// Worker (after a current `npm run build`), its "Total Upload … / gzip …" figures.
import { join } from "node:path";
import { ROOT } from "../scripts/lib.mjs";
import { buildWebIfStale, bundleWorker } from "./workerd.mjs";

const MB_KIB = 1024;
await buildWebIfStale((line) => process.stderr.write(`${line}\n`));
const bundles = [
  { name: "ingest Worker", bundle: bundleWorker("ingest"), targetMiB: 1 },
  { name: "web Worker", bundle: bundleWorker("web", join(ROOT, "apps", "web", "wrangler.toml")), targetMiB: 3 },
];
for (const { name, bundle, targetMiB } of bundles)
  console.log(
    JSON.stringify({
      name: `${name} bundle, gzip (raw ${Math.round(bundle.kib).toLocaleString("en")} KiB)`,
      value: Math.round(bundle.gzipKiB),
      unit: "KiB",
      target: `≤ ${targetMiB} MB gzip`,
      pass: bundle.gzipKiB <= targetMiB * MB_KIB,
    }),
  );
