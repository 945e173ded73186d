import { describe, expect, it } from "vitest";
import type { RawDelivery } from "../types.ts";
import {
  appInboundFullText,
  inboundAfterAutoReply,
  inboundDanish,
  inboundGermanSms,
  outboundReply,
  sync,
  tagAdded,
} from "./fixtures.ts";
import { front } from "./index.ts";

const NOW = Date.parse("2025-11-20T10:00:00Z");
const APP_SECRET = "a1b2c3d4e5f6-front-app-secret";
const API_SECRET = "0f9e8d7c6b5a-front-api-secret";
const PARSE_CONTEXT = { receivedAt: NOW, settings: {} };
const encoder = new TextEncoder();

/** Computed with WebCrypto directly, not with the adapter's helpers. */
async function hmacBase64(hash: "SHA-1" | "SHA-256", secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
  return btoa(String.fromCharCode(...mac));
}

function delivery(text: string, headers: Record<string, string> = {}): RawDelivery {
  return { method: "POST", url: "https://x/webhooks/front/src_1", headers, body: encoder.encode(text), text };
}

/** An application webhook: HMAC-SHA256 over `${timestamp}:` + raw body. */
async function appSigned(text: string, { at = NOW, secret = APP_SECRET, extra = {} as Record<string, string> } = {}) {
  return delivery(text, {
    "x-front-signature": await hmacBase64("SHA-256", secret, `${at}:${text}`),
    "x-front-request-timestamp": String(at),
    ...extra,
  });
}

/** A rule webhook: HMAC-SHA1 over the raw body, no timestamp. */
async function ruleSigned(text: string, secret = API_SECRET) {
  return delivery(text, { "x-front-signature": await hmacBase64("SHA-1", secret, text) });
}

const verifyWith = (d: RawDelivery, secret: string, now = NOW) => front.verify(d, { secret, now, settings: {} });
const parse = (value: unknown, headers: Record<string, string> = {}) =>
  front.parse(delivery(JSON.stringify(value), headers), PARSE_CONTEXT);

describe("front happy", () => {
  it("normalizes a rule webhook's inbound email preview, flagging the cut-off blurb for enrichment", () => {
    expect(parse(inboundDanish)).toEqual({
      kind: "events",
      eventId: "evt_55c8c149",
      items: [
        {
          externalId: "msg_1q15qmtq",
          parentExternalId: "cnv_yo1kg5q",
          kind: "message",
          channel: "email",
          title: "Pakken er ikke kommet 📦",
          text: inboundDanish.target.data.blurb,
          scale: "none",
          customerEmail: "mette.sørensen@example.dk",
          customerId: "crd_2e3f4a",
          tags: ["levering", "vip"],
          status: "unassigned",
          occurredAt: 1_763_632_680_123,
          eventId: "evt_55c8c149",
          needsEnrichment: true,
        },
      ],
    });
  });

  it("keeps a short complete blurb as the text, with no email for a phone handle", () => {
    const result = parse(inboundGermanSms);
    expect(result).toMatchObject({
      kind: "events",
      items: [
        {
          externalId: "msg_sms_01",
          channel: "phone",
          text: "Danke, alles prima! 👍",
          tags: [],
          status: "assigned",
          occurredAt: 1_763_632_800_500,
          needsEnrichment: false,
        },
      ],
    });
    if (result.kind === "events") {
      expect(result.items[0]?.customerEmail).toBeUndefined();
      expect(result.items[0]?.customerId).toBeUndefined();
      expect(result.items[0]?.title).toBeUndefined();
    }
  });

  it("unwraps an application webhook and prefers the full text over the blurb", () => {
    expect(parse(appInboundFullText)).toMatchObject({
      kind: "events",
      eventId: "evt_app_01",
      items: [
        {
          externalId: "msg_app_01",
          parentExternalId: "cnv_app",
          channel: "chat",
          title: "Rückerstattung",
          text: appInboundFullText.payload.target.data.text,
          customerEmail: "jonas.mueller@example.de",
          customerId: "crd_77",
          status: "archived",
          occurredAt: NOW,
          needsEnrichment: false,
        },
      ],
    });
  });

  it("flags long blurbs and blurbs ending in an ellipsis, but not short complete ones", () => {
    const withBlurb = (blurb: string) => {
      const event = structuredClone(inboundGermanSms);
      event.target.data.blurb = blurb;
      const result = parse(event);
      return result.kind === "events" ? result.items[0]?.needsEnrichment : undefined;
    };
    expect(withBlurb("Tak for hjælpen.")).toBe(false);
    expect(withBlurb("Det virker stadig ikke...")).toBe(true);
    expect(withBlurb("")).toBe(true);
    expect(withBlurb("ø".repeat(99))).toBe(false);
    expect(withBlurb("ø".repeat(100))).toBe(true);
  });

  it("explains both webhook kinds in the setup guide", () => {
    const steps = front.setup("https://x/webhooks/front/src_1").steps.join(" ");
    expect(steps).toMatch(/Rule webhook/);
    expect(steps).toMatch(/Application webhook/);
    expect(steps).toContain("https://x/webhooks/front/src_1");
  });
});

