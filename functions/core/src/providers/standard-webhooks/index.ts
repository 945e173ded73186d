/** @module Standard Webhooks (and Svix): the generic, signed feedback webhook. */
import { toBase64 } from "../../ids.ts";
import type { ProviderAdapter } from "../types.ts";
import { parseStandardWebhook } from "./normalize.ts";
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
};
