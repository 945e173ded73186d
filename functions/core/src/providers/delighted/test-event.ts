/** @module A signed Delighted test delivery: the NPS fixture with fresh ids, a comment and the current time. */
import {
  encodedHmac,
  jsonDelivery,
  TEST_EVENT_TEXT,
  type TestDelivery,
  type TestEventInput,
  testId,
} from "../test-event.ts";
import { npsCreatedZero } from "./fixtures.ts";

export async function delightedTestEvent({ secret, now, webhookUrl, nonce }: TestEventInput): Promise<TestDelivery> {
  const seconds = Math.floor(now / 1000);
  const body = JSON.stringify({
    ...npsCreatedZero,
    event_id: testId(nonce),
    event_data: {
      ...npsCreatedZero.event_data,
      id: testId(nonce),
      person: { id: "firebreak-test", email: null, name: "Firebreak test", created_at: seconds },
      comment: TEST_EVENT_TEXT,
      created_at: seconds,
      updated_at: seconds,
      person_properties: null,
    },
  });
  return jsonDelivery(webhookUrl, body, {
    "x-delighted-webhook-signature": `sha256=${await encodedHmac("SHA-256", secret, body, "hex")}`,
  });
}
