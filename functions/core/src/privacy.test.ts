import { describe, expect, it } from "vitest";
import { createAnalysisContext, prepareItem } from "./analysis/analyze.ts";
import type { NormalizedFeedback } from "./model.ts";
import {
  customerLookup,
  payloadNamesCustomer,
  RETENTION_LIMITS,
  requestReference,
  type StoredPayload,
  ZCustomerSelector,
  ZRetention,
} from "./privacy.ts";

const SECRETS_KEY = btoa("k".repeat(32));
const CONTEXT = { ...createAnalysisContext({ languages: ["en"], touchpoints: [] }), defaultTouchpointId: null };

function stored(customer: Pick<NormalizedFeedback, "customerId" | "customerEmail">) {
  const feedback: NormalizedFeedback = {
    externalId: "r1",
    kind: "survey",
    channel: "web",
    text: "Late again",
    scale: "none",
    tags: [],
    occurredAt: 1_000,
    ...customer,
  };
  return prepareItem(feedback, CONTEXT, SECRETS_KEY, "ws_a");
}

describe("ZCustomerSelector", () => {
  it("takes exactly one of email, customerId and id", () => {
    expect(ZCustomerSelector.parse({ email: " Anna@Example.com " })).toEqual({
      kind: "email",
      value: "Anna@Example.com",
    });
    expect(ZCustomerSelector.parse({ customerId: "42" })).toEqual({ kind: "customerId", value: "42" });
    expect(ZCustomerSelector.parse({ id: "cus_abc" })).toEqual({ kind: "id", value: "cus_abc" });
    for (const bad of [
      {},
      { email: "a@b.c", customerId: "42" },
      { email: "not an email" },
      { id: "itm_1" },
      { customerId: "" },
      { email: "a@b.c", extra: 1 },
    ]) {
      expect(ZCustomerSelector.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("customerLookup", () => {
  it("finds the hashes ingest stored: an email alone is the key, beside an id it is the email hash", () => {
    const byEmail = customerLookup(SECRETS_KEY, "ws_a", { kind: "email", value: "ANNA@example.com" });
    const emailOnly = stored({ customerEmail: "anna@example.com" });
    expect(byEmail.keyHashes).toContain(emailOnly.customerKeyHash);
    const withId = stored({ customerId: "crm-1", customerEmail: "anna@example.com" });
    expect(byEmail.emailHashes).toContain(withId.customerEmailHash);
    expect(byEmail.keyHashes).not.toContain(withId.customerKeyHash);
    expect(customerLookup(SECRETS_KEY, "ws_a", { kind: "customerId", value: "crm-1" }).keyHashes).toEqual([
      withId.customerKeyHash,
    ]);
    // Keyed per workspace: the same email finds nothing in another one.
    expect(customerLookup(SECRETS_KEY, "ws_b", { kind: "email", value: "anna@example.com" }).keyHashes).not.toContain(
      emailOnly.customerKeyHash,
    );
  });

  it("audits a request under a hash of its keyed hash, the same for the same request, never the hash itself", async () => {
    const lookup = customerLookup(SECRETS_KEY, "ws_a", { kind: "email", value: "anna@example.com" });
    const reference = await requestReference(lookup);
    expect(reference).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await requestReference(customerLookup(SECRETS_KEY, "ws_a", { kind: "email", value: "Anna@example.com" })),
    ).toBe(reference);
    expect(reference).not.toContain(lookup.emailHashes[0]);
  });
});

describe("payloadNamesCustomer", () => {
  const event = (data: Record<string, unknown>): StoredPayload => ({
    provider: "standard-webhooks",
    text: JSON.stringify({ type: "feedback.created", data: { id: "r1", comment: "Late", ...data } }),
    headers: { "webhook-id": "m1" },
    receivedAt: 1_000,
    settings: {},
    fieldMapping: null,
  });
  const match = (kind: "email" | "customerId", value: string) => {
    const lookup = customerLookup(SECRETS_KEY, "ws_a", { kind, value });
    return {
      secretsKey: SECRETS_KEY,
      workspaceId: "ws_a",
      keyHashes: new Set(lookup.keyHashes),
      emailHashes: new Set(lookup.emailHashes),
      email: kind === "email" ? value.toLowerCase() : undefined,
    };
  };

  it("recognises the customer in a parsed event by their keyed hashes", () => {
    expect(payloadNamesCustomer(event({ customer: { id: "crm-1" } }), match("customerId", "crm-1"))).toBe(true);
    expect(payloadNamesCustomer(event({ customer: { id: "crm-2" } }), match("customerId", "crm-1"))).toBe(false);
    const byEmail = match("email", "anna@example.com");
    expect(payloadNamesCustomer(event({ customer: { id: "crm-1", email: "Anna@Example.com" } }), byEmail)).toBe(true);
  });

  it("finds an email anywhere in the payload, parsed or not, but only as a whole address", () => {
    const byEmail = match("email", "ann@example.com");
    const unusable = { ...event({}), text: '{"data":{"note":"write to ANN@example.com"}' };
    expect(payloadNamesCustomer(unusable, byEmail)).toBe(true);
    expect(payloadNamesCustomer(event({ comment: "joann@example.com wrote" }), byEmail)).toBe(false);
    expect(payloadNamesCustomer(event({ comment: "ann@example.community" }), byEmail)).toBe(false);
    // A customer id is never matched as text: "42" is in too many payloads.
    expect(payloadNamesCustomer(event({ comment: "order crm-1" }), match("customerId", "crm-1"))).toBe(false);
  });
});

describe("ZRetention", () => {
  it("keeps raw payloads 1 to 90 days and items 90 days to ten years, in whole days", () => {
    expect(ZRetention.parse({ rawPayloadDays: "30", itemDays: "730" })).toEqual({ rawPayloadDays: 30, itemDays: 730 });
    expect(RETENTION_LIMITS.itemDays.min).toBe(90);
    for (const bad of [
      { rawPayloadDays: 0, itemDays: 730 },
      { rawPayloadDays: 91, itemDays: 730 },
      { rawPayloadDays: 30, itemDays: 89 },
      { rawPayloadDays: 30, itemDays: 3651 },
      { rawPayloadDays: 1.5, itemDays: 730 },
      { rawPayloadDays: "", itemDays: 730 },
    ]) {
      expect(ZRetention.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
