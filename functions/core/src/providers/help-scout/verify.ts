/**
 * Help Scout signatures: `X-HelpScout-Signature` = base64(HMAC-SHA1(secret, raw body)). Nothing signed carries a
 * time, so replays are caught by the idempotency store, not here.
 * @module
 */
import { verifyEncodedHmac } from "../signature.ts";
import type { RawDelivery, VerifyContext, VerifyResult } from "../types.ts";

/** Verifies a Help Scout webhook against the secret key the admin chose when creating it. */
export async function verifyHelpScoutWebhook(delivery: RawDelivery, { secret }: VerifyContext): Promise<VerifyResult> {
  const signature = delivery.headers["x-helpscout-signature"];
  if (!signature) return { ok: false, reason: "missing X-HelpScout-Signature" };
  const valid = await verifyEncodedHmac({
    hash: "SHA-1",
    key: secret,
    message: delivery.body,
    signature,
    encoding: "base64",
  });
  return valid ? { ok: true } : { ok: false, reason: "X-HelpScout-Signature does not match" };
}
