import { createExecutionContext, env } from "cloudflare:test";
import type { HumanMomentPolicy, PolicyDecision } from "@firebreak/core";
import { createDb, humanMoments, schema } from "@firebreak/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { addSource } from "./stored-items.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const by = { actor: "user:lead", now: NOW };
const REASON = "A lost gift needs a person who can rebook it at once.";

function call(token: string, path: string, init: { method?: string; body?: unknown; headers?: object } = {}) {
  return app.request(
    path,
    {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    },
    env,
    createExecutionContext(),
  );
}

const check = (token: string, body: unknown) => call(token, "/api/v1/policy/check", { method: "POST", body });
const REPLY = { kind: "automated_reply", customerFacing: true };

let ws: TestWorkspace;
let other: TestWorkspace;
let chatSource = "";
const rules: Record<string, string> = {};

async function addRule(body: object): Promise<string> {
  const res = await call(ws.token, "/api/v1/touchpoint-rules", { method: "POST", body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "policy");
  other = await makeWorkspace(env.DB, "policy-other");
  await addSource(ws);
  chatSource = `src_chat_${ws.workspaceId}`;
  await db.insert(schema.sources).values({
    id: chatSource,
    workspaceId: ws.workspaceId,
    provider: "intercom",
    name: "Chat",
    defaultTouchpointId: ws.touchpointIds.delivery,
    secretCiphertext: "x",
    secretHint: "x",
    createdAt: NOW,
  });
  const { delivery, checkout } = ws.touchpointIds;
  rules.gift = await addRule({ touchpointId: delivery, kind: "tag", match: ["gift"] });
  rules.lost = await addRule({ touchpointId: delivery, kind: "keyword", language: "en", match: ["parcel lost"] });
  rules.phone = await addRule({ touchpointId: delivery, kind: "channel", match: ["phone"] });
  rules.invoice = await addRule({ touchpointId: checkout, kind: "tag", match: ["invoice"] });
  // Disabled rules identify nothing.
  const off = await addRule({ touchpointId: delivery, kind: "tag", match: ["retired"] });
  await db.update(schema.touchpointRules).set({ enabled: false }).where(eq(schema.touchpointRules.id, off));
  expect(await humanMoments.mark(db, ws.workspaceId, delivery, { reason: REASON, owner: "Delivery desk" }, by)).toBe(
    "marked",
  );
});

describe("GET /api/v1/policy/human-moments", () => {
  it("lists each human moment with its reason, owner and the attributes its rules and sources give", async () => {
    const res = await call(ws.token, "/api/v1/policy/human-moments");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, max-age=60");
    const policy = (await res.json()) as HumanMomentPolicy;
    expect(res.headers.get("etag")).toBe(`"${policy.version}"`);
    expect(policy).toMatchObject({
      format: 1,
      workspace: { id: ws.workspaceId, name: "policy" },
      generatedAt: new Date(NOW).toISOString(),
    });
    expect(policy.humanMoments).toEqual([
      {
        touchpointId: ws.touchpointIds.delivery,
        key: "delivery-tracking",
        name: "Delivery tracking",
        journey: { id: ws.journeyId, name: "Purchase" },
        stage: { id: expect.any(String), name: "Delivery" },
        reason: REASON,
        owner: "Delivery desk",
        since: NOW,
        attributes: {
          sources: [{ id: chatSource, provider: "intercom", name: "Chat" }],
          tags: ["gift"],
          intents: [{ language: "en", phrases: ["parcel lost"] }],
          channels: ["phone"],
          surveyQuestions: [],
        },
      },
    ]);
  });

  it("shows another workspace only its own (empty) policy", async () => {
    const policy = (await (await call(other.token, "/api/v1/policy/human-moments")).json()) as HumanMomentPolicy;
    expect(policy.workspace.id).toBe(other.workspaceId);
    expect(policy.humanMoments).toEqual([]);
  });
});

