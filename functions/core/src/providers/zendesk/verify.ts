/**
 * Zendesk webhook signatures: `X-Zendesk-Webhook-Signature` = base64(HMAC-SHA256(secret, timestamp + raw body)),
 * with the timestamp from `X-Zendesk-Webhook-Signature-Timestamp` and no separator. The signing secret looks like
 * base64 but is used verbatim as the key.
 * @module
 */
import { concatBytes, verifyEncodedHmac } from "../signature.ts";
import { parseProviderTime } from "../time.ts";
import type { RawDelivery, VerifyContext, VerifyResult } from "../types.ts";

/** Zendesk prescribes no window; signed timestamps further than this from now are refused as replays. */
export const TOLERANCE_MS = 5 * 60_000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/;

export async function verifyZendesk(delivery: RawDelivery, { secret, now }: VerifyContext): Promise<VerifyResult> {
  const signature = delivery.headers["x-zendesk-webhook-signature"];
  const timestamp = delivery.headers["x-zendesk-webhook-signature-timestamp"];
  if (!signature || !timestamp) {
    return { ok: false, reason: "missing X-Zendesk-Webhook-Signature or X-Zendesk-Webhook-Signature-Timestamp" };
  }
  const signedAt = ISO_DATE.test(timestamp) ? parseProviderTime(timestamp) : undefined;
  if (signedAt === undefined) return { ok: false, reason: "X-Zendesk-Webhook-Signature-Timestamp is not ISO-8601" };
  if (Math.abs(now - signedAt) > TOLERANCE_MS) {
    return { ok: false, reason: "X-Zendesk-Webhook-Signature-Timestamp outside the 5-minute tolerance" };
  }
  // WebCrypto refuses empty HMAC keys, and an empty secret must never verify anything anyway.
  if (!secret) return { ok: false, reason: "the source has no signing secret" };

  const valid = await verifyEncodedHmac({
    hash: "SHA-256",
    key: secret,
    message: concatBytes(timestamp, delivery.body),
    signature,
    encoding: "base64",
  });
  return valid ? { ok: true } : { ok: false, reason: "X-Zendesk-Webhook-Signature does not match" };
}
