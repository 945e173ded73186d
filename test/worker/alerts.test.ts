import { createExecutionContext, env } from "cloudflare:test";
import { alertEvaluation, alertRules, alerts, createDb, destinations, followUps, schema } from "@firebreak/db";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { EmailMessage } from "../../functions/core/src/email.ts";
import { actOnNewItems, runScheduledAlerts } from "../../functions/ingest/src/alerts.ts";
import { createApp } from "../../functions/ingest/src/app.ts";
import { processDeliveries } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { createStandardSource, postStandardDelivery } from "./standard-webhooks.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const APP_URL = "https://app.example.com";

let ws: TestWorkspace;
let other: TestWorkspace;
let source: { id: string; secret: string };
let sequence = 0;
let emails: EmailMessage[] = [];
const options = (now: number) => ({
  appUrl: APP_URL,
  email: { send: async (m: EmailMessage) => void emails.push(m) },
  now,
});

const ANGRY =
  "This is unacceptable. I want to speak to a manager now or I will cancel my subscription. Awful, useless service.";

/** One signed delivery, processed as the queue consumer does, then the consumer's hook; what the hook did. */
async function deliver(text: string, touchpoint: string, now = NOW) {
  const n = ++sequence;
  const data = { id: `resp_alert_${n}`, kind: "ticket", comment: text, touchpoint };
  const deliveryId = await postStandardDelivery(app, source, `msg_alert_${n}`, data);
  const outcome = await processDeliveries(db, env, [deliveryId]);
  expect(outcome.failed.size).toBe(0);
  const acted = await actOnNewItems(db, outcome.attention, options(now));
  const item = await db.query.feedbackItems.findFirst({ where: eq(schema.feedbackItems.deliveryId, deliveryId) });
  return { attention: outcome.attention, acted, itemId: item?.id as string };
}

const activeOf = async (workspaceId: string) =>
  (await alerts.list(db, workspaceId, { status: "active" })).alerts.map((a) => ({
    kind: a.kind,
    key: a.conditionKey,
    value: a.value,
    severity: a.severity,
    status: a.status,
  }));

/** Rollup days at a touchpoint, as the consumer would have written them (the coarse tables follow by trigger). */
async function plantDays(
  touchpointId: string,
  days: number[],
  perDay: Partial<typeof schema.dailyRollups.$inferInsert>,
) {
  const rows = days.map((d) => ({
    workspaceId: ws.workspaceId,
    day: new Date(NOW - d * DAY).toISOString().slice(0, 10),
    touchpointId,
    themeId: "",
    sourceId: source.id,
    itemCount: 1,
    ...perDay,
  }));
  // Six rows a statement: D1 binds at most 100 parameters.
  for (let i = 0; i < rows.length; i += 6) await db.insert(schema.dailyRollups).values(rows.slice(i, i + 6));
}

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "alerts");
  other = await makeWorkspace(env.DB, "alerts-other");
  source = await createStandardSource(app, ws);
  await db
    .update(schema.touchpoints)
    .set({
      isHumanMoment: true,
      humanMomentReason: "Payment trouble needs a person",
      humanMomentOwner: "owner@example.com",
    })
    .where(eq(schema.touchpoints.id, ws.touchpointIds.checkout));
});

