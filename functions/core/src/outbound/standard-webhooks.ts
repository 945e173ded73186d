/**
 * Signing outbound webhooks the Standard Webhooks way, with the reference `standardwebhooks` library, so any
 * receiver's Standard Webhooks or Svix library verifies them. Imported by path (`@firebreak/core/outbound/standard-webhooks`),
 * not from the package index, so the web app's bundle never carries the CommonJS library.
 * @module
 */
import { Webhook } from "standardwebhooks";

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
