/**
 * Delighted signatures: `X-Delighted-Webhook-Signature: sha256=<hex HMAC-SHA256(API key, raw body)>`. No timestamp
 * is signed, so replays are caught by the idempotency store on `event_id`.
 * @module
 */
import { verifyEncodedHmac } from "../signature.ts";
import type { RawDelivery, VerifyContext, VerifyResult } from "../types.ts";

const SIGNATURE_HEADER = "x-delighted-webhook-signature";

/** Checks the signature header against the raw bytes under the account's API key (the source secret). */
export async function verifyDelighted(delivery: RawDelivery, { secret }: VerifyContext): Promise<VerifyResult> {
  if (!secret) return { ok: false, reason: "the source has no API key" };
  const signature = delivery.headers[SIGNATURE_HEADER];
  if (!signature) return { ok: false, reason: "missing X-Delighted-Webhook-Signature header" };
  const valid = await verifyEncodedHmac({
    hash: "SHA-256",
    key: secret,
    message: delivery.body,
    signature,
    encoding: "hex",
    prefix: "sha256=",
  });
  return valid ? { ok: true } : { ok: false, reason: "X-Delighted-Webhook-Signature does not match the body" };
}
