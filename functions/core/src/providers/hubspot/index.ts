/** @module HubSpot: ticket webhooks from a HubSpot app, in batches, signed (v3) with the app's client secret. */
import type { ProviderAdapter } from "../types.ts";
import { parseHubSpot } from "./normalize.ts";
import { hubspotTestEvent } from "./test-event.ts";
import { verifyHubSpot } from "./verify.ts";

export const hubspot: ProviderAdapter = {
  id: "hubspot",
  label: "HubSpot",
  secretIssuedBy: "provider",
  contentTypes: ["application/json"],
  verify: verifyHubSpot,
  parse: parseHubSpot,
  testEvent: hubspotTestEvent,
  setup: (webhookUrl) => ({
    steps: [
      "In your HubSpot developer account, open Apps, select (or create) the app installed in your portal, and give " +
        "it the tickets scope.",
      "On the app's Auth tab, copy the Client secret and paste it here: HubSpot signs every request with it " +
        "(X-HubSpot-Signature-v3).",
      `Open Webhooks and set the Target URL to ${webhookUrl}.`,
      'Create subscriptions for the object type Tickets: "Created", and "Property changed" for the properties ' +
        "content, subject and hs_pipeline_stage. Activate them and save.",
      "HubSpot signs the exact Target URL. If it reaches Firebreak through another URL (a custom domain or a proxy), " +
        "set canonicalUrl to the Target URL exactly as entered in HubSpot.",
    ],
    settings: {
      canonicalUrl:
        "The Target URL exactly as entered in HubSpot, when it differs from the URL Firebreak receives requests on " +
        "(custom domain, proxy or rewrite). HubSpot's signature covers the URL.",
    },
  }),
};
