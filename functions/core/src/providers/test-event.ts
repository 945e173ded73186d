/**
 * "Send a test event": each adapter that can builds a sample delivery from its own fixture, signed the way its
 * provider signs, so the test travels the real webhook path (verification, dedupe, queue, analysis).
 * @module
 */
import { type HmacHash, hmac } from "../crypto.ts";
import { toBase64 } from "../ids.ts";
import type { NormalizedFeedback } from "../model.ts";

/** What a test delivery depends on; `nonce` makes its event and item ids unique, so dedupe never swallows it. */
export interface TestEventInput {
  secret: string;
  now: number;
  webhookUrl: string;
  settings: Readonly<Record<string, unknown>>;
  /** Generic JSON sources: the mapping the test record is built backwards from. */
  fieldMapping?: Readonly<Record<string, string>> | null;
  nonce: string;
}

/** A signed request, ready to be posted. */
export interface TestDelivery {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Event and item ids of test deliveries carry this, so the delivery log can mark them. */
export const TEST_EVENT_PREFIX = "firebreak-test-";

/** The text of every test item, so it is recognisable wherever it shows up (inbox, verbatims, issues). */
export const TEST_EVENT_TEXT = "Firebreak test event: a sample delivery sent from the source page, not real feedback.";

/** Whether a provider event id marks a test delivery (some providers' ids embed the item id, so: contains). */
export function isTestEventId(eventId: string | null | undefined): boolean {
  return eventId?.includes(TEST_EVENT_PREFIX) ?? false;
}

/**
 * Marks the item of a test delivery (its external id carries the test prefix) as a test. Its text is the test text
 * even where the provider's webhook carries ids only (SurveyMonkey, Qualtrics): there is nothing to fetch for a
 * made-up response, so it never waits for enrichment.
 */
export function markTestItem(item: NormalizedFeedback): NormalizedFeedback {
  if (!isTestEventId(item.externalId)) return item;
  return { ...item, test: true, text: item.text.trim() ? item.text : TEST_EVENT_TEXT, needsEnrichment: false };
}

/**
 * The event id a delivery is logged and deduplicated under: the provider's, or, for a test batch that has none of
 * its own (HubSpot), its test item's id, so the delivery log can mark it as a test too.
 */
export function deliveryEventId(result: { eventId?: string; items: readonly NormalizedFeedback[] }) {
  return result.eventId ?? result.items.find((item) => isTestEventId(item.externalId))?.externalId;
}

/** A test id for this delivery: the prefix, the nonce, and a suffix when one delivery needs several ids. */
export const testId = (nonce: string, suffix = "") => `${TEST_EVENT_PREFIX}${nonce}${suffix}`;

/** HMAC of `message` under `key`, base64 or hex encoded, as the signing providers send it. */
export async function encodedHmac(
  hash: HmacHash,
  key: Uint8Array | string,
  message: Uint8Array | string,
  encoding: "base64" | "hex",
): Promise<string> {
  const mac = await hmac(hash, key, message);
  return encoding === "base64" ? toBase64(mac) : [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A JSON test delivery to the source's webhook URL with the given extra headers. */
export function jsonDelivery(webhookUrl: string, body: string, headers: Record<string, string>): TestDelivery {
  return { url: webhookUrl, body, headers: { "content-type": "application/json", ...headers } };
}
