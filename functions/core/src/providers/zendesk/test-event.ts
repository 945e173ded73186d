/** @module A signed Zendesk test delivery: the CSAT trigger fixture with a fresh ticket id and the test comment. */
import { concatBytes } from "../signature.ts";
import {
  encodedHmac,
  jsonDelivery,
  TEST_EVENT_TEXT,
  type TestDelivery,
  type TestEventInput,
  testId,
} from "../test-event.ts";
import { csatBad } from "./fixtures.ts";

export async function zendeskTestEvent({ secret, now, webhookUrl, nonce }: TestEventInput): Promise<TestDelivery> {
  const timestamp = new Date(now).toISOString();
  const body = JSON.stringify({
    ...csatBad,
    ticket_id: testId(nonce),
    rating_comment: TEST_EVENT_TEXT,
    requester_id: "firebreak-test",
    updated_at: `${timestamp.slice(0, 16)}Z`,
  });
  return jsonDelivery(webhookUrl, body, {
    "x-zendesk-webhook-signature-timestamp": timestamp,
    "x-zendesk-webhook-signature": await encodedHmac("SHA-256", secret, concatBytes(timestamp, body), "base64"),
  });
}
