// `npm run deploy`: creates (once) the D1 database and the queues on your Cloudflare account, applies migrations,
// sets SECRETS_KEY (and the web app's AUTH_SECRET), and deploys the ingest Worker and the web app. Needs `npx wrangler login` first.
//   APP_URL / INGEST_URL: the public URLs of the two Workers (defaults: their workers.dev URLs after first deploy).
import "./require-node24.mjs";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NPM, ROOT, run, WRANGLER } from "./lib.mjs";

const PLACEHOLDER_ID = "8f3c2a1e-5b7d-4c9e-a0f1-f12eb2eaf001";
const configs = [join(ROOT, "wrangler.toml"), join(ROOT, "apps", "web", "wrangler.toml")];
const wrangler = (...args) => run(WRANGLER, args);
const step = (text) => console.log(`\n▸ ${text}`);

step("Checking the Cloudflare login");
console.log((await wrangler("whoami")).trim().split("\n").slice(-3).join("\n"));

step("D1 database `firebreak`");
const databases = JSON.parse(await wrangler("d1", "list", "--json"));
let databaseId = databases.find((d) => d.name === "firebreak")?.uuid;
if (!databaseId) {
  const created = await wrangler("d1", "create", "firebreak");
  databaseId = /database_id\s*=\s*"([^"]+)"/.exec(created)?.[1] ?? /"database_id":\s*"([^"]+)"/.exec(created)?.[1];
  if (!databaseId) throw new Error(`could not read the new database id from:\n${created}`);
}
for (const file of configs) {
  const text = readFileSync(file, "utf8");
  if (text.includes(PLACEHOLDER_ID)) writeFileSync(file, text.replaceAll(PLACEHOLDER_ID, databaseId));
}
console.log(`  database_id ${databaseId} (written to both wrangler.toml files; commit them)`);

step("Queues");
for (const queue of ["firebreak-deliveries", "firebreak-deliveries-dlq"]) {
  await wrangler("queues", "create", queue).then(
    () => console.log(`  created ${queue}`),
    (error) => {
      if (!/already exists|already taken/i.test(error.message)) throw error;
      console.log(`  ${queue} exists`);
    },
  );
}

step("Migrations");
await wrangler("d1", "migrations", "apply", "firebreak", "--remote");

step("Secrets");
const secrets = JSON.parse(await wrangler("secret", "list", "--format", "json").catch(() => "[]"));
if (!secrets.some((s) => s.name === "SECRETS_KEY")) {
  const key = randomBytes(32).toString("base64");
  for (const cwd of [ROOT, join(ROOT, "apps", "web")]) {
    await runWithInput(["secret", "put", "SECRETS_KEY"], key, cwd);
  }
  console.log("  SECRETS_KEY generated and stored for both Workers (it is not shown; losing it loses source secrets)");
} else console.log("  SECRETS_KEY already set");
const webDir = join(ROOT, "apps", "web");
const webSecrets = JSON.parse(
  await run(WRANGLER, ["secret", "list", "--format", "json"], { cwd: webDir }).catch(() => "[]"),
);
if (!webSecrets.some((s) => s.name === "AUTH_SECRET")) {
  await runWithInput(["secret", "put", "AUTH_SECRET"], randomBytes(32).toString("base64"), webDir);
  console.log("  AUTH_SECRET generated for the web app (signs session cookies; replacing it signs everyone out)");
} else console.log("  AUTH_SECRET already set");

step("Building and deploying");
await run(NPM, ["run", "build", "-w", "@firebreak/web"]);
const vars = ["--var", "ENVIRONMENT:production"];
if (process.env.APP_URL) vars.push("--var", `APP_URL:${process.env.APP_URL}`);
if (process.env.INGEST_URL) vars.push("--var", `INGEST_URL:${process.env.INGEST_URL}`);
console.log(await wrangler("deploy", ...vars));
console.log(await run(WRANGLER, ["deploy", ...vars], { cwd: join(ROOT, "apps", "web") }));
console.log("\nDone. Create a source with the API, paste its webhook URL into your provider, and open the web app.");

async function runWithInput(args, input, cwd) {
  const { spawn } = await import("node:child_process");
  await new Promise((resolve, reject) => {
    const child = spawn(WRANGLER, args, { cwd, stdio: ["pipe", "inherit", "inherit"] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`wrangler ${args.join(" ")} failed`))));
    child.stdin.end(input);
  });
}
