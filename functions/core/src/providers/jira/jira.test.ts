import { describe, expect, it } from "vitest";
import type { RawDelivery } from "../types.ts";
import * as fx from "./fixtures.ts";
import { jira } from "./index.ts";
import { documentText } from "./normalize.ts";

const NOW = Date.parse("2026-11-20T10:10:00Z");
const SECRET = "jira-webhook-secret-7f3a9c2e1b";
const PARSE = { receivedAt: NOW, settings: {} };
const VERIFY = { secret: SECRET, now: NOW, settings: {} };
const WEBHOOK_ID = "5b6f1e2d-3c4a-4b5c-8d9e-0f1a2b3c4d5e";

// Node's own HMAC, so the expected signatures do not come from the adapter's code.
interface NodeCrypto {
  createHmac(hash: string, key: string): { update(data: string): { digest(encoding: "hex"): string } };
}
const nodeCrypto = (
  globalThis as unknown as { process: { getBuiltinModule(id: "node:crypto"): NodeCrypto } }
).process.getBuiltinModule("node:crypto");

function hubSignature(text: string, secret = SECRET, hash = "sha256"): string {
  return `${hash}=${nodeCrypto.createHmac(hash, secret).update(text).digest("hex")}`;
}

function delivery(text: string, headers: Record<string, string> = {}): RawDelivery {
  return {
    method: "POST",
    url: "https://in.firebreak.dev/webhooks/jira/src_1",
    headers,
    body: new TextEncoder().encode(text),
    text,
  };
}

const parse = (value: unknown, headers: Record<string, string> = { "x-atlassian-webhook-identifier": WEBHOOK_ID }) =>
  jira.parse(delivery(JSON.stringify(value), headers), PARSE);

const issue43 = {
  externalId: "10043",
  kind: "ticket",
  channel: "jira-service-management",
  title: "Kan ikke logge ind",
  text: "Jeg får fejlen *401* hver gang 😩\n\nPrøvet i Safari og Chrome.",
  scale: "none",
  customerEmail: "mette@example.dk",
  customerId: "5b10a2844c20165700ede21g",
  tags: [],
  status: "in progress",
  url: "https://acme.atlassian.net/browse/SUP-43",
  occurredAt: Date.parse("2026-11-19T07:00:00Z"),
  revisionAt: Date.parse("2026-11-20T10:03:20Z"),
};

describe("jira happy", () => {
  it("normalizes a created JSM request, flattening its ADF description; the header is the event id", () => {
    expect(parse(fx.issueCreated)).toEqual({
      kind: "events",
      eventId: WEBHOOK_ID,
      items: [
        {
          externalId: "10042",
          kind: "ticket",
          channel: "jira-service-management",
          title: "Rechnung doppelt abgebucht",
          text: "Hallo @Support-Team, mir wurde zweimal 49,99 € abgebucht 😠\nBitte erstatten.\nBestellung 1001",
          scale: "none",
          customerEmail: undefined,
          customerId: "qm:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d:aa11bb22",
          tags: ["abrechnung", "zahlung"],
          status: "waiting for support",
          url: "https://acme.atlassian.net/browse/SUP-42",
          occurredAt: Date.parse("2026-11-20T09:59:58Z"),
          revisionAt: Date.parse("2026-11-20T10:00:00.123Z"),
        },
      ],
    });
  });

  it("normalizes an update with a plain-string description and +0100 offsets", () => {
    expect(parse(fx.issueUpdated)).toEqual({ kind: "events", eventId: WEBHOOK_ID, items: [issue43] });
  });

  it("emits the issue and its comment for issue_commented updates", () => {
    const at = Date.parse("2026-11-20T10:05:00Z");
    expect(parse(fx.issueCommented)).toEqual({
      kind: "events",
      eventId: WEBHOOK_ID,
      items: [
        issue43,
        {
          externalId: "20077",
          parentExternalId: "10043",
          kind: "ticket",
          channel: "jira-service-management",
          text: "Stadig låst ude – hjælp! 🙏",
          scale: "none",
          customerEmail: undefined,
          customerId: "5b10a2844c20165700ede21g",
          tags: [],
          status: "in progress",
          url: "https://acme.atlassian.net/browse/SUP-43",
          occurredAt: at,
          revisionAt: at,
        },
      ],
    });
  });

  it("normalizes comment_created as an item under its issue", () => {
    const at = Date.parse("2026-11-20T10:06:40Z");
    expect(parse(fx.commentCreated)).toEqual({
      kind: "events",
      eventId: WEBHOOK_ID,
      items: [
        {
          externalId: "20078",
          parentExternalId: "10042",
          kind: "ticket",
          channel: "jira-service-management",
          text: "Immer noch keine Erstattung. 😤",
          scale: "none",
          customerEmail: undefined,
          customerId: "qm:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d:aa11bb22",
          tags: [],
          status: undefined,
          url: "https://acme.atlassian.net/browse/SUP-42",
          occurredAt: at,
          revisionAt: at,
        },
      ],
    });
  });

  it("tolerates a sparse issue, dating it by the receipt time; no header → no event id", () => {
    expect(parse(fx.issueSparse, {})).toEqual({
      kind: "events",
      eventId: undefined,
      items: [
        {
          externalId: "10044",
          kind: "ticket",
          channel: "jira-service-management",
          title: undefined,
          text: "",
          scale: "none",
          customerEmail: undefined,
          customerId: undefined,
          tags: [],
          status: undefined,
          url: undefined,
          occurredAt: NOW,
          revisionAt: NOW,
        },
      ],
    });
  });

  it("flattens ADF tables and unknown nodes without throwing", () => {
    const table = {
      type: "doc",
      content: [
        {
          type: "table",
          content: [
            {
              type: "tableRow",
              content: [
                { type: "tableHeader", content: [{ type: "paragraph", content: [{ type: "text", text: "Plan" }] }] },
                { type: "tableCell", content: [{ type: "paragraph", content: [{ type: "text", text: "Pro" }] }] },
              ],
            },
          ],
        },
        { type: "mysteryNode", content: "not an array" },
        { type: "inlineCard", attrs: { url: "https://status.acme.example" } },
      ],
    };
    expect(documentText(table)).toBe("Plan Pro\nhttps://status.acme.example");
    expect(documentText(null)).toBe("");
    expect(documentText(42)).toBe("");
  });

  it("tells the user where to paste the URL and secret and which events to tick", () => {
    const steps = jira.setup("https://in.firebreak.dev/webhooks/jira/src_1").steps.join("\n");
    expect(steps).toContain("https://in.firebreak.dev/webhooks/jira/src_1");
    expect(steps).toMatch(/Secret/);
    expect(steps).toMatch(/Issue: created and updated, and Comment: created/);
  });
});

