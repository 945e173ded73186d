import { describe, expect, it } from "vitest";
import type { RawDelivery } from "../types.ts";
import * as fx from "./fixtures.ts";
import { intercom } from "./index.ts";
import { htmlToText } from "./normalize.ts";

const NOW = Date.parse("2026-11-20T10:00:00Z");
const SECRET = "3f5c1e0a-9b7d-4c2e-8f6a-1d2b3c4e5f60";
const PARSE = { receivedAt: NOW, settings: {} };
const VERIFY = { secret: SECRET, now: NOW, settings: {} };

// Node's own HMAC, so the expected signatures do not come from the adapter's code.
interface NodeCrypto {
  createHmac(hash: string, key: string): { update(data: string): { digest(encoding: "hex"): string } };
}
const nodeCrypto = (
  globalThis as unknown as { process: { getBuiltinModule(id: "node:crypto"): NodeCrypto } }
).process.getBuiltinModule("node:crypto");

function hubSignature(text: string, secret = SECRET, hash = "sha1"): string {
  return `${hash}=${nodeCrypto.createHmac(hash, secret).update(text).digest("hex")}`;
}

function delivery(text: string, headers: Record<string, string> = {}): RawDelivery {
  return {
    method: "POST",
    url: "https://in.firebreak.dev/webhooks/intercom/src_1",
    headers,
    body: new TextEncoder().encode(text),
    text,
  };
}

const parse = (value: unknown) => intercom.parse(delivery(JSON.stringify(value)), PARSE);

describe("intercom happy", () => {
  it("normalizes a rating as a csat5 item under its conversation", () => {
    expect(parse(fx.ratingAdded)).toEqual({
      kind: "events",
      eventId: "notif_ccd8a4d2-3b8e-4a52-9a3f-4b7f1d9f8c01",
      items: [
        {
          externalId: "147:rating",
          parentExternalId: "147",
          kind: "survey",
          channel: "chat",
          text: "Hurtigt svar, tak! 👍",
          score: 4,
          scale: "csat5",
          customerEmail: "soren@example.dk",
          customerId: "cus_42",
          tags: ["Levering"],
          status: "closed",
          occurredAt: 1795168790_000,
          revisionAt: 1795168790_000,
        },
      ],
    });
  });

  it("keeps the lowest rating and tolerates missing remark, contact, tags and state; empty email → undefined", () => {
    expect(parse(fx.ratingLowestSparse)).toEqual({
      kind: "events",
      eventId: "notif_2",
      items: [
        {
          externalId: "148:rating",
          parentExternalId: "148",
          kind: "survey",
          channel: "chat",
          text: "",
          score: 1,
          scale: "csat5",
          customerEmail: undefined,
          customerId: "lead_9",
          tags: [],
          status: undefined,
          occurredAt: 1795168795_000,
          revisionAt: 1795168795_000,
        },
      ],
    });
  });

  it("normalizes a new conversation as a message keyed by the conversation, HTML stripped", () => {
    expect(parse(fx.userCreated)).toEqual({
      kind: "events",
      eventId: "notif_5f0c1d2e-aaaa-4bbb-8ccc-0123456789ab",
      items: [
        {
          externalId: "149",
          kind: "message",
          channel: "chat",
          title: "Rückerstattung",
          text: "Die Rückerstattung dauert schon 3 Wochen & niemand antwortet 😡\nBitte helfen!",
          scale: "none",
          customerEmail: "juergen@example.de",
          customerId: "user_7",
          tags: [],
          status: "open",
          occurredAt: 1795168000_000,
          revisionAt: 1795168000_000,
        },
      ],
    });
  });

  it("normalizes only the customer's reply parts, with the contact's external id", () => {
    expect(parse(fx.userReplied)).toEqual({
      kind: "events",
      eventId: "notif_7c6b5a49-1111-4222-8333-444455556666",
      items: [
        {
          externalId: "9002",
          parentExternalId: "147",
          kind: "message",
          channel: "chat",
          text: "Stadig intet 😞\nRing venligst til mig.",
          scale: "none",
          customerEmail: undefined,
          customerId: "cus_42",
          tags: ["Levering"],
          status: "open",
          occurredAt: 1795168650_000,
          revisionAt: 1795168650_000,
        },
      ],
    });
  });

  it("answers Intercom's ping as a handshake", () => {
    expect(parse(fx.ping)).toEqual({ kind: "handshake", status: 200, body: { ok: true } });
  });

  it("turns HTML into text without decoding twice or throwing on odd entities", () => {
    expect(htmlToText("<p>a &amp;lt; b</p><ul><li>x</li><li>y</li></ul>")).toBe("a &lt; b\nx\ny");
    expect(htmlToText("<script>alert(1)</script>ok&nbsp;&#128077; &#x1F600; &#9999999; &bogus;")).toBe(
      "ok 👍 😀 &#9999999; &bogus;",
    );
  });

  it("tells the user where the client secret and the topics are", () => {
    const steps = intercom.setup("https://in.firebreak.dev/webhooks/intercom/src_1").steps.join("\n");
    expect(steps).toContain("https://in.firebreak.dev/webhooks/intercom/src_1");
    expect(steps).toMatch(/Client secret/);
    for (const topic of ["conversation.user.created", "conversation.user.replied", "conversation.rating.added"]) {
      expect(steps).toContain(topic);
    }
  });
});

