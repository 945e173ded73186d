import { describe, expect, it } from "vitest";
import type { RawDelivery } from "../types.ts";
import * as fx from "./fixtures.ts";
import { hubspot } from "./index.ts";

const NOW = Date.parse("2026-11-20T10:00:00Z");
const SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
const URL_RECEIVED = "https://in.firebreak.dev/webhooks/hubspot/src_1";
const PARSE = { receivedAt: NOW, settings: {} };
const VERIFY = { secret: SECRET, now: NOW, settings: {} };

// Node's own HMAC, so the expected signatures do not come from the adapter's code.
interface NodeCrypto {
  createHmac(hash: string, key: string): { update(data: string): { digest(encoding: "base64"): string } };
}
const nodeCrypto = (
  globalThis as unknown as { process: { getBuiltinModule(id: "node:crypto"): NodeCrypto } }
).process.getBuiltinModule("node:crypto");

function signV3(signedUri: string, body: string, timestamp: number | string, secret = SECRET, method = "POST") {
  return nodeCrypto.createHmac("sha256", secret).update(`${method}${signedUri}${body}${timestamp}`).digest("base64");
}

function delivery(text: string, headers: Record<string, string> = {}, url = URL_RECEIVED): RawDelivery {
  return { method: "POST", url, headers, body: new TextEncoder().encode(text), text };
}

interface Signing {
  at?: number;
  secret?: string;
  url?: string;
  /** The URI HubSpot signs, when it differs from the URL the request arrives on. */
  signedUri?: string;
}

function signed(text: string, { at = NOW, secret = SECRET, url = URL_RECEIVED, signedUri }: Signing = {}) {
  return delivery(
    text,
    { "x-hubspot-signature-v3": signV3(signedUri ?? url, text, at, secret), "x-hubspot-request-timestamp": String(at) },
    url,
  );
}

const parse = (value: unknown) => hubspot.parse(delivery(JSON.stringify(value)), PARSE);

describe("hubspot happy", () => {
  it("emits one item per ticket event, with per-item event ids and no delivery id", () => {
    expect(parse(fx.mixedBatch)).toEqual({
      kind: "events",
      items: [
        {
          externalId: "880011",
          kind: "ticket",
          channel: "ticket",
          title: undefined,
          text: "",
          scale: "none",
          tags: [],
          status: undefined,
          occurredAt: 1795168500000,
          revisionAt: 1795168500000,
          eventId: "1839281001",
          needsEnrichment: true,
        },
        {
          externalId: "880011",
          kind: "ticket",
          channel: "ticket",
          title: undefined,
          text: "Die App stürzt beim Bezahlen ab 💥 – schon zum dritten Mal.",
          scale: "none",
          tags: [],
          status: undefined,
          occurredAt: 1795168500120,
          revisionAt: 1795168500120,
          eventId: "1839281002",
          needsEnrichment: false,
        },
        {
          externalId: "880012",
          kind: "ticket",
          channel: "ticket",
          title: "Betaling fejler på mobil",
          text: "",
          scale: "none",
          tags: [],
          status: undefined,
          occurredAt: 1795168560000,
          revisionAt: 1795168560000,
          eventId: "1839281003",
          needsEnrichment: true,
        },
        {
          externalId: "880013",
          kind: "ticket",
          channel: "ticket",
          title: undefined,
          text: "",
          scale: "none",
          tags: [],
          status: "pipeline_stage:4",
          occurredAt: 1795168590000,
          revisionAt: 1795168590000,
          eventId: "1839281006",
          needsEnrichment: true,
        },
      ],
    });
  });

  it("flags a cleared description for enrichment and keeps string ids", () => {
    expect(parse(fx.clearedContent)).toMatchObject({
      kind: "events",
      items: [{ externalId: "880014", text: "", eventId: "1839281010", needsEnrichment: true }],
    });
  });

  it("keeps the good events of a batch with one malformed ticket event", () => {
    expect(parse(fx.oneMalformed)).toMatchObject({ kind: "events", items: [{ externalId: "880015", eventId: "4" }] });
  });

  it("explains the canonical URL setting and where to paste the target URL", () => {
    const guide = hubspot.setup(URL_RECEIVED);
    expect(guide.steps.join("\n")).toContain(URL_RECEIVED);
    expect(guide.steps.join("\n")).toMatch(/content, subject and hs_pipeline_stage/);
    expect(guide.settings?.canonicalUrl).toMatch(/Target URL/);
  });
});

describe("hubspot error", () => {
  it("refuses malformed and over-deep JSON with 400", () => {
    expect(hubspot.parse(delivery('[{"eventId":1,'), PARSE)).toMatchObject({ kind: "invalid", status: 400 });
    const deep = `${"[".repeat(65)}${"]".repeat(65)}`;
    expect(hubspot.parse(delivery(deep), PARSE)).toMatchObject({ kind: "invalid", status: 400 });
  });

  it.each([
    ["a batch without ticket events", fx.contactsOnly, /no ticket creation or ticket content, subject or stage change/],
    ["an empty batch", [], /non-empty JSON array/],
    ["a single object instead of an array", fx.mixedBatch[0], /non-empty JSON array/],
    ["a batch whose only ticket event is malformed", fx.oneMalformed.slice(0, 1), /event 0: objectId/],
  ])("refuses %s with 422 and a reason", (_name, value, reason) => {
    const result = parse(value);
    expect(result).toMatchObject({ kind: "invalid", status: 422 });
    if (result.kind === "invalid") expect(result.reason).toMatch(reason);
  });
});

