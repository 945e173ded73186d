/** @module Front: rule webhooks and application webhooks on one adapter, told apart by their headers. */
import type { ProviderAdapter } from "../types.ts";
import { parseFrontWebhook } from "./normalize.ts";
import { frontTestEvent } from "./test-event.ts";
import { verifyFrontWebhook } from "./verify.ts";

export const front: ProviderAdapter = {
  id: "front",
  label: "Front",
  secretIssuedBy: "provider",
  contentTypes: ["application/json"],
  verify: verifyFrontWebhook,
  parse: parseFrontWebhook,
  testEvent: frontTestEvent,
  setup: (webhookUrl) => ({
    steps: [
      "Choose one kind of Front webhook; Firebreak recognizes either by its headers.",
      `Rule webhook: in Front, go to Settings → Rules, create a rule "When an inbound message is received" with the ` +
        `action "Send to a webhook" and the URL ${webhookUrl}. Paste your company's API secret as this source's secret.`,
      `Application webhook: in Front, go to Settings → Developers, create an app, add a Webhook feature with the URL ` +
        `${webhookUrl} and subscribe it to inbound messages. Paste the app secret (Basic information tab) as this ` +
        "source's secret. When you save, Front sends a signed validation request that Firebreak answers.",
      "Only inbound messages are stored. Other events (tags, assignments, outbound replies) are refused, so leave them " +
        "unsubscribed.",
      "Front sends a preview of each message; Firebreak fetches the full text through the Front API when the preview " +
        "was cut short.",
    ],
  }),
};
