import { describe, expect, it } from "vitest";
import type { RawDelivery } from "../types.ts";
import {
  badRatingDanish,
  conversationCreatedGerman,
  conversationCreatedPreviewOnly,
  customerReplyV2,
  greatRatingNoComment,
  okayRatingV2Customer,
  replyAfterWorkflow,
} from "./fixtures.ts";
import { helpScout } from "./index.ts";
import { htmlToText } from "./normalize.ts";

const NOW = Date.parse("2025-11-20T10:00:00Z");
const SECRET = "hs-secret-0123456789abcdefghijklmnopqrs";
const PARSE_CONTEXT = { receivedAt: NOW, settings: {} };
const encoder = new TextEncoder();

/** Computed with WebCrypto directly, not with the adapter's helpers. */
async function hmacSha1Base64(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-1" }, false, [
    "sign",
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
  return btoa(String.fromCharCode(...mac));
}

function delivery(text: string, headers: Record<string, string> = {}): RawDelivery {
  return { method: "POST", url: "https://x/webhooks/help-scout/src_1", headers, body: encoder.encode(text), text };
}

const parse = (event: string | undefined, value: unknown) =>
  helpScout.parse(delivery(JSON.stringify(value), event ? { "x-helpscout-event": event } : {}), PARSE_CONTEXT);

describe("help-scout happy", () => {
  it("normalizes a Bad rating into a csat3 survey item with a revision time", () => {
    const eventId = "satisfaction.ratings:41224:2025-11-19T08:15:02Z";
    expect(parse("satisfaction.ratings", badRatingDanish)).toEqual({
      kind: "events",
      eventId,
      items: [
        {
          externalId: "41224",
          parentExternalId: "1005811",
          kind: "survey",
          channel: "email",
          text: "Ingen svarede i tre dage 😞",
          score: 1,
          scale: "csat3",
          customerEmail: "soeren@example.dk",
          customerId: "29418",
          tags: [],
          occurredAt: Date.parse("2025-11-19T08:12:45Z"),
          revisionAt: Date.parse("2025-11-19T08:15:02Z"),
          eventId,
        },
      ],
    });
  });

  it.each([
    [greatRatingNoComment, 3, "anna@example.de", ""],
    [okayRatingV2Customer, 2, "kim@example.com", "Fine I guess 🤷"],
    [{ ...okayRatingV2Customer, rating: "Not Good" }, 1, "kim@example.com", "Fine I guess 🤷"],
    [{ ...okayRatingV2Customer, rating: " great " }, 3, "kim@example.com", "Fine I guess 🤷"],
  ])("maps rating words and email shapes (%#)", (rating, score, email, text) => {
    expect(parse("satisfaction.ratings", rating)).toMatchObject({
      kind: "events",
      items: [{ score, customerEmail: email, text }],
    });
  });

  it("derives the event id from createdAt when the rating was never modified", () => {
    expect(parse("satisfaction.ratings", greatRatingNoComment)).toMatchObject({
      eventId: "satisfaction.ratings:41225:2025-11-19T09:00:00Z",
      items: [{ externalId: "41225", revisionAt: Date.parse("2025-11-19T09:00:00Z") }],
    });
  });

  it("turns a new conversation's first customer thread into a message item with plain text", () => {
    expect(parse("convo.created", conversationCreatedGerman)).toEqual({
      kind: "events",
      eventId: "convo.created:291938:88001",
      items: [
        {
          externalId: "88001",
          parentExternalId: "291938",
          kind: "message",
          channel: "email",
          title: "Lieferung beschädigt",
          text: "Hallo,\ndie Lieferung kam beschädigt an & der Karton war nass.\n\nGrüße 📦",
          scale: "none",
          customerEmail: "jonas@example.de",
          customerId: "29418",
          tags: ["lieferung", "schaden"],
          status: "active",
          url: "https://secure.helpscout.net/conversation/291938/349/",
          occurredAt: Date.parse("2025-11-20T09:30:00Z"),
          eventId: "convo.created:291938:88001",
          needsEnrichment: false,
        },
      ],
    });
  });

  it("takes the latest customer thread of a customer reply (Mailbox API 2.0 shape)", () => {
    expect(parse("convo.customer.reply.created", customerReplyV2)).toMatchObject({
      kind: "events",
      eventId: "convo.customer.reply.created:291939:90003",
      items: [
        {
          externalId: "90003",
          parentExternalId: "291939",
          channel: "chat",
          text: "Still waiting for my refund. This is the third time I write. 😡",
          customerEmail: "mette@example.dk",
          customerId: "5001",
          tags: ["refund"],
          status: "pending",
          occurredAt: Date.parse("2025-11-20T09:45:00Z"),
        },
      ],
    });
  });

  it("falls back to the preview of a new conversation without threads, flagged for enrichment", () => {
    expect(parse("convo.created", conversationCreatedPreviewOnly)).toMatchObject({
      kind: "events",
      eventId: "convo.created:291940",
      items: [
        {
          externalId: "291940",
          channel: "phone",
          text: "Kunde bittet um Rückruf wegen Rechnung",
          customerEmail: "rueckruf@example.de",
          customerId: "7",
          needsEnrichment: true,
        },
      ],
    });
  });

  it("strips HTML without losing text", () => {
    expect(
      htmlToText("<div>a&nbsp;&lt;b&gt;</div><script>alert(1)</script>&#x1F600; &bogus; &#0; &constructor; &AUML;"),
    ).toBe("a <b>\n😀 &bogus; &#0; &constructor; ä");
  });

  it("explains where to configure the webhook", () => {
    const steps = helpScout.setup("https://x/webhooks/help-scout/src_1").steps.join(" ");
    expect(steps).toMatch(/Manage → Apps/);
    expect(steps).toMatch(/satisfaction\.ratings/);
  });
});

