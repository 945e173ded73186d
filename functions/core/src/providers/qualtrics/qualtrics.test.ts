import { describe, expect, it } from "vitest";
import type { RawDelivery } from "../types.ts";
import * as fixtures from "./fixtures.ts";
import { qualtrics } from "./index.ts";

const SHARED_KEY = "qx-shared-key-7Hn2Lp9Qr4St6Vw8Xy1Za3Bc5De";
const NOW = Date.parse("2026-11-20T10:00:00Z");
const PARSE_CONTEXT = { receivedAt: NOW, settings: {} };

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** The expected HMAC, computed here with WebCrypto directly rather than through the adapter's helpers. */
async function hmacHex(message: string, key = SHARED_KEY, hash = "SHA-512"): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey("raw", encode(key), { name: "HMAC", hash }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, encode(message)));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A form body as Qualtrics posts it (URLSearchParams encodes `/` as %2F and spaces as `+`). */
function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

async function signedForm({ topic, msg }: fixtures.QualtricsDelivery): Promise<string> {
  const text = JSON.stringify(msg);
  return formBody({ Topic: topic, MSG: text, HMAC: await hmacHex(text) });
}

function delivery(text: string): RawDelivery {
  const url = "https://in.firebreak.dev/webhooks/qualtrics/src_3";
  const headers = { "content-type": "application/x-www-form-urlencoded" };
  return { method: "POST", url, headers, body: encode(text), text };
}

/** Parsing runs only after verification, so the HMAC field does not matter to it. */
function parse(text: string) {
  return qualtrics.parse(delivery(text), PARSE_CONTEXT);
}

function unsignedForm({ topic, msg }: fixtures.QualtricsDelivery): string {
  return formBody({ Topic: topic, MSG: JSON.stringify(msg), HMAC: "00" });
}

describe("qualtrics: happy path", () => {
  it("normalizes a completed response as an id-only item, reading CompletedDate as UTC", () => {
    expect(parse(unsignedForm(fixtures.completedResponse))).toEqual({
      kind: "events",
      eventId: "R_1Fq2yZ6s4j3Pq8N",
      items: [
        {
          externalId: "R_1Fq2yZ6s4j3Pq8N",
          parentExternalId: "SV_3kHxUNvbsBkpLZX",
          kind: "survey",
          channel: "survey",
          text: "",
          scale: "none",
          tags: [],
          occurredAt: Date.UTC(2026, 10, 20, 9, 58, 0),
          needsEnrichment: true,
        },
      ],
    });
  });

  it("decodes form-encoded non-ASCII fields", () => {
    expect(parse(unsignedForm(fixtures.completedResponseNonAscii))).toMatchObject({
      kind: "events",
      eventId: "R_2Xy7Pq9Lm3Nb5Vc",
      items: [{ externalId: "R_2Xy7Pq9Lm3Nb5Vc", occurredAt: Date.UTC(2026, 10, 19, 14, 2, 3) }],
    });
  });

  it("uses the receipt time when CompletedDate is missing", () => {
    expect(parse(unsignedForm(fixtures.completedResponseNoDate))).toMatchObject({
      items: [{ externalId: "R_3Ab0Cd1Ef2Gh3Ij", occurredAt: NOW }],
    });
  });

  it.each(["surveyengine.completedResponse.SV_3kHxUNvbsBkpLZX", "firebreakdk.surveyengine.completedResponse"])(
    "accepts the topic %s",
    (topic) => {
      expect(parse(unsignedForm({ ...fixtures.completedResponse, topic }))).toMatchObject({ kind: "events" });
    },
  );
});

describe("qualtrics: errors", () => {
  it.each([
    ["a JSON body instead of a form", JSON.stringify({ Topic: "x", MSG: "{}" })],
    ["an empty body", ""],
    [
      "an encrypted MSG",
      formBody({ Topic: fixtures.completedResponse.topic, MSG: "U2FsdGVkX1+vupppZksvRf5pq5g5XjFRlipRkwB0K1Y=" }),
    ],
    [
      "a MSG nested too deep",
      formBody({ Topic: fixtures.completedResponse.topic, MSG: `${"[".repeat(65)}${"]".repeat(65)}` }),
    ],
    ["MSG sent twice", `${unsignedForm(fixtures.completedResponse)}&MSG=%7B%7D`],
  ])("refuses %s with 400", (_name, text) => {
    expect(parse(text)).toMatchObject({ kind: "invalid", status: 400 });
  });

  it.each([
    [
      "a control-panel topic",
      unsignedForm(fixtures.surveyActivated),
      /controlpanel\.activateSurvey" is not a completed response/,
    ],
    ["a missing Topic", formBody({ MSG: JSON.stringify(fixtures.completedResponse.msg) }), /missing Topic/],
    [
      "a MSG without ResponseID",
      unsignedForm({ ...fixtures.completedResponse, msg: { SurveyID: "SV_3kHxUNvbsBkpLZX" } }),
      /MSG\.ResponseID/,
    ],
    [
      "a Topic naming another survey",
      unsignedForm({ ...fixtures.completedResponse, topic: "firebreakdk.surveyengine.completedResponse.SV_other" }),
      /different surveys/,
    ],
  ])("refuses %s with 422 and a reason", (_name, text, reason) => {
    const result = parse(text);
    expect(result).toMatchObject({ kind: "invalid", status: 422 });
    if (result.kind === "invalid") expect(result.reason).toMatch(reason);
  });
});

