/** @module Trustpilot: unsigned service-review webhooks, authenticated by a token in the URL. */
import { randomToken } from "../../ids.ts";
import type { ProviderAdapter } from "../types.ts";
import { parseTrustpilot } from "./normalize.ts";
import { trustpilotTestEvent } from "./test-event.ts";
import { verifyTrustpilot } from "./verify.ts";

/** Trustpilot service reviews (created and updated), batched in `events[]`. */
export const trustpilot: ProviderAdapter = {
  id: "trustpilot",
  label: "Trustpilot",
  // Trustpilot has no signing secret, so Firebreak issues the URL token (base64url: safe in a query string).
  secretIssuedBy: "firebreak",
  contentTypes: ["application/json"],
  verify: verifyTrustpilot,
  parse: parseTrustpilot,
  generateSecret: () => randomToken(),
  testEvent: trustpilotTestEvent,
  setup: (webhookUrl) => {
    const urlWithToken = `${webhookUrl}${webhookUrl.includes("?") ? "&" : "?"}token=<secret>`;
    return {
      steps: [
        "In the Trustpilot Business app, open Integrations → Developers → Webhooks and add a webhook.",
        `Paste ${urlWithToken} as the URL, replacing <secret> with the token shown once when this source was ` +
          "created. Trustpilot signs nothing, so the token is what proves a delivery is genuine: keep the URL private.",
        "Subscribe to new reviews and changed reviews. Deleted reviews are ignored.",
        "Reviews carry no email: the Trustpilot consumer id identifies the reviewer.",
      ],
    };
  },
};
