/**
 * A signed SurveyMonkey test callback: the fixture with fresh ids, under the source's pinned API key (or a stand-in
 * when none is pinned, which verification then accepts).
 * @module
 */
import { encodedHmac, jsonDelivery, type TestDelivery, type TestEventInput, testId } from "../test-event.ts";
import { responseCompleted } from "./fixtures.ts";
import { configuredApiKey } from "./verify.ts";

export async function surveyMonkeyTestEvent({
  secret,
  now,
  webhookUrl,
  settings,
  nonce,
}: TestEventInput): Promise<TestDelivery> {
  const apiKey = configuredApiKey(settings) ?? "firebreak-test";
  const body = JSON.stringify({
    ...responseCompleted,
    name: "Firebreak test event",
    event_id: testId(nonce),
    object_id: testId(nonce),
    event_datetime: new Date(now).toISOString(),
    resources: { ...responseCompleted.resources, respondent_id: testId(nonce), recipient_id: "firebreak-test" },
  });
  return jsonDelivery(webhookUrl, body, {
    "sm-apikey": apiKey,
    "sm-signature": await encodedHmac("SHA-1", `${apiKey}&${secret}`, body, "base64"),
  });
}
