/** @module Intercom: conversation and rating webhooks from a Developer Hub app, signed with its client secret. */
import type { ProviderAdapter } from "../types.ts";
import { parseIntercom } from "./normalize.ts";
import { intercomTestEvent } from "./test-event.ts";
import { verifyIntercom } from "./verify.ts";

export const intercom: ProviderAdapter = {
  id: "intercom",
  label: "Intercom",
  secretIssuedBy: "provider",
  contentTypes: ["application/json"],
  verify: verifyIntercom,
  parse: parseIntercom,
  testEvent: intercomTestEvent,
  setup: (webhookUrl) => ({
    steps: [
      "In Intercom, open Settings → Integrations → Developer Hub and create an app (or open your existing one); " +
        'give it the "Read conversations" permission.',
      "Under Basic information → App credentials, copy the Client secret and paste it here: Intercom signs every " +
        "notification with it (X-Hub-Signature).",
      `Open Webhooks, set the endpoint URL to ${webhookUrl} and subscribe to the topics conversation.user.created, ` +
        "conversation.user.replied and conversation.rating.added.",
      "Save. Intercom sends a ping to the URL; it is answered with 200 and nothing is stored.",
    ],
  }),
};