describe("jira error", () => {
  it("refuses malformed and over-deep JSON with 400", () => {
    expect(jira.parse(delivery('{"webhookEvent":'), PARSE)).toMatchObject({ kind: "invalid", status: 400 });
    const deep = `${"[".repeat(65)}${"]".repeat(65)}`;
    expect(jira.parse(delivery(deep), PARSE)).toMatchObject({ kind: "invalid", status: 400 });
  });

  it.each([
    ["another event", fx.issueDeleted, /unsupported webhook event "jira:issue_deleted"/],
    ["a body without webhookEvent", { issue: { id: "1" } }, /unsupported webhook event "\(none\)"/],
    ["an internal JSM comment", fx.internalComment, /internal comment/],
    ["an issue event without issue", { webhookEvent: "jira:issue_created", timestamp: 1 }, /^issue: /],
    ["comment_created without comment", { ...fx.commentCreated, comment: undefined }, /without a comment/],
    ["an empty comment", { ...fx.commentCreated, comment: { id: "1", body: "   " } }, /no text/],
  ])("refuses %s with 422 and a reason", (_name, value, reason) => {
    const result = parse(value);
    expect(result).toMatchObject({ kind: "invalid", status: 422 });
    if (result.kind === "invalid") expect(result.reason).toMatch(reason);
  });
});

describe("jira security", () => {
  const text = JSON.stringify(fx.issueCreated);

  it("accepts a valid signature over non-ASCII bytes", async () => {
    expect(await jira.verify(delivery(text, { "x-hub-signature": hubSignature(text) }), VERIFY)).toEqual({ ok: true });
  });

  it.each([
    ["a tampered body", () => delivery(text.replace("49,99", "99,99"), { "x-hub-signature": hubSignature(text) })],
    ["another secret", () => delivery(text, { "x-hub-signature": hubSignature(text, "another-secret") })],
    ["no signature (webhook without secret)", () => delivery(text)],
    ["a garbage signature", () => delivery(text, { "x-hub-signature": "sha256=not-hex-at-all" })],
    ["a sha1= signature", () => delivery(text, { "x-hub-signature": hubSignature(text, SECRET, "sha1") })],
    ["the digest without prefix", () => delivery(text, { "x-hub-signature": hubSignature(text).slice(7) })],
    ["the digest under sha512=", () => delivery(text, { "x-hub-signature": `sha512=${hubSignature(text).slice(7)}` })],
  ])("rejects %s", async (_name, make) => {
    const result = await jira.verify(make(), VERIFY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain(SECRET);
  });

  it("rejects everything when the source has no secret", async () => {
    const result = await jira.verify(delivery(text, { "x-hub-signature": hubSignature(text, "") }), {
      ...VERIFY,
      secret: "",
    });
    expect(result.ok).toBe(false);
  });
});

describe("jira automation", () => {
  it("turns Automation for Jira's comment into a mark on the issue, not into feedback", () => {
    const result = parse(fx.automationCommented);
    expect(result.kind === "events" && result.items.map((item) => [item.externalId, item.handledBy])).toEqual([
      [
        "10042",
        {
          kind: "automation",
          evidence: "Jira: comment by app 'Automation for Jira' (author.accountType = app)",
        },
      ],
    ]);
  });

  it("marks an issue an app changed, and leaves people's events alone", () => {
    const byApp = { ...fx.issueUpdated, user: { displayName: "Automation for Jira", accountType: "app" } };
    const result = parse(byApp);
    expect(result.kind === "events" && result.items[0]?.handledBy).toEqual({
      kind: "automation",
      evidence: "Jira: jira:issue_updated by app 'Automation for Jira' (user.accountType = app)",
    });
    for (const fixture of [fx.issueCreated, fx.issueCommented, fx.commentCreated]) {
      const human = parse(fixture);
      expect(human.kind === "events" && human.items.every((item) => item.handledBy === undefined)).toBe(true);
    }
  });
});
