/** @module Help Scout: satisfaction ratings, new conversations and customer replies. */
import type { ProviderAdapter } from "../types.ts";
import { parseHelpScoutWebhook } from "./normalize.ts";
import { helpScoutTestEvent } from "./test-event.ts";
import { verifyHelpScoutWebhook } from "./verify.ts";

export const helpScout: ProviderAdapter = {
  id: "help-scout",
  label: "Help Scout",
  secretIssuedBy: "provider",
  contentTypes: ["application/json"],
  verify: verifyHelpScoutWebhook,
  parse: parseHelpScoutWebhook,
  testEvent: helpScoutTestEvent,
  setup: (webhookUrl) => ({
    steps: [
      "In Help Scout, open Manage → Apps and choose the Webhooks app.",
      `Set the Callback URL to ${webhookUrl}.`,
      "Enter a random Secret Key of up to 40 characters and paste the same key as this source's secret.",
      'Tick "Rating Received" (satisfaction.ratings). Optionally tick "Conversation Created" and "Customer Reply" ' +
        "to collect customers' messages too.",
      "Leave other events unticked: Firebreak refuses them, and Help Scout retries refused deliveries.",
    ],
  }),
};
