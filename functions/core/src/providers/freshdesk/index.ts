/** @module Freshdesk: automation-rule webhooks with Firebreak's JSON template, authenticated by Basic credentials. */
import { randomToken } from "../../ids.ts";
import type { ProviderAdapter } from "../types.ts";
import { parseFreshdesk } from "./normalize.ts";
import { freshdeskTestEvent } from "./test-event.ts";
import { FRESHDESK_USER, verifyFreshdesk } from "./verify.ts";

/** The "Trigger webhook" body Firebreak's setup page shows; `parseFreshdesk` reads exactly these keys. */
export const FRESHDESK_TEMPLATE = JSON.stringify(
  {
    source: "freshdesk",
    event: "ticket_created",
    ticket: {
      id: "{{ticket.id}}",
      subject: "{{ticket.subject}}",
      description: "{{ticket.description_text}}",
      status: "{{ticket.status}}",
      priority: "{{ticket.priority}}",
      source: "{{ticket.source}}",
      tags: "{{ticket.tags}}",
      url: "{{ticket.url}}",
      latest_public_comment: "{{ticket.latest_public_comment}}",
      requester: { email: "{{ticket.requester.email}}", name: "{{ticket.requester.name}}" },
    },
  },
  null,
  2,
);

export const freshdesk: ProviderAdapter = {
  id: "freshdesk",
  label: "Freshdesk",
  secretIssuedBy: "firebreak",
  contentTypes: ["application/json"],
  verify: verifyFreshdesk,
  parse: parseFreshdesk,
  generateSecret: () => randomToken(),
  testEvent: freshdeskTestEvent,
  setup: (webhookUrl) => ({
    steps: [
      "In Freshdesk, go to Admin → Workflows → Automations, open the Ticket Creation tab and click New rule " +
        '(name it e.g. "Firebreak: new tickets"; match all tickets, or the ones you want analysed).',
      `Under Actions choose "Trigger webhook": Request type POST, Callback URL ${webhookUrl}.`,
      `Tick "Requires authentication" and enter Username ${FRESHDESK_USER} and, as Password, the secret shown ` +
        "once when this source was created. Freshdesk then sends the header " +
        `Authorization: Basic base64("${FRESHDESK_USER}:<secret>"); a custom header with that value works too.`,
      'Set Encoding to JSON, choose Advanced content and paste the JSON below unchanged (keep "event": "ticket_created").',
      "Save, then add a second rule on the Ticket Updates tab (e.g. when a reply is added or the status changes) " +
        'with the same webhook settings and the same JSON, with "event": "ticket_updated".',
    ],
    template: FRESHDESK_TEMPLATE,
  }),
};
