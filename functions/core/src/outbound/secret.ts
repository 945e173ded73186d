/** @module Signing secrets for outbound webhooks. */
import { toBase64 } from "../ids.ts";

/** A fresh per-destination signing secret: 32 random bytes in the Standard Webhooks `whsec_<base64>` form. */
export function generateWebhookSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`;
}
