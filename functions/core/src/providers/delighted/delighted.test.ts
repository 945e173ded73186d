import { describe, expect, it } from "vitest";
import type { ParseContext, RawDelivery } from "../types.ts";
import * as fixtures from "./fixtures.ts";
import { delighted } from "./index.ts";

const API_KEY = "dlt_live_4Xq9Zr7Lp2Nm6Vb8Tc1Ws3Yh5Kj0Gf";
const NOW = Date.parse("2026-11-20T10:00:00Z");
const PARSE_CONTEXT: ParseContext = { receivedAt: NOW, settings: {} };

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** The expected signature, computed here with WebCrypto directly rather than through the adapter's helpers. */
async function hmacSha256(message: string, key = API_KEY): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey("raw", encode(key), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, encode(message)));
}

function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function sign(body: string, key = API_KEY): Promise<string> {
  return `sha256=${toHex(await hmacSha256(body, key))}`;
}

function delivery(text: string, headers: Record<string, string> = {}): RawDelivery {
  const url = "https://in.firebreak.dev/webhooks/delighted/src_4";
  return { method: "POST", url, headers, body: encode(text), text };
}

/** Parsing runs only after verification, so the headers do not matter to it. */
function parse(value: unknown, context = PARSE_CONTEXT) {
  return delighted.parse(delivery(JSON.stringify(value)), context);
}

describe("delighted: happy path", () => {
  it("normalizes a created NPS of 0 without a comment", () => {
    expect(parse(fixtures.npsCreatedZero)).toEqual({
      kind: "events",
      eventId: "3f1c9a2b7d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f8091a2b3c4d5e6f7",
      items: [
        {
          externalId: "5435",
          kind: "survey",
          channel: "survey",
          text: "",
          score: 0,
          scale: "nps",
          customerEmail: "sofie.jensen@example.dk",
          customerId: "5975",
          // "Delighted Source" is Delighted's own; "Customer Name" is personal data.
          customerAttributes: { plan: "Pro", market: "DK" },
          tags: [],
          url: "https://app.delighted.com/r/5pFDpmlyC8GUc5oxU6USto5VonSKAqOa",
          occurredAt: 1795600860 * 1000,
          revisionAt: 1795600860 * 1000,
        },
      ],
    });
  });

  it("makes the update with the Danish comment a later revision of the same response", () => {
    const created = parse(fixtures.npsCreatedZero);
    const updated = parse(fixtures.npsUpdatedDanish);
    expect(updated).toEqual({
      kind: "events",
      eventId: "b8d057c59327541d7ec2104c0a9a255ad1997fb00831b9c6bbf09561e6d5cbd0",
      items: [
        {
          externalId: "5435",
          kind: "survey",
          channel: "survey",
          text: "Pakken blev væk, og kundeservice svarede først efter en uge 😡",
          score: 0,
          scale: "nps",
          customerEmail: "sofie.jensen@example.dk",
          customerId: "5975",
          customerAttributes: { plan: "Pro", market: "DK" },
          tags: ["levering"],
          url: "https://app.delighted.com/r/5pFDpmlyC8GUc5oxU6USto5VonSKAqOa",
          touchpointHint: "delivery-tracking",
          occurredAt: 1795600860 * 1000,
          revisionAt: 1795601460 * 1000,
        },
      ],
    });
    if (created.kind === "events" && updated.kind === "events") {
      expect(updated.items[0]?.occurredAt).toBe(created.items[0]?.occurredAt);
      expect(updated.items[0]?.revisionAt).toBeGreaterThan(created.items[0]?.revisionAt ?? Number.POSITIVE_INFINITY);
    }
  });

  it("reads CSAT as csat5 and numeric ids as strings", () => {
    expect(parse(fixtures.csatGerman)).toMatchObject({
      items: [
        {
          externalId: "7781",
          customerId: "9921",
          score: 2,
          scale: "csat5",
          text: "Die Rücksendung war kompliziert 😕",
          customerEmail: "lena.schmidt@example.de",
        },
      ],
    });
  });

  it("reads CES as ces7 and leaves missing email, permalink and attributes out", () => {
    const result = parse(fixtures.cesWithoutEmail);
    expect(result).toEqual({
      kind: "events",
      eventId: fixtures.cesWithoutEmail.event_id,
      items: [
        {
          externalId: "9001",
          kind: "survey",
          channel: "survey",
          text: "Checkout on mobile was easy / quick.",
          score: 6,
          scale: "ces7",
          customerId: "4410",
          tags: ["checkout", "mobile"],
          occurredAt: 1795400000 * 1000,
          revisionAt: 1795400000 * 1000,
        },
      ],
    });
  });

  it("reads CES on a 1–5 custom scale when the source says so", () => {
    const cesFive = { receivedAt: NOW, settings: { cesPoints: 5 } };
    const four = { ...fixtures.cesWithoutEmail, event_data: { ...fixtures.cesWithoutEmail.event_data, score: 4 } };
    expect(parse(four, cesFive)).toMatchObject({
      items: [{ score: 4, scale: "custom", scaleRange: { min: 1, max: 5 } }],
    });
    expect(parse(fixtures.cesWithoutEmail, cesFive)).toMatchObject({ kind: "invalid", status: 422 });
  });

  it.each([
    ["smileys", fixtures.smileys, { score: 1, scale: "csat5" }],
    ["thumbs", fixtures.thumbsDown, { score: 0, scale: "thumbs" }],
    ["pmf", fixtures.pmfVeryDisappointed, { score: 3, scale: "custom", scaleRange: { min: 1, max: 3 } }],
    ["an unknown type", fixtures.unknownType, { score: 8, scale: "custom" }],
  ])("maps %s to its scale", (_name, value, expected) => {
    expect(parse(value)).toMatchObject({ kind: "events", items: [expected] });
  });

  it("dates an update without updated_at at the receipt time so it still outranks the created event", () => {
    const { updated_at: _ignored, ...data } = fixtures.npsUpdatedDanish.event_data;
    expect(parse({ ...fixtures.npsUpdatedDanish, event_data: data })).toMatchObject({ items: [{ revisionAt: NOW }] });
  });
});

