/**
 * The Worker's own cron handler (`scheduled` of the ingest Worker) inside workerd, on the real clock: a workspace
 * never evaluated gets its default rules, its windowed rules evaluated (a spike and a friction score over the
 * threshold planted in its rollups, relative to today), and the evaluation stamped, so the next tick leaves it alone.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { alertRules, alerts, createDb, schema } from "@firebreak/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../functions/ingest/src/index.ts";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures.ts";

const db = createDb(env.DB);
const DAY = 86_400_000;
let ws: TestWorkspace;

/** One cron tick of the Worker, waited for (its jobs run in `waitUntil`). */
async function tick() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "*/5 * * * *", scheduledTime: Date.now() }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** Rollup days at the delivery touchpoint, `daysAgo` counted from today (the coarse tables follow by trigger). */
async function plantDays(daysAgo: number[], perDay: Partial<typeof schema.dailyRollups.$inferInsert>) {
  const rows = daysAgo.map((d) => ({
    workspaceId: ws.workspaceId,
    day: new Date(Date.now() - d * DAY).toISOString().slice(0, 10),
    touchpointId: ws.touchpointIds.delivery,
    themeId: "",
    sourceId: "",
    itemCount: 1,
    ...perDay,
  }));
  // Six rows a statement: D1 binds at most 100 parameters.
  for (let i = 0; i < rows.length; i += 6) await db.insert(schema.dailyRollups).values(rows.slice(i, i + 6));
}

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "cron-alerts");
  await plantDays(
    Array.from({ length: 56 }, (_, i) => i + 7),
    { sentimentSum: 0.5 },
  );
  await plantDays([0, 1, 2, 3, 4, 5, 6], {
    itemCount: 8,
    negativeCount: 8,
    sentimentSum: -6,
    scoreSum: 8,
    scoreCount: 8,
    detractorCount: 8,
    escalationCount: 2,
    repeatCount: 4,
    frictionSum: 6,
  });
});

describe("the ingest Worker's scheduled handler", () => {
  it("creates the default rules and opens the windowed alerts, with their reasons", async () => {
    expect(await alertRules.list(db, ws.workspaceId)).toEqual([]);
    const started = Date.now();
    await tick();
    expect((await alertRules.list(db, ws.workspaceId)).map((r) => r.kind).sort()).toEqual(
      [
        "automation_at_human_moment",
        "escalation",
        "friction_threshold",
        "human_moment_negative",
        "new_theme",
        "repeat_surge",
        "spike",
      ].sort(),
    );
    const open = (await alerts.list(db, ws.workspaceId, { status: "active" })).alerts;
    const at = `tp:${ws.touchpointIds.delivery}`;
    expect(open.map((a) => a.conditionKey).sort()).toEqual(
      [`friction_threshold:${at}`, `repeat_surge:${at}`, `spike:${at}`].sort(),
    );
    for (const alert of open) expect(alert.reasons.length).toBeGreaterThan(0);
    const stamp = await db.query.alertEvaluations.findFirst({
      where: eq(schema.alertEvaluations.workspaceId, ws.workspaceId),
    });
    expect(stamp?.evaluatedAt).toBeGreaterThanOrEqual(started);
  });

  it("leaves the workspace alone on the next tick, with one open alert per condition", async () => {
    const before = (await alerts.list(db, ws.workspaceId, { status: "active" })).alerts;
    await tick();
    const after = (await alerts.list(db, ws.workspaceId, { status: "active" })).alerts;
    expect(after.map((a) => [a.id, a.lastSeenAt])).toEqual(before.map((a) => [a.id, a.lastSeenAt]));
  });
});
