import { describe, expect, it } from "vitest";
import type { RawDelivery } from "../types.ts";
import * as fx from "./fixtures.ts";
import { FRESHDESK_TEMPLATE, freshdesk } from "./index.ts";

const RECEIVED_AT = Date.parse("2026-11-20T10:00:00Z");
const PARSE = { receivedAt: RECEIVED_AT, settings: {} };
const SECRET = "q7Vd0yR3mZ8nL2pX5cT9wB4hK6jF1sGaE0uYiOoPl-8";
const VERIFY = { secret: SECRET, now: RECEIVED_AT, settings: {} };

function delivery(text: string, headers: Record<string, string> = {}): RawDelivery {
  return {
    method: "POST",
    url: "https://in.firebreak.dev/webhooks/freshdesk/src_1",
    headers,
    body: new TextEncoder().encode(text),
    text,
  };
}

/** What Freshdesk sends for "Requires authentication", built independently with btoa. */
function basic(user: string, password: string): string {
  return `Basic ${btoa(`${user}:${password}`)}`;
}

const parse = (value: unknown) => freshdesk.parse(delivery(JSON.stringify(value)), PARSE);

describe("freshdesk happy", () => {
  it("normalizes a created ticket: tags split on commas, status and source lower-cased, receipt time", () => {
    expect(parse(fx.ticketCreated)).toEqual({
      kind: "events",
      items: [
        {
          externalId: "4711",
          kind: "ticket",
          channel: "portal",
          title: "Export nach CSV schlägt fehl",
          text: "Der Export bricht bei 99 % ab 😤 – bitte dringend prüfen.",
          scale: "none",
          customerEmail: "jana.mueller@example.de",
          tags: ["export", "safari"],
          status: "open",
          url: "https://acme.freshdesk.com/helpdesk/tickets/4711",
          occurredAt: RECEIVED_AT,
          revisionAt: RECEIVED_AT,
        },
      ],
    });
  });

  it("uses the latest public comment as text when there is one", () => {
    expect(parse(fx.ticketUpdated)).toEqual({
      kind: "events",
      items: [
        {
          externalId: "4712",
          kind: "ticket",
          channel: "email",
          title: "Faktura mangler",
          text: "Stadig ingen faktura – det er tredje gang jeg skriver. 🙄",
          scale: "none",
          customerEmail: "mette@example.dk",
          tags: ["faktura"],
          status: "waiting on customer",
          url: "https://acme.freshdesk.com/helpdesk/tickets/4712",
          occurredAt: RECEIVED_AT,
          revisionAt: RECEIVED_AT,
        },
      ],
    });
  });

  it("treats empty placeholders and a missing comment as absent", () => {
    expect(parse(fx.ticketSparse)).toEqual({
      kind: "events",
      items: [
        {
          externalId: "4713",
          kind: "ticket",
          channel: "web",
          title: undefined,
          text: "App crashes on login",
          scale: "none",
          customerEmail: undefined,
          tags: [],
          status: undefined,
          url: undefined,
          occurredAt: RECEIVED_AT,
          revisionAt: RECEIVED_AT,
        },
      ],
    });
  });

  it("is deterministic: the same bytes and context give the same item", () => {
    const text = JSON.stringify(fx.ticketCreated);
    expect(freshdesk.parse(delivery(text), PARSE)).toEqual(freshdesk.parse(delivery(text), PARSE));
  });

  it("shows the exact template, the URL and the Authorization header to configure", () => {
    const guide = freshdesk.setup("https://in.firebreak.dev/webhooks/freshdesk/src_1");
    expect(guide.template).toBe(FRESHDESK_TEMPLATE);
    expect(JSON.parse(guide.template ?? "")).toEqual({
      source: "freshdesk",
      event: "ticket_created",
      ticket: {
        id: "{{ticket.id}}",
        subject: "{{ticket.subject}}",
        description: "{{ticket.description_text}}",
        status: "{{ticket.status}}",
        priority: "{{ticket.priority}}",
        source: "{{ticket.source}}",
        tags: "{{ticket.tags}}",
        url: "{{ticket.url}}",
        latest_public_comment: "{{ticket.latest_public_comment}}",
        requester: { email: "{{ticket.requester.email}}", name: "{{ticket.requester.name}}" },
      },
    });
    const steps = guide.steps.join("\n");
    expect(steps).toContain("https://in.firebreak.dev/webhooks/freshdesk/src_1");
    expect(steps).toContain('Authorization: Basic base64("freshdesk:<secret>")');
  });

  it("issues high-entropy secrets", () => {
    const secret = freshdesk.generateSecret?.() ?? "";
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(freshdesk.generateSecret?.()).not.toBe(secret);
  });
});