describe("as items are processed", () => {
  it("opens item-level alerts, creates a follow-up for the owner and emails them", async () => {
    emails = [];
    const { attention, acted, itemId } = await deliver(ANGRY, "checkout-payment");
    expect([...attention]).toEqual([ws.workspaceId]);
    expect(acted[0]?.notified.map((a) => a.kind).sort()).toEqual(["escalation", "human_moment_negative"]);
    expect(acted[0]?.notified[0]?.link).toMatch(/^https:\/\/app\.example\.com\/alerts\/alt_/);

    const open = await activeOf(ws.workspaceId);
    expect(open).toEqual(
      expect.arrayContaining([
        {
          kind: "escalation",
          key: `escalation:tp:${ws.touchpointIds.checkout}`,
          value: 1,
          severity: "warning",
          status: "open",
        },
        expect.objectContaining({ kind: "human_moment_negative", severity: "critical" }),
      ]),
    );
    const [task] = await followUps.list(db, ws.workspaceId);
    expect(task).toMatchObject({
      itemId,
      assignee: "owner@example.com",
      status: "open",
      touchpointName: "Checkout payment",
    });
    expect(task?.reasons.join(" ")).toMatch(/Escalation cue: .*Sentiment -0\.\d\d, at or below/);
    expect(task?.notifiedAt).toBe(NOW);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: "owner@example.com" });
    expect(emails[0]?.text).toContain("no automation answers here");
    expect(emails[0]?.text).toContain(`${APP_URL}/follow-ups`);
  });

  it("keeps one open alert per condition and re-notifies only when it gets worse, after the quiet hour", async () => {
    const second = await deliver(ANGRY, "checkout-payment");
    expect(second.acted[0]?.notified).toEqual([]);
    const escalation = () => activeOf(ws.workspaceId).then((all) => all.filter((a) => a.kind === "escalation"));
    expect(await escalation()).toEqual([expect.objectContaining({ value: 2 })]);

    const third = await deliver(ANGRY, "checkout-payment", NOW + 2 * HOUR);
    expect(third.acted[0]?.notified.map((a) => [a.kind, a.change])).toContainEqual(["escalation", "worsened"]);
    expect(await escalation()).toEqual([expect.objectContaining({ value: 3, severity: "critical" })]);
    // One follow-up per item, never two.
    expect(await followUps.list(db, ws.workspaceId)).toHaveLength(3);
  });

  it("lets calm feedback through without evaluating anything", async () => {
    const calm = await deliver("Delivery was quick, thank you.", "delivery-tracking");
    expect(calm.attention.size).toBe(0);
    expect(calm.acted).toEqual([]);
  });

  it("queues the alert for the rule's destinations in the same batch", async () => {
    const created = await destinations.create(
      db,
      ws.workspaceId,
      { kind: "webhook", name: "Ops", target: "https://hooks.example.com/firebreak" },
      { actor: "user:test", now: NOW, secretsKey: env.SECRETS_KEY },
    );
    if (!created.ok) throw new Error(created.message);
    const rule = (await alertRules.list(db, ws.workspaceId)).find((r) => r.kind === "escalation");
    if (!rule) throw new Error("default escalation rule missing");
    const updated = await alertRules.update(
      db,
      ws.workspaceId,
      rule.id,
      { name: rule.name, destinationIds: [created.destination.id], params: {} },
      "user:test",
      NOW,
    );
    expect(updated.ok).toBe(true);
    // Another touchpoint: a new condition, so a new alert and a message to the destination.
    await deliver(
      "Still no parcel. I will cancel my subscription if this goes on.",
      "delivery-tracking",
      NOW + 3 * HOUR,
    );
    const queued = await db
      .select()
      .from(schema.outboundDeliveries)
      .where(eq(schema.outboundDeliveries.destinationId, created.destination.id));
    expect(queued).toHaveLength(1);
    expect(JSON.parse(queued[0]?.payload ?? "{}")).toMatchObject({
      type: "alert.triggered",
      data: { title: "Escalation cues at Delivery tracking", severity: "warning" },
    });
    const alert = await alerts.get(db, ws.workspaceId, queued[0]?.alertId ?? "");
    expect(alert?.touchpointName).toBe("Delivery tracking");
  });

  it("refuses another workspace's destination on a rule", async () => {
    const foreign = await destinations.create(
      db,
      other.workspaceId,
      { kind: "inbox", name: "Theirs" },
      { actor: "user:test", now: NOW, secretsKey: env.SECRETS_KEY },
    );
    if (!foreign.ok) throw new Error(foreign.message);
    const result = await alertRules.create(
      db,
      ws.workspaceId,
      { kind: "spike", name: "x", destinationIds: [foreign.destination.id] },
      "user:test",
      NOW,
    );
    expect(result).toEqual({ ok: false, status: 422, message: "destinationIds: unknown destination" });
    const badParams = await alertRules.create(
      db,
      ws.workspaceId,
      { kind: "spike", name: "x", params: { alpha: 2 } },
      "user:test",
      NOW,
    );
    expect(badParams).toMatchObject({ ok: false, status: 422 });
  });
});

