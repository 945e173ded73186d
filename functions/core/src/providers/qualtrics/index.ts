/** @module Qualtrics: form-encoded event subscriptions, HMAC in the body, ids only. */
import type { ProviderAdapter } from "../types.ts";
import { parseQualtrics } from "./normalize.ts";
import { qualtricsTestEvent } from "./test-event.ts";
import { verifyQualtrics } from "./verify.ts";

/** Qualtrics `surveyengine.completedResponse` event subscriptions. */
export const qualtrics: ProviderAdapter = {
  id: "qualtrics",
  label: "Qualtrics",
  // The shared key is chosen by whoever creates the subscription in Qualtrics and pasted here.
  secretIssuedBy: "provider",
  contentTypes: ["application/x-www-form-urlencoded"],
  verify: verifyQualtrics,
  parse: parseQualtrics,
  testEvent: qualtricsTestEvent,
  setup: (webhookUrl) => ({
    steps: [
      "Choose a shared key (a long random string) and paste it as this source's secret.",
      "In Qualtrics, open Account Settings → Qualtrics IDs and copy your API token and datacenter ID; " +
        "note the survey's ID (SV_…).",
      "Create the event subscription with POST https://<datacenter>.qualtrics.com/API/v3/eventsubscriptions " +
        `(header X-API-TOKEN) and the body below; publicationUrl must be ${webhookUrl}.`,
      "Keep encrypt false: Firebreak checks the HMAC Qualtrics adds to every delivery but cannot read encrypted messages.",
      "Each completed response arrives as ids only and is stored as needing enrichment until its answers are fetched.",
    ],
    template: JSON.stringify(
      {
        topics: "surveyengine.completedResponse.<SurveyID>",
        publicationUrl: webhookUrl,
        encrypt: false,
        sharedKey: "<the shared key pasted as this source's secret>",
      },
      null,
      2,
    ),
  }),
};
