/** @module SurveyMonkey: signed response callbacks that carry ids only and need enrichment. */
import type { ProviderAdapter } from "../types.ts";
import { parseSurveyMonkey } from "./normalize.ts";
import { surveyMonkeyTestEvent } from "./test-event.ts";
import { verifySurveyMonkey } from "./verify.ts";

/** SurveyMonkey `response_completed` / `response_updated` webhooks. */
export const surveyMonkey: ProviderAdapter = {
  id: "surveymonkey",
  label: "SurveyMonkey",
  // The signing key is the app's own API key and secret, which SurveyMonkey issues.
  secretIssuedBy: "provider",
  // The router also admits vendor types such as application/vnd.surveymonkey.response.v1+json.
  contentTypes: ["application/json"],
  verify: verifySurveyMonkey,
  parse: parseSurveyMonkey,
  testEvent: surveyMonkeyTestEvent,
  setup: (webhookUrl) => ({
    steps: [
      "At developer.surveymonkey.com, open My Apps and choose the app whose token will create the webhook.",
      "Paste the app's Secret as this source's secret, and its Client ID (the API key) in the apiKey setting.",
      "Create the webhook with POST https://api.surveymonkey.com/v3/webhooks (Authorization: Bearer <access token>) " +
        `and the body below; subscription_url must be ${webhookUrl}.`,
      'To receive edited responses too, create a second webhook with "event_type": "response_updated".',
      "SurveyMonkey probes the URL with a HEAD request when the webhook is created; Firebreak answers it.",
      "Callbacks carry ids only: each response is stored as needing enrichment until its answers are fetched.",
    ],
    template: JSON.stringify(
      {
        name: "Firebreak",
        event_type: "response_completed",
        object_type: "survey",
        object_ids: ["<survey id>"],
        subscription_url: webhookUrl,
      },
      null,
      2,
    ),
    settings: {
      apiKey: "The app's Client ID (API key). Deliveries whose Sm-Apikey header differs are refused.",
    },
  }),
};
