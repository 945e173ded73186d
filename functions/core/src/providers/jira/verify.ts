/**
 * Jira webhook signatures: `X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`, sent when the webhook is
 * registered with a secret (Firebreak requires one). Nothing signed carries a time, so replays are caught by
 * `X-Atlassian-Webhook-Identifier` in the idempotency store.
 * @module
 */
import { verifyEncodedHmac } from "../signature.ts";
import type { RawDelivery, VerifyContext, VerifyResult } from "../types.ts";

export async function verifyJira(delivery: RawDelivery, { secret }: VerifyContext): Promise<VerifyResult> {
  const signature = delivery.headers["x-hub-signature"];
  if (!signature) return { ok: false, reason: "missing X-Hub-Signature (is a secret set on the Jira webhook?)" };
  if (!signature.trim().toLowerCase().startsWith("sha256=")) {
    return { ok: false, reason: "X-Hub-Signature is not sha256=" };
  }
  // WebCrypto refuses empty HMAC keys, and an empty secret must never verify anything anyway.
  if (!secret) return { ok: false, reason: "the source has no secret" };

  const valid = await verifyEncodedHmac({
    hash: "SHA-256",
    key: secret,
    message: delivery.body,
    signature,
    encoding: "hex",
    prefix: "sha256=",
  });
  return valid ? { ok: true } : { ok: false, reason: "X-Hub-Signature does not match" };
}
