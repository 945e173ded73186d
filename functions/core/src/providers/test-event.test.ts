import { describe, expect, it } from "vitest";
import { PROVIDERS } from "./index.ts";
import { isTestEventId, TEST_EVENT_TEXT, testId } from "./test-event.ts";
import type { RawDelivery } from "./types.ts";

const NOW = Date.parse("2026-11-20T10:00:00Z");
const WEBHOOK_URL = "https://ingest.example/webhooks/p/src_1";
const encoder = new TextEncoder();

function received(url: string, headers: Record<string, string>, body: string): RawDelivery {
  return { method: "POST", url, headers, body: encoder.encode(body), text: body };
}

const testable = [...PROVIDERS.values()].filter((adapter) => adapter.testEvent);

describe("test events", () => {
  it("exist for every provider that can sign one", () => {
    expect(testable.map((a) => a.id).sort()).toEqual(
      ["delighted", "freshdesk", "help-scout", "jira", "standard-webhooks", "trustpilot", "typeform", "zendesk"].sort(),
    );
  });

  for (const adapter of testable) {
    it(`${adapter.id}: verifies with the source's secret, parses to one test item, and fails with another`, async () => {
      const secret = adapter.generateSecret?.() ?? "a-secret-the-provider-issued";
      const input = { secret, now: NOW, webhookUrl: WEBHOOK_URL, settings: {}, nonce: "n1" };
      const delivery = await adapter.testEvent?.(input);
      if (!delivery) throw new Error("no delivery");
      const raw = received(delivery.url, delivery.headers, delivery.body);
      expect(await adapter.verify(raw, { secret, now: NOW, settings: {} })).toEqual({ ok: true });
      const parsed = adapter.parse(raw, { receivedAt: NOW, settings: {} });
      expect(parsed.kind).toBe("events");
      if (parsed.kind !== "events") return;
      expect(parsed.items).toHaveLength(1);
      expect(parsed.items[0]?.text).toContain(TEST_EVENT_TEXT);
      expect(parsed.items[0]?.externalId).toContain(testId("n1"));
      if (parsed.eventId) expect(isTestEventId(parsed.eventId)).toBe(true);

      const other = adapter.generateSecret?.() ?? "another-secret-entirely";
      const forged = await adapter.testEvent?.({ ...input, secret: other });
      if (!forged) throw new Error("no delivery");
      const check = await adapter.verify(received(forged.url, forged.headers, forged.body), {
        secret,
        now: NOW,
        settings: {},
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
});
