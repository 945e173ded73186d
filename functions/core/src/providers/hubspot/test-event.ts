/**
 * A signed HubSpot test batch: one ticket description change carrying the test text, signed (v3) for the URL HubSpot
 * would call, the pinned `canonicalUrl` when the source has one.
 * @module
 */
import { concatBytes } from "../signature.ts";
import {
  encodedHmac,
  jsonDelivery,
  TEST_EVENT_TEXT,
  type TestDelivery,
  type TestEventInput,
  testId,
} from "../test-event.ts";
import { mixedBatch } from "./fixtures.ts";
import { hubspotRequestUrl, hubspotSignedUri } from "./verify.ts";

export async function hubspotTestEvent({
  secret,
  now,
  webhookUrl,
  settings,
  nonce,
}: TestEventInput): Promise<TestDelivery> {
  const [, description] = mixedBatch;
  const body = JSON.stringify([
    {
      ...description,
      eventId: testId(nonce),
      objectId: testId(nonce),
      occurredAt: now,
      propertyValue: TEST_EVENT_TEXT,
    },
  ]);
  const timestamp = String(now);
  const uri = hubspotSignedUri(hubspotRequestUrl({ url: webhookUrl }, settings));
  return jsonDelivery(webhookUrl, body, {
    "x-hubspot-request-timestamp": timestamp,
    "x-hubspot-signature-v3": await encodedHmac("SHA-256", secret, concatBytes("POST", uri, body, timestamp), "base64"),
  });
}
