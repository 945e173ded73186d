/**
 * A signed Front test delivery, as a rule webhook (HMAC-SHA1 of the body): that mode needs no timestamp, and either
 * secret a Front source may hold signs it the same way.
 * @module
 */
import {
  encodedHmac,
  jsonDelivery,
  TEST_EVENT_TEXT,
  type TestDelivery,
  type TestEventInput,
  testId,
} from "../test-event.ts";
import { inboundDanish } from "./fixtures.ts";

export async function frontTestEvent({ secret, now, webhookUrl, nonce }: TestEventInput): Promise<TestDelivery> {
  const { conversation, target } = inboundDanish;
  const body = JSON.stringify({
    ...inboundDanish,
    id: testId(nonce),
    emitted_at: now / 1000,
    conversation: { ...conversation, id: testId(nonce), subject: "Firebreak test event", tags: [] },
    target: {
      ...target,
      // A full `text`, so the item is complete and nothing is fetched from Front's API.
      data: {
        ...target.data,
        id: testId(nonce),
        created_at: now / 1000,
        blurb: TEST_EVENT_TEXT,
        text: TEST_EVENT_TEXT,
      },
    },
  });
  return jsonDelivery(webhookUrl, body, { "x-front-signature": await encodedHmac("SHA-1", secret, body, "base64") });
}
