import { describe, expect, it } from "vitest";
import type { RawDelivery } from "../types.ts";
import * as fixtures from "./fixtures.ts";
import { surveyMonkey } from "./index.ts";

const API_KEY = "Hk3nQ7pR2sT9vW4x";
const SECRET = "2984720957203947529385702934857";
const NOW = Date.parse("2026-11-20T10:00:00Z");
const PARSE_CONTEXT = { receivedAt: NOW, settings: {} };

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** The expected signature, computed here with WebCrypto directly rather than through the adapter's helpers. */
async function sign(body: string, key = `${API_KEY}&${SECRET}`): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey("raw", encode(key), { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, encode(body)));
  return btoa(String.fromCharCode(...mac));
}

function delivery(text: string, headers: Record<string, string> = {}): RawDelivery {
  const url = "https://in.firebreak.dev/webhooks/surveymonkey/src_2";
  return { method: "POST", url, headers, body: encode(text), text };
}

/** Parsing runs only after verification, so the headers do not matter to it. */
function parse(value: unknown) {
  return surveyMonkey.parse(delivery(JSON.stringify(value)), PARSE_CONTEXT);
}

describe("surveymonkey: happy path", () => {
  it("normalizes a completed response as an id-only item that needs enrichment", () => {
    expect(parse(fixtures.responseCompleted)).toEqual({
      kind: "events",
      eventId: "10234567890",
      items: [
        {
          externalId: "118012345678",
          parentExternalId: "512345678",
          kind: "survey",
          channel: "survey",
          text: "",
          scale: "none",
          customerId: "9876543210",
          tags: [],
          occurredAt: Date.parse("2026-11-20T09:58:00.182Z"),
          needsEnrichment: true,
        },
      ],
    });
  });

  it("reads numeric ids as strings and offsets as UTC for an updated response", () => {
    expect(parse(fixtures.responseUpdated)).toEqual({
      kind: "events",
      eventId: "10234567999",
      items: [
        {
          externalId: "118012349999",
          parentExternalId: "512345679",
          kind: "survey",
          channel: "survey",
          text: "",
          scale: "none",
          tags: [],
          occurredAt: Date.parse("2026-11-20T09:58:00.000Z"),
          needsEnrichment: true,
        },
      ],
    });
  });

  it("leaves an empty recipient out and uses the receipt time when event_datetime is missing", () => {
    const result = parse(fixtures.responseCompletedMinimal);
    expect(result).toMatchObject({ kind: "events", items: [{ externalId: "118012350000", occurredAt: NOW }] });
    if (result.kind === "events") expect(result.items[0]?.customerId).toBeUndefined();
  });
});

describe("surveymonkey: errors", () => {
  it.each([
    ["malformed JSON", '{"event_type": "response_completed",'],
    ["an empty body", ""],
    ["JSON nested too deep", `${'{"a":'.repeat(70)}1${"}".repeat(70)}`],
  ])("refuses %s with 400", (_name, text) => {
    expect(surveyMonkey.parse(delivery(text), PARSE_CONTEXT)).toMatchObject({ kind: "invalid", status: 400 });
  });

  it.each([
    ["a disqualified response", fixtures.responseDisqualified, /"response_disqualified" is not a feedback event/],
    ["a survey event", fixtures.surveyCreated, /"survey_created" is not a feedback event/],
    ["a response event without object_id", { ...fixtures.responseCompleted, object_id: undefined }, /object_id/],
    ["a response event about another object", { ...fixtures.responseCompleted, object_type: "survey" }, /object_type/],
    ["an event without event_id", { event_type: "response_completed" }, /event_id/],
  ])("refuses %s with 422 and a reason", (_name, value, reason) => {
    const result = parse(value);
    expect(result).toMatchObject({ kind: "invalid", status: 422 });
    if (result.kind === "invalid") expect(result.reason).toMatch(reason);
  });
});

describe("surveymonkey: security", async () => {
  const body = JSON.stringify(fixtures.responseCompleted);
  const signature = await sign(body);
  const headers = { "sm-apikey": API_KEY, "sm-signature": signature };
  const verify = (d: RawDelivery, settings: Record<string, unknown> = {}, secret = SECRET) =>
    surveyMonkey.verify(d, { secret, now: NOW, settings });

  it("accepts a body signed with apiKey&secret", async () => {
    expect(await verify(delivery(body, headers))).toEqual({ ok: true });
  });

  it("accepts the API key pinned in settings and refuses another one", async () => {
    expect(await verify(delivery(body, headers), { apiKey: API_KEY })).toEqual({ ok: true });
    const result = await verify(delivery(body, headers), { apiKey: "another-app-key" });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/Sm-Apikey/) });
  });

  it("verifies the raw bytes as sent: escaped slashes and non-ASCII are not re-serialized", async () => {
    const raw = body.replace("levering (æøå)", "levering \\/ Ærø \\u00e6 🙂 https:\\/\\/x.dk\\/a/b");
    const rawHeaders = { "sm-apikey": API_KEY, "sm-signature": await sign(raw) };
    expect(await verify(delivery(raw, rawHeaders))).toEqual({ ok: true });
    const reserialized = JSON.stringify(JSON.parse(raw));
    expect(reserialized).not.toBe(raw);
    expect(await verify(delivery(reserialized, rawHeaders))).toMatchObject({ ok: false });
  });

  const secretOnly = await sign(body, SECRET);
  const reversedKey = await sign(body, `${SECRET}&${API_KEY}`);
  const otherSecret = await sign(body, `${API_KEY}&another-secret`);
  const hexSignature = [...atobBytes(signature)].map((b) => b.toString(16).padStart(2, "0")).join("");
  it.each([
    ["a tampered body", () => delivery(body.replace("118012345678", "118012345679"), headers)],
    ["another secret", () => delivery(body, { ...headers, "sm-signature": otherSecret })],
    ["a key of the secret alone", () => delivery(body, { ...headers, "sm-signature": secretOnly })],
    ["a key in the wrong order", () => delivery(body, { ...headers, "sm-signature": reversedKey })],
    [
      "another Sm-Apikey than the one signed with",
      () => delivery(body, { ...headers, "sm-apikey": "Hk3nQ7pR2sT9vW4y" }),
    ],
    ["no Sm-Signature", () => delivery(body, { "sm-apikey": API_KEY })],
    ["no Sm-Apikey", () => delivery(body, { "sm-signature": signature })],
    ["a garbage signature", () => delivery(body, { ...headers, "sm-signature": "%%%garbage%%%" })],
    ["a prefixed signature", () => delivery(body, { ...headers, "sm-signature": `sha1=${signature}` })],
    ["a hex digest", () => delivery(body, { ...headers, "sm-signature": hexSignature })],
    ["header names that are not lower-case", () => delivery(body, { "Sm-Apikey": API_KEY, "Sm-Signature": signature })],
  ])("rejects %s", async (_name, make) => {
    const result = await verify(make());
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it("rejects every delivery when the source has no secret", async () => {
    expect(await verify(delivery(body, headers), {}, "")).toMatchObject({ ok: false });
  });

  it("explains the setup with the webhook URL in the API template", () => {
    const guide = surveyMonkey.setup("https://in.firebreak.dev/webhooks/surveymonkey/src_2");
    expect(JSON.parse(guide.template ?? "{}")).toMatchObject({
      event_type: "response_completed",
      subscription_url: "https://in.firebreak.dev/webhooks/surveymonkey/src_2",
    });
    expect(guide.settings).toHaveProperty("apiKey");
  });
});

function atobBytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