describe("front error", () => {
  it("answers the sync validation request with its challenge", () => {
    expect(parse(sync, { "x-front-challenge": "c7f1e2d3" })).toEqual({
      kind: "handshake",
      status: 200,
      body: { challenge: "c7f1e2d3" },
    });
    expect(parse(sync)).toEqual({ kind: "handshake", status: 200, body: { ok: true } });
  });

  it("refuses malformed and over-deep JSON with 400", () => {
    expect(front.parse(delivery("{nope"), PARSE_CONTEXT)).toMatchObject({ kind: "invalid", status: 400 });
    const deep = `${"[".repeat(65)}${"]".repeat(65)}`;
    expect(front.parse(delivery(deep), PARSE_CONTEXT)).toMatchObject({ kind: "invalid", status: 400 });
  });

  it.each([
    ["a tag event", tagAdded, /event type "tag" is not an inbound message/],
    ["an outbound reply", outboundReply, /event type "outbound"/],
    ["a wrapped assignment", { type: "assignee_changed", payload: { ...tagAdded, type: "assign" } }, /"assign"/],
    ["a JSON array", [inboundDanish], /not a Front event/],
    ["an event without type", { id: "evt_1" }, /not a Front event/],
    ["an inbound event without target", { ...inboundDanish, target: undefined }, /no message target/],
    ["a message target without id", { ...inboundDanish, target: { _meta: { type: "message" }, data: {} } }, /not a/],
    [
      "an inbound event whose message is outbound",
      { ...inboundDanish, target: { _meta: { type: "message" }, data: { id: "m", is_inbound: false } } },
      /not inbound/,
    ],
    ["a conversation without id", { ...inboundDanish, conversation: { subject: "x" } }, /conversation\.id/],
  ])("refuses %s with 422 and a reason", (_name, value, reason) => {
    const result = parse(value);
    expect(result).toMatchObject({ kind: "invalid", status: 422 });
    if (result.kind === "invalid") expect(result.reason).toMatch(reason);
  });
});

describe("front security", () => {
  const body = JSON.stringify(inboundDanish, null, 2);

  it("accepts an application webhook signed with the app secret", async () => {
    expect(await verifyWith(await appSigned(body), APP_SECRET)).toEqual({ ok: true });
  });

  it("accepts a rule webhook signed with the API secret", async () => {
    expect(await verifyWith(await ruleSigned(body), API_SECRET)).toEqual({ ok: true });
  });

  it("accepts a signed sync request, within the tolerance", async () => {
    const text = JSON.stringify(sync);
    const signed = await appSigned(text, { at: NOW - 4 * 60_000, extra: { "x-front-challenge": "abc" } });
    expect(await verifyWith(signed, APP_SECRET)).toEqual({ ok: true });
  });

  it("verifies the raw bytes, not a re-serialization (Front's own sample pitfall)", async () => {
    const reserialized = JSON.stringify(JSON.parse(body));
    const signature = await hmacBase64("SHA-1", API_SECRET, reserialized);
    expect(await verifyWith(delivery(body, { "x-front-signature": signature }), API_SECRET)).toMatchObject({
      ok: false,
    });
  });

  it.each<[string, () => Promise<RawDelivery>, string, RegExp]>([
    ["a tampered app body", async () => ({ ...(await appSigned(body)), ...tamper(body) }), APP_SECRET, /application/],
    ["a tampered rule body", async () => ({ ...(await ruleSigned(body)), ...tamper(body) }), API_SECRET, /rule/],
    ["an app webhook under another secret", () => appSigned(body, { secret: "other" }), APP_SECRET, /match/],
    ["a rule webhook under another secret", () => ruleSigned(body, "other"), API_SECRET, /match/],
    [
      "an app signature replayed with another timestamp",
      async () => {
        const signed = await appSigned(body, { at: NOW - 1000 });
        return { ...signed, headers: { ...signed.headers, "x-front-request-timestamp": String(NOW) } };
      },
      APP_SECRET,
      /match/,
    ],
    [
      "an app webhook stripped of its timestamp (downgrade to rule mode)",
      async () => {
        const signed = await appSigned(body);
        return delivery(body, { "x-front-signature": signed.headers["x-front-signature"] ?? "" });
      },
      APP_SECRET,
      /rule/,
    ],
    ["a stale app webhook", () => appSigned(body, { at: NOW - 6 * 60_000 }), APP_SECRET, /tolerance/],
    ["a future app webhook", () => appSigned(body, { at: NOW + 6 * 60_000 }), APP_SECRET, /tolerance/],
    ["a timestamp in seconds", async () => appSigned(body, { at: Math.floor(NOW / 1000) }), APP_SECRET, /tolerance/],
    [
      "a non-numeric timestamp",
      async () => delivery(body, { "x-front-signature": "AAAA", "x-front-request-timestamp": "yesterday" }),
      APP_SECRET,
      /milliseconds/,
    ],
    ["no signature", async () => delivery(body), API_SECRET, /missing/],
    ["a garbage signature", async () => delivery(body, { "x-front-signature": "!!not base64!!" }), API_SECRET, /rule/],
    ["a hex signature", async () => delivery(body, { "x-front-signature": "deadbeef" }), API_SECRET, /rule/],
  ])("rejects %s", async (_name, make, secret, reason) => {
    const result = await verifyWith(await make(), secret);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(reason);
      expect(result.reason).not.toContain(secret);
    }
  });
});

function tamper(text: string): Pick<RawDelivery, "body" | "text"> {
  const changed = text.replace("Pakken er ikke kommet", "Pakken er kommet");
  return { text: changed, body: encoder.encode(changed) };
}

describe("front automation", () => {
  it("reads the auto-reply tag on the conversation", () => {
    const result = parse(inboundAfterAutoReply);
    expect(result.kind === "events" && result.items[0]?.handledBy).toEqual({
      kind: "automation",
      evidence: "Front: tag 'Auto-reply sent'",
    });
    const plain = parse(inboundDanish);
    expect(plain.kind === "events" && plain.items[0]?.handledBy).toBeUndefined();
  });
});
