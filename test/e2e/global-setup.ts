/**
 * Starts the whole product once for the e2e project, exactly as `npm start` does, but on its own ports and its own
 * fresh state directory so a developer's running instance and data are untouched.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";

const ROOT = resolve(import.meta.dirname, "../..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

declare module "vitest" {
  export interface ProvidedContext {
    webUrl: string;
    ingestUrl: string;
    credentials: {
      apiToken: string;
      journeyId: string;
      webhook: { sourceId: string; secret: string };
      login: { email: string; password: string };
    };
    /** The demo owner's session cookie, signed in once for the whole run (sign-in is rate limited). */
    session: { name: string; value: string };
  }
}

let product: ChildProcess | undefined;

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `\n\n  Chromium is missing at ${CHROMIUM}: the e2e tests drive a real browser.\n` +
        "  Install it with: apt-get update && apt-get install -y chromium   (or set CHROMIUM_PATH)\n",
    );
  }
  // FIREBREAK_E2E_PORT lets two checkouts run the e2e suite side by side (ingest on it, the web app on it + 1).
  const ingestPort = Number(process.env.FIREBREAK_E2E_PORT ?? 18787);
  const webPort = ingestPort + 1;
  const state = join(ROOT, ".wrangler", "e2e-state");
  rmSync(state, { recursive: true, force: true });
  const env = {
    ...process.env,
    FIREBREAK_STATE: state,
    FIREBREAK_INGEST_PORT: String(ingestPort),
    FIREBREAK_WEB_PORT: String(webPort),
  };
  const output: string[] = [];
  // Everything the product prints, kept for diagnosing a failed run (CI prints nothing else of the Workers).
  mkdirSync(join(ROOT, "test-results"), { recursive: true });
  const productLog = createWriteStream(join(ROOT, "test-results", "product.log"));
  product = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const child = product;
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`product did not start in 150 s:\n${output.join("")}`)), 150_000);
    const onData = (chunk: Buffer) => {
      productLog.write(chunk);
      output.push(chunk.toString());
      if (output.join("").includes("Press Ctrl-C to stop")) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`npm start exited (${code}):\n${output.join("")}`));
    });
  });
  const { readFileSync } = await import("node:fs");
  const credentials = JSON.parse(readFileSync(join(state, "firebreak-demo.json"), "utf8"));
  const webUrl = `http://127.0.0.1:${webPort}`;
  project.provide("session", await signIn(webUrl, credentials.login));
  project.provide("webUrl", webUrl);
  project.provide("ingestUrl", `http://127.0.0.1:${ingestPort}`);
  project.provide("credentials", credentials);

  return async () => {
    if (!product?.pid || product.exitCode !== null) return;
    const exited = new Promise((r) => product?.once("exit", r));
    process.kill(-product.pid, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  };
}

/** Signs in through the login form, as a browser would, and returns the session cookie it sets. */
async function signIn(webUrl: string, login: { email: string; password: string }) {
  const response = await fetch(`${webUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: webUrl, accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(login),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.includes("session_token="));
  const match = cookie && /^([^=]+)=([^;]*)/.exec(cookie);
  if (response.status !== 303 || !match?.[1] || match[2] === undefined) {
    throw new Error(`demo sign-in failed: ${response.status} ${await response.text()}`);
  }
  return { name: match[1], value: match[2] };
}
