/**
 * Intercom webhook signatures: `X-Hub-Signature: sha1=<hex HMAC-SHA1(client_secret, raw body)>`. There is no signed
 * timestamp, so replays are caught by the notification id in the idempotency store.
 * @module
 */
import { verifyEncodedHmac } from "../signature.ts";
import type { RawDelivery, VerifyContext, VerifyResult } from "../types.ts";

export async function verifyIntercom(delivery: RawDelivery, { secret }: VerifyContext): Promise<VerifyResult> {
  const signature = delivery.headers["x-hub-signature"];
  if (!signature) return { ok: false, reason: "missing X-Hub-Signature" };
  if (!signature.trim().toLowerCase().startsWith("sha1=")) return { ok: false, reason: "X-Hub-Signature is not sha1=" };
  // WebCrypto refuses empty HMAC keys, and an empty secret must never verify anything anyway.
  if (!secret) return { ok: false, reason: "the source has no client secret" };

  const valid = await verifyEncodedHmac({
    hash: "SHA-1",
    key: secret,
    message: delivery.body,
    signature,
    encoding: "hex",
    prefix: "sha1=",
  });
  return valid ? { ok: true } : { ok: false, reason: "X-Hub-Signature does not match" };
}
