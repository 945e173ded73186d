import { describe, expect, it } from "vitest";
import type { RawDelivery } from "../types.ts";
import * as fixtures from "./fixtures.ts";
import { trustpilot } from "./index.ts";

const TOKEN = "Vb3xQ9mZr7Lp2Nw6Tc8Ys1Hd4Kf0Gj5Ae_Ui-Oq7Rt2";
const NOW = Date.parse("2026-11-20T10:00:00Z");
const PARSE_CONTEXT = { receivedAt: NOW, settings: {} };
const ENDPOINT = "https://in.firebreak.dev/webhooks/trustpilot/src_5";

function delivery(text: string, url = `${ENDPOINT}?token=${TOKEN}`): RawDelivery {
  return { method: "POST", url, headers: {}, body: new TextEncoder().encode(text), text };
}

function parse(value: unknown) {
  return trustpilot.parse(delivery(JSON.stringify(value)), PARSE_CONTEXT);
}

describe("trustpilot: happy path", () => {
  it("emits one review item per created event, with per-item event ids and no delivery id", () => {
    expect(parse(fixtures.createdBatch)).toEqual({
      kind: "events",
      items: [
        {
          externalId: "6745a1c2f0e4b35c8d1e2f3a",
          kind: "review",
          channel: "social",
          title: "Parcel never arrived",
          text: "Ordered on the 2nd, still waiting. Support just sends the same template reply.",
          score: 1,
          scale: "stars5",
          customerId: "5f1b2c3d4e5f6a7b8c9d0e1f",
          tags: ["invitation", "delivery"],
          url: "https://www.trustpilot.com/reviews/6745a1c2f0e4b35c8d1e2f3a",
          language: "en",
          occurredAt: Date.parse("2026-11-19T08:12:03.000Z"),
          eventId: "service-review-created:6745a1c2f0e4b35c8d1e2f3a",
        },
        {
          externalId: "6745a1c2f0e4b35c8d1e2f3b",
          kind: "review",
          channel: "social",
          title: "Hurtig levering 🚀",
          text: "Pakken kom dagen efter, og returneringen var nem. Tak! 😊",
          score: 5,
          scale: "stars5",
          customerId: "5f1b2c3d4e5f6a7b8c9d0e20",
          // The review is of one branch: a touchpoint keyed by the location id takes it.
          touchpointHint: "loc_cph_01",
          tags: ["organic"],
          url: "https://dk.trustpilot.com/reviews/6745a1c2f0e4b35c8d1e2f3b",
          language: "da",
          occurredAt: Date.parse("2026-11-19T08:30:00.000Z"),
          eventId: "service-review-created:6745a1c2f0e4b35c8d1e2f3b",
        },
      ],
    });
  });

  it("leaves missing optional fields out", () => {
    expect(parse(fixtures.createdSparseGerman)).toEqual({
      kind: "events",
      items: [
        {
          externalId: "6745a1c2f0e4b35c8d1e2f3c",
          kind: "review",
          channel: "social",
          text: "Rücksendung dauerte drei Wochen – nicht gut.",
          score: 2,
          scale: "stars5",
          tags: [],
          occurredAt: Date.parse("2026-11-18T17:45:10.123Z"),
          eventId: "service-review-created:6745a1c2f0e4b35c8d1e2f3c",
        },
      ],
    });
  });

  it("makes an edit a later revision of the same review", () => {
    expect(parse(fixtures.updated)).toMatchObject({
      kind: "events",
      items: [
        {
          externalId: "6745a1c2f0e4b35c8d1e2f3a",
          title: "Arrived in the end",
          score: 3,
          occurredAt: Date.parse("2026-11-19T08:12:03.000Z"),
          revisionAt: Date.parse("2026-11-20T07:00:00.000Z"),
          eventId: "service-review-updated:6745a1c2f0e4b35c8d1e2f3a",
        },
      ],
    });
  });

  it("dates an edit without updatedAt at the receipt time", () => {
    const { updatedAt: _ignored, ...eventData } = fixtures.updated.events[0]?.eventData ?? {};
    const result = parse({ events: [{ eventName: "service-review-updated", eventData }] });
    expect(result).toMatchObject({ items: [{ revisionAt: NOW }] });
  });

  it("skips deleted reviews in a batch", () => {
    const result = parse(fixtures.createdAndDeleted);
    expect(result).toMatchObject({ kind: "events", items: [{ externalId: "6745a1c2f0e4b35c8d1e2f3c" }] });
    if (result.kind === "events") expect(result.items).toHaveLength(1);
  });

  it.each([
    ["pt-BR", "pt"],
    ["de", "de"],
    ["EN_us", "en"],
    ["not a language", undefined],
  ])("normalizes the language %s", (language, expected) => {
    const event = fixtures.createdSparseGerman.events[0];
    const result = parse({ events: [{ ...event, eventData: { ...event?.eventData, language } }] });
    if (result.kind !== "events") throw new Error(`expected events, got ${result.kind}`);
    expect(result.items[0]?.language).toBe(expected);
  });
});

