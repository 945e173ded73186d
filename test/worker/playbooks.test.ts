import { createExecutionContext, env } from "cloudflare:test";
import { createDb, playbookRuns, playbooks, schema } from "@firebreak/db";
import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { actOnNewItems } from "../../functions/ingest/src/alerts.ts";
import { createApp } from "../../functions/ingest/src/app.ts";
import { deliverDueOutbound } from "../../functions/ingest/src/outbound.ts";
import { processDeliveries } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { createStandardSource, postStandardDelivery } from "./standard-webhooks.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const APP_URL = "https://app.example.com";
const HOUR = 3_600_000;
const ANGRY =
  "This is unacceptable. I want to speak to a manager now or I will cancel my subscription. Awful, useless service.";
const MOMENT_REASON = "Payment trouble needs a person who can refund on the spot.";

let ws: TestWorkspace;
let source: { id: string; secret: string };
let sequence = 0;

const api = async (path: string, method = "GET", body?: unknown, token = ws.token) => {
  const res = await app.request(
    path,
    {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
    env,
    createExecutionContext(),
  );
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely; the OpenAPI test checks their shape
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, any> };
};

/** A test receiver behind the sender's `fetch`: keeps every request and answers from a script. */
let received: { request: Request; body: string }[] = [];
let answers: (() => Response)[] = [];
const receiver = async (input: string, init?: RequestInit) => {
  const request = new Request(input, init);
  received.push({ request, body: await request.clone().text() });
  const answer = answers.shift();
  if (!answer) throw new Error("receiver: no answer scripted");
  return answer();
};
const send = () => deliverDueOutbound(env, { fetch: receiver, email: { send: async () => {} }, random: () => 0.5 });

/** One signed delivery processed as the queue consumer does, then the consumer's alert hook; what the hook did. */
async function deliver(text: string, touchpoint: string, now: number) {
  const n = ++sequence;
  const deliveryId = await postStandardDelivery(app, source, `msg_pb_${n}`, {
    id: `resp_pb_${n}`,
    kind: "ticket",
    comment: text,
    touchpoint,
  });
  const outcome = await processDeliveries(db, env, [deliveryId]);
  expect(outcome.failed.size).toBe(0);
  const [acted] = await actOnNewItems(db, outcome.attention, {
    appUrl: APP_URL,
    email: { send: async () => {} },
    now,
  });
  return acted;
}

const webhookPlaybook = (overrides: Record<string, unknown> = {}) => ({
  name: "Delay notice",
  trigger: { kinds: ["escalation"], minSeverity: "warning" },
  action: {
    kind: "webhook",
    connect: { url: "https://hooks.zapier.example.com/catch/1" },
    note: "Send the delay email.",
  },
  customerFacing: false,
  ...overrides,
});

const deliveriesOfRun = (runId: string) =>
  db.select().from(schema.outboundDeliveries).where(eq(schema.outboundDeliveries.playbookRunId, runId));

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "playbooks");
  source = await createStandardSource(app, ws);
  await db
    .update(schema.touchpoints)
    .set({ isHumanMoment: true, humanMomentReason: MOMENT_REASON, humanMomentOwner: "Dana (billing lead)" })
    .where(eq(schema.touchpoints.id, ws.touchpointIds.checkout));
});

beforeEach(() => {
  received = [];
  answers = [];
});

