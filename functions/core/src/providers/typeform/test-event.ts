/** @module A signed Typeform test delivery: the NPS fixture with fresh ids and the test text. */
import {
  encodedHmac,
  jsonDelivery,
  TEST_EVENT_TEXT,
  type TestDelivery,
  type TestEventInput,
  testId,
} from "../test-event.ts";
import { npsZeroDanish } from "./fixtures.ts";

export async function typeformTestEvent({ secret, now, webhookUrl, nonce }: TestEventInput): Promise<TestDelivery> {
  const { form_response: response } = npsZeroDanish;
  const body = JSON.stringify({
    ...npsZeroDanish,
    event_id: testId(nonce),
    form_response: {
      ...response,
      token: testId(nonce),
      landed_at: new Date(now).toISOString(),
      submitted_at: new Date(now).toISOString(),
      hidden: { user_id: "firebreak-test" },
      answers: response.answers.map((answer) =>
        answer.type === "text" ? { ...answer, text: TEST_EVENT_TEXT } : answer,
      ),
    },
  });
  return jsonDelivery(webhookUrl, body, {
    "typeform-signature": `sha256=${await encodedHmac("SHA-256", secret, body, "base64")}`,
  });
}
