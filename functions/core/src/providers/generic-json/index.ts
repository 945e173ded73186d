/** @module Generic JSON webhook: any JSON body, signed like Standard Webhooks, read through a per-source mapping. */
import { toBase64 } from "../../ids.ts";
import type { ProviderAdapter } from "../types.ts";
import { parseGenericJson } from "./normalize.ts";
import { genericJsonTestEvent } from "./test-event.ts";
import { verifyGenericJson } from "./verify.ts";

export {
  applyMapping,
  describeProblem,
  evaluatePointer,
  MAX_RECORDS,
  parsePointer,
  previewMapping,
  validateMapping,
} from "./mapping.ts";
export { parseWithMapping } from "./normalize.ts";
export type { FieldMapping, MappingProblem } from "./schema.ts";

/** The mapping shown in the setup guide, for a payload like `{"data": {"id", "rating", "comment", …}}`. */
const EXAMPLE_MAPPING = {
  externalId: "/data/id",
  score: "/data/rating",
  scale: "stars5",
  text: "/data/comment",
  occurredAt: "/data/created_at",
  customerEmail: "/data/customer/email",
  touchpointHint: "/data/store~1branch",
  channel: "store",
  tags: "/data/labels",
};

export const genericJson: ProviderAdapter = {
  id: "generic-json",
  label: "Generic JSON webhook",
  secretIssuedBy: "firebreak",
  contentTypes: ["application/json"],
  verify: verifyGenericJson,
  parse: parseGenericJson,
  testEvent: genericJsonTestEvent,
  // 32 random bytes in the `whsec_<base64>` form every Standard Webhooks and Svix library accepts.
  generateSecret: () => `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`,
  setup: (webhookUrl) => ({
    steps: [
      `Send each feedback record as a JSON POST (Content-Type: application/json) to ${webhookUrl}.`,
      "Sign requests like Standard Webhooks: webhook-id (unique per message, unchanged on retries), " +
        "webhook-timestamp (unix seconds) and webhook-signature = v1, + base64 HMAC-SHA256 of " +
        "<webhook-id>.<webhook-timestamp>.<raw body>, keyed with the base64-decoded secret after whsec_. Any " +
        "Standard Webhooks or Svix library does this.",
      'Map your payload to Firebreak\'s fields: each value is a JSON pointer into the body ("/data/comment" reads ' +
        'data.comment, "/answers/0/text" the first answer; write ~1 for "/" and ~0 for "~" inside key names) or, ' +
        'when it does not start with "/", a literal ("nps", "survey").',
      "externalId is required; every record needs text or a score, and a score needs a scale (nps, csat5, csat3, " +
        "stars5, ces7, thumbs, or custom with scaleMin and scaleMax).",
      "For batches, point items at the array of records (a top-level array works without it); the other pointers " +
        "are then read inside each record.",
      "Check the mapping against a sample payload in the preview before sending; a delivery with any record that " +
        "does not map is refused with the reason.",
    ],
    template: JSON.stringify(EXAMPLE_MAPPING, null, 2),
  }),
};