describe("configuring playbooks", () => {
  it("creates (off by default, with a new signed destination), lists in words, changes and deletes, audited", async () => {
    const created = await api("/api/v1/playbooks", "POST", webhookPlaybook());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Delay notice",
      enabled: false,
      customerFacing: false,
      trigger: { kinds: ["escalation"], minSeverity: "warning", touchpointId: null, on: ["opened"] },
      action: { kind: "webhook", destinationId: expect.stringMatching(/^dst_/), note: "Send the delay email." },
      signingSecret: expect.stringMatching(/^whsec_/),
    });
    expect(created.body.summary).toBe(
      "When an Escalation cue alert (warning or worse) opens → send a signed webhook via “Delay notice”",
    );
    const id = created.body.id as string;
    const listed = await api("/api/v1/playbooks");
    expect(listed.body.data.map((p: { id: string }) => p.id)).toContain(id);
    expect(JSON.stringify(listed.body)).not.toContain("whsec_");

    const patched = await api(`/api/v1/playbooks/${id}`, "PATCH", { name: "Delay notice v2", enabled: true });
    expect(patched).toMatchObject({
      status: 200,
      body: { name: "Delay notice v2", enabled: true, signingSecret: null },
    });
    expect((await api(`/api/v1/playbooks/${id}`)).body.name).toBe("Delay notice v2");
    expect(await api(`/api/v1/playbooks/${id}/runs`)).toMatchObject({ status: 200, body: { data: [] } });

    expect((await api(`/api/v1/playbooks/${id}`, "DELETE")).status).toBe(204);
    expect(await api(`/api/v1/playbooks/${id}`)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    const audit = await db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.workspaceId, ws.workspaceId), eq(schema.auditLog.targetId, id)));
    expect(audit.map((a) => a.action).sort()).toEqual(["playbook.created", "playbook.deleted", "playbook.updated"]);
  });

  it("refuses bad input in the error shape: a foreign or wrong-kind destination, an unsafe URL, nothing to change", async () => {
    const unsafe = await api(
      "/api/v1/playbooks",
      "POST",
      webhookPlaybook({ action: { kind: "webhook", connect: { url: "https://10.0.0.1/x" } } }),
    );
    expect(unsafe).toMatchObject({
      status: 400,
      body: { error: { code: "bad_request", requestId: expect.any(String) } },
    });
    expect(unsafe.body.error.message).toContain("not public");
    const missing = await api(
      "/api/v1/playbooks",
      "POST",
      webhookPlaybook({ action: { kind: "slack", destinationId: "dst_nope" } }),
    );
    expect(missing.status).toBe(400);
    const both = await api("/api/v1/playbooks", "POST", webhookPlaybook({ action: { kind: "webhook" } }));
    expect(both.status).toBe(400);
    const created = await api("/api/v1/playbooks", "POST", webhookPlaybook());
    const wrongKind = await api("/api/v1/playbooks", "POST", {
      ...webhookPlaybook(),
      action: { kind: "ticket", destinationId: created.body.action.destinationId },
    });
    expect(wrongKind.body.error.message).toContain("needs a zendesk destination");
    expect((await api(`/api/v1/playbooks/${created.body.id}`, "PATCH", {})).status).toBe(400);
  });

  it("answers 409 for a customer-facing playbook at a human moment, naming the moment, its reason and owner", async () => {
    const refused = await api(
      "/api/v1/playbooks",
      "POST",
      webhookPlaybook({
        customerFacing: true,
        trigger: { kinds: ["escalation"], touchpointId: ws.touchpointIds.checkout },
      }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "conflict", requestId: expect.any(String) });
    expect(refused.body.error.message).toContain("“Checkout payment” (Purchase › Delivery) is a human moment");
    expect(refused.body.error.message).toContain(MOMENT_REASON);
    expect(refused.body.error.message).toContain("Dana (billing lead)");
    // Nothing was made: no playbook and no orphan destination.
    const names = (
      await db.select().from(schema.destinations).where(eq(schema.destinations.workspaceId, ws.workspaceId))
    ).length;
    const internal = await api(
      "/api/v1/playbooks",
      "POST",
      webhookPlaybook({ trigger: { kinds: ["escalation"], touchpointId: ws.touchpointIds.checkout } }),
    );
    expect(internal.status).toBe(201);
    expect(
      (await db.select().from(schema.destinations).where(eq(schema.destinations.workspaceId, ws.workspaceId))).length,
    ).toBe(names + 1);
    // Making it customer-facing, or switching a customer-facing one on there, is refused too; off is always allowed.
    const id = internal.body.id as string;
    expect((await api(`/api/v1/playbooks/${id}`, "PATCH", { customerFacing: true })).status).toBe(409);
    await db.update(schema.playbooks).set({ customerFacing: true }).where(eq(schema.playbooks.id, id));
    expect((await api(`/api/v1/playbooks/${id}`, "PATCH", { enabled: true })).status).toBe(409);
    expect((await api(`/api/v1/playbooks/${id}`, "PATCH", { enabled: false })).status).toBe(200);
    expect((await api(`/api/v1/playbooks/${id}`, "DELETE")).status).toBe(204);
  });

  it("dry-runs without sending: the decision, what would go where, and a dry-run run in the trail", async () => {
    const created = await api("/api/v1/playbooks", "POST", webhookPlaybook({ name: "Dry" }));
    const id = created.body.id as string;
    const dry = await api(`/api/v1/playbooks/${id}/dry-run`, "POST", {});
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      source: "sample",
      matched: true,
      outcome: "executed",
      humanMoment: null,
      alert: { kind: "escalation", severity: "warning" },
      wouldSend: {
        destination: { id: created.body.action.destinationId, kind: "webhook", hint: "hooks.zapier.example.com" },
        eventType: "playbook.triggered",
        body: { type: "playbook.triggered", data: { playbook: { id, name: "Dry" }, alert: { kind: "escalation" } } },
      },
    });
    const queued = await db
      .select()
      .from(schema.outboundDeliveries)
      .where(eq(schema.outboundDeliveries.destinationId, created.body.action.destinationId));
    expect(queued).toEqual([]);
    const runs = await api(`/api/v1/playbooks/${id}/runs`);
    expect(runs.body.data).toEqual([
      expect.objectContaining({ id: dry.body.runId, dryRun: true, outcome: "executed", deliveryId: null }),
    ]);
    expect((await api(`/api/v1/playbooks/${id}/dry-run`, "POST", { alertId: "alt_nope" })).status).toBe(404);
    await api(`/api/v1/playbooks/${id}`, "DELETE");
  });
});

