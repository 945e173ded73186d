/** @module Zendesk: ticket event subscriptions and the CSAT trigger template, signed with the webhook's secret. */
import type { ProviderAdapter } from "../types.ts";
import { parseZendesk } from "./normalize.ts";
import { zendeskTestEvent } from "./test-event.ts";
import { verifyZendesk } from "./verify.ts";

/** The trigger body Firebreak's setup page shows; `parseZendesk` reads exactly these keys. */
export const ZENDESK_CSAT_TEMPLATE = JSON.stringify(
  {
    ticket_id: "{{ticket.id}}",
    rating: "{{satisfaction.current_rating}}",
    rating_comment: "{{satisfaction.current_comment}}",
    requester_email: "{{ticket.requester.email}}",
    requester_id: "{{ticket.requester.id}}",
    status: "{{ticket.status}}",
    tags: "{{ticket.tags}}",
    updated_at: "{{ticket.updated_at_with_timestamp}}",
  },
  null,
  2,
);

export const zendesk: ProviderAdapter = {
  id: "zendesk",
  label: "Zendesk",
  secretIssuedBy: "provider",
  contentTypes: ["application/json"],
  verify: verifyZendesk,
  parse: parseZendesk,
  testEvent: zendeskTestEvent,
  setup: (webhookUrl) => ({
    steps: [
      "In Zendesk Admin Center, go to Apps and integrations → Webhooks → Webhooks and click Create webhook.",
      'For tickets and comments choose "Zendesk events" and subscribe to the ticket events "Ticket created", ' +
        '"Comment added" and "Status changed" (any other Ticket event also updates the ticket).',
      `Set the endpoint URL to ${webhookUrl}, the request method to POST and the format to JSON; leave authentication empty.`,
      "Create the webhook, open it, click Reveal secret under Signing secret and paste that secret here.",
      'For satisfaction ratings, create a webhook choosing "Trigger or automation" instead. Zendesk gives each ' +
        "webhook its own signing secret, so connect that webhook as a separate Zendesk source with its own URL.",
      "Then go to Objects and rules → Business rules → Triggers, create a trigger with the condition " +
        '"Ticket: Satisfaction" "Changed", and the action "Notify by: Active webhook" with that webhook and the ' +
        "JSON body below.",
    ],
    template: ZENDESK_CSAT_TEMPLATE,
  }),
};
