// Prepares the local D1: applies migrations with wrangler and seeds the demo workspace when the database is empty.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { ensureDevVars, ROOT, readJson, run, WRANGLER, writeJson } from "./lib.mjs";

/**
 * Applies migrations, then seeds if no workspace exists. Returns the demo credentials (API token, webhook source)
 * when the demo is present, from this run or an earlier one.
 */
export async function prepareDatabase(config, { reset = false, log = console.log } = {}) {
  ensureDevVars();
  if (reset) rmSync(join(config.state, "v3", "d1"), { recursive: true, force: true });
  let started = performance.now();
  await run(WRANGLER, ["d1", "migrations", "apply", "firebreak", "--local", "--persist-to", config.state]);
  log(`  migrations applied (${ms(started)})`);

  const { createDb } = await import("../db/src/client.ts");
  const { addDemoOwner, hasWorkspaces, loadDemo } = await import("../db/src/seed/load.ts");
  const { seedReviewHistory } = await import("../db/src/seed/reviews.ts");
  const { DEMO_LOGIN } = await import("../apps/web/src/lib/server/demo-login.ts");
  const { hashPassword } = await import("better-auth/crypto");
  const { hasAccount } = await import("../db/src/queries/members.ts");
  const { generateDemoWorkspace } = await import("../db/src/seed/demo.ts");
  const proxy = await getPlatformProxy({
    configPath: join(ROOT, "wrangler.toml"),
    persist: { path: join(config.state, "v3") },
  });
  try {
    const db = createDb(proxy.env.DB);
    const demoOwner = async (workspaceId, now) =>
      addDemoOwner(
        db,
        workspaceId,
        { ...DEMO_LOGIN, name: "Demo CX lead", passwordHash: await hashPassword(DEMO_LOGIN.password) },
        now,
      );
    if (await hasWorkspaces(db)) {
      log("  database already has data; seeding skipped (npm run db:reset starts over)");
      const credentials = readJson(config.credentialsFile);
      // A demo seeded before sign-in existed gets its login now, so nobody is locked out of their local data.
      if (credentials?.workspaceId && !credentials.login && !(await hasAccount(db, DEMO_LOGIN.email))) {
        await demoOwner(credentials.workspaceId, Date.now());
        writeJson(config.credentialsFile, { ...credentials, login: DEMO_LOGIN });
        return { ...credentials, login: DEMO_LOGIN };
      }
      return credentials;
    }
    started = performance.now();
    const now = Date.now();
    const demo = generateDemoWorkspace({ now });
    const loaded = await loadDemo(db, demo, proxy.env.SECRETS_KEY, now);
    const ownerId = await demoOwner(loaded.workspaceId, now);
    const reviewsStarted = performance.now();
    await seedReviewHistory(db, loaded.workspaceId, ownerId, now);
    const credentials = {
      workspaceId: loaded.workspaceId,
      apiToken: loaded.apiToken,
      webhook: loaded.webhook,
      journeyId: demo.journeys[0]?.id,
      login: DEMO_LOGIN,
    };
    writeJson(config.credentialsFile, credentials);
    log(`  demo workspace seeded: ${loaded.itemCount.toLocaleString("en")} feedback items (${ms(started)})`);
    log(`  of which last month's review session and its shipped fix: ${ms(reviewsStarted)}`);
    return credentials;
  } finally {
    await proxy.dispose();
  }
}

const ms = (since) => `${Math.round(performance.now() - since)} ms`;
