import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import type { RawDelivery } from "../types.ts";
import {
  batched,
  batchedMapping,
  flatCustom,
  flatMapping,
  topLevelArray,
  topLevelArrayMapping,
  typeformLike,
  typeformMapping,
} from "./fixtures.ts";
import {
  applyMapping,
  evaluatePointer,
  genericJson,
  MAX_RECORDS,
  parsePointer,
  parseWithMapping,
  previewMapping,
} from "./index.ts";

const NOW = Date.parse("2025-11-20T10:00:00Z");
const secret = genericJson.generateSecret?.() ?? "";

function delivery(text: string, headers: Record<string, string> = {}): RawDelivery {
  return {
    method: "POST",
    url: "https://x/webhooks/generic-json/src_1",
    headers,
    body: new TextEncoder().encode(text),
    text,
  };
}

/** Signed by the Standard Webhooks reference library, not by Firebreak code. */
function signed(text: string, { at = NOW, id = "msg_2kL9", key = secret } = {}): RawDelivery {
  return delivery(text, {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at / 1000)),
    "webhook-signature": new Webhook(key).sign(id, new Date(at), text),
  });
}

const parseWith = (value: unknown, fieldMapping: Record<string, string> | null) =>
  genericJson.parse(signed(JSON.stringify(value)), { receivedAt: NOW, settings: {}, fieldMapping });

describe("generic-json happy", () => {
  it("maps a nested Typeform-like response, keeping an NPS of 0", () => {
    expect(parseWith(typeformLike, typeformMapping)).toEqual({
      kind: "events",
      eventId: "msg_2kL9",
      items: [
        {
          externalId: "a3a12ec67a1365927098a606107fac15",
          kind: "survey",
          channel: "survey",
          text: "Leveringen var alt for langsom 🐢 – og ingen svarede på min mail.",
          score: 0,
          scale: "nps",
          customerEmail: "mette@example.dk",
          customerId: "cus_42",
          tags: ["pakke", "forsinket"],
          touchpointHint: "levering",
          occurredAt: Date.parse("2025-11-20T09:58:00Z"),
        },
      ],
    });
  });

  it("maps a flat payload with escaped keys, a numeric-string rating, epoch seconds and tag objects", () => {
    expect(parseWith(flatCustom, flatMapping)).toMatchObject({
      kind: "events",
      items: [
        {
          externalId: "98123",
          kind: "review",
          channel: "store",
          text: "Sehr freundlicher Service, aber lange Wartezeit ☕",
          score: 4,
          scale: "stars5",
          customerEmail: "anna@example.de",
          touchpointHint: "Berlin-Mitte",
          language: "de",
          tags: ["filiale", "wartezeit"],
          url: "https://shop.example.de/orders/98123",
          occurredAt: 1_763_632_680_000,
        },
      ],
    });
  });

  it("maps each record of a batch, with a custom 0–7 scale and a score of 0 without text", () => {
    const result = parseWith(batched, batchedMapping);
    expect(result).toMatchObject({
      kind: "events",
      eventId: "msg_2kL9",
      items: [
        {
          externalId: "r-1",
          score: 6,
          scale: "custom",
          scaleRange: { min: 0, max: 7 },
          text: "Hurtig levering 🚀",
          occurredAt: Date.parse("2025-11-20T07:00:00Z"),
        },
        { externalId: "r-2", score: 0, scaleRange: { min: 0, max: 7 }, text: "", occurredAt: 1_763_625_600_000 },
      ],
    });
  });

  it("treats a top-level array as a batch, with booleans as thumbs", () => {
    expect(parseWith(topLevelArray, topLevelArrayMapping)).toMatchObject({
      kind: "events",
      items: [
        { externalId: "t-1", score: 1, scale: "thumbs", text: "👍 super" },
        { externalId: "t-2", score: 0, scale: "thumbs", text: "Nej tak" },
      ],
    });
  });

  it("uses defaults and the receipt time when optional fields are unmapped or absent", () => {
    const result = applyMapping({ id: 1, c: "Hej" }, { externalId: "/id", text: "/c", occurredAt: "/when" }, NOW);
    expect(result).toEqual({
      kind: "events",
      items: [
        {
          externalId: "1",
          kind: "survey",
          channel: "web",
          text: "Hej",
          scale: "none",
          tags: [],
          occurredAt: NOW,
        },
      ],
    });
  });

  it("is deterministic for the same delivery and context", () => {
    const d = signed(JSON.stringify(batched));
    const context = { receivedAt: NOW, settings: {}, fieldMapping: batchedMapping };
    expect(genericJson.parse(d, context)).toEqual(genericJson.parse(d, context));
  });

  it("exposes parseWithMapping for callers holding the mapping", () => {
    expect(parseWithMapping(signed(JSON.stringify(flatCustom)), flatMapping, NOW)).toMatchObject({
      kind: "events",
      eventId: "msg_2kL9",
      items: [{ externalId: "98123" }],
    });
  });

  it("previews the items that map and every problem per field and record", () => {
    const sample = { records: [...batched.records, { ref: "", answer: { value: "lots" }, note: 5 }] };
    const preview = previewMapping(sample, batchedMapping, NOW);
    expect(preview.items.map((item) => item.externalId)).toEqual(["r-1", "r-2"]);
    expect(preview.problems).toEqual([
      { field: "externalId", pointer: "/ref", message: "the value is empty", record: 2 },
      { field: "score", pointer: "/answer/value", message: "expected a number", record: 2 },
    ]);
  });

  it("explains signing and mapping in the setup guide, with an example mapping", () => {
    const guide = genericJson.setup("https://x/webhooks/generic-json/src_1");
    expect(guide.steps.join(" ")).toMatch(/JSON pointer/);
    expect(JSON.parse(guide.template ?? "{}")).toMatchObject({ externalId: "/data/id" });
    expect(genericJson.label).toBe("Generic JSON webhook");
  });
});

