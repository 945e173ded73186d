/** @module Typeform: signed `form_response` webhooks, one survey response each. */
import { randomToken } from "../../ids.ts";
import type { ProviderAdapter } from "../types.ts";
import { parseTypeform } from "./normalize.ts";
import { typeformTestEvent } from "./test-event.ts";
import { verifyTypeform } from "./verify.ts";

/** Typeform form responses (NPS, rating and opinion-scale questions plus free text). */
export const typeform: ProviderAdapter = {
  id: "typeform",
  label: "Typeform",
  // Typeform lets the form owner type in any secret, so Firebreak generates a strong one to paste.
  secretIssuedBy: "firebreak",
  contentTypes: ["application/json"],
  verify: verifyTypeform,
  parse: parseTypeform,
  generateSecret: () => randomToken(),
  testEvent: typeformTestEvent,
  setup: (webhookUrl) => ({
    steps: [
      "In Typeform, open the form and go to Connect → Webhooks, then click Add a webhook.",
      `Paste ${webhookUrl} as the endpoint URL and save.`,
      "Open the webhook's Edit panel, turn on Secret and paste the signing secret shown once when this source was created.",
      "Switch the webhook on: webhooks created in the dashboard start switched off.",
      "Typeform sends one form_response event per submission; use Send test request to check the connection.",
      "Optional: pass hidden fields touchpoint, user_id (or customer_id / account_id) and email in the form URL; " +
        "other hidden fields such as plan or market become customer attributes.",
    ],
  }),
};
