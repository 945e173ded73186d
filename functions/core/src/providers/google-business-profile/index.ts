/** @module Google Business Profile reviews, delivered as authenticated Pub/Sub push messages. */
import { randomToken } from "../../ids.ts";
import type { ProviderAdapter } from "../types.ts";
import { parseGooglePush } from "./normalize.ts";
import { verifyGooglePush } from "./verify.ts";

/** Business Profile's publisher identity, which needs Publisher rights on the customer's topic. */
const PUBLISHER_ACCOUNT = "mybusiness-api-pubsub@system.gserviceaccount.com";

export const googleBusinessProfile: ProviderAdapter = {
  id: "google-business-profile",
  label: "Google Business Profile",
  secretIssuedBy: "firebreak",
  contentTypes: ["application/json"],
  verify: verifyGooglePush,
  parse: parseGooglePush,
  // Pushes are authenticated by Google-signed OIDC tokens, not a shared secret. The source still stores a secret like
  // every other source, so this is a random token that nothing checks and nobody needs to copy.
  generateSecret: () => randomToken(),
  noTestEvent:
    "Google signs every push with its own private key, so Firebreak cannot sign a sample delivery for this source. " +
    "To check the connection, publish a message to the Pub/Sub topic in Google Cloud: it arrives signed by Google " +
    "and shows in the delivery log (refused as not a review notification, which means the signature passed).",
  setup: (webhookUrl) => ({
    steps: [
      `In Google Cloud, create a Pub/Sub topic and grant ${PUBLISHER_ACCOUNT} the "Pub/Sub Publisher" role on it.`,
      "With the Business Profile Notifications API, point your account's notification setting at that topic with the " +
        "notification types NEW_REVIEW and UPDATED_REVIEW only: other types are refused, and Pub/Sub would keep " +
        "redelivering them.",
      `Create a push subscription on the topic with the endpoint ${webhookUrl}, tick "Enable authentication", choose ` +
        `a service account, and set the audience to ${webhookUrl}.`,
      "Enter that service account's email and the same audience in this source's settings; deliveries are refused " +
        "until both are set.",
      "No signing secret is needed: Google signs every push with a token Firebreak checks against Google's public " +
        "keys, so the secret shown for this source is unused.",
      "Notifications carry no stars or text; Firebreak fetches each review from the Business Profile API afterwards.",
    ],
    settings: {
      audience: `The push subscription's authentication audience, e.g. ${webhookUrl}.`,
      serviceAccountEmail: "The service account the push subscription authenticates as (…@….iam.gserviceaccount.com).",
    },
  }),
};
