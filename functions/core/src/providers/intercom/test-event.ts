/** @module A signed Intercom test notification: the rating fixture's envelope, a fresh conversation, the test remark. */
import {
  encodedHmac,
  jsonDelivery,
  TEST_EVENT_TEXT,
  type TestDelivery,
  type TestEventInput,
  testId,
} from "../test-event.ts";
import { ratingAdded } from "./fixtures.ts";

export async function intercomTestEvent({ secret, now, webhookUrl, nonce }: TestEventInput): Promise<TestDelivery> {
  const seconds = Math.floor(now / 1000);
  const body = JSON.stringify({
    ...ratingAdded,
    id: testId(nonce),
    created_at: seconds,
    first_sent_at: seconds,
    data: {
      ...ratingAdded.data,
      item: {
        type: "conversation",
        id: testId(nonce),
        created_at: seconds,
        state: "closed",
        source: {
          type: "conversation",
          body: "<p>Firebreak test event</p>",
          author: { type: "user", id: "firebreak-test" },
        },
        conversation_rating: { rating: 2, remark: TEST_EVENT_TEXT, created_at: seconds },
      },
    },
  });
  return jsonDelivery(webhookUrl, body, {
    "x-hub-signature": `sha1=${await encodedHmac("SHA-1", secret, body, "hex")}`,
  });
}