describe("generic-json pointers (RFC 6901)", () => {
  // The example document of RFC 6901 §5.
  const document = {
    foo: ["bar", "baz"],
    "": 0,
    "a/b": 1,
    "c%d": 2,
    "e^f": 3,
    "g|h": 4,
    "i\\j": 5,
    'k"l': 6,
    " ": 7,
    "m~n": 8,
  };

  it.each<[string, unknown]>([
    ["", document],
    ["/foo", ["bar", "baz"]],
    ["/foo/0", "bar"],
    ["/foo/1", "baz"],
    ["/", 0],
    ["/a~1b", 1],
    ["/c%d", 2],
    ["/e^f", 3],
    ["/g|h", 4],
    ["/i\\j", 5],
    ['/k"l', 6],
    ["/ ", 7],
    ["/m~0n", 8],
  ])("resolves %j", (pointer, value) => {
    expect(evaluatePointer(document, pointer)).toEqual({ found: true, value });
  });

  it("unescapes ~1 before ~0, so ~01 is the key ~1", () => {
    expect(parsePointer("/~01")).toEqual(["~1"]);
    expect(evaluatePointer({ "~1": "tilde-one", "/": "slash" }, "/~01")).toEqual({ found: true, value: "tilde-one" });
  });

  it.each([
    ["/foo/2", "nothing at /foo/2"],
    ["/foo/01", "nothing at /foo/01"],
    ["/foo/-", "nothing at /foo/-"],
    ["/foo/0/x", "nothing at /foo/0/x"],
    ["/nope/deeper", "nothing at /nope"],
    ["/__proto__", "nothing at /__proto__"],
    ["/constructor", "nothing at /constructor"],
    ["/a~1b/toString", "nothing at /a~1b/toString"],
  ])("finds nothing at %s", (pointer, reason) => {
    expect(evaluatePointer(document, pointer)).toEqual({ found: false, reason });
  });

  it.each(["foo", "/~2", "/a~", "~0"])("refuses %j as a pointer", (pointer) => {
    expect(parsePointer(pointer)).toBeUndefined();
    expect(evaluatePointer(document, pointer)).toEqual({ found: false, reason: "not a valid JSON pointer" });
  });
});

