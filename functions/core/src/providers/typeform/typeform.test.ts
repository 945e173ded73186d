import { describe, expect, it } from "vitest";
import type { RawDelivery } from "../types.ts";
import * as fixtures from "./fixtures.ts";
import { typeform } from "./index.ts";

const SECRET = "tf-secret-Zx9vQm3Lr7Kp2Wt5Yb8Nc4Hd6Jf1Gs0A";
const NOW = Date.parse("2026-11-20T10:00:00Z");
const PARSE_CONTEXT = { receivedAt: NOW, settings: {} };
const VERIFY_CONTEXT = { secret: SECRET, now: NOW, settings: {} };

/** The expected signature, computed here with WebCrypto directly rather than through the adapter's helpers. */
async function hmacSha256(key: string, message: string): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey("raw", encode(key), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, encode(message)));
}

async function sign(body: string, secret = SECRET): Promise<string> {
  return `sha256=${btoa(String.fromCharCode(...(await hmacSha256(secret, body))))}`;
}

function delivery(text: string, headers: Record<string, string> = {}): RawDelivery {
  return { method: "POST", url: "https://in.firebreak.dev/webhooks/typeform/src_1", headers, body: encode(text), text };
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Parsing runs only after verification, so the headers do not matter to it. */
function parse(value: unknown) {
  return typeform.parse(delivery(JSON.stringify(value)), PARSE_CONTEXT);
}

describe("typeform: happy path", () => {
  it("normalizes an NPS of 0 with a Danish comment, hidden identity, touchpoint and attributes", () => {
    expect(parse(fixtures.npsZeroDanish)).toEqual({
      kind: "events",
      eventId: "01JD3K5X7Q8M2N4P6R8S0T2V4W",
      items: [
        {
          externalId: "a3a12ec67a1365927098a606107fac15",
          parentExternalId: "lT4Z3j",
          kind: "survey",
          channel: "survey",
          text: "Pakken kom fem dage for sent, og ingen svarede på min mail. Øv! 😞",
          score: 0,
          scale: "nps",
          customerEmail: "jens@example.dk",
          customerId: "cus_42",
          // full_name and order_id look identifying, so they are not attributes.
          customerAttributes: { plan: "pro", market: "DK" },
          tags: [],
          questionIds: ["nps", "Nps1xQ", "why", "Why2zR"],
          touchpointHint: "delivery-tracking",
          language: "da",
          occurredAt: Date.parse("2026-11-20T09:58:00Z"),
        },
      ],
    });
  });

  it("reads a five-step rating as stars5 and prefers the email answer", () => {
    expect(parse(fixtures.ratingGerman)).toEqual({
      kind: "events",
      eventId: "01JD3M0A1B2C3D4E5F6G7H8J9K",
      items: [
        {
          externalId: "b7f0c2d9e4a14f61a8e3c5d7f9b1a2c4",
          parentExternalId: "Qm7pW2",
          kind: "survey",
          channel: "survey",
          text: "Lieferung war schnell, aber die Verpackung war beschädigt 📦",
          score: 4,
          scale: "stars5",
          customerEmail: "max.mustermann@example.de",
          customerId: "C-1001",
          tags: [],
          questionIds: ["rating", "Rate1a", "note", "Note2b", "email", "Mail3c"],
          occurredAt: Date.parse("2026-11-19T14:02:03.512Z"),
        },
      ],
    });
  });

  it("reads an opinion scale's range from its definition and prefers long text over short text", () => {
    const result = parse(fixtures.opinionScaleOneToSeven);
    expect(result).toMatchObject({
      kind: "events",
      items: [
        {
          externalId: "c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6",
          score: 3,
          scale: "custom",
          scaleRange: { min: 1, max: 7 },
          text: "The API keys page 404'd twice / had to ask support.",
          customerId: "acct_77",
          touchpointHint: "onboarding-call",
        },
      ],
    });
  });

  it("falls back to a 0–10 opinion scale and empty text when the definition is missing", () => {
    const result = parse(fixtures.opinionScaleNoDefinition);
    expect(result).toEqual({
      kind: "events",
      eventId: "01JD3P1Q2R3S4T5V6W7X8Y9Z0A",
      items: [
        {
          externalId: "d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5",
          kind: "survey",
          channel: "survey",
          text: "",
          score: 6,
          scale: "custom",
          scaleRange: { min: 0, max: 10 },
          tags: [],
          questionIds: ["Op1"],
          occurredAt: Date.parse("2026-11-17T21:30:00Z"),
        },
      ],
    });
  });

  it("keeps a ten-step rating's range and uses the receipt time when submitted_at is missing", () => {
    expect(parse(fixtures.ratingTenStepsNoSubmittedAt)).toMatchObject({
      items: [{ score: 10, scale: "custom", scaleRange: { min: 1, max: 10 }, occurredAt: NOW }],
    });
  });

  it("stores a text-only response without a score", () => {
    const result = parse(fixtures.textOnly);
    expect(result).toMatchObject({ kind: "events", items: [{ text: "Checkout kept timing out.", scale: "none" }] });
    if (result.kind === "events") expect(result.items[0]?.score).toBeUndefined();
  });

  it("is deterministic on the same bytes and context", () => {
    expect(parse(fixtures.npsZeroDanish)).toEqual(parse(fixtures.npsZeroDanish));
  });
});

describe("typeform: errors", () => {
  it.each([
    ["malformed JSON", "{not json"],
    ["an empty body", ""],
    ["JSON nested too deep", `${"[".repeat(65)}${"]".repeat(65)}`],
  ])("refuses %s with 400", (_name, text) => {
    expect(typeform.parse(delivery(text), PARSE_CONTEXT)).toMatchObject({ kind: "invalid", status: 400 });
  });

  it.each([
    ["a partial response", fixtures.partialResponse, /unsupported event type "form_response_partial"/],
    ["a response without a token", omitToken(fixtures.textOnly), /form_response\.token/],
    ["a response with only a choice answer", fixtures.choiceOnly, /neither a score nor a text answer/],
    ["an event without event_id", { event_type: "form_response", form_response: {} }, /event_id/],
    ["a JSON array", [fixtures.textOnly], /body/],
  ])("refuses %s with 422 and a reason", (_name, value, reason) => {
    const result = parse(value);
    expect(result).toMatchObject({ kind: "invalid", status: 422 });
    if (result.kind === "invalid") expect(result.reason).toMatch(reason);
  });
});

describe("typeform: security", async () => {
  const body = JSON.stringify(fixtures.npsZeroDanish);
  const signature = await sign(body);
  const bareSignature = signature.slice("sha256=".length);
  const hexSignature = `sha256=${toHex(await hmacSha256(SECRET, body))}`;
  const otherSecretSignature = await sign(body, "another-secret");
  const verify = (d: RawDelivery, secret = SECRET) => typeform.verify(d, { ...VERIFY_CONTEXT, secret });
  const signed = (text: string, value: string) => delivery(text, { "typeform-signature": value });

  it("accepts a body signed with the source secret", async () => {
    expect(await verify(signed(body, signature))).toEqual({ ok: true });
  });

  it("verifies the raw bytes as sent: escaped slashes and non-ASCII are not re-serialized", async () => {
    // A sender that escapes "/" and non-ASCII (as PHP does) produces bytes JSON.stringify would never produce.
    const raw = body
      .replace("Pakken kom", "Pakken kom \\/ Ærø \\u00e6 🙂 https:\\/\\/x.dk\\/a")
      .replace("lT4Z3j", "lT4Z3j/å");
    const rawDelivery = signed(raw, await sign(raw));
    expect(await verify(rawDelivery)).toEqual({ ok: true });
    const reserialized = JSON.stringify(JSON.parse(raw));
    expect(reserialized).not.toBe(raw);
    expect(await verify(delivery(reserialized, rawDelivery.headers))).toMatchObject({ ok: false });
    expect(typeform.parse(rawDelivery, PARSE_CONTEXT)).toMatchObject({
      items: [{ text: expect.stringContaining("Pakken kom / Ærø æ 🙂 https://x.dk/a"), parentExternalId: "lT4Z3j/å" }],
    });
  });

  it.each([
    ["a tampered body", () => signed(body.replace('"number":0', '"number":9'), signature)],
    ["another secret", () => signed(body, otherSecretSignature)],
    ["no signature header", () => delivery(body, {})],
    ["an empty signature", () => signed(body, "")],
    ["a garbage signature", () => signed(body, "sha256=!!!not-base64!!!")],
    ["a signature without its prefix", () => signed(body, bareSignature)],
    ["a sha1= prefix", () => signed(body, `sha1=${bareSignature}`)],
    ["a hex digest", () => signed(body, hexSignature)],
    ["a case-swapped base64 digest", () => signed(body, `sha256=${swapCase(bareSignature)}`)],
    ["a header name that is not lower-case", () => delivery(body, { "Typeform-Signature": signature })],
  ])("rejects %s", async (_name, make) => {
    const result = await verify(make());
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it("rejects every delivery when the source has no secret", async () => {
    expect(await verify(signed(body, signature), "")).toMatchObject({ ok: false });
  });

  it("issues long random secrets", () => {
    const first = typeform.generateSecret?.() ?? "";
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(typeform.generateSecret?.()).not.toBe(first);
  });

  it("explains the setup with the webhook URL", () => {
    const guide = typeform.setup("https://in.firebreak.dev/webhooks/typeform/src_1");
    expect(guide.steps.join("\n")).toContain("https://in.firebreak.dev/webhooks/typeform/src_1");
    expect(guide.steps.join("\n")).toMatch(/Secret/);
  });
});

function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function omitToken(event: typeof fixtures.textOnly) {
  const { token: _token, ...formResponse } = event.form_response;
  return { ...event, form_response: formResponse };
}

function swapCase(text: string): string {
  return [...text].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join("");
}