describe("running playbooks", () => {
  it("a real alert evaluation runs a matching playbook and queues a delivery whose signature verifies", async () => {
    const created = await api("/api/v1/playbooks", "POST", webhookPlaybook({ name: "Escalation hook", enabled: true }));
    const acted = await deliver(ANGRY, "delivery-tracking", NOW + HOUR);
    expect(acted?.notified.map((a) => a.kind)).toContain("escalation");
    const run = acted?.playbookRuns.find((r) => r.playbookId === created.body.id);
    expect(run).toMatchObject({ outcome: "executed", deliveryId: expect.stringMatching(/^obd_/) });
    const [queued] = await deliveriesOfRun(run?.runId ?? "");
    expect(queued).toMatchObject({ id: run?.deliveryId, eventType: "playbook.triggered", status: "pending" });

    answers = [() => new Response(null, { status: 204 })];
    expect(await send()).toMatchObject({ outcomes: { delivered: 1 } });
    const [hit] = received;
    expect(hit?.request.url).toBe("https://hooks.zapier.example.com/catch/1");
    const event = new Webhook(created.body.signingSecret).verify(
      hit?.body ?? "",
      Object.fromEntries(hit?.request.headers ?? []),
    );
    expect(event).toMatchObject({
      type: "playbook.triggered",
      data: {
        playbook: { id: created.body.id, name: "Escalation hook" },
        runId: run?.runId,
        action: { note: "Send the delay email." },
        alert: {
          kind: "escalation",
          change: "opened",
          title: "Escalation cues at Delivery tracking",
          link: expect.stringMatching(/^https:\/\/app\.example\.com\/alerts\/alt_/),
          reasons: expect.arrayContaining([expect.objectContaining({ label: expect.any(String) })]),
        },
      },
    });
    const runs = await api(`/api/v1/playbooks/${created.body.id}/runs`);
    expect(runs.body.data[0]).toMatchObject({ dryRun: false, outcome: "executed", alertId: queued?.alertId });
  });

  it("refuses a customer-facing playbook at run time when the alert is at a human moment, and sends nothing", async () => {
    const created = await api(
      "/api/v1/playbooks",
      "POST",
      webhookPlaybook({
        name: "Auto-apology",
        enabled: true,
        customerFacing: true,
        trigger: { kinds: ["escalation", "human_moment_negative"], minSeverity: "info" },
      }),
    );
    expect(created.status).toBe(201);
    const acted = await deliver(ANGRY, "checkout-payment", NOW + 2 * HOUR);
    const runs = acted?.playbookRuns.filter((r) => r.playbookId === created.body.id) ?? [];
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect(run).toMatchObject({ outcome: "refused", deliveryId: null });
      expect(run.reason).toContain("“Checkout payment”");
      expect(await deliveriesOfRun(run.runId)).toEqual([]);
    }
    const trail = await api(`/api/v1/playbooks/${created.body.id}/runs`);
    expect(trail.body.data[0]).toMatchObject({
      outcome: "refused",
      humanMoment: { touchpointId: ws.touchpointIds.checkout, name: "Checkout payment", owner: "Dana (billing lead)" },
    });
    answers = [() => new Response(null, { status: 204 })];
    await send();
    expect(received).toHaveLength(1);
    // What went out is the internal playbook's message about the same alert; the refused one sent nothing.
    expect(received.map((r) => JSON.parse(r.body).data.playbook.id)).not.toContain(created.body.id);
    await api(`/api/v1/playbooks/${created.body.id}`, "PATCH", { enabled: false });
  });

  it("opens a Zendesk ticket through the outbound queue, with basic auth, and never shows the token", async () => {
    const created = await api("/api/v1/playbooks", "POST", {
      name: "Check in on repeat contacts",
      trigger: { kinds: ["repeat_surge"], minSeverity: "warning" },
      action: {
        kind: "ticket",
        connect: { subdomain: "acme", email: "agent@acme.test", apiToken: "zd-token-123456" },
        priority: "high",
        tags: ["check-in"],
      },
      customerFacing: false,
      enabled: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.signingSecret).toBeNull();
    expect(JSON.stringify(created.body)).not.toContain("zd-token-123456");
    const stored = await db.query.destinations.findFirst({
      where: eq(schema.destinations.id, created.body.action.destinationId),
    });
    expect(stored).toMatchObject({ kind: "zendesk", targetHint: "acme.zendesk.com" });
    expect(stored?.secretCiphertext).not.toContain("zd-token");

    const [run] = await playbookRuns.runPlaybooksForEvent(
      db,
      ws.workspaceId,
      {
        id: "alt_repeat",
        title: "Repeat contacts surging at Delivery tracking",
        severity: "warning",
        reasons: [{ label: "Repeat contacts", detail: "14 in 7 days" }],
        link: `${APP_URL}/alerts/alt_repeat`,
        occurredAt: NOW,
        kind: "repeat_surge",
        touchpointId: ws.touchpointIds.delivery,
        themeId: null,
        change: "opened",
      },
      { now: NOW + 3 * HOUR },
    );
    expect(run).toMatchObject({ outcome: "executed" });
    answers = [() => Response.json({ ticket: { id: 77 } }, { status: 201 })];
    expect(await send()).toMatchObject({ outcomes: { delivered: 1 } });
    const [hit] = received;
    expect(hit?.request.url).toBe("https://acme.zendesk.com/api/v2/tickets.json");
    expect(atob((hit?.request.headers.get("authorization") ?? "").replace("Basic ", ""))).toBe(
      "agent@acme.test/token:zd-token-123456",
    );
    expect(JSON.parse(hit?.body ?? "{}")).toMatchObject({
      ticket: {
        subject: "[Firebreak warning] Repeat contacts surging at Delivery tracking",
        priority: "high",
        tags: ["firebreak", "check-in"],
        comment: { body: expect.stringContaining("- Repeat contacts: 14 in 7 days") },
      },
    });
    const listed = await playbooks.destinationChoices(db, ws.workspaceId);
    expect(JSON.stringify(listed)).not.toContain("zd-token");
  });
});