describe("generic-json error", () => {
  it.each([null, {}])("refuses deliveries while no mapping is configured (%j)", (mapping) => {
    expect(parseWith(flatCustom, mapping)).toEqual({
      kind: "invalid",
      status: 422,
      reason: "no field mapping configured",
    });
  });

  it("refuses malformed and over-deep JSON with 400", () => {
    const context = { receivedAt: NOW, settings: {}, fieldMapping: flatMapping };
    expect(genericJson.parse(delivery("{oops"), context)).toMatchObject({ kind: "invalid", status: 400 });
    const deep = `${"[".repeat(65)}${"]".repeat(65)}`;
    expect(genericJson.parse(delivery(deep), context)).toMatchObject({ kind: "invalid", status: 400 });
  });

  it.each<[string, unknown, Record<string, string>, string]>([
    ["a missing externalId", { comment: "x" }, flatMapping, "externalId (/id): nothing at /id"],
    [
      "a missing externalId in the third record",
      [{ id: 1, c: "a" }, { id: 2, c: "b" }, { c: "c" }],
      { externalId: "/id", text: "/c" },
      "record 2: externalId (/id): nothing at /id",
    ],
    ["a score without scale", { id: 1, s: 3 }, { externalId: "/id", score: "/s" }, "scale: a score needs a scale"],
    [
      "a custom scale without range",
      { id: 1, s: 3 },
      { externalId: "/id", score: "/s", scale: "custom" },
      "scaleMin: a custom scale needs scaleMin",
    ],
    [
      "a custom scale with its bounds reversed",
      { id: 1, s: 3 },
      { externalId: "/id", score: "/s", scale: "custom", scaleMin: "5", scaleMax: "1" },
      "scaleMax (1): scaleMax must be above scaleMin",
    ],
    [
      "neither text nor score",
      { id: 1, c: "   " },
      { externalId: "/id", text: "/c" },
      "text (/c): the record has neither text nor a score",
    ],
    [
      "a non-numeric score and a bad email",
      { id: 1, s: "lots", e: "not-an-email" },
      { externalId: "/id", score: "/s", scale: "nps", customerEmail: "/e" },
      "score (/s): expected a number (1 more problem)",
    ],
    ["an empty batch", { records: [] }, batchedMapping, "items (/records): the body holds no records"],
    ["items that are not an array", { records: {} }, batchedMapping, "items (/records): expected an array of records"],
    [
      "a scale read from the body that is unknown",
      { id: 1, s: 2, k: "stars10" },
      { externalId: "/id", score: "/s", scale: "/k" },
      "scale (/k): expected one of nps, csat5, csat3, stars5, ces7, thumbs, custom, none",
    ],
  ])("refuses %s with 422 and the problem", (_name, body, mapping, reason) => {
    expect(parseWith(body, mapping)).toEqual({ kind: "invalid", status: 422, reason });
  });

  it("refuses batches above the record cap", () => {
    const records = Array.from({ length: MAX_RECORDS + 1 }, (_, i) => ({ id: i, c: "x" }));
    expect(applyMapping(records, { externalId: "/id", text: "/c" }, NOW)).toMatchObject({
      status: 422,
      reason: `items: more than ${MAX_RECORDS} records`,
    });
  });

  it("reports every problem of an invalid mapping, per field", () => {
    const mapping = {
      extrenalId: "/id",
      text: "/c~2",
      scale: "stars10",
      kind: "complaint",
      items: "records",
      score: 5,
    } as unknown as Record<string, string>;
    expect(previewMapping({ id: 1 }, mapping, NOW).problems).toEqual([
      { field: "score", pointer: "", message: "must be a JSON pointer or a literal string" },
      { field: "extrenalId", pointer: "", message: 'unknown field "extrenalId"' },
    ]);
    const valid = { text: "/c~2", scale: "stars10", kind: "complaint", items: "records", occurredAt: "soon" };
    expect(previewMapping({ id: 1 }, valid, NOW)).toEqual({
      items: [],
      problems: [
        { field: "externalId", pointer: "", message: "externalId is required" },
        { field: "text", pointer: "/c~2", message: "not a valid JSON pointer (write ~0 for ~ and ~1 for /)" },
        { field: "scale", pointer: "stars10", message: expect.stringMatching(/^expected one of nps/) },
        { field: "occurredAt", pointer: "soon", message: "expected a date or an epoch timestamp" },
        { field: "kind", pointer: "complaint", message: "expected one of survey, review, ticket, message" },
        { field: "items", pointer: "records", message: 'items must be a JSON pointer starting with "/"' },
      ],
    });
    expect(applyMapping({ id: 1 }, { externalId: "id" }, NOW)).toEqual({
      kind: "invalid",
      status: 422,
      reason: 'externalId (id): externalId must be a JSON pointer starting with "/"',
    });
    expect(previewMapping({}, "not a mapping" as unknown as Record<string, string>, NOW).problems).toEqual([
      { field: "", pointer: "", message: "the field mapping must be a JSON object" },
    ]);
  });
});