describe("hubspot security", () => {
  const text = JSON.stringify(fx.mixedBatch);

  it("reproduces the HubSpot Python SDK v3 vector", async () => {
    const body = "{'example_field':'example_value'}";
    const vector = delivery(
      body,
      {
        "x-hubspot-signature-v3": "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=",
        "x-hubspot-request-timestamp": "15000000",
      },
      "https://www.example.com/webhook_uri",
    );
    expect(await hubspot.verify(vector, { ...VERIFY, now: 15_000_000 + 60_000 })).toEqual({ ok: true });
  });

  it("accepts a valid signature over non-ASCII bytes within the window", async () => {
    expect(await hubspot.verify(signed(text), VERIFY)).toEqual({ ok: true });
    expect(await hubspot.verify(signed(text, { at: NOW - 299_000 }), VERIFY)).toEqual({ ok: true });
  });

  it("signs the URI with HubSpot's reserved characters decoded, and nothing else", async () => {
    const url = "https://in.firebreak.dev/webhooks/hubspot/src_1?tag=a%2Cb%20c&next=%2Fhome%3A1";
    const signedUri = "https://in.firebreak.dev/webhooks/hubspot/src_1?tag=a,b%20c&next=/home:1";
    expect(await hubspot.verify(signed(text, { url, signedUri }), VERIFY)).toEqual({ ok: true });
    expect(await hubspot.verify(signed(text, { url, signedUri: url }), VERIFY)).toMatchObject({ ok: false });
  });

  it("verifies against the canonical URL when the source sets one", async () => {
    const canonicalUrl = "https://hooks.acme.example/firebreak/hubspot";
    const behindProxy = signed(text, { url: "https://firebreak-ingest.acme.workers.dev/x", signedUri: canonicalUrl });
    expect(await hubspot.verify(behindProxy, { ...VERIFY, settings: { canonicalUrl } })).toEqual({ ok: true });
    expect(await hubspot.verify(behindProxy, VERIFY)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/canonicalUrl/),
    });
    const direct = signed(text);
    expect(await hubspot.verify(direct, { ...VERIFY, settings: { canonicalUrl } })).toMatchObject({ ok: false });
  });

  const good = signed(text);
  it.each([
    ["a tampered body", () => ({ ...good, text: `${text} `, body: new TextEncoder().encode(`${text} `) })],
    ["another secret", () => signed(text, { secret: "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz" })],
    ["another method", () => ({ ...good, method: "PUT" })],
    ["another URL", () => ({ ...good, url: `${URL_RECEIVED}/other` })],
    ["no signature", () => delivery(text, { "x-hubspot-request-timestamp": String(NOW) })],
    ["no timestamp", () => delivery(text, { "x-hubspot-signature-v3": good.headers["x-hubspot-signature-v3"] ?? "" })],
    ["a garbage signature", () => withHeader("x-hubspot-signature-v3", "%%%garbage%%%")],
    [
      "a prefixed signature",
      () => withHeader("x-hubspot-signature-v3", `v3=${good.headers["x-hubspot-signature-v3"]}`),
    ],
    ["a stale timestamp", () => signed(text, { at: NOW - 301_000 })],
    ["a future timestamp", () => signed(text, { at: NOW + 301_000 })],
    ["a timestamp in seconds", () => signed(text, { at: Math.floor(NOW / 1000) })],
    ["a timestamp changed after signing", () => withHeader("x-hubspot-request-timestamp", String(NOW - 1))],
    ["a non-numeric timestamp", () => withHeader("x-hubspot-request-timestamp", "2026-11-20T10:00:00Z")],
  ])("rejects %s", async (_name, make) => {
    const result = await hubspot.verify(make(), VERIFY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain(SECRET);
  });

  it("rejects everything when the source has no secret", async () => {
    expect(await hubspot.verify(signed(text, { secret: "" }), { ...VERIFY, secret: "" })).toMatchObject({ ok: false });
  });

  function withHeader(name: string, value: string): RawDelivery {
    return { ...good, headers: { ...good.headers, [name]: value } };
  }
});

describe("hubspot automation", () => {
  it("reads a chatflow bot and a workflow from changeSource, and leaves people's changes alone", () => {
    const result = parse(fx.automatedChanges);
    expect(result.kind === "events" && result.items.map((item) => item.handledBy)).toEqual([
      { kind: "bot", evidence: "HubSpot: ticket.creation by changeSource = BOT" },
      { kind: "automation", evidence: "HubSpot: ticket.propertyChange by changeSource = AUTOMATION_PLATFORM" },
    ]);
    const people = parse(fx.mixedBatch);
    expect(people.kind === "events" && people.items.every((item) => item.handledBy === undefined)).toBe(true);
  });
});