describe("the cron", () => {
  it("evaluates windowed rules: a spike and a friction score over the threshold, with their reasons", async () => {
    // Eight weeks of one quiet, content item a day at delivery tracking, then a week of eight angry ones a day.
    await plantDays(
      ws.touchpointIds.delivery,
      Array.from({ length: 56 }, (_, i) => i + 7),
      { sentimentSum: 0.5 },
    );
    await plantDays(ws.touchpointIds.delivery, [0, 1, 2, 3, 4, 5, 6], {
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
    const [outcome] = await runScheduledAlerts(db, options(NOW + 3 * HOUR + 1));
    expect(outcome?.workspaceId).toBeDefined();
    const mine = await activeOf(ws.workspaceId);
    const key = `tp:${ws.touchpointIds.delivery}`;
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "spike", key: `spike:${key}` }),
        expect.objectContaining({ kind: "friction_threshold", key: `friction_threshold:${key}` }),
        expect.objectContaining({ kind: "repeat_surge", key: `repeat_surge:${key}` }),
      ]),
    );
    const spike = (await alerts.list(db, ws.workspaceId, { kind: "spike" })).alerts[0];
    expect(spike?.reasons[0]?.detail).toMatch(/Feedback: 5\d in the last 7 days/);
    const friction = (await alerts.list(db, ws.workspaceId, { kind: "friction_threshold" })).alerts[0];
    expect(friction?.reasons.map((r) => r.label)).toContain("Negative feedback share");
  });

  it("does not evaluate a workspace again within 15 minutes", async () => {
    const again = await runScheduledAlerts(db, options(NOW + 3 * HOUR + 60_000));
    expect(again.map((o) => o.workspaceId)).not.toContain(ws.workspaceId);
  });

  it("resolves what cleared by itself, and keeps what still holds", async () => {
    await db.delete(schema.dailyRollups).where(eq(schema.dailyRollups.workspaceId, ws.workspaceId));
    await db.delete(schema.touchpointDays).where(eq(schema.touchpointDays.workspaceId, ws.workspaceId));
    // A day later: the escalations are older than the rules' 24 hours, the spike's data is gone.
    await runScheduledAlerts(db, options(NOW + 2 * DAY));
    expect(await activeOf(ws.workspaceId)).toEqual([]);
    const resolved = (await alerts.list(db, ws.workspaceId, { status: "resolved" })).alerts;
    expect(resolved.length).toBeGreaterThanOrEqual(5);
    expect(new Set(resolved.map((a) => a.resolvedReason))).toEqual(new Set(["The condition cleared."]));
  });

  it("opens a new-issue alert, and resolves it when its rule is turned off", async () => {
    await db.insert(schema.themes).values({
      id: "th_alert_new",
      workspaceId: ws.workspaceId,
      label: "Login loop in the app",
      status: "active",
      itemCount: 9,
      firstSeenAt: NOW - DAY,
      createdAt: NOW,
      updatedAt: NOW,
    });
    const at = NOW + 3 * DAY;
    await runScheduledAlerts(db, options(at));
    expect(await activeOf(ws.workspaceId)).toEqual([
      expect.objectContaining({ kind: "new_theme", key: "new_theme:theme:th_alert_new", severity: "info" }),
    ]);
    const rule = (await alertRules.list(db, ws.workspaceId)).find((r) => r.kind === "new_theme");
    if (!rule) throw new Error("default new_theme rule missing");
    await alertRules.update(db, ws.workspaceId, rule.id, { name: rule.name, enabled: false }, "user:test", at);
    await alertEvaluation.evaluate(db, ws.workspaceId, { now: at + 1, scope: "full", appUrl: APP_URL });
    const [resolved] = (await alerts.list(db, ws.workspaceId, { kind: "new_theme" })).alerts;
    expect(resolved).toMatchObject({ status: "resolved", resolvedReason: "Its rule was turned off or deleted." });
  });

  it("catches up a follow-up the processing hook missed, and retries the owner's email", async () => {
    const n = ++sequence;
    const deliveryId = await postStandardDelivery(app, source, `msg_alert_${n}`, {
      id: `resp_alert_${n}`,
      kind: "ticket",
      comment: ANGRY,
      touchpoint: "checkout-payment",
    });
    await processDeliveries(db, env, [deliveryId]); // no hook: as if it had failed
    const before = (await followUps.list(db, ws.workspaceId)).length;
    emails = [];
    const failing = {
      appUrl: APP_URL,
      email: { send: async () => Promise.reject(new Error("smtp down")) },
      now: NOW + 4 * DAY,
    };
    await db
      .update(schema.alertEvaluations)
      .set({ evaluatedAt: 0 })
      .where(eq(schema.alertEvaluations.workspaceId, ws.workspaceId));
    await runScheduledAlerts(db, failing);
    const tasks = await followUps.list(db, ws.workspaceId);
    expect(tasks).toHaveLength(before + 1);
    expect(tasks[0]).toMatchObject({ notifiedAt: null, notifyAttempts: 1 });
    await runScheduledAlerts(db, options(NOW + 4 * DAY + 1));
    expect(emails.map((e) => e.to)).toEqual(["owner@example.com"]);
    expect((await followUps.list(db, ws.workspaceId))[0]?.notifiedAt).toBe(NOW + 4 * DAY + 1);
  });
});