describe("generic-json security", () => {
  const body = JSON.stringify(flatCustom);
  const verify = (d: RawDelivery, now = NOW) => genericJson.verify(d, { secret, now, settings: {} });

  it("issues whsec_ secrets of 32 random bytes", () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(genericJson.secretIssuedBy).toBe("firebreak");
  });

  it("accepts a delivery signed by the Standard Webhooks reference library", async () => {
    expect(await verify(signed(body))).toEqual({ ok: true });
  });

  it.each<[string, () => RawDelivery]>([
    ["a tampered body", () => ({ ...signed(body), ...bytes(body.replace("4", "5")) })],
    ["another secret", () => signed(body, { key: genericJson.generateSecret?.() ?? "" })],
    ["a stale timestamp", () => signed(body, { at: NOW - 6 * 60_000 })],
    ["no signature headers", () => delivery(body)],
    ["a garbage signature", () => delivery(body, { ...signed(body).headers, "webhook-signature": "v1,@@@" })],
    ["a changed webhook-id", () => delivery(body, { ...signed(body).headers, "webhook-id": "msg_other" })],
  ])("rejects %s", async (_name, make) => {
    const result = await verify(make());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain(secret.slice(6));
  });
});

function bytes(text: string): Pick<RawDelivery, "body" | "text"> {
  return { text, body: new TextEncoder().encode(text) };
}

describe("generic-json automation", () => {
  const mapping = { externalId: "/id", text: "/comment", handledBy: "/handled_by" };
  const handled = (value: unknown) => {
    const result = parseWith({ id: "r1", comment: "Where is my refund?", handled_by: value }, mapping);
    return result.kind === "events" ? result.items[0]?.handledBy : result;
  };

  it("maps the sender's handledBy: names, kinds, flags and objects", () => {
    expect(handled("Fin AI agent")).toEqual({ kind: "bot", evidence: "Webhook: handledBy = 'Fin AI agent'" });
    expect(handled("macro")).toEqual({ kind: "macro", evidence: "Webhook: handledBy = 'macro'" });
    expect(handled(true)).toEqual({ kind: "automation", evidence: "Webhook: handledBy = true" });
    expect(handled({ kind: "bot", evidence: "answered by Ada" })).toEqual({
      kind: "bot",
      evidence: "Webhook: answered by Ada",
    });
    expect(handled("human")).toBeUndefined();
    expect(handled(false)).toBeUndefined();
  });

  it("refuses a value it cannot read, naming the field", () => {
    expect(handled("Mette")).toMatchObject({
      kind: "invalid",
      status: 422,
      reason: expect.stringContaining("handledBy"),
    });
    expect(handled({ kind: "robot" })).toMatchObject({ kind: "invalid", status: 422 });
  });
});