describe("help-scout error", () => {
  it("refuses malformed and over-deep JSON with 400", () => {
    expect(
      helpScout.parse(delivery("{", { "x-helpscout-event": "satisfaction.ratings" }), PARSE_CONTEXT),
    ).toMatchObject({ kind: "invalid", status: 400 });
    const deep = `${'{"a":'.repeat(65)}1${"}".repeat(65)}`;
    expect(helpScout.parse(delivery(deep, { "x-helpscout-event": "convo.created" }), PARSE_CONTEXT)).toMatchObject({
      kind: "invalid",
      status: 400,
    });
  });

  it.each([
    ["no event header", undefined, badRatingDanish, /missing X-HelpScout-Event/],
    ["an assignment", "convo.assigned", conversationCreatedGerman, /"convo.assigned" is not feedback/],
    ["a deleted customer", "customer.deleted", { id: 1 }, /not feedback/],
    ["an unknown rating word", "satisfaction.ratings", { ...badRatingDanish, rating: "Meh" }, /unknown rating "Meh"/],
    ["a rating without id", "satisfaction.ratings", { ...badRatingDanish, id: undefined }, /^id:/],
    ["a rating without rating", "satisfaction.ratings", { id: 1 }, /^rating:/],
    ["a rating that is an array", "satisfaction.ratings", [badRatingDanish], /^body:/],
    [
      "a reply without customer threads",
      "convo.customer.reply.created",
      conversationCreatedPreviewOnly,
      /no customer thread/,
    ],
    ["a conversation without id", "convo.created", { subject: "x" }, /^id:/],
  ])("refuses %s with 422 and a reason", (_name, event, value, reason) => {
    const result = parse(event, value);
    expect(result).toMatchObject({ kind: "invalid", status: 422 });
    if (result.kind === "invalid") expect(result.reason).toMatch(reason);
  });
});

describe("help-scout security", () => {
  const body = JSON.stringify(badRatingDanish);
  const verify = (d: RawDelivery, secret = SECRET) => helpScout.verify(d, { secret, now: NOW, settings: {} });

  it("accepts a delivery signed with the secret key", async () => {
    const signed = delivery(body, { "x-helpscout-signature": await hmacSha1Base64(SECRET, body) });
    expect(await verify(signed)).toEqual({ ok: true });
  });

  it("accepts an old delivery: nothing signed carries a time, replays are the idempotency store's job", async () => {
    const signed = delivery(body, { "x-helpscout-signature": await hmacSha1Base64(SECRET, body) });
    expect(await helpScout.verify(signed, { secret: SECRET, now: NOW + 365 * 86_400_000, settings: {} })).toEqual({
      ok: true,
    });
  });

  it.each<[string, () => Promise<RawDelivery>]>([
    [
      "a tampered body",
      async () =>
        delivery(body.replace("Bad", "Great"), { "x-helpscout-signature": await hmacSha1Base64(SECRET, body) }),
    ],
    ["another secret", async () => delivery(body, { "x-helpscout-signature": await hmacSha1Base64("other", body) })],
    ["no signature", async () => delivery(body)],
    ["an empty signature", async () => delivery(body, { "x-helpscout-signature": "" })],
    ["a garbage signature", async () => delivery(body, { "x-helpscout-signature": "%%%garbage%%%" })],
    [
      "a SHA-256 signature",
      async () => {
        const key = await crypto.subtle.importKey(
          "raw",
          encoder.encode(SECRET),
          { name: "HMAC", hash: "SHA-256" },
          false,
          ["sign"],
        );
        const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)));
        return delivery(body, { "x-helpscout-signature": btoa(String.fromCharCode(...mac)) });
      },
    ],
  ])("rejects %s", async (_name, make) => {
    const result = await verify(await make());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain(SECRET);
  });
});

describe("help-scout automation", () => {
  it("reads the workflow's line item and the saved reply it sent", () => {
    const result = parse("convo.customer.reply.created", replyAfterWorkflow);
    expect(result.kind === "events" && result.items.map((item) => [item.externalId, item.handledBy])).toEqual([
      [
        "88013",
        {
          kind: "macro",
          evidence: "Help Scout: workflow 1203 ran (lineitem actionType = workflow), reply sent from saved reply 4417",
        },
      ],
    ]);
  });

  it("leaves conversations people answered alone", () => {
    const result = parse("convo.customer.reply.created", customerReplyV2);
    expect(result.kind === "events" && result.items[0]?.handledBy).toBeUndefined();
  });
});