describe("freshdesk error", () => {
  it("refuses malformed and over-deep JSON with 400", () => {
    expect(freshdesk.parse(delivery('{"ticket":'), PARSE)).toMatchObject({ kind: "invalid", status: 400 });
    const deep = `${'{"a":'.repeat(65)}1${"}".repeat(65)}`;
    expect(freshdesk.parse(delivery(deep), PARSE)).toMatchObject({ kind: "invalid", status: 400 });
  });

  it.each([
    ["an unknown event", fx.unknownEvent, /unsupported event "ticket_deleted"/],
    ["unrendered placeholders", fx.unrendered, /ticket.id is empty or an unrendered placeholder/],
    [
      "a body without ticket",
      { source: "freshdesk", event: "ticket_created" },
      /not Firebreak's Freshdesk template \(ticket/,
    ],
    ["a ticket without id", { ...fx.ticketCreated, ticket: { subject: "x" } }, /ticket.id/],
    ["a JSON array", [fx.ticketCreated], /not Firebreak's Freshdesk template/],
  ])("refuses %s with 422 and a reason", (_name, value, reason) => {
    const result = parse(value);
    expect(result).toMatchObject({ kind: "invalid", status: 422 });
    if (result.kind === "invalid") expect(result.reason).toMatch(reason);
  });
});

describe("freshdesk security", () => {
  const text = JSON.stringify(fx.ticketCreated);

  it("accepts the Basic credentials Freshdesk sends, in any scheme case and without padding", async () => {
    expect(await freshdesk.verify(delivery(text, { authorization: basic("freshdesk", SECRET) }), VERIFY)).toEqual({
      ok: true,
    });
    const unpadded = btoa(`freshdesk:${SECRET}`).replace(/=+$/, "");
    expect(await freshdesk.verify(delivery(text, { authorization: `basic ${unpadded}` }), VERIFY)).toEqual({
      ok: true,
    });
  });

  it("does not depend on the body (there is no signature to tamper with)", async () => {
    const changed = delivery(text.replace("Open", "Closed"), { authorization: basic("freshdesk", SECRET) });
    expect(await freshdesk.verify(changed, VERIFY)).toEqual({ ok: true });
  });

  it.each([
    ["another secret", { authorization: basic("freshdesk", "not-the-secret") }],
    ["another user", { authorization: basic("admin", SECRET) }],
    ["the secret alone", { authorization: `Basic ${btoa(SECRET)}` }],
    ["a Bearer token", { authorization: `Bearer ${SECRET}` }],
    ["the raw secret", { authorization: SECRET }],
    ["garbage credentials", { authorization: "Basic !!!%%%" }],
    ["no Authorization header", {}],
    ["an empty header", { authorization: "" }],
  ])("rejects %s", async (_name, headers: Record<string, string>) => {
    const result = await freshdesk.verify(delivery(text, headers), VERIFY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain(SECRET);
  });

  it("rejects everything when the source has no secret", async () => {
    const result = await freshdesk.verify(delivery(text, { authorization: basic("freshdesk", "") }), {
      ...VERIFY,
      secret: "",
    });
    expect(result.ok).toBe(false);
  });
});

describe("freshdesk automation", () => {
  it("reads a bot source and the bot flow's tag", () => {
    const result = parse(fx.ticketFromBot);
    expect(result.kind === "events" && result.items[0]?.handledBy).toEqual({
      kind: "bot",
      evidence: "Freshdesk: ticket.source = Bot, tag 'auto-reply'",
    });
    const portal = parse(fx.ticketCreated);
    expect(portal.kind === "events" && portal.items[0]?.handledBy).toBeUndefined();
  });
});
