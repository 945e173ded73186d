import { describe, expect, it } from "vitest";
import type { NormalizedFeedback } from "../model.ts";
import { PROVIDERS } from "./index.ts";
import { isTestEventId, markTestItem, TEST_EVENT_TEXT, testId } from "./test-event.ts";
import type { RawDelivery } from "./types.ts";

const NOW = Date.parse("2026-11-20T10:00:00Z");
const WEBHOOK_URL = "https://ingest.example/webhooks/p/src_1";
const encoder = new TextEncoder();

function received(url: string, headers: Record<string, string>, body: string): RawDelivery {
  return { method: "POST", url, headers, body: encoder.encode(body), text: body };
}

const testable = [...PROVIDERS.values()].filter((adapter) => adapter.testEvent);

/** What a source of each provider may have stored besides its secret; the test event must honour it. */
const SOURCE_SETTINGS: Record<string, { settings: Record<string, string>; fieldMapping?: Record<string, string> }> = {
  surveymonkey: { settings: { apiKey: "sm-client-id" } },
  hubspot: { settings: { canonicalUrl: "https://feedback.example.com/hooks/hubspot" } },
  "generic-json": {
    settings: {},
    fieldMapping: {
      items: "/batch",
      externalId: "/ref",
      text: "/answers/0/comment",
      score: "/answers/1/rating",
      scale: "stars5",
      occurredAt: "/meta/at",
      tags: "/labels",
    },
  },
};

describe("test events", () => {
  it("exist for every provider but Google Business Profile, which says why", () => {
    const missing = [...PROVIDERS.values()].filter((adapter) => !adapter.testEvent);
    expect(missing.map((a) => a.id)).toEqual(["google-business-profile"]);
    expect(missing[0]?.noTestEvent).toMatch(/Google signs/);
  });

  for (const adapter of testable) {
    it(`${adapter.id}: verifies with the source's secret, parses to one test item, and fails with another`, async () => {
      const secret = adapter.generateSecret?.() ?? "a-secret-the-provider-issued";
      const { settings, fieldMapping } = SOURCE_SETTINGS[adapter.id] ?? { settings: {} };
      const input = { secret, now: NOW, webhookUrl: WEBHOOK_URL, settings, fieldMapping, nonce: "n1" };
      const delivery = await adapter.testEvent?.(input);
      if (!delivery) throw new Error("no delivery");
      const raw = received(delivery.url, delivery.headers, delivery.body);
      expect(await adapter.verify(raw, { secret, now: NOW, settings })).toEqual({ ok: true });
      const parsed = adapter.parse(raw, { receivedAt: NOW, settings, fieldMapping });
      expect(parsed.kind, JSON.stringify(parsed)).toBe("events");
      if (parsed.kind !== "events") return;
      expect(parsed.items).toHaveLength(1);
      const [item] = parsed.items.map(markTestItem);
      expect(item?.externalId).toContain(testId("n1"));
      expect(item?.test).toBe(true);
      expect(item?.text).toContain(TEST_EVENT_TEXT);
      expect(item?.needsEnrichment).toBe(false);
      if (parsed.eventId) expect(isTestEventId(parsed.eventId)).toBe(true);

      const other = adapter.generateSecret?.() ?? "another-secret-entirely";
      const forged = await adapter.testEvent?.({ ...input, secret: other });
      if (!forged) throw new Error("no delivery");
      const check = await adapter.verify(received(forged.url, forged.headers, forged.body), {
        secret,
        now: NOW,
        settings,
      });
      expect(check.ok).toBe(false);
    });
  }

  it("gives each nonce its own ids, so dedupe never swallows a second test", async () => {
    const adapter = PROVIDERS.get("typeform");
    const base = { secret: "s3cret-s3cret", now: NOW, webhookUrl: WEBHOOK_URL, settings: {} };
    const [a, b] = await Promise.all([
      adapter?.testEvent?.({ ...base, nonce: "a" }),
      adapter?.testEvent?.({ ...base, nonce: "b" }),
    ]);
    expect(a?.body).not.toEqual(b?.body);
  });

  it("signs SurveyMonkey with the pinned API key, and HubSpot for the pinned canonical URL", async () => {
    const base = { secret: "provider-secret", now: NOW, webhookUrl: WEBHOOK_URL, nonce: "n2" };
    const monkey = await PROVIDERS.get("surveymonkey")?.testEvent?.({ ...base, settings: { apiKey: "pinned" } });
    expect(monkey?.headers["sm-apikey"]).toBe("pinned");
    const hubspot = PROVIDERS.get("hubspot");
    const signed = await hubspot?.testEvent?.({ ...base, settings: { canonicalUrl: "https://other.example/h" } });
    if (!hubspot || !signed) throw new Error("no delivery");
    // Signed for the canonical URL, so checking it without that setting (against the received URL) fails.
    const raw = received(signed.url, signed.headers, signed.body);
    expect((await hubspot.verify(raw, { secret: base.secret, now: NOW, settings: {} })).ok).toBe(false);
  });

  it("builds a generic JSON record from a mapping without a batch pointer, and refuses nothing it cannot map", async () => {
    const adapter = PROVIDERS.get("generic-json");
    const secret = adapter?.generateSecret?.() ?? "";
    const fieldMapping = { externalId: "/data/id", text: "/data/comment", channel: "store", kind: "/__proto__/kind" };
    const delivery = await adapter?.testEvent?.({
      secret,
      now: NOW,
      webhookUrl: WEBHOOK_URL,
      settings: {},
      fieldMapping,
      nonce: "n3",
    });
    const body = JSON.parse(delivery?.body ?? "{}");
    expect(body.data).toEqual({ id: testId("n3"), comment: TEST_EVENT_TEXT });
    expect(({} as Record<string, unknown>).kind).toBeUndefined();
    const empty = await adapter?.testEvent?.({ secret, now: NOW, webhookUrl: WEBHOOK_URL, settings: {}, nonce: "n4" });
    const parsed = adapter?.parse(received(WEBHOOK_URL, empty?.headers ?? {}, empty?.body ?? ""), {
      receivedAt: NOW,
      settings: {},
    });
    expect(parsed).toMatchObject({ kind: "invalid", status: 422, reason: "no field mapping configured" });
  });

  it("leaves real items alone", () => {
    const item: NormalizedFeedback = {
      externalId: "R_1",
      kind: "survey",
      channel: "survey",
      text: "",
      scale: "none",
      tags: [],
      occurredAt: NOW,
      needsEnrichment: true,
    };
    expect(markTestItem(item)).toEqual(item);
  });
});
