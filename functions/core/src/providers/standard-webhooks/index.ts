/** @module Standard Webhooks (and Svix): the generic, signed feedback webhook. */
import { toBase64 } from "../../ids.ts";
import type { ProviderAdapter } from "../types.ts";
import { parseStandardWebhook } from "./normalize.ts";
import { standardWebhooksTestEvent } from "./test-event.ts";
import { verifyStandardWebhook } from "./verify.ts";

export const standardWebhooks: ProviderAdapter = {
  id: "standard-webhooks",
  label: "Standard Webhooks",
  secretIssuedBy: "firebreak",
  contentTypes: ["application/json"],
  verify: verifyStandardWebhook,
  parse: parseStandardWebhook,
  // 32 random bytes in the spec's `whsec_<base64>` form, which every Standard Webhooks library accepts.
  generateSecret: () => `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`,
  testEvent: standardWebhooksTestEvent,
  setup: (webhookUrl) => ({
    steps: [
      `In the sending system, add a Standard Webhooks (or Svix) endpoint with the URL ${webhookUrl}.`,
      "Paste the signing secret shown once when the source was created (it starts with whsec_).",
      'Send events of type "feedback.created" or "feedback.updated" with the fields in `data`; a "ping" event tests the connection.',
    ],
    template: JSON.stringify(
      {
        type: "feedback.created",
        timestamp: "2026-11-20T09:58:00Z",
        data: {
          id: "resp_1001",
          kind: "survey",
          score: 2,
          scale: "nps",
          comment: "Parcel arrived five days late.",
          channel: "web",
          touchpoint: "delivery-tracking",
          tags: ["order"],
          customer: { id: "cus_42", email: "jane@example.com" },
        },
      },
      null,
      2,
    ),
  }),
};