describe("people and isolation", () => {
  it("acknowledges and resolves by hand, audited, and only in the own workspace", async () => {
    const [first] = (await alerts.list(db, ws.workspaceId)).alerts;
    if (!first) throw new Error("no alert");
    await db.update(schema.alerts).set({ status: "open", resolvedAt: null }).where(eq(schema.alerts.id, first.id));
    expect(await alerts.act(db, other.workspaceId, [first.id], "acknowledge", "user:x", NOW)).toBe(0);
    expect(await alerts.act(db, ws.workspaceId, [first.id], "acknowledge", "user:a", NOW)).toBe(1);
    expect(await alerts.act(db, ws.workspaceId, [first.id], "acknowledge", "user:a", NOW)).toBe(0);
    expect(await alerts.act(db, ws.workspaceId, [first.id], "resolve", "user:a", NOW)).toBe(1);
    const logged = await db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.workspaceId, ws.workspaceId), eq(schema.auditLog.targetId, first.id)));
    expect(logged.map((l) => l.action).sort()).toEqual(["alert.acknowledged", "alert.resolved"]);
  });

  it("shows another workspace none of these alerts, follow-ups or rules", async () => {
    expect((await alerts.list(db, other.workspaceId)).alerts).toEqual([]);
    expect(
      await alerts.get(db, other.workspaceId, (await alerts.list(db, ws.workspaceId)).alerts[0]?.id ?? ""),
    ).toBeUndefined();
    expect(await followUps.list(db, other.workspaceId)).toEqual([]);
    const task = (await followUps.list(db, ws.workspaceId))[0];
    expect(
      await followUps.setStatus(db, other.workspaceId, [task?.id ?? ""], "done", { actor: "user:x", now: NOW }),
    ).toBe(0);
    expect(
      await followUps.setStatus(db, ws.workspaceId, [task?.id ?? ""], "done", {
        actor: "user:a",
        now: NOW,
        note: "Called back",
      }),
    ).toBe(1);
    const rule = (await alertRules.list(db, ws.workspaceId))[0];
    expect(await alertRules.get(db, other.workspaceId, rule?.id ?? "")).toBeUndefined();
    expect(await alertRules.remove(db, other.workspaceId, rule?.id ?? "", "user:x", NOW)).toBe(false);
  });
});

describe("the REST API", () => {
  const call = (path: string, method = "GET", body?: unknown, token = ws.token) =>
    app.request(
      path,
      {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      env,
      createExecutionContext(),
    );

  it("lists alerts with their reasons, pages them, and acknowledges one", async () => {
    await db.update(schema.alerts).set({ status: "open" }).where(eq(schema.alerts.workspaceId, ws.workspaceId));
    const first = await call("/api/v1/alerts?limit=2");
    expect(first.status).toBe(200);
    const page = (await first.json()) as {
      data: { id: string; reasons: unknown[]; touchpoint: unknown }[];
      next: string;
    };
    expect(page.data).toHaveLength(2);
    expect(page.data[0]?.reasons.length).toBeGreaterThan(0);
    const second = (await (await call(`/api/v1/alerts?limit=2&before=${encodeURIComponent(page.next)}`)).json()) as {
      data: { id: string }[];
    };
    expect(second.data.map((a) => a.id)).not.toContain(page.data[0]?.id);
    const id = page.data[0]?.id;
    const acked = await call(`/api/v1/alerts/${id}/acknowledge`, "POST");
    expect(acked.status).toBe(200);
    expect(await acked.json()).toMatchObject({ id, status: "acknowledged", acknowledgedAt: expect.any(String) });
    const again = await call(`/api/v1/alerts/${id}/acknowledge`, "POST");
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "conflict", requestId: expect.any(String) } });
    expect((await call("/api/v1/alerts/alt_nope")).status).toBe(404);
    expect((await call("/api/v1/alerts?status=sideways")).status).toBe(400);
  });

  it("creates, changes and deletes rules, refusing bad parameters with the error shape", async () => {
    const created = await call("/api/v1/alert-rules", "POST", {
      kind: "friction_threshold",
      name: "Checkout over 75",
      touchpointId: ws.touchpointIds.checkout,
      params: { threshold: 75 },
    });
    expect(created.status).toBe(201);
    const rule = (await created.json()) as { id: string; params: Record<string, number> };
    expect(rule.params).toEqual({ threshold: 75 });
    const patched = await call(`/api/v1/alert-rules/${rule.id}`, "PATCH", { enabled: false });
    expect(await patched.json()).toMatchObject({ enabled: false, name: "Checkout over 75", params: { threshold: 75 } });
    const bad = await call(`/api/v1/alert-rules/${rule.id}`, "PATCH", { params: { threshold: 500 } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: "bad_request", message: expect.stringMatching(/^params\.threshold/) },
    });
    expect((await call(`/api/v1/alert-rules/${rule.id}`, "DELETE")).status).toBe(204);
    expect((await call(`/api/v1/alert-rules/${rule.id}`)).status).toBe(404);
  });

  it("closes a follow-up with a note", async () => {
    const list = (await (await call("/api/v1/follow-ups?status=open")).json()) as {
      data: { id: string; text: string }[];
    };
    const task = list.data[0];
    expect(task?.text).toBeTruthy();
    const done = await call(`/api/v1/follow-ups/${task?.id}`, "PATCH", { status: "done", note: "Called the customer" });
    expect(await done.json()).toMatchObject({
      status: "done",
      note: "Called the customer",
      closedAt: expect.any(String),
    });
  });
});