describe("intercom error", () => {
  it("refuses malformed and over-deep JSON with 400", () => {
    expect(intercom.parse(delivery('{"topic":"ping"'), PARSE)).toMatchObject({ kind: "invalid", status: 400 });
    const deep = `${"[".repeat(65)}${"]".repeat(65)}`;
    expect(intercom.parse(delivery(deep), PARSE)).toMatchObject({ kind: "invalid", status: 400 });
  });

  it.each([
    ["another topic", fx.adminClosed, /unsupported topic "conversation.admin.closed"/],
    ["a rating of 0 (out of range, not missing)", fx.ratingZero, /rating is not 1–5/],
    ["a rating event without a rating", fx.ratingMissing, /has no rating/],
    ["a reply with no customer text", fx.replyWithoutCustomerText, /no customer reply with text/],
    ["a conversation without id", { ...fx.userCreated, data: { item: { type: "conversation" } } }, /data.item.id/],
    ["a body without topic", { id: "notif_1", data: {} }, /topic/],
    ["a JSON array", [fx.ratingAdded], /body/],
  ])("refuses %s with 422 and a reason", (_name, value, reason) => {
    const result = parse(value);
    expect(result).toMatchObject({ kind: "invalid", status: 422 });
    if (result.kind === "invalid") expect(result.reason).toMatch(reason);
  });
});

describe("intercom security", () => {
  const text = JSON.stringify(fx.ratingAdded);

  it("accepts a valid signature over non-ASCII bytes, in either hex case", async () => {
    expect(await intercom.verify(delivery(text, { "x-hub-signature": hubSignature(text) }), VERIFY)).toEqual({
      ok: true,
    });
    const upper = `sha1=${hubSignature(text).slice(5).toUpperCase()}`;
    expect(await intercom.verify(delivery(text, { "x-hub-signature": upper }), VERIFY)).toEqual({ ok: true });
  });

  it.each([
    [
      "a tampered body",
      () => delivery(text.replace('"rating":4', '"rating":5'), { "x-hub-signature": hubSignature(text) }),
    ],
    ["another secret", () => delivery(text, { "x-hub-signature": hubSignature(text, "other-secret") })],
    ["no signature", () => delivery(text)],
    ["a garbage signature", () => delivery(text, { "x-hub-signature": "sha1=zzzz" })],
    ["a truncated signature", () => delivery(text, { "x-hub-signature": hubSignature(text).slice(0, 30) })],
    ["a sha256= signature", () => delivery(text, { "x-hub-signature": hubSignature(text, SECRET, "sha256") })],
    ["the digest without prefix", () => delivery(text, { "x-hub-signature": hubSignature(text).slice(5) })],
    [
      "the sha1 digest under a sha256= prefix",
      () => delivery(text, { "x-hub-signature": `sha256=${hubSignature(text).slice(5)}` }),
    ],
  ])("rejects %s", async (_name, make) => {
    const result = await intercom.verify(make(), VERIFY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain(SECRET);
  });

  it("rejects everything when the source has no secret", async () => {
    const result = await intercom.verify(delivery(text, { "x-hub-signature": hubSignature(text, "") }), {
      ...VERIFY,
      secret: "",
    });
    expect(result.ok).toBe(false);
  });
});

describe("intercom automation", () => {
  it("marks the customer's reply after Fin answered: the bot's part and the AI agent flag", () => {
    const result = parse(fx.repliedAfterFin);
    expect(result.kind === "events" && result.items.map((item) => [item.externalId, item.handledBy])).toEqual([
      [
        "9102",
        {
          kind: "bot",
          evidence:
            "Intercom: last reply authored by a bot (Fin Bot), ai_agent_participated (resolution_state = assumed_resolution)",
        },
      ],
    ]);
  });

  it("says 'a reply' when a teammate answered after the bot, and leaves teammates' conversations alone", () => {
    type Conversation = { conversation_parts: { conversation_parts: Array<Record<string, unknown>> } };
    const conversation = fx.repliedAfterFin.data.item as Conversation;
    const [fin, reply] = conversation.conversation_parts.conversation_parts;
    const teammateLast = {
      ...fx.repliedAfterFin,
      data: {
        item: {
          ...conversation,
          ai_agent_participated: false,
          conversation_parts: {
            conversation_parts: [
              fin,
              { ...fin, id: "9103", created_at: 1795168600, author: { type: "admin", id: "814860", name: "Agent" } },
              reply,
            ],
          },
        },
      },
    };
    const result = parse(teammateLast);
    expect(result.kind === "events" && result.items[0]?.handledBy).toEqual({
      kind: "bot",
      evidence: "Intercom: a reply authored by a bot (Fin Bot)",
    });
    const human = parse(fx.userReplied);
    expect(human.kind === "events" && human.items[0]?.handledBy).toBeUndefined();
  });
});
