/** @module A Freshdesk test delivery: the automation template's fixture, authenticated with Basic auth. */
import { jsonDelivery, TEST_EVENT_TEXT, type TestDelivery, type TestEventInput, testId } from "../test-event.ts";
import { ticketCreated } from "./fixtures.ts";
import { FRESHDESK_USER } from "./verify.ts";

export async function freshdeskTestEvent({ secret, webhookUrl, nonce }: TestEventInput): Promise<TestDelivery> {
  const body = JSON.stringify({
    ...ticketCreated,
    ticket: {
      ...ticketCreated.ticket,
      id: testId(nonce),
      subject: "Firebreak test event",
      description: TEST_EVENT_TEXT,
      tags: "test",
      url: "",
      requester: { email: "", name: "Firebreak test" },
    },
  });
  return jsonDelivery(webhookUrl, body, { authorization: `Basic ${btoa(`${FRESHDESK_USER}:${secret}`)}` });
}
