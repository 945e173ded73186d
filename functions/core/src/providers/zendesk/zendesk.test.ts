import { describe, expect, it } from "vitest";
import type { RawDelivery } from "../types.ts";
import * as fx from "./fixtures.ts";
import { zendesk } from "./index.ts";

const NOW = Date.parse("2026-11-20T10:00:00Z");
const SECRET = "XmM8Y2Vh1u0Zt3Qp7rNw5sLk9dFj2bHg4cVx6zAa8eE=";
const PARSE = { receivedAt: NOW, settings: {} };
const VERIFY = { secret: SECRET, now: NOW, settings: {} };

// Node's own HMAC, so the expected signatures do not come from the adapter's code.
interface NodeCrypto {
  createHmac(hash: string, key: string): { update(data: string): { digest(encoding: "base64"): string } };
}
const nodeCrypto = (
  globalThis as unknown as { process: { getBuiltinModule(id: "node:crypto"): NodeCrypto } }
).process.getBuiltinModule("node:crypto");

function sign(timestamp: string, body: string, secret = SECRET): string {
  return nodeCrypto
    .createHmac("sha256", secret)
    .update(timestamp + body)
    .digest("base64");
}

function delivery(text: string, headers: Record<string, string> = {}): RawDelivery {
  return { method: "POST", url: "https://in.firebreak.dev/webhooks/zendesk/src_1", headers, body: encode(text), text };
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function signed(text: string, { at = NOW, secret = SECRET } = {}): RawDelivery {
  const timestamp = new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z");
  return delivery(text, {
    "x-zendesk-webhook-signature": sign(timestamp, text, secret),
    "x-zendesk-webhook-signature-timestamp": timestamp,
  });
}

const parse = (value: unknown) => zendesk.parse(delivery(JSON.stringify(value)), PARSE);

describe("zendesk happy", () => {
  it("normalizes ticket.created: string ids, lower-cased status, nanosecond time", () => {
    expect(parse(fx.ticketCreated)).toEqual({
      kind: "events",
      eventId: "cbe4028c-7239-495d-b020-f22348516046",
      items: [
        {
          externalId: "5158",
          kind: "ticket",
          channel: "web_form",
          title: "Lieferung verspätet",
          text: "Die Lieferung kam fünf Tage zu spät, und niemand hat auf meine E-Mail geantwortet.",
          scale: "none",
          customerId: "8447388090494",
          tags: ["lieferung", "vip"],
          status: "new",
          occurredAt: Date.parse("2026-11-20T09:55:07Z"),
          revisionAt: Date.parse("2026-11-20T09:55:07.672Z"),
        },
      ],
    });
  });

  it("normalizes a customer comment as an item under its ticket", () => {
    expect(parse(fx.commentAdded)).toEqual({
      kind: "events",
      eventId: "0b9d9a2e-6a53-4c52-9f5e-4f0c2b9a1d77",
      items: [
        {
          externalId: "36471119920",
          parentExternalId: "5160",
          kind: "ticket",
          channel: "email",
          text: "Stadig ingen pakke 😞 Hvornår kommer den?",
          scale: "none",
          customerId: "9001",
          tags: ["levering"],
          status: "pending",
          occurredAt: Date.parse("2026-11-20T09:58:30.120Z"),
          revisionAt: Date.parse("2026-11-20T09:58:30.120Z"),
        },
      ],
    });
  });

  it("normalizes any other ticket event as a revision of the ticket, tolerating missing optional fields", () => {
    const at = Date.parse("2026-11-20T09:59:00Z");
    expect(parse(fx.statusChangedSparse)).toEqual({
      kind: "events",
      eventId: "5e0c3c8d-9d0b-4b1c-8d6e-2f3a1b4c5d6e",
      items: [
        {
          externalId: "5161",
          kind: "ticket",
          channel: "web",
          title: undefined,
          text: "",
          scale: "none",
          customerId: undefined,
          tags: [],
          status: "solved",
          occurredAt: at,
          revisionAt: at,
        },
      ],
    });
  });

  it("reads the CSAT template: Good → 1 on thumbs, tags split on spaces, minutes-only updated_at", () => {
    const at = Date.parse("2026-11-20T09:58:00Z");
    expect(parse(fx.csatGood)).toEqual({
      kind: "events",
      items: [
        {
          externalId: "5160:csat",
          parentExternalId: "5160",
          kind: "survey",
          channel: "survey",
          text: "Tusind tak – hurtig hjælp! 🎉",
          score: 1,
          scale: "thumbs",
          customerEmail: "soren@example.dk",
          customerId: "9001",
          tags: ["levering", "vip"],
          status: "solved",
          occurredAt: at,
          revisionAt: at,
        },
      ],
    });
  });

  it("keeps a Bad rating as score 0 and drops empty placeholders", () => {
    const result = parse(fx.csatBad);
    expect(result.kind).toBe("events");
    if (result.kind !== "events") return;
    const [item] = result.items;
    expect(item?.score).toBe(0);
    expect(item).toEqual({
      externalId: "5158:csat",
      parentExternalId: "5158",
      kind: "survey",
      channel: "survey",
      text: "",
      score: 0,
      scale: "thumbs",
      customerEmail: undefined,
      customerId: "8447388090494",
      tags: [],
      status: "closed",
      occurredAt: Date.parse("2026-11-20T09:57:00Z"),
      revisionAt: Date.parse("2026-11-20T09:57:00Z"),
    });
  });

  it("falls back to the receipt time when the template has no updated_at", () => {
    const result = parse(fx.csatMinimal);
    expect(result).toMatchObject({
      kind: "events",
      items: [{ externalId: "5162:csat", parentExternalId: "5162", score: 0, tags: [], occurredAt: NOW }],
    });
  });

  it("shows the exact CSAT template and where to paste the URL", () => {
    const guide = zendesk.setup("https://in.firebreak.dev/webhooks/zendesk/src_1");
    expect(JSON.parse(guide.template ?? "")).toEqual({
      ticket_id: "{{ticket.id}}",
      rating: "{{satisfaction.current_rating}}",
      rating_comment: "{{satisfaction.current_comment}}",
      requester_email: "{{ticket.requester.email}}",
      requester_id: "{{ticket.requester.id}}",
      status: "{{ticket.status}}",
      tags: "{{ticket.tags}}",
      updated_at: "{{ticket.updated_at_with_timestamp}}",
    });
    expect(guide.steps.join("\n")).toContain("https://in.firebreak.dev/webhooks/zendesk/src_1");
    expect(guide.steps.join("\n")).toMatch(/Reveal secret/);
  });
});

describe("zendesk error", () => {
  it("refuses malformed and over-deep JSON with 400", () => {
    expect(zendesk.parse(delivery("{not json"), PARSE)).toMatchObject({ kind: "invalid", status: 400 });
    const deep = `${"[".repeat(65)}${"]".repeat(65)}`;
    expect(zendesk.parse(delivery(deep), PARSE)).toMatchObject({ kind: "invalid", status: 400 });
  });

  it.each([
    ["a non-ticket event", fx.userCreated, /unsupported Zendesk event type "zen:event-type:user.created"/],
    ["a deleted ticket", fx.ticketDeleted, /unsupported Zendesk event type/],
    ["an internal note", fx.internalNote, /internal note/],
    ["an agent reply", fx.agentReply, /agent comment/],
    ["the description repeated as first comment", fx.firstComment, /repeats the ticket description/],
    ["an unrated ticket", fx.csatOffered, /not rated Good or Bad \(rating: Offered\)/],
    ["an unrendered ticket id", { ...fx.csatGood, ticket_id: "{{ticket.id}}" }, /ticket_id/],
    ["a ticket event without detail.id", { ...fx.ticketCreated, detail: { status: "OPEN" } }, /detail.id/],
    ["a comment event without the comment", { ...fx.commentAdded, event: {} }, /without event.comment/],
    ["an unknown JSON object", { hello: "world" }, /neither a Zendesk event subscription nor/],
    ["a JSON array", [fx.ticketCreated], /neither/],
  ])("refuses %s with 422 and a reason", (_name, value, reason) => {
    const result = parse(value);
    expect(result).toMatchObject({ kind: "invalid", status: 422 });
    if (result.kind === "invalid") expect(result.reason).toMatch(reason);
  });
});

describe("zendesk security", () => {
  it("reproduces a published vector: the static test secret used verbatim as the key", async () => {
    const testSecret = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
    const body = '{"event":"ticket.updated","id":123}';
    const vector = delivery(body, {
      "x-zendesk-webhook-signature": "S/RDdU2ERmj7LHDDoWJ2onPYH+t7/f2+LTM4dL7UiLM=",
      "x-zendesk-webhook-signature-timestamp": "2021-03-25T05:09:27Z",
    });
    const at = Date.parse("2021-03-25T05:09:27Z");
    expect(await zendesk.verify(vector, { secret: testSecret, now: at, settings: {} })).toEqual({ ok: true });
  });

  it("accepts a valid signature over non-ASCII bytes", async () => {
    const text = JSON.stringify(fx.commentAdded);
    expect(await zendesk.verify(signed(text), VERIFY)).toEqual({ ok: true });
    expect(await zendesk.verify(signed(text, { at: NOW - 4 * 60_000 }), VERIFY)).toEqual({ ok: true });
  });

  const text = JSON.stringify(fx.csatGood);
  const good = signed(text);
  const timestamp = good.headers["x-zendesk-webhook-signature-timestamp"] ?? "";
  const signature = good.headers["x-zendesk-webhook-signature"] ?? "";
  const decodedSecret = new TextDecoder().decode(Uint8Array.from(atob(SECRET), (c) => c.charCodeAt(0)));

  it.each([
    ["a tampered body", () => ({ ...good, ...bodyOf(text.replace("Good", "Bad!")) })],
    ["another secret", () => signed(text, { secret: "c29tZS1vdGhlci1zZWNyZXQ=" })],
    ["the secret base64-decoded", () => signed(text, { secret: decodedSecret })],
    ["no signature", () => delivery(text, { "x-zendesk-webhook-signature-timestamp": timestamp })],
    ["no timestamp", () => delivery(text, { "x-zendesk-webhook-signature": signature })],
    ["a garbage signature", () => withHeader(good, "x-zendesk-webhook-signature", "!!!not-base64!!!")],
    ["a prefixed signature", () => withHeader(good, "x-zendesk-webhook-signature", `sha256=${signature}`)],
    ["a stale timestamp", () => signed(text, { at: NOW - 6 * 60_000 })],
    ["a future timestamp", () => signed(text, { at: NOW + 6 * 60_000 })],
    ["an epoch timestamp", () => withHeader(good, "x-zendesk-webhook-signature-timestamp", String(NOW / 1000))],
    ["a timestamp changed after signing", () => withHeader(good, "x-zendesk-webhook-signature-timestamp", later())],
  ])("rejects %s", async (_name, make) => {
    const result = await zendesk.verify(make(), VERIFY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain(SECRET);
  });

  it("rejects everything when the source has no secret", async () => {
    expect(await zendesk.verify(signed(text, { secret: "" }), { ...VERIFY, secret: "" })).toMatchObject({ ok: false });
  });

  function bodyOf(changed: string) {
    return { body: encode(changed), text: changed };
  }

  function withHeader(base: RawDelivery, name: string, value: string): RawDelivery {
    return { ...base, headers: { ...base.headers, [name]: value } };
  }

  function later() {
    return new Date(NOW + 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  }
});

describe("zendesk automation", () => {
  const handled = (value: unknown) => {
    const result = parse(value);
    return result.kind === "events" ? result.items.map((item) => item.handledBy) : result;
  };

  it("reads a trigger's Via object and the macro tag it set", () => {
    expect(handled(fx.ticketAnsweredByTrigger)).toEqual([
      {
        kind: "macro",
        evidence: "Zendesk: via.channel = rule (trigger 'Refund auto-reply'), tag 'macro_refund_auto_reply'",
      },
    ]);
  });

  it("names the macro a Via object records", () => {
    const macro = {
      ...fx.ticketCreated,
      detail: {
        ...fx.ticketCreated.detail,
        via: { channel: "web", source: { from: { id: 360, title: "Refund auto-reply" }, rel: "macro_reference" } },
      },
    };
    expect(handled(macro)).toEqual([
      { kind: "macro", evidence: "Zendesk: macro 'Refund auto-reply' applied (via.source.rel = macro_reference)" },
    ]);
  });

  it("reads Answer Bot's via channel as a bot", () => {
    expect(handled(fx.ticketSolvedByAnswerBot)).toEqual([
      { kind: "bot", evidence: "Zendesk: via.channel = answer_bot_for_web_widget" },
    ]);
  });

  it("marks an API-made ticket, and leaves tickets from people alone", () => {
    const api = { ...fx.ticketCreated, detail: { ...fx.ticketCreated.detail, via: { channel: "api" } } };
    expect(handled(api)).toEqual([{ kind: "automation", evidence: "Zendesk: via.channel = api" }]);
    expect(handled(fx.ticketCreated)).toEqual([undefined]);
    expect(handled(fx.commentAdded)).toEqual([undefined]);
    expect(handled(fx.statusChangedSparse)).toEqual([undefined]);
  });

  it("reads the source's own automation tags", () => {
    const tagged = { ...fx.ticketCreated, detail: { ...fx.ticketCreated.detail, tags: ["sweeper"] } };
    const result = zendesk.parse(delivery(JSON.stringify(tagged)), {
      ...PARSE,
      settings: { automationTags: "sweeper" },
    });
    expect(result.kind === "events" && result.items[0]?.handledBy).toEqual({
      kind: "automation",
      evidence: "Zendesk: tag 'sweeper'",
    });
  });
});
