/**
 * SurveyMonkey signatures: `Sm-Signature` = base64(HMAC-SHA1(key = `<api key>&<api secret>`, raw body)), with the
 * app's API key (client id) in `Sm-Apikey`. The source secret is the API secret; the optional `apiKey` setting pins
 * the API key, so a callback signed for another app of the same account is refused.
 * @module
 */
import { constantTimeEqual, verifyEncodedHmac } from "../signature.ts";
import type { RawDelivery, VerifyContext, VerifyResult } from "../types.ts";

const API_KEY_HEADER = "sm-apikey";
const SIGNATURE_HEADER = "sm-signature";

/** The `apiKey` setting when it is a non-empty string. */
export function configuredApiKey(settings: Readonly<Record<string, unknown>>): string | undefined {
  const value = settings.apiKey;
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

/** Checks `Sm-Signature` against the raw bytes; the key is built from strings, so non-ASCII bodies are fine. */
export async function verifySurveyMonkey(
  delivery: RawDelivery,
  { secret, settings }: VerifyContext,
): Promise<VerifyResult> {
  if (!secret) return { ok: false, reason: "the source has no API secret" };
  const apiKey = delivery.headers[API_KEY_HEADER];
  const signature = delivery.headers[SIGNATURE_HEADER];
  if (!apiKey) return { ok: false, reason: "missing Sm-Apikey header" };
  if (!signature) return { ok: false, reason: "missing Sm-Signature header" };

  const expectedApiKey = configuredApiKey(settings);
  if (expectedApiKey !== undefined && !(await constantTimeEqual(apiKey, expectedApiKey))) {
    return { ok: false, reason: "Sm-Apikey is not the API key configured for this source" };
  }
  const valid = await verifyEncodedHmac({
    hash: "SHA-1",
    key: `${apiKey}&${secret}`,
    message: delivery.body,
    signature,
    encoding: "base64",
  });
  return valid ? { ok: true } : { ok: false, reason: "Sm-Signature does not match the body" };
}
