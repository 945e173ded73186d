/** @module Delighted: signed NPS/CSAT/CES survey-response webhooks. */
import type { ProviderAdapter } from "../types.ts";
import { parseDelighted } from "./normalize.ts";
import { delightedTestEvent } from "./test-event.ts";
import { verifyDelighted } from "./verify.ts";

/** Delighted `survey_response.created` / `survey_response.updated` webhooks. */
export const delighted: ProviderAdapter = {
  id: "delighted",
  label: "Delighted",
  // Delighted signs with the account's private API key, which the user pastes.
  secretIssuedBy: "provider",
  contentTypes: ["application/json"],
  verify: verifyDelighted,
  parse: parseDelighted,
  testEvent: delightedTestEvent,
  setup: (webhookUrl) => ({
    steps: [
      "In Delighted, open Integrations → Webhooks.",
      `Paste ${webhookUrl} for both "Survey response created" and "Survey response updated": ` +
        "comments usually arrive in the update. Leave unsubscribes off.",
      "Copy your private API key from Settings → API and paste it as this source's secret: Delighted signs every " +
        "webhook with it.",
      "Use Send test webhook to check the connection.",
      "Person properties such as Plan or Market become customer attributes; a Touchpoint property names the touchpoint.",
    ],
    settings: {
      cesPoints: "For CES projects: 5 when the project uses a 1–5 scale; otherwise 1–7 is assumed.",
    },
  }),
};
