/**
 * `/api/v1/destinations` end to end on a real D1: the secret shown once, the SSRF guard's refusal in the one error
 * shape, a test send through the real outbound queue verified with the standardwebhooks library, disabling, the
 * delivery log's pages, retry-now and deletion.
 */
import { createExecutionContext, env } from "cloudflare:test";
import { newId } from "@firebreak/core";
import { alertRules, createDb, outbound, schema } from "@firebreak/db";
import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { deliverDueOutbound } from "../../functions/ingest/src/outbound.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const TARGET = "https://hooks.example.com/firebreak/alerts";

/** The API of an app instance; `later` is a minute on, so what it queues sorts after the rest in the log. */
const apiOf =
  (instance: typeof app) =>
  (token: string, path: string, method = "GET", body?: unknown) =>
    instance.request(
      `/api/v1/destinations${path}`,
      {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      env,
      createExecutionContext(),
    );
const api = apiOf(app);
const later = apiOf(createApp({ now: () => NOW + 60_000, jwks: { keys: async () => [] } }));

/** The sender with a receiver that answers `status` and keeps what it got; signed at the real clock. */
async function sendDue(status: number) {
  const got: { url: string; headers: Record<string, string>; body: string }[] = [];
  const result = await deliverDueOutbound(env, {
    fetch: async (input, init) => {
      const request = new Request(input, init);
      got.push({ url: request.url, headers: Object.fromEntries(request.headers), body: await request.text() });
      return new Response(null, { status });
    },
    email: { send: async () => {} },
  });
  return { result, got };
}

type Delivery = {
  id: string;
  eventType: string;
  status: string;
  attempts: number;
  attemptLog: { outcome: string; responseStatus: number | null }[];
};

let ws: TestWorkspace;
let other: TestWorkspace;
let webhook: { id: string; secret: string };

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "destinations");
  other = await makeWorkspace(env.DB, "destinations-other");
});

