/** @module A signed Help Scout test delivery: the satisfaction-rating fixture with a fresh id and the test comment. */
import {
  encodedHmac,
  jsonDelivery,
  TEST_EVENT_TEXT,
  type TestDelivery,
  type TestEventInput,
  testId,
} from "../test-event.ts";
import { badRatingDanish } from "./fixtures.ts";

export async function helpScoutTestEvent({ secret, now, webhookUrl, nonce }: TestEventInput): Promise<TestDelivery> {
  const at = new Date(now).toISOString();
  const body = JSON.stringify({
    ...badRatingDanish,
    id: testId(nonce),
    customer: { id: "firebreak-test", firstName: "Firebreak", lastName: "Test", emails: [] },
    comments: TEST_EVENT_TEXT,
    createdAt: at,
    modifiedAt: at,
  });
  return jsonDelivery(webhookUrl, body, {
    "x-helpscout-event": "satisfaction.ratings",
    "x-helpscout-signature": await encodedHmac("SHA-1", secret, body, "base64"),
  });
}
