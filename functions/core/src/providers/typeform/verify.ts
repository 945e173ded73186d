/**
 * Typeform signatures: `Typeform-Signature: sha256=<base64 HMAC-SHA256(secret, raw body)>`. Nothing else is signed
 * (no timestamp), so replays are caught by the idempotency store on `event_id`, not here.
 * @module
 */
import { verifyEncodedHmac } from "../signature.ts";
import type { RawDelivery, VerifyContext, VerifyResult } from "../types.ts";

const SIGNATURE_HEADER = "typeform-signature";

/** Checks `Typeform-Signature` against the raw bytes, never a re-serialized body. */
export async function verifyTypeform(delivery: RawDelivery, { secret }: VerifyContext): Promise<VerifyResult> {
  if (!secret) return { ok: false, reason: "the source has no signing secret" };
  const signature = delivery.headers[SIGNATURE_HEADER];
  if (!signature) return { ok: false, reason: "missing Typeform-Signature header" };
  const valid = await verifyEncodedHmac({
    hash: "SHA-256",
    key: secret,
    message: delivery.body,
    signature,
    encoding: "base64",
    prefix: "sha256=",
  });
  return valid ? { ok: true } : { ok: false, reason: "Typeform-Signature does not match the body" };
}