describe("/api/v1/destinations", () => {
  it("creates a webhook with its signing secret once; reads never return it or the target", async () => {
    const res = await api(ws.token, "", "POST", { kind: "webhook", name: "Ops pager", target: TARGET });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; secret: string; targetHint: string; enabled: boolean };
    expect(created).toMatchObject({ kind: "webhook", name: "Ops pager", targetHint: "hooks.example.com" });
    expect(created.enabled).toBe(true);
    expect(created.secret).toMatch(/^whsec_/);
    webhook = { id: created.id, secret: created.secret };

    for (const path of ["", `/${created.id}`]) {
      const read = await api(ws.token, path);
      expect(read.status).toBe(200);
      const text = await read.text();
      expect(text).toContain(created.id);
      expect(text).not.toContain(created.secret);
      expect(text).not.toContain("/firebreak/alerts");
      expect(text).not.toContain('"secret"');
    }
    const slack = await api(ws.token, "", "POST", {
      kind: "slack",
      name: "#cx",
      target: "https://hooks.slack.com/services/T1/B2/xyz",
    });
    expect(await slack.json()).toMatchObject({ kind: "slack", secret: null });
  });

  it("refuses unsafe targets with a 400 in the one error shape, saying why", async () => {
    const res = await api(ws.token, "", "POST", { kind: "webhook", name: "internal", target: "https://10.0.0.1/x" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error).toMatchObject({ code: "bad_request", requestId: expect.any(String) });
    expect(body.error.message).toMatch(/^target: .*10\.0\.0\.0\/8/);
    for (const target of ["http://hooks.example.com/x", "https://localhost/x", "https://[::ffff:127.0.0.1]/"]) {
      expect((await api(ws.token, "", "POST", { kind: "webhook", name: "x", target })).status, target).toBe(400);
    }
    expect((await api(ws.token, "", "POST", { kind: "email", name: "x", target: "not-an-address" })).status).toBe(400);
    expect((await api(ws.token, "", "POST", { kind: "carrier-pigeon", name: "x" })).status).toBe(400);
  });

  it("queues a signed test that the sender delivers and the receiver verifies with standardwebhooks", async () => {
    const res = await api(ws.token, `/${webhook.id}/test`, "POST");
    expect(res.status).toBe(202);
    const queued = (await res.json()) as Delivery;
    expect(queued).toMatchObject({ eventType: "alert.test", status: "pending", attempts: 0 });

    const { result, got } = await sendDue(204);
    expect(result.outcomes.delivered).toBeGreaterThanOrEqual(1);
    const request = got.find((g) => g.headers["webhook-id"] === queued.id);
    expect(request?.url).toBe(TARGET);
    const event = new Webhook(webhook.secret).verify(request?.body ?? "", request?.headers ?? {}) as {
      type: string;
      data: { title: string; link: string };
    };
    expect(event.type).toBe("alert.test");
    expect(event.data.title).toMatch(/^Test alert/);
    expect(event.data.link).toMatch(new RegExp(`/settings/destinations/${webhook.id}$`));

    const log = (await (await api(ws.token, `/${webhook.id}/deliveries`)).json()) as { data: Delivery[] };
    expect(log.data[0]).toMatchObject({
      id: queued.id,
      status: "delivered",
      attempts: 1,
      attemptLog: [{ outcome: "delivered", responseStatus: 204 }],
    });
  });

  it("pages the log, newest first, and sends a failed delivery again on retry-now", async () => {
    await later(ws.token, `/${webhook.id}/test`, "POST");
    const failed = await sendDue(410);
    expect(failed.result.outcomes.failed).toBe(1);
    const first = (await (await api(ws.token, `/${webhook.id}/deliveries?limit=1`)).json()) as {
      data: Delivery[];
      next: string;
    };
    expect(first.data).toHaveLength(1);
    expect(first.data[0]?.status).toBe("failed");
    const second = (await (
      await api(ws.token, `/${webhook.id}/deliveries?limit=1&before=${encodeURIComponent(first.next)}`)
    ).json()) as { data: Delivery[]; next: string | null };
    expect(second.data[0]?.status).toBe("delivered");
    expect(second.next).toBeNull();

    const id = first.data[0]?.id ?? "";
    // Only a final failure goes back in the queue, and only in its own workspace.
    expect(await outbound.retryNow(db, other.workspaceId, webhook.id, id, NOW)).toBe(false);
    expect(await outbound.retryNow(db, ws.workspaceId, webhook.id, id, NOW)).toBe(true);
    expect(await outbound.retryNow(db, ws.workspaceId, webhook.id, id, NOW)).toBe(false);
    expect((await sendDue(200)).result.outcomes.delivered).toBe(1);
    const after = (await (await api(ws.token, `/${webhook.id}/deliveries?limit=1`)).json()) as { data: Delivery[] };
    expect(after.data[0]).toMatchObject({ id, status: "delivered", attempts: 2 });
    expect(after.data[0]?.attemptLog.map((a) => a.outcome)).toEqual(["delivered", "failed"]);
  });

  it("stops enqueueing alerts to a disabled destination, and refuses a test to it", async () => {
    const alertId = newId("alt");
    await db.insert(schema.alerts).values({
      id: alertId,
      workspaceId: ws.workspaceId,
      kind: "escalation",
      conditionKey: `escalation:tp:${ws.touchpointIds.delivery}`,
      status: "open",
      severity: "warning",
      title: "Escalation cues at Delivery tracking",
      why: { reasons: [] },
      openedAt: NOW,
    });
    const queuedFor = async () => {
      await db.run(
        outbound.enqueueForAlertStatement(ws.workspaceId, {
          destinationId: webhook.id,
          eventType: "alert.triggered",
          alertId,
          payload: "{}",
          now: NOW,
        }),
      );
      const rows = await db.query.outboundDeliveries.findMany({
        where: and(eq(schema.outboundDeliveries.alertId, alertId)),
      });
      return rows.length;
    };

    const off = await api(ws.token, `/${webhook.id}`, "PATCH", { enabled: false, name: "Ops pager (paused)" });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ enabled: false, name: "Ops pager (paused)" });
    expect(await queuedFor()).toBe(0);
    const test = await api(ws.token, `/${webhook.id}/test`, "POST");
    expect(test.status).toBe(409);
    expect(await test.json()).toMatchObject({ error: { code: "conflict" } });

    expect((await api(ws.token, `/${webhook.id}`, "PATCH", { enabled: true })).status).toBe(200);
    expect(await queuedFor()).toBe(1);
    expect((await api(ws.token, `/${webhook.id}`, "PATCH", {})).status).toBe(400);
    const audits = await db.query.auditLog.findMany({ where: eq(schema.auditLog.targetId, webhook.id) });
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "destination.created",
        "destination.tested",
        "destination.disabled",
        "destination.enabled",
      ]),
    );
  });

  it("keeps another workspace out, and deletes with the log", async () => {
    for (const [path, method] of [
      [`/${webhook.id}`, "GET"],
      [`/${webhook.id}/deliveries`, "GET"],
      [`/${webhook.id}/test`, "POST"],
      [`/${webhook.id}`, "DELETE"],
    ] as const) {
      const res = await api(other.token, path, method);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(await (await api(other.token, "")).json()).toEqual({ data: [] });

    expect((await api(ws.token, `/${webhook.id}`, "DELETE")).status).toBe(204);
    expect((await api(ws.token, `/${webhook.id}`)).status).toBe(404);
    expect(
      await db.query.outboundDeliveries.findMany({ where: eq(schema.outboundDeliveries.destinationId, webhook.id) }),
    ).toEqual([]);
  });

  it("with allRules joins every alert rule, and leaves them when deleted (so they stay valid to save)", async () => {
    await alertRules.ensureDefaults(db, ws.workspaceId, NOW);
    const res = await api(ws.token, "", "POST", { kind: "slack", name: "#cx-alerts", target: TARGET, allRules: true });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const rules = await alertRules.list(db, ws.workspaceId);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule.destinationIds).toEqual([id]);
    const otherRules = await alertRules.list(db, other.workspaceId);
    for (const rule of otherRules) expect(rule.destinationIds).not.toContain(id);

    expect((await api(ws.token, `/${id}`, "DELETE")).status).toBe(204);
    const after = await alertRules.list(db, ws.workspaceId);
    for (const rule of after) expect(rule.destinationIds).toEqual([]);
    const rule = after[0] as (typeof after)[number];
    const saved = await alertRules.update(db, ws.workspaceId, rule.id, { ...rule, name: "Renamed" }, "system", NOW);
    expect(saved.ok).toBe(true);
  });
});
