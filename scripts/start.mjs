// `npm start`: build the web app, prepare the local D1 (migrations + demo seed), start both Workers on 127.0.0.1
// sharing one persisted state directory, print the URLs, and stop everything cleanly on Ctrl-C.
import "./require-node24.mjs";
import { prepareDatabase } from "./database.mjs";
import { localConfig, NPM, run, startWorkers, stopService } from "./lib.mjs";

const config = localConfig();
const t0 = performance.now();
const services = [];
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping Firebreak…");
  await Promise.all(services.map((s) => stopService(s)));
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

try {
  console.log("Firebreak: preparing the local product");
  let started = performance.now();
  await run(NPM, ["run", "build", "-w", "@firebreak/web"]);
  console.log(`  web app built (${Math.round(performance.now() - started)} ms)`);
  const credentials = await prepareDatabase(config);

  started = performance.now();
  await startWorkers(config, services);
  for (const service of services) {
    service.child.on("exit", (code) => {
      if (!stopping) {
        console.error(
          `[${service.label}] exited unexpectedly (${code}); last output:\n${service.log.slice(-20).join("\n")}`,
        );
        shutdown(1);
      }
    });
  }
  console.log(`  Workers up (${Math.round(performance.now() - started)} ms)\n`);
  printBanner(credentials);
  console.log(`Ready in ${((performance.now() - t0) / 1000).toFixed(1)} s. Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`\nFirebreak could not start:\n${error instanceof Error ? error.message : error}`);
  await shutdown(1);
}

function printBanner(credentials) {
  const lines = [`  Journey map (web app)   ${config.webUrl}`, `  Ingest API + webhooks   ${config.ingestUrl}`];
  if (credentials) {
    if (credentials.login) {
      lines.push(`  Demo login              ${credentials.login.email} / ${credentials.login.password}`);
    }
    lines.push(
      "",
      `  Demo API token          ${credentials.apiToken}`,
      "",
      "  Try the API:",
      `    curl -s -H "Authorization: Bearer ${credentials.apiToken}" ${config.ingestUrl}/api/v1/sources`,
    );
    if (credentials.webhook) {
      lines.push(
        "",
        "  Send a signed Standard Webhooks delivery (see README → Try a webhook):",
        `    npm run demo:webhook`,
        `    endpoint ${config.ingestUrl}/webhooks/standard-webhooks/${credentials.webhook.sourceId}`,
      );
    }
  }
  console.log(lines.join("\n"));
  console.log("");
}
