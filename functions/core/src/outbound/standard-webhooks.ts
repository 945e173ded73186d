/**
 * Signing outbound webhooks the Standard Webhooks way, with the reference `standardwebhooks` library, so any
 * receiver's Standard Webhooks or Svix library verifies them.
 * @module
 */
import { Webhook } from "standardwebhooks";
import { toBase64 } from "../ids.ts";

/** A fresh per-destination signing secret: 32 random bytes in the spec's `whsec_<base64>` form. */
export function generateWebhookSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

export interface SignedHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/**
 * The three Standard Webhooks headers for `payload` sent as message `messageId` at `at` (ms). The message id stays the
 * same across retries, so receivers can de-duplicate.
 */
export function signOutbound(secret: string, messageId: string, at: number, payload: string): SignedHeaders {
  const timestamp = new Date(Math.floor(at / 1000) * 1000);
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at / 1000)),
    "webhook-signature": new Webhook(secret).sign(messageId, timestamp, payload),
  };
}
