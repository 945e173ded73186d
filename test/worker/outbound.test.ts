import { env } from "cloudflare:test";
import { encryptSecret, type OutboundAlert } from "@firebreak/core";
import { createDb, destinations, outbound, schema } from "@firebreak/db";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmailMessage } from "../../functions/core/src/email.ts";
import { deliverDueOutbound, queueAlert } from "../../functions/ingest/src/outbound.ts";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures.ts";

const db = createDb(env.DB);
const START = Date.now();
let clock = START;
const by = () => ({ actor: "user:test", now: clock, secretsKey: env.SECRETS_KEY });

const ALERT: OutboundAlert = {
  id: "alr_test",
  title: "Refunds spiking at Checkout",
  severity: "critical",
  reasons: [{ label: "Volume", detail: "42 items in 1 h, 5× usual" }],
  link: "https://app.example.com/alerts/alr_test",
  occurredAt: START,
  touchpoint: "Checkout",
};

/** A test receiver behind the sender's `fetch`: answers from a script, and keeps every request it got. */
let received: Request[] = [];
let bodies: string[] = [];
let answers: (() => Response)[] = [];
const receiver = async (input: string, init?: RequestInit) => {
  const request = new Request(input, init);
  received.push(request);
  bodies.push(await request.clone().text());
  const answer = answers.shift();
  if (!answer) throw new Error("receiver: no answer scripted");
  return answer();
};
let emails: EmailMessage[] = [];
const run = (extra: { allowLoopback?: boolean } = {}) =>
  deliverDueOutbound(env, {
    fetch: receiver,
    email: { send: async (m) => void emails.push(m) },
    now: () => clock,
    random: () => 0.5,
    ...extra,
  });

let ws: TestWorkspace;
let other: TestWorkspace;

async function webhookDestination(target = "https://hooks.example.com/firebreak") {
  const created = await destinations.create(db, ws.workspaceId, { kind: "webhook", name: "Ops", target }, by());
  if (!created.ok || !created.secret) throw new Error("webhook destination not created");
  return { id: created.destination.id, secret: created.secret };
}

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "outbound");
  other = await makeWorkspace(env.DB, "outsider");
});

beforeEach(() => {
  clock += 86_400_000;
  received = [];
  bodies = [];
  answers = [];
  emails = [];
});

describe("destinations", () => {
  it("stores targets and secrets encrypted, lists without them, audits creation and deletion", async () => {
    const created = await destinations.create(
      db,
      ws.workspaceId,
      { kind: "slack", name: "Slack #ops", target: "https://hooks.slack.com/services/T1/B2/abc" },
      by(),
    );
    expect(created).toMatchObject({ ok: true, secret: null, destination: { targetHint: "hooks.slack.com" } });
    if (!created.ok) return;
    const row = await destinations.get(db, ws.workspaceId, created.destination.id);
    expect(row?.targetCiphertext).toMatch(/^v1\./);
    expect(JSON.stringify(await destinations.list(db, ws.workspaceId))).not.toContain("hooks.slack.com/services");
    expect(await destinations.remove(db, ws.workspaceId, created.destination.id, by())).toBe(true);
    const audits = await db.query.auditLog.findMany({ where: eq(schema.auditLog.targetId, created.destination.id) });
    expect(audits.map((a) => a.action).sort()).toEqual(["destination.created", "destination.deleted"]);
  });

  it("refuses unsafe and malformed targets at creation", async () => {
    for (const target of [
      "http://hooks.example.com/x",
      "https://169.254.169.254/",
      "https://[::1]/x",
      "https://a:b@x.com/",
    ]) {
      const created = await destinations.create(db, ws.workspaceId, { kind: "webhook", name: "x", target }, by());
      expect(created, target).toMatchObject({ ok: false, message: expect.stringMatching(/^target: /) });
    }
    expect(
      await destinations.create(db, ws.workspaceId, { kind: "email", name: "x", target: "nope" }, by()),
    ).toMatchObject({
      ok: false,
    });
    // The development flag lets loopback through, and only loopback.
    const local = { ...by(), allowLoopback: true };
    expect(
      await destinations.create(
        db,
        ws.workspaceId,
        { kind: "webhook", name: "x", target: "http://127.0.0.1:9999/h" },
        local,
      ),
    ).toMatchObject({ ok: true });
    expect(
      await destinations.create(db, ws.workspaceId, { kind: "webhook", name: "x", target: "http://10.0.0.1/h" }, local),
    ).toMatchObject({ ok: false });
  });
});

