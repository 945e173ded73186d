/**
 * Qualtrics signatures travel in the body: `HMAC` = hex(HMAC-SHA512(shared key, MSG)), computed over the
 * URL-decoded value of the `MSG` form field. `Topic` is not covered, so parsing cross-checks it against `MSG`.
 * @module
 */
import { verifyEncodedHmac } from "../signature.ts";
import type { RawDelivery, VerifyContext, VerifyResult } from "../types.ts";

export type QualtricsForm =
  | { ok: true; topic: string | undefined; msg: string | undefined; hmac: string | undefined }
  | { ok: false; reason: string };

/**
 * Reads the form fields. A field sent twice is refused, so verification and parsing can never read different
 * copies of `MSG`.
 */
export function readQualtricsForm(text: string): QualtricsForm {
  const form = new URLSearchParams(text);
  for (const name of ["Topic", "MSG", "HMAC"]) {
    if (form.getAll(name).length > 1) return { ok: false, reason: `form field ${name} appears more than once` };
  }
  return {
    ok: true,
    topic: form.get("Topic") ?? undefined,
    msg: form.get("MSG") ?? undefined,
    hmac: form.get("HMAC") ?? undefined,
  };
}

/** Checks the body's `HMAC` field against the decoded `MSG` field under the subscription's shared key. */
export async function verifyQualtrics(delivery: RawDelivery, { secret }: VerifyContext): Promise<VerifyResult> {
  if (!secret) return { ok: false, reason: "the source has no shared key" };
  const form = readQualtricsForm(delivery.text);
  if (!form.ok) return form;
  if (form.msg === undefined) return { ok: false, reason: "missing MSG form field" };
  if (!form.hmac) return { ok: false, reason: "missing HMAC form field" };
  const valid = await verifyEncodedHmac({
    hash: "SHA-512",
    key: secret,
    message: form.msg,
    signature: form.hmac,
    encoding: "hex",
  });
  return valid ? { ok: true } : { ok: false, reason: "HMAC does not match MSG" };
}
