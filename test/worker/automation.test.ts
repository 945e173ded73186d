import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { alerts, createDb, followUps, type replay, schema } from "@firebreak/db";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { statusChangedSparse, ticketSolvedByAnswerBot } from "../../functions/core/src/providers/zendesk/fixtures.ts";
import { createApp } from "../../functions/ingest/src/app.ts";
import { handleDeliveryBatch } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { SIGNERS } from "../helpers/sign.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const call = (path: string, init: RequestInit = {}) => app.request(path, init, env, createExecutionContext());
const EVIDENCE = "Zendesk: via.channel = answer_bot_for_web_widget";

let ws: TestWorkspace;

/** A Zendesk source whose tickets land on `touchpointId` (its default), through the API. */
async function zendeskSource(touchpointId: string) {
  const res = await call("/api/v1/sources", {
    method: "POST",
    headers: { authorization: `Bearer ${ws.token}`, "content-type": "application/json" },
    body: JSON.stringify({
      provider: "zendesk",
      name: `Zendesk ${touchpointId}`,
      secret: "zendesk-webhook-secret",
      journeyId: ws.journeyId,
      defaultTouchpointId: touchpointId,
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; secret: string };
}

/**
 * Posts a signed Zendesk event and drains it through the real queue consumer, whose hook evaluates alerts as items
 * are processed (at the wall clock, so the ticket is dated now to fall inside the rule's window).
 */
async function deliver(source: { id: string; secret: string }, event: object) {
  const path = `/webhooks/zendesk/${source.id}`;
  const sign = SIGNERS.zendesk;
  if (!sign) throw new Error("no Zendesk signer");
  const signed = await sign({ body: JSON.stringify(event), secret: source.secret, now: NOW, url: path });
  const res = await call(path, { method: "POST", headers: signed.headers, body: signed.body });
  expect(res.status, await res.clone().text()).toBe(202);
  const { deliveryId } = (await res.json()) as { deliveryId: string };
  const batch = createMessageBatch<replay.DeliveryMessage>("firebreak-deliveries", [
    { id: `m-${deliveryId}`, timestamp: new Date(), attempts: 1, body: { deliveryId } },
  ]);
  await handleDeliveryBatch(batch, env);
  expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toEqual([`m-${deliveryId}`]);
}

/**
 * The Answer Bot ticket, renumbered and dated now, with a calm question: no escalation cue or low sentiment, so only
 * the automation can make the queue's hook act.
 */
function answerBotTicket(ticketId: string) {
  const now = new Date().toISOString();
  return {
    ...ticketSolvedByAnswerBot,
    id: `evt-${ticketId}`,
    time: now,
    detail: {
      ...ticketSolvedByAnswerBot.detail,
      id: ticketId,
      subject: "Payment card",
      description: "Can I move my plan to another card?",
      created_at: now,
      updated_at: now,
    },
  };
}

const itemOf = (sourceId: string, externalId: string) =>
  db.query.feedbackItems.findFirst({
    where: and(eq(schema.feedbackItems.sourceId, sourceId), eq(schema.feedbackItems.externalId, externalId)),
  });

const automationAlerts = async () =>
  (await alerts.list(db, ws.workspaceId, { status: "active" })).alerts.filter(
    (a) => a.kind === "automation_at_human_moment",
  );

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "automation");
  await db
    .update(schema.touchpoints)
    .set({
      isHumanMoment: true,
      humanMomentReason: "Bereavement and cancellations need a person",
      humanMomentOwner: "owner@example.com",
    })
    .where(eq(schema.touchpoints.id, ws.touchpointIds.checkout));
});

describe("a bot at a human moment", () => {
  it("stores who handled the ticket, opens the alert with the evidence and gives the owner a follow-up", async () => {
    const source = await zendeskSource(ws.touchpointIds.checkout);
    await deliver(source, answerBotTicket("9101"));

    const item = await itemOf(source.id, "9101");
    expect(item?.touchpointId).toBe(ws.touchpointIds.checkout);
    expect(item?.handledBy).toEqual({ kind: "bot", evidence: EVIDENCE });

    const active = (await alerts.list(db, ws.workspaceId, { status: "active" })).alerts;
    expect(active.map((a) => a.kind)).toEqual(["automation_at_human_moment"]);
    const [alert] = active;
    expect(alert).toMatchObject({ status: "open", touchpointId: ws.touchpointIds.checkout, value: 1 });
    expect(alert?.reasons).toContainEqual({ label: "Evidence", detail: EVIDENCE });

    const tasks = await followUps.list(db, ws.workspaceId);
    expect(tasks).toEqual([
      expect.objectContaining({ itemId: item?.id, assignee: "owner@example.com", status: "open" }),
    ]);
    expect(tasks[0]?.reasons).toEqual([`Handled by a bot: ${EVIDENCE}`]);

    // The feedback API says so too.
    const res = await call(`/api/v1/feedback?sourceId=${source.id}`, {
      headers: { authorization: `Bearer ${ws.token}` },
    });
    const page = (await res.json()) as { data: Array<{ externalId: string; handledBy: unknown }> };
    expect(page.data.find((i) => i.externalId === "9101")?.handledBy).toEqual({ kind: "bot", evidence: EVIDENCE });
  });

  it("keeps the mark when a later event of the same ticket carries no evidence", async () => {
    const source = await zendeskSource(ws.touchpointIds.checkout);
    await deliver(source, answerBotTicket("9102"));
    const later = new Date(Date.now() + 60_000).toISOString();
    await deliver(source, {
      ...statusChangedSparse,
      id: "evt-9102-solved",
      time: later,
      detail: { id: "9102", status: "CLOSED", description: "Thank you, a person called me back." },
    });
    const item = await itemOf(source.id, "9102");
    expect(item?.status).toBe("closed");
    expect(item?.handledBy).toEqual({ kind: "bot", evidence: EVIDENCE });
  });
});

describe("a bot at an ordinary touchpoint", () => {
  it("is stored but raises no automation alert and no follow-up", async () => {
    const source = await zendeskSource(ws.touchpointIds.delivery);
    const before = (await followUps.list(db, ws.workspaceId)).length;
    await deliver(source, answerBotTicket("9201"));

    const item = await itemOf(source.id, "9201");
    expect(item?.touchpointId).toBe(ws.touchpointIds.delivery);
    expect(item?.handledBy).toEqual({ kind: "bot", evidence: EVIDENCE });
    expect((await automationAlerts()).map((a) => a.touchpointId)).not.toContain(ws.touchpointIds.delivery);
    expect(await followUps.list(db, ws.workspaceId)).toHaveLength(before);
  });
});