describe("the outbound sweep", () => {
  it("delivers a signed webhook that the receiver verifies with standardwebhooks", async () => {
    // The receiver verifies the timestamp against the real clock; every earlier delivery is settled, none is due.
    clock = Date.now();
    const dest = await webhookDestination();
    const [queued] = await queueAlert(db, ws.workspaceId, [dest.id], ALERT, clock);
    answers = [() => new Response(null, { status: 204 })];
    expect(await run()).toEqual({ claimed: 1, outcomes: { delivered: 1, retry: 0, failed: 0, refused: 0 } });
    const [request] = received;
    expect(request?.url).toBe("https://hooks.example.com/firebreak");
    expect(request?.redirect).toBe("manual");
    const headers = Object.fromEntries(request?.headers ?? []);
    expect(headers["webhook-id"]).toBe(queued?.id);
    const event = new Webhook(dest.secret).verify(bodies[0] ?? "", headers);
    expect(event).toMatchObject({ type: "alert.triggered", data: { id: "alr_test", title: ALERT.title } });
    expect(await outbound.getDelivery(db, ws.workspaceId, queued?.id ?? "")).toMatchObject({
      status: "delivered",
      attempts: 1,
      responseStatus: 204,
    });
    expect(await run()).toMatchObject({ claimed: 0 });
  });

  it("retries a 500 after the backoff, then logs both attempts", async () => {
    const dest = await webhookDestination();
    const [queued] = await queueAlert(db, ws.workspaceId, [dest.id], ALERT, clock);
    answers = [() => new Response("down", { status: 500 }), () => new Response("ok", { status: 200 })];
    expect((await run()).outcomes.retry).toBe(1);
    expect(await outbound.getDelivery(db, ws.workspaceId, queued?.id ?? "")).toMatchObject({
      status: "pending",
      nextAttemptAt: clock + 30_000,
    });
    clock += 10_000;
    expect(await run()).toMatchObject({ claimed: 0 });
    clock += 20_000;
    expect((await run()).outcomes.delivered).toBe(1);
    expect(received.map((r) => r.headers.get("webhook-id"))).toEqual([queued?.id, queued?.id]);
    const log = await outbound.attemptLog(db, ws.workspaceId, dest.id);
    expect(log.map((a) => [a.attempt, a.outcome, a.responseStatus, a.error])).toEqual([
      [2, "delivered", 200, null],
      [1, "retry", 500, "HTTP 500"],
    ]);
    // The first attempt was due again exactly 30 s later: now.
    expect(log[1]?.nextAttemptAt).toBe(clock);
  });

  it("treats a 4xx as final", async () => {
    const dest = await webhookDestination();
    const [queued] = await queueAlert(db, ws.workspaceId, [dest.id], ALERT, clock);
    answers = [() => new Response("gone", { status: 410 })];
    expect((await run()).outcomes.failed).toBe(1);
    clock += 86_400_000;
    expect(await run()).toMatchObject({ claimed: 0 });
    expect(await outbound.getDelivery(db, ws.workspaceId, queued?.id ?? "")).toMatchObject({
      status: "failed",
      responseStatus: 410,
    });
  });

  it("refuses an unsafe target before any request, and logs it", async () => {
    // A row from before the rules tightened, or written around `create`: the sender checks again.
    await db.insert(schema.destinations).values({
      id: "dst_unsafe",
      workspaceId: ws.workspaceId,
      kind: "slack",
      name: "metadata",
      targetCiphertext: await encryptSecret("https://169.254.169.254/latest/meta-data/", env.SECRETS_KEY),
      createdAt: clock,
    });
    await queueAlert(db, ws.workspaceId, ["dst_unsafe"], ALERT, clock);
    expect((await run()).outcomes.refused).toBe(1);
    expect(received).toHaveLength(0);
    const [entry] = await outbound.attemptLog(db, ws.workspaceId, "dst_unsafe");
    expect(entry).toMatchObject({ outcome: "refused", responseStatus: null });
    expect(entry?.error).toMatch(/^unsafe target: address in 169\.254\.0\.0\/16/);
  });

  it("refuses loopback unless the development flag allows it", async () => {
    const created = await destinations.create(
      db,
      ws.workspaceId,
      { kind: "webhook", name: "local", target: "http://127.0.0.1:9999/hook" },
      { ...by(), allowLoopback: true },
    );
    if (!created.ok) throw new Error("not created");
    await queueAlert(db, ws.workspaceId, [created.destination.id], ALERT, clock);
    expect((await run()).outcomes.refused).toBe(1);
    await queueAlert(db, ws.workspaceId, [created.destination.id], ALERT, clock);
    answers = [() => new Response(null, { status: 200 })];
    expect((await run({ allowLoopback: true })).outcomes.delivered).toBe(1);
    expect(received[0]?.url).toBe("http://127.0.0.1:9999/hook");
  });

  it("does not follow a redirect: a 3xx is a final failure, with one request sent", async () => {
    const dest = await webhookDestination();
    await queueAlert(db, ws.workspaceId, [dest.id], ALERT, clock);
    answers = [() => new Response(null, { status: 302, headers: { location: "http://169.254.169.254/" } })];
    expect((await run()).outcomes.failed).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]?.redirect).toBe("manual");
    const [entry] = await outbound.attemptLog(db, ws.workspaceId, dest.id);
    expect(entry).toMatchObject({ outcome: "failed", responseStatus: 302 });
    expect(entry?.error).toContain("not followed");
  });

  it("sends Slack a Block Kit message, email through the sender, and marks the inbox delivered", async () => {
    const slack = await destinations.create(
      db,
      ws.workspaceId,
      { kind: "slack", name: "Slack", target: "https://hooks.slack.com/services/T1/B2/c" },
      by(),
    );
    const email = await destinations.create(
      db,
      ws.workspaceId,
      { kind: "email", name: "Ops", target: "ops@example.com" },
      by(),
    );
    const inbox = await destinations.create(db, ws.workspaceId, { kind: "inbox", name: "Inbox" }, by());
    if (!slack.ok || !email.ok || !inbox.ok) throw new Error("not created");
    await queueAlert(
      db,
      ws.workspaceId,
      [slack.destination.id, email.destination.id, inbox.destination.id],
      ALERT,
      clock,
    );
    answers = [() => new Response("ok", { status: 200 })];
    expect((await run()).outcomes.delivered).toBe(3);
    const message = JSON.parse(bodies[0] ?? "{}") as { text: string; blocks: { type: string }[] };
    expect(message.text).toBe("[critical] Refunds spiking at Checkout");
    expect(message.blocks.map((b) => b.type)).toEqual(["header", "context", "section", "actions"]);
    expect(received[0]?.headers.get("webhook-signature")).toBeNull();
    expect(emails).toEqual([
      expect.objectContaining({ to: "ops@example.com", subject: expect.stringContaining(ALERT.title) }),
    ]);
  });

  it("keeps workspaces apart", async () => {
    const dest = await webhookDestination();
    const [queued] = await queueAlert(db, ws.workspaceId, [dest.id], ALERT, clock);
    answers = [() => new Response(null, { status: 204 })];
    await run();
    expect(await queueAlert(db, other.workspaceId, [dest.id], ALERT, clock)).toEqual([]);
    expect(await outbound.attemptLog(db, other.workspaceId, dest.id)).toEqual([]);
    expect(await outbound.getDelivery(db, other.workspaceId, queued?.id ?? "")).toBeUndefined();
    expect(await destinations.get(db, other.workspaceId, dest.id)).toBeUndefined();
    expect((await destinations.list(db, other.workspaceId)).map((d) => d.id)).not.toContain(dest.id);
    expect(await destinations.remove(db, other.workspaceId, dest.id, by())).toBe(false);
    expect(await destinations.get(db, ws.workspaceId, dest.id)).toBeDefined();
  });
});
