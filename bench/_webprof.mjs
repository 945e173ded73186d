import { join } from "node:path";
import { localConfig, ROOT, readJson } from "../scripts/lib.mjs";
import { startProduct } from "./workerd.mjs";

const { profile } = await import("/tmp/sq/cpuprof.mjs");
const config = localConfig({
  FIREBREAK_STATE: join(ROOT, ".wrangler", "bench-map-state"),
  FIREBREAK_INGEST_PORT: "19287",
  FIREBREAK_WEB_PORT: "19288",
});
const product = await startProduct({
  state: config.state,
  port: config.webPort,
  vars: { INGEST_URL: config.ingestUrl, APP_URL: config.webUrl },
  inspectorPort: 9335,
});
try {
  const login = readJson(config.credentialsFile).login;
  const res = await fetch(`${config.webUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: config.webUrl, accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(login),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.includes("session_token="))
    .split(";")[0];
  const path = `/journeys/${process.env.J ?? "jr_bench_scale"}`;
  const get = async () => {
    const t = performance.now();
    await (await fetch(`${config.webUrl}${path}`, { headers: { cookie } })).text();
    return performance.now() - t;
  };
  for (let i = 0; i < 3; i++) await get();
  await profile(9335, "firebreak-web", async () => {
    const ts = [];
    for (let i = 0; i < 10; i++) ts.push(Math.round(await get()));
    console.log("ms", ts.join(" "));
  });
} finally {
  await product.mf.dispose();
}
