// Shared helpers for the local scripts (start, seed, e2e setup): paths, child processes, readiness checks.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Local settings; the e2e suite overrides them to run beside a developer's own instance. */
export function localConfig(env = process.env) {
  const state = resolve(ROOT, env.FIREBREAK_STATE ?? ".wrangler/state");
  const ingestPort = Number(env.FIREBREAK_INGEST_PORT ?? 8787);
  const webPort = Number(env.FIREBREAK_WEB_PORT ?? 8788);
  return {
    state,
    ingestPort,
    webPort,
    ingestUrl: `http://127.0.0.1:${ingestPort}`,
    webUrl: `http://127.0.0.1:${webPort}`,
    credentialsFile: join(state, "firebreak-demo.json"),
  };
}

// Children inherit this Node first on PATH, so tools with a `#!/usr/bin/env node` shebang never fall back to an older
// system Node even when a script was started outside npm.
const childEnv = () => ({
  ...process.env,
  PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ""}`,
  WRANGLER_SEND_METRICS: "false",
  NO_D1_WARNING: "true",
  FORCE_COLOR: "0",
});

/** Runs a command to completion, failing loudly with its output when it fails. */
export function run(command, args, { cwd = ROOT, quiet = true } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: childEnv(),
      stdio: ["ignore", quiet ? "pipe" : "inherit", quiet ? "pipe" : "inherit"],
    });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolvePromise(output)
        : reject(new Error(`${command} ${args.join(" ")} failed (${code}):\n${output}`)),
    );
  });
}

/** Starts a long-running process in its own process group, prefixing its output lines with `label`. */
export function startService(label, command, args, { cwd = ROOT, echo = true } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: childEnv(),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const log = [];
  const forward = (stream) => {
    let pending = "";
    stream.on("data", (chunk) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        log.push(line);
        if (log.length > 200) log.shift();
        if (echo && isWorthShowing(line)) process.stdout.write(`[${label}] ${line}\n`);
      }
    });
  };
  forward(child.stdout);
  forward(child.stderr);
  return { label, child, log };
}

// wrangler's output offline is mostly noise (telemetry, Request.cf lookups, bundler notes). Show what a developer acts
// on: errors, warnings from the Workers' own code, and writes (webhooks, API calls).
function isWorthShowing(line) {
  const text = line.trim();
  if (!text || /GetAddrInfoReqWrap|workers\.cloudflare\.com|Request\.cf/.test(text)) return false;
  return /\[wrangler:(warn|error)\]|✘|Uncaught|"level":"(warn|error)"|\[wrangler:info\] (POST|PUT|PATCH|DELETE) /.test(
    text,
  );
}

/** Stops a service's whole process group and waits for it to exit. */
export function stopService(service, signal = "SIGTERM") {
  return new Promise((resolvePromise) => {
    if (service.child.exitCode !== null || service.child.signalCode !== null) return resolvePromise();
    const timer = setTimeout(() => {
      try {
        process.kill(-service.child.pid, "SIGKILL");
      } catch {}
    }, 5000);
    service.child.once("exit", () => {
      clearTimeout(timer);
      resolvePromise();
    });
    try {
      process.kill(-service.child.pid, signal);
    } catch {
      clearTimeout(timer);
      resolvePromise();
    }
  });
}

/** Polls `url` until it answers below 500, or throws after `timeoutMs` with the service's last log lines. */
export async function waitForHttp(url, service, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) break;
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${service.label} did not come up at ${url}:\n${service.log.slice(-30).join("\n")}`);
}

export function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
}

export function writeJson(file, value) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
}

export const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
export const NPM = "npm";

/**
 * Makes sure both Workers have a local SECRETS_KEY in `.dev.vars` (gitignored): one random key per machine, shared by
 * the ingest Worker and the web app, so no key is ever committed.
 */
export function ensureDevVars() {
  const rootVars = join(ROOT, ".dev.vars");
  const webVars = join(ROOT, "apps", "web", ".dev.vars");
  const existing = existsSync(rootVars) ? readFileSync(rootVars, "utf8") : "";
  let key = /^SECRETS_KEY=(.+)$/m.exec(existing)?.[1]?.trim();
  if (!key) {
    key = randomBytes(32).toString("base64");
    writeFileSync(rootVars, `${existing}${existing && !existing.endsWith("\n") ? "\n" : ""}SECRETS_KEY=${key}\n`, {
      mode: 0o600,
    });
  }
  // The web app also signs session cookies with a per-machine AUTH_SECRET, kept across runs so sessions survive.
  const web = existsSync(webVars) ? readFileSync(webVars, "utf8") : "";
  const authSecret = /^AUTH_SECRET=(.+)$/m.exec(web)?.[1]?.trim() ?? randomBytes(32).toString("base64");
  if (!web.includes(`SECRETS_KEY=${key}`) || !web.includes("AUTH_SECRET=")) {
    writeFileSync(webVars, `SECRETS_KEY=${key}\nAUTH_SECRET=${authSecret}\n`, { mode: 0o600 });
  }
  return key;
}

/**
 * Both Workers under `wrangler dev` on the config's ports, sharing its state directory, as `npm start` runs them (the
 * web app must be built). Adds them to `services` at once, so a caller's shutdown stops them even while they start;
 * resolves once both answer, or stops them and throws.
 */
export async function startWorkers(config, services, { echo = true } = {}) {
  // The web Worker reaches the ingest Worker (service binding, queue producer) through wrangler's dev registry. One
  // registry per state directory keeps two instances side by side (a developer's and the e2e suite's, or two
  // checkouts) from binding to each other's Workers, which share names.
  process.env.WRANGLER_REGISTRY_PATH ??= join(config.state, "registry");
  const vars = ["--var", `INGEST_URL:${config.ingestUrl}`, "--var", `APP_URL:${config.webUrl}`];
  const devFlags = ["--ip", "127.0.0.1", "--persist-to", config.state, "--show-interactive-dev-session=false", ...vars];
  const dev = (port) => ["dev", "--port", String(port), "--inspector-port", String(port + 20000), ...devFlags];
  // Local only: alert destinations may point at a receiver on this machine (never set in deployed config), in both
  // Workers: the web app checks targets when one is added, the ingest Worker before each attempt.
  const loopback = ["--var", "OUTBOUND_ALLOW_LOOPBACK:on"];
  // `--test-scheduled` serves /__scheduled, so the cron (outbound sends, alerts) can be run on demand.
  const ingestDev = [...dev(config.ingestPort), ...loopback, "--test-scheduled"];
  const ingest = startService("ingest", WRANGLER, ingestDev, { echo });
  const web = startService("web", WRANGLER, [...dev(config.webPort), ...loopback], {
    cwd: join(ROOT, "apps", "web"),
    echo,
  });
  services.push(ingest, web);
  try {
    await Promise.all([waitForHttp(`${config.ingestUrl}/health`, ingest), waitForHttp(`${config.webUrl}/`, web)]);
  } catch (error) {
    await Promise.all([ingest, web].map((s) => stopService(s)));
    throw error;
  }
}
