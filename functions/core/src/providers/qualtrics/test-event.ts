/** @module A signed Qualtrics test delivery: the completed-response form with a fresh response id and its HMAC. */
import { encodedHmac, type TestDelivery, type TestEventInput, testId } from "../test-event.ts";
import { completedResponse } from "./fixtures.ts";

export async function qualtricsTestEvent({ secret, now, webhookUrl, nonce }: TestEventInput): Promise<TestDelivery> {
  const msg = JSON.stringify({
    ...completedResponse.msg,
    ResponseID: testId(nonce),
    CompletedDate: new Date(now).toISOString().slice(0, 19).replace("T", " "),
  });
  const body = new URLSearchParams({
    Topic: completedResponse.topic,
    MSG: msg,
    HMAC: await encodedHmac("SHA-512", secret, msg, "hex"),
  }).toString();
  return { url: webhookUrl, body, headers: { "content-type": "application/x-www-form-urlencoded" } };
}
