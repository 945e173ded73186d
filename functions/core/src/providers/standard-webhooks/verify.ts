/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): `v1,<base64 HMAC-SHA256>` over
 * `${webhook-id}.${webhook-timestamp}.${body}`, keyed by the base64-decoded secret after `whsec_`.
 * Svix sends the same scheme under `svix-*` headers.
 * @module
 */
import { tryFromBase64, verifyHmac } from "../../crypto.ts";
import type { RawDelivery, VerifyContext, VerifyResult } from "../types.ts";

/** Signed timestamps older or newer than this are refused as replays or clock abuse. */
export const TOLERANCE_SECONDS = 5 * 60;

const encoder = new TextEncoder();

/** Reads the id/timestamp/signature headers, accepting the `svix-` spelling too. */
export function standardHeaders(headers: Record<string, string>) {
  return {
    id: headers["webhook-id"] ?? headers["svix-id"],
    timestamp: headers["webhook-timestamp"] ?? headers["svix-timestamp"],
    signature: headers["webhook-signature"] ?? headers["svix-signature"],
  };
}

export function decodeSecret(secret: string): Uint8Array | undefined {
  return tryFromBase64(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret);
}

export async function verifyStandardWebhook(
  delivery: RawDelivery,
  { secret, now }: VerifyContext,
): Promise<VerifyResult> {
  const { id, timestamp, signature } = standardHeaders(delivery.headers);
  if (!id || !timestamp || !signature)
    return { ok: false, reason: "missing webhook-id, webhook-timestamp or webhook-signature" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "webhook-timestamp is not unix seconds" };
  if (Math.abs(now / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) {
    return { ok: false, reason: "webhook-timestamp outside the 5-minute tolerance" };
  }
  const key = decodeSecret(secret);
  if (!key) return { ok: false, reason: "source secret is not valid base64" };

  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + delivery.body.length);
  signed.set(prefix);
  signed.set(delivery.body, prefix.length);

  // Several space-separated signatures may be sent during key rotation; any match is enough.
  for (const entry of signature.split(" ")) {
    const [version, encoded] = entry.split(",", 2);
    if (version !== "v1" || !encoded) continue;
    const mac = tryFromBase64(encoded);
    if (mac && mac.length === 32 && (await verifyHmac("SHA-256", key, signed, mac))) return { ok: true };
  }
  return { ok: false, reason: "no webhook-signature matched" };
}
