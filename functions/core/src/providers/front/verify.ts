/**
 * Front's two webhook signatures, told apart by the timestamp header:
 * - application webhooks send `X-Front-Request-Timestamp` (ms) and sign `${timestamp}:` + raw body with
 *   HMAC-SHA256 under the app secret;
 * - rule webhooks send no timestamp and sign the raw body with HMAC-SHA1 under the company API secret.
 * Both put the base64 MAC in `X-Front-Signature`. The source's secret is whichever one the admin pasted.
 * @module
 */
import { concatBytes, verifyEncodedHmac } from "../signature.ts";
import type { RawDelivery, VerifyContext, VerifyResult } from "../types.ts";

/** Front recommends refusing application webhooks whose timestamp is more than 5 minutes off. */
export const TOLERANCE_MS = 5 * 60 * 1000;

/** Verifies a Front webhook in the mode its headers announce. */
export async function verifyFrontWebhook(delivery: RawDelivery, { secret, now }: VerifyContext): Promise<VerifyResult> {
  const signature = delivery.headers["x-front-signature"];
  if (!signature) return { ok: false, reason: "missing X-Front-Signature" };
  const timestamp = delivery.headers["x-front-request-timestamp"];
  return timestamp === undefined
    ? verifyRuleWebhook(delivery, secret, signature)
    : verifyAppWebhook(delivery, secret, signature, timestamp, now);
}

async function verifyAppWebhook(
  delivery: RawDelivery,
  secret: string,
  signature: string,
  timestamp: string,
  now: number,
): Promise<VerifyResult> {
  const trimmed = timestamp.trim();
  if (!/^\d{1,15}$/.test(trimmed)) return { ok: false, reason: "X-Front-Request-Timestamp is not milliseconds" };
  if (Math.abs(now - Number(trimmed)) > TOLERANCE_MS) {
    return { ok: false, reason: "X-Front-Request-Timestamp outside the 5-minute tolerance" };
  }
  const valid = await verifyEncodedHmac({
    hash: "SHA-256",
    key: secret,
    message: concatBytes(`${trimmed}:`, delivery.body),
    signature,
    encoding: "base64",
  });
  return valid ? { ok: true } : { ok: false, reason: "X-Front-Signature does not match (application webhook)" };
}

async function verifyRuleWebhook(delivery: RawDelivery, secret: string, signature: string): Promise<VerifyResult> {
  // Front's own sample hashes JSON.stringify of the parsed body; the raw bytes are what was actually signed.
  const valid = await verifyEncodedHmac({
    hash: "SHA-1",
    key: secret,
    message: delivery.body,
    signature,
    encoding: "base64",
  });
  return valid ? { ok: true } : { ok: false, reason: "X-Front-Signature does not match (rule webhook)" };
}
