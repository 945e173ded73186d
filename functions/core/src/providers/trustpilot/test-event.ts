/** @module A Trustpilot test delivery: one review of the fixture batch, authenticated by the URL token. */
import { jsonDelivery, TEST_EVENT_TEXT, type TestDelivery, type TestEventInput, testId } from "../test-event.ts";
import { createdBatch } from "./fixtures.ts";

export async function trustpilotTestEvent({ secret, now, webhookUrl, nonce }: TestEventInput): Promise<TestDelivery> {
  const [first] = createdBatch.events;
  if (!first) throw new Error("the Trustpilot fixture has no event");
  const review = {
    ...first.eventData,
    id: testId(nonce),
    title: "Firebreak test event",
    text: TEST_EVENT_TEXT,
    referenceId: null,
    createdAt: new Date(now).toISOString(),
    link: null,
    consumer: { id: "firebreak-test", name: "Firebreak test", link: null },
    tags: [],
  };
  const body = JSON.stringify({ events: [{ ...first, eventData: review }] });
  const url = `${webhookUrl}${webhookUrl.includes("?") ? "&" : "?"}token=${encodeURIComponent(secret)}`;
  return jsonDelivery(url, body, {});
}