describe("qualtrics: security", async () => {
  const { topic, msg } = fixtures.completedResponseNonAscii;
  const msgText = JSON.stringify(msg);
  const hmac = await hmacHex(msgText);
  const verify = (text: string, secret = SHARED_KEY) =>
    qualtrics.verify(delivery(text), { secret, now: NOW, settings: {} });

  it("accepts a form whose HMAC matches the decoded MSG", async () => {
    expect(await verify(await signedForm(fixtures.completedResponse))).toEqual({ ok: true });
    expect(await verify(formBody({ Topic: topic, MSG: msgText, HMAC: hmac }))).toEqual({ ok: true });
  });

  it("signs the URL-decoded MSG, however the form encoded `/`, spaces and non-ASCII", async () => {
    // encodeURIComponent leaves no `+` for spaces and a literal `/` is legal in form values.
    const handEncoded = `Topic=${topic}&MSG=${encodeURIComponent(msgText).replaceAll("%2F", "/")}&HMAC=${hmac}`;
    expect(handEncoded).toContain("Zufriedenheit%20/%20Lieferung");
    expect(await verify(handEncoded)).toEqual({ ok: true });
    // An HMAC over the still-encoded value is not what Qualtrics signs.
    const overEncoded = await hmacHex(new URLSearchParams({ MSG: msgText }).toString().slice("MSG=".length));
    expect(await verify(formBody({ Topic: topic, MSG: msgText, HMAC: overEncoded }))).toMatchObject({ ok: false });
  });

  it("does not sign Topic, so a swapped Topic passes verification but not parsing", async () => {
    const swapped = formBody({
      Topic: "kundenstimme-de.surveyengine.completedResponse.SV_other",
      MSG: msgText,
      HMAC: hmac,
    });
    expect(await verify(swapped)).toEqual({ ok: true });
    expect(parse(swapped)).toMatchObject({ kind: "invalid", status: 422 });
  });

  const otherKey = await hmacHex(msgText, "another-shared-key");
  const sha256 = await hmacHex(msgText, SHARED_KEY, "SHA-256");
  const base64 = btoa(String.fromCharCode(...(hmac.match(/../g) ?? []).map((h) => Number.parseInt(h, 16))));
  it.each([
    ["a tampered MSG", formBody({ Topic: topic, MSG: msgText.replace("R_2Xy7", "R_9Xy7"), HMAC: hmac })],
    ["another shared key", formBody({ Topic: topic, MSG: msgText, HMAC: otherKey })],
    ["no HMAC field", formBody({ Topic: topic, MSG: msgText })],
    ["an empty HMAC", formBody({ Topic: topic, MSG: msgText, HMAC: "" })],
    ["no MSG field", formBody({ Topic: topic, HMAC: hmac })],
    ["a garbage HMAC", formBody({ Topic: topic, MSG: msgText, HMAC: "zz-not-hex" })],
    ["an HMAC with a prefix", formBody({ Topic: topic, MSG: msgText, HMAC: `sha512=${hmac}` })],
    ["an HMAC-SHA256", formBody({ Topic: topic, MSG: msgText, HMAC: sha256 })],
    ["a base64 HMAC", formBody({ Topic: topic, MSG: msgText, HMAC: base64 })],
    ["a truncated HMAC", formBody({ Topic: topic, MSG: msgText, HMAC: hmac.slice(0, 64) })],
    ["field names in another case", formBody({ topic, msg: msgText, hmac })],
    ["a second MSG after the signed one", `${formBody({ Topic: topic, MSG: msgText, HMAC: hmac })}&MSG=%7B%7D`],
  ])("rejects %s", async (_name, text) => {
    const result = await verify(text);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(SHARED_KEY);
  });

  it("rejects every delivery when the source has no shared key", async () => {
    expect(await verify(formBody({ Topic: topic, MSG: msgText, HMAC: hmac }), "")).toMatchObject({ ok: false });
  });

  it("explains the setup with the webhook URL in the subscription template", () => {
    const guide = qualtrics.setup("https://in.firebreak.dev/webhooks/qualtrics/src_3");
    expect(JSON.parse(guide.template ?? "{}")).toMatchObject({
      publicationUrl: "https://in.firebreak.dev/webhooks/qualtrics/src_3",
      encrypt: false,
    });
  });
});
