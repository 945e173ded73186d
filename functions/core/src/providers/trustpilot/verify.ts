/**
 * Trustpilot signs nothing, so a Trustpilot source is authenticated by a high-entropy token Firebreak issues and the
 * user puts in the subscription URL as `?token=<secret>`, compared in constant time. The body is not covered: the
 * token proves who sent the request, and the idempotency store absorbs replays.
 * @module
 */
import { constantTimeEqual } from "../signature.ts";
import type { RawDelivery, VerifyContext, VerifyResult } from "../types.ts";

/** Checks the `token` query parameter of the delivery URL against the source secret. */
export async function verifyTrustpilot(delivery: RawDelivery, { secret }: VerifyContext): Promise<VerifyResult> {
  if (!secret) return { ok: false, reason: "the source has no token" };
  const tokens = tokensOf(delivery.url);
  if (tokens === undefined) return { ok: false, reason: "the delivery URL cannot be read" };
  if (tokens.length === 0) return { ok: false, reason: "missing ?token= in the webhook URL" };
  // Two tokens would make "which one counts" an attacker's choice.
  if (tokens.length > 1) return { ok: false, reason: "more than one token in the webhook URL" };
  const valid = await constantTimeEqual(tokens[0] ?? "", secret);
  return valid ? { ok: true } : { ok: false, reason: "the URL token does not match this source" };
}

function tokensOf(url: string): string[] | undefined {
  try {
    return new URL(url).searchParams.getAll("token");
  } catch {
    return undefined;
  }
}