describe("POST /api/v1/policy/check", () => {
  it("denies an automated reply at a human moment named by id, with a reason that names it", async () => {
    const res = await check(ws.token, { touchpointId: ws.touchpointIds.delivery, action: REPLY });
    expect(res.status).toBe(200);
    const result = (await res.json()) as PolicyDecision;
    expect(result).toMatchObject({
      decision: "deny",
      touchpointId: ws.touchpointIds.delivery,
      matchedBy: { kind: "touchpointId", ruleId: null },
      humanMoment: { touchpointId: ws.touchpointIds.delivery, owner: "Delivery desk" },
    });
    expect(result.reason).toContain("“Delivery tracking” (Purchase › Delivery) is a human moment");
    expect(result.reason).toContain(REASON);
  });

  it("denies by attributes the rules place there: a tag, keywords in the text, a channel, the source's default", async () => {
    const cases: Array<[object, string, string | null]> = [
      [{ tags: ["Gift"] }, "rule", rules.gift ?? ""],
      [{ text: "Hello, my parcel got lost on the way", language: "en" }, "rule", rules.lost ?? ""],
      [{ channel: "phone" }, "rule", rules.phone ?? ""],
      [{ sourceId: chatSource }, "default", null],
    ];
    for (const [attributes, kind, ruleId] of cases) {
      const result = (await (await check(ws.token, { attributes, action: REPLY })).json()) as PolicyDecision;
      expect(result, JSON.stringify(attributes)).toMatchObject({
        decision: "deny",
        touchpointId: ws.touchpointIds.delivery,
        matchedBy: { kind, ruleId },
      });
    }
  });

  it("allows a human follow-up and internal automation at a human moment", async () => {
    for (const action of [
      { kind: "human_followup", customerFacing: true },
      { kind: "macro", customerFacing: false },
    ]) {
      const result = (await (
        await check(ws.token, { attributes: { tags: ["gift"] }, action })
      ).json()) as PolicyDecision;
      expect(result.decision).toBe("allow");
      expect(result.humanMoment?.touchpointId).toBe(ws.touchpointIds.delivery);
    }
  });

  it("allows automation where no human moment applies: another touchpoint, or none at all", async () => {
    const elsewhere = (await (
      await check(ws.token, { attributes: { tags: ["invoice"] }, action: REPLY })
    ).json()) as PolicyDecision;
    expect(elsewhere).toMatchObject({
      decision: "allow",
      humanMoment: null,
      touchpointId: ws.touchpointIds.checkout,
      matchedBy: { kind: "rule", ruleId: rules.invoice },
    });
    const byId = (await (
      await check(ws.token, { touchpointId: ws.touchpointIds.checkout, action: REPLY })
    ).json()) as PolicyDecision;
    expect(byId).toMatchObject({ decision: "allow", reason: "Allowed: “Checkout payment” is not a human moment." });
    const nowhere = (await (
      await check(ws.token, { attributes: { tags: ["retired"], text: "nothing to see" }, action: REPLY })
    ).json()) as PolicyDecision;
    expect(nowhere).toMatchObject({ decision: "allow", touchpointId: null, matchedBy: { kind: "none" } });
  });

  it("answers 404 for an unknown touchpoint and for another workspace's, in the one error shape", async () => {
    for (const [token, touchpointId] of [
      [ws.token, "tp_nope"],
      [other.token, ws.touchpointIds.delivery],
    ] as const) {
      const res = await check(token, { touchpointId, action: REPLY });
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        error: { code: "not_found", message: "No such touchpoint in this workspace.", requestId: expect.any(String) },
      });
      expect(text).not.toContain("Delivery tracking");
    }
    // Another workspace's attributes place nothing of this one.
    const theirs = (await (
      await check(other.token, { attributes: { tags: ["gift"] }, action: REPLY })
    ).json()) as PolicyDecision;
    expect(theirs).toMatchObject({ decision: "allow", touchpointId: null, humanMoment: null });
  });

  it("answers 400 in the one error shape for a bad body", async () => {
    for (const body of [
      {},
      { touchpointId: ws.touchpointIds.delivery },
      { touchpointId: ws.touchpointIds.delivery, action: { kind: "robot", customerFacing: true } },
      { touchpointId: ws.touchpointIds.delivery, attributes: {}, action: REPLY },
      { attributes: { tags: "gift" }, action: REPLY },
    ]) {
      const res = await check(ws.token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: "bad_request", message: expect.any(String), requestId: expect.any(String) },
      });
    }
  });
});

describe("the policy's ETag", () => {
  it("stays the same while nothing changes, answers 304 to it, and changes when another touchpoint is marked", async () => {
    const first = await call(ws.token, "/api/v1/policy/human-moments");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await call(ws.token, "/api/v1/policy/human-moments");
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe(await first.text());

    const unchanged = await call(ws.token, "/api/v1/policy/human-moments", { headers: { "if-none-match": etag } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get("etag")).toBe(etag);
    expect(await unchanged.text()).toBe("");

    await humanMoments.mark(
      db,
      ws.workspaceId,
      ws.touchpointIds.checkout,
      { reason: "Payment trouble needs someone who can fix it.", owner: "Billing" },
      by,
    );
    const changed = await call(ws.token, "/api/v1/policy/human-moments", { headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    const policy = (await changed.json()) as HumanMomentPolicy;
    expect(policy.humanMoments.map((m) => m.touchpointId)).toEqual([
      ws.touchpointIds.delivery,
      ws.touchpointIds.checkout,
    ]);
    expect(policy.humanMoments[1]?.attributes.tags).toEqual(["invoice"]);
    const denied = (await (
      await check(ws.token, { attributes: { tags: ["invoice"] }, action: REPLY })
    ).json()) as PolicyDecision;
    expect(denied.decision).toBe("deny");
  });

  it("leaves out human moments on an archived journey", async () => {
    await db.update(schema.journeys).set({ archivedAt: NOW }).where(eq(schema.journeys.id, ws.journeyId));
    const policy = (await (await call(ws.token, "/api/v1/policy/human-moments")).json()) as HumanMomentPolicy;
    expect(policy.humanMoments).toEqual([]);
    const byId = (await (
      await check(ws.token, { touchpointId: ws.touchpointIds.delivery, action: REPLY })
    ).json()) as PolicyDecision;
    expect(byId).toMatchObject({ decision: "allow", humanMoment: null });
  });
});