describe("delighted: errors", () => {
  it.each([
    ["malformed JSON", '{"event_type":"survey_response.created"'],
    ["an empty body", ""],
    ["JSON nested too deep", `${"[".repeat(65)}${"]".repeat(65)}`],
  ])("refuses %s with 400", (_name, text) => {
    expect(delighted.parse(delivery(text), PARSE_CONTEXT)).toMatchObject({ kind: "invalid", status: 400 });
  });

  const noScoreNoComment = {
    ...fixtures.cesWithoutEmail,
    event_data: { ...fixtures.cesWithoutEmail.event_data, score: null, comment: "  " },
  };
  it.each([
    ["an unsubscribe", fixtures.unsubscribeCreated, /"unsubscribe\.created" is not feedback/],
    [
      "an unknown event",
      { ...fixtures.npsCreatedZero, event_type: "person.created" },
      /"person\.created" is not feedback/,
    ],
    ["a response without an id", { ...fixtures.npsCreatedZero, event_data: { score: 3 } }, /event_data\.id/],
    ["a response with neither score nor comment", noScoreNoComment, /neither a score nor a comment/],
    [
      "an NPS score of 11",
      { ...fixtures.npsCreatedZero, event_data: { ...fixtures.npsCreatedZero.event_data, score: 11 } },
      /score 11 is outside the nps scale 0–10/,
    ],
    ["an event without event_id", { event_type: "survey_response.created" }, /event_id/],
  ])("refuses %s with 422 and a reason", (_name, value, reason) => {
    const result = parse(value);
    expect(result).toMatchObject({ kind: "invalid", status: 422 });
    if (result.kind === "invalid") expect(result.reason).toMatch(reason);
  });
});

describe("delighted: security", async () => {
  const body = JSON.stringify(fixtures.npsUpdatedDanish);
  const signature = await sign(body);
  const bareHex = signature.slice("sha256=".length);
  const base64Signature = `sha256=${btoa(String.fromCharCode(...(await hmacSha256(body))))}`;
  const otherKeySignature = await sign(body, "another-api-key");
  const header = (value: string) => ({ "x-delighted-webhook-signature": value });
  const verify = (d: RawDelivery, secret = API_KEY) => delighted.verify(d, { secret, now: NOW, settings: {} });

  it("accepts a body signed with the API key", async () => {
    expect(await verify(delivery(body, header(signature)))).toEqual({ ok: true });
  });

  it("accepts an upper-case hex digest: the same bytes", async () => {
    expect(await verify(delivery(body, header(`sha256=${bareHex.toUpperCase()}`)))).toEqual({ ok: true });
  });

  it("verifies the raw bytes as sent: escaped slashes and non-ASCII are not re-serialized", async () => {
    const raw = body.replace("Pakken blev væk", "Pakken blev v\\u00e6k \\/ Ærø 🙂 https:\\/\\/x.dk\\/a/b");
    const signed = delivery(raw, header(await sign(raw)));
    expect(await verify(signed)).toEqual({ ok: true });
    const reserialized = JSON.stringify(JSON.parse(raw));
    expect(reserialized).not.toBe(raw);
    expect(await verify(delivery(reserialized, signed.headers))).toMatchObject({ ok: false });
    expect(delighted.parse(signed, PARSE_CONTEXT)).toMatchObject({
      items: [{ text: expect.stringContaining("Pakken blev væk / Ærø 🙂 https://x.dk/a/b") }],
    });
  });

  it.each([
    ["a tampered body", () => delivery(body.replace('"score":0', '"score":10'), header(signature))],
    ["another API key", () => delivery(body, header(otherKeySignature))],
    ["no signature header", () => delivery(body)],
    ["an empty signature", () => delivery(body, header(""))],
    ["a garbage signature", () => delivery(body, header("sha256=not-hex-at-all"))],
    ["a signature without its prefix", () => delivery(body, header(bareHex))],
    ["a sha1= prefix", () => delivery(body, header(`sha1=${bareHex}`))],
    ["a base64 digest", () => delivery(body, header(base64Signature))],
    ["a truncated digest", () => delivery(body, header(signature.slice(0, -2)))],
    ["a header name that is not lower-case", () => delivery(body, { "X-Delighted-Webhook-Signature": signature })],
  ])("rejects %s", async (_name, make) => {
    const result = await verify(make());
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(API_KEY);
  });

  it("rejects every delivery when the source has no API key", async () => {
    expect(await verify(delivery(body, header(signature)), "")).toMatchObject({ ok: false });
  });

  it("explains the setup with the webhook URL and both response events", () => {
    const steps = delighted.setup("https://in.firebreak.dev/webhooks/delighted/src_4").steps.join("\n");
    expect(steps).toContain("https://in.firebreak.dev/webhooks/delighted/src_4");
    expect(steps).toMatch(/Survey response created.*Survey response updated/);
  });
});