describe("trustpilot: errors", () => {
  it.each([
    ["malformed JSON", '{"events":[{"eventName":'],
    ["an empty body", ""],
    ["JSON nested too deep", `{"events":${"[".repeat(65)}${"]".repeat(65)}}`],
  ])("refuses %s with 400", (_name, text) => {
    expect(trustpilot.parse(delivery(text), PARSE_CONTEXT)).toMatchObject({ kind: "invalid", status: 400 });
  });

  const sparse = fixtures.createdSparseGerman.events[0];
  it.each([
    [
      "a delivery of deleted reviews only",
      fixtures.deletedOnly,
      /no feedback events \(received: service-review-deleted\)/,
    ],
    ["an empty batch", { events: [] }, /no feedback events \(received: none\)/],
    ["a body without events", { eventName: "service-review-created" }, /events/],
    [
      "a review with 0 stars",
      { events: [sparse, { ...sparse, eventData: { ...sparse?.eventData, stars: 0 } }] },
      /events\.1\.eventData\.stars/,
    ],
    [
      "a review without an id",
      { events: [{ ...sparse, eventData: { stars: 4, text: "ok" } }] },
      /events\.0\.eventData\.id/,
    ],
  ])("refuses %s with 422 and a reason", (_name, value, reason) => {
    const result = parse(value);
    expect(result).toMatchObject({ kind: "invalid", status: 422 });
    if (result.kind === "invalid") expect(result.reason).toMatch(reason);
  });
});

describe("trustpilot: security", () => {
  const body = JSON.stringify(fixtures.createdBatch);
  const verify = (d: RawDelivery, secret = TOKEN) => trustpilot.verify(d, { secret, now: NOW, settings: {} });

  it("accepts the source's token in the URL", async () => {
    expect(await verify(delivery(body))).toEqual({ ok: true });
    expect(await verify(delivery(body, `${ENDPOINT}?region=eu&token=${TOKEN}`))).toEqual({ ok: true });
  });

  it("authenticates the URL, not the body: the stored raw bytes parse as sent", async () => {
    const raw = body.replace("Pakken kom", "Pakken kom \\/ Ærø \\u00e6 🙂 https:\\/\\/x.dk\\/a/b");
    const d = delivery(raw);
    expect(await verify(d)).toEqual({ ok: true });
    expect(trustpilot.parse(d, PARSE_CONTEXT)).toMatchObject({
      items: [{}, { text: expect.stringContaining("Pakken kom / Ærø æ 🙂 https://x.dk/a/b") }],
    });
  });

  it.each([
    ["no token", ENDPOINT],
    ["an empty token", `${ENDPOINT}?token=`],
    ["another token", `${ENDPOINT}?token=${TOKEN.slice(0, -1)}X`],
    ["the token in another case", `${ENDPOINT}?token=${TOKEN.toUpperCase()}`],
    ["the token under another name", `${ENDPOINT}?Token=${TOKEN}`],
    ["the token as a prefix of a longer one", `${ENDPOINT}?token=${TOKEN}extra`],
    ["the token in the path instead", `${ENDPOINT}/${TOKEN}`],
    ["two tokens", `${ENDPOINT}?token=wrong&token=${TOKEN}`],
    ["an unreadable URL", "not a url"],
  ])("rejects %s", async (_name, url) => {
    const result = await verify(delivery(body, url));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it("rejects every delivery when the source has no token", async () => {
    expect(await verify(delivery(body, `${ENDPOINT}?token=`), "")).toMatchObject({ ok: false });
  });

  it("issues long URL-safe tokens", () => {
    const first = trustpilot.generateSecret?.() ?? "";
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(first)).toBe(first);
    expect(trustpilot.generateSecret?.()).not.toBe(first);
  });

  it("puts the token placeholder in the URL the setup guide shows", () => {
    expect(trustpilot.setup(ENDPOINT).steps.join("\n")).toContain(`${ENDPOINT}?token=<secret>`);
    expect(trustpilot.setup(`${ENDPOINT}?region=eu`).steps.join("\n")).toContain("?region=eu&token=<secret>");
  });
});
