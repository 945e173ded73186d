import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import type { RawDelivery } from "../types.ts";
import { standardWebhooks } from "./index.ts";

const NOW = Date.parse("2026-11-20T10:00:00Z");
const CONTEXT = { receivedAt: NOW, settings: {} };
const secret = standardWebhooks.generateSecret?.() ?? "";
const body = JSON.stringify({
  type: "feedback.created",
  data: { id: "r1", comment: "Blåbær — ünïcödé ✓", score: 9, scale: "nps" },
});

function delivery(headers: Record<string, string>, text = body): RawDelivery {
  return { method: "POST", url: "https://x/webhooks", headers, body: new TextEncoder().encode(text), text };
}

// Signed by the reference implementation, so interoperability is what is tested.
function signed(at = NOW, id = "msg_1", text = body, key = secret) {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at / 1000)),
    "webhook-signature": new Webhook(key).sign(id, new Date(at), text),
  };
}

describe("Standard Webhooks verification", () => {
  it("accepts a delivery signed by the reference library", async () => {
    expect(await standardWebhooks.verify(delivery(signed()), { secret, now: NOW, settings: {} })).toEqual({ ok: true });
  });

  it("accepts the svix-* header spelling and any matching signature in a list", async () => {
    const h = signed();
    const headers = {
      "svix-id": h["webhook-id"],
      "svix-timestamp": h["webhook-timestamp"],
      "svix-signature": `v1,AAAA ${h["webhook-signature"]}`,
    };
    expect(await standardWebhooks.verify(delivery(headers), { secret, now: NOW, settings: {} })).toEqual({ ok: true });
  });

  it.each([
    ["a tampered body", () => delivery(signed(), body.replace("9", "1"))],
    ["another secret", () => delivery(signed(NOW, "msg_1", body, standardWebhooks.generateSecret?.()))],
    ["a changed webhook-id", () => delivery({ ...signed(), "webhook-id": "msg_2" })],
    ["a stale timestamp", () => delivery(signed(NOW - 6 * 60_000))],
    ["a future timestamp", () => delivery(signed(NOW + 6 * 60_000))],
    ["no signature", () => delivery({ "webhook-id": "m", "webhook-timestamp": String(NOW / 1000) })],
    ["a garbage signature", () => delivery({ ...signed(), "webhook-signature": "v1,!!!notbase64" })],
  ])("rejects %s", async (_name, make) => {
    const result = await standardWebhooks.verify(make(), { secret, now: NOW, settings: {} });
    expect(result.ok).toBe(false);
  });
});

describe("Standard Webhooks parsing", () => {
  const parse = (value: unknown) => standardWebhooks.parse(delivery(signed(), JSON.stringify(value)), CONTEXT);

  it("normalizes a feedback event, keeping a score of 0", () => {
    const result = parse({
      type: "feedback.created",
      data: { id: 7, score: 0, scale: "nps", comment: "meh", customer: { email: "a@b.dk" } },
    });
    expect(result).toMatchObject({
      kind: "events",
      eventId: "msg_1",
      items: [{ externalId: "7", score: 0, scale: "nps", customerEmail: "a@b.dk" }],
    });
  });

  it("answers pings without storing anything", () => {
    expect(parse({ type: "ping" })).toMatchObject({ kind: "handshake", status: 200 });
  });

  it.each([
    [{ type: "invoice.paid", data: { id: "1", comment: "x" } }, /unsupported event type/],
    [{ type: "feedback.created", data: { id: "1" } }, /neither a comment nor a score/],
    [{ type: "feedback.created", data: { id: "1", score: 3 } }, /scale is required/],
    [{ type: "feedback.created", data: { comment: "x" } }, /data.id/],
  ])("refuses unusable events with 422 and a reason", (value, reason) => {
    const result = parse(value);
    expect(result.kind).toBe("invalid");
    if (result.kind === "invalid") {
      expect(result.status).toBe(422);
      expect(result.reason).toMatch(reason);
    }
  });

  it("refuses malformed and over-deep JSON with 400", () => {
    expect(standardWebhooks.parse(delivery({}, "{not json"), CONTEXT)).toMatchObject({ kind: "invalid", status: 400 });
    const deep = `${"[".repeat(65)}${"]".repeat(65)}`;
    expect(standardWebhooks.parse(delivery({}, deep), CONTEXT)).toMatchObject({ kind: "invalid", status: 400 });
  });
});
