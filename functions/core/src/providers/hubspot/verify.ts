/**
 * HubSpot v3 request signatures: `X-HubSpot-Signature-v3` = base64(HMAC-SHA256(client secret,
 * method + URI + raw body + `X-HubSpot-Request-Timestamp`)), the timestamp in milliseconds and at most 5 minutes old.
 *
 * The URI is the one HubSpot called, which is the target URL registered in the app. Behind a custom domain, a proxy
 * or a Worker route the Worker sees a different URL, so a source can pin the registered one as
 * `settings.canonicalUrl`; without it the received URL is used.
 * @module
 */
import { concatBytes, verifyEncodedHmac } from "../signature.ts";
import type { RawDelivery, VerifyContext, VerifyResult } from "../types.ts";

/** The SDKs' MAX_ALLOWED_TIMESTAMP; applied both ways so a future timestamp cannot extend a signature's life. */
export const TOLERANCE_MS = 300_000;

/** HubSpot decodes these percent-escapes in the URI before signing (as its SDKs and docs do). */
const DECODED_BEFORE_SIGNING: Record<string, string> = {
  "%3A": ":",
  "%2F": "/",
  "%3F": "?",
  "%40": "@",
  "%21": "!",
  "%24": "$",
  "%27": "'",
  "%28": "(",
  "%29": ")",
  "%2A": "*",
  "%2C": ",",
  "%3B": ";",
};
const DECODED_PATTERN = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/** The URI exactly as HubSpot signs it. */
export function hubspotSignedUri(url: string): string {
  return url.replace(DECODED_PATTERN, (encoded) => DECODED_BEFORE_SIGNING[encoded.toUpperCase()] ?? encoded);
}

/** The URL HubSpot called: the pinned canonical URL when the source has one, else the one received. */
export function hubspotRequestUrl(delivery: Pick<RawDelivery, "url">, settings: VerifyContext["settings"]): string {
  const canonical = settings.canonicalUrl;
  return typeof canonical === "string" && canonical.trim() ? canonical.trim() : delivery.url;
}

export async function verifyHubSpot(
  delivery: RawDelivery,
  { secret, now, settings }: VerifyContext,
): Promise<VerifyResult> {
  const signature = delivery.headers["x-hubspot-signature-v3"];
  const timestamp = delivery.headers["x-hubspot-request-timestamp"];
  if (!signature || !timestamp) {
    return { ok: false, reason: "missing X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp" };
  }
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: "X-HubSpot-Request-Timestamp is not milliseconds" };
  if (Math.abs(now - Number(timestamp)) > TOLERANCE_MS) {
    return { ok: false, reason: "X-HubSpot-Request-Timestamp outside the 5-minute tolerance" };
  }
  // WebCrypto refuses empty HMAC keys, and an empty secret must never verify anything anyway.
  if (!secret) return { ok: false, reason: "the source has no client secret" };

  const uri = hubspotSignedUri(hubspotRequestUrl(delivery, settings));
  const valid = await verifyEncodedHmac({
    hash: "SHA-256",
    key: secret,
    message: concatBytes(delivery.method.toUpperCase(), uri, delivery.body, timestamp),
    signature,
    encoding: "base64",
  });
  if (valid) return { ok: true };
  return {
    ok: false,
    reason:
      "X-HubSpot-Signature-v3 does not match (if HubSpot calls another URL than Firebreak receives, set canonicalUrl)",
  };
}
