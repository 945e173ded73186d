/** @module A signed Standard Webhooks test delivery, shaped like the setup guide's example. */
import { concatBytes } from "../signature.ts";
import {
  encodedHmac,
  jsonDelivery,
  TEST_EVENT_TEXT,
  type TestDelivery,
  type TestEventInput,
  testId,
} from "../test-event.ts";
import { decodeSecret } from "./verify.ts";

/** A JSON body signed the Standard Webhooks way (generic JSON sources sign alike), as message `id`. */
export async function standardWebhookDelivery(
  { secret, now, webhookUrl }: Pick<TestEventInput, "secret" | "now" | "webhookUrl">,
  id: string,
  body: string,
): Promise<TestDelivery> {
  const key = decodeSecret(secret);
  if (!key) throw new Error("the source secret is not valid base64");
  const timestamp = String(Math.floor(now / 1000));
  const signature = await encodedHmac("SHA-256", key, concatBytes(`${id}.${timestamp}.`, body), "base64");
  return jsonDelivery(webhookUrl, body, {
    "webhook-id": id,
    "webhook-timestamp": timestamp,
    "webhook-signature": `v1,${signature}`,
  });
}

export function standardWebhooksTestEvent(input: TestEventInput): Promise<TestDelivery> {
  const id = testId(input.nonce);
  const body = JSON.stringify({
    type: "feedback.created",
    timestamp: new Date(input.now).toISOString(),
    data: { id, kind: "survey", score: 2, scale: "nps", comment: TEST_EVENT_TEXT, channel: "web", tags: ["test"] },
  });
  return standardWebhookDelivery(input, id, body);
}
