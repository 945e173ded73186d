/**
 * Freshdesk signs nothing, so Firebreak authenticates its automation webhooks with Basic credentials:
 * `Authorization: Basic base64("freshdesk:" + secret)`, the header Freshdesk sends when "Requires authentication"
 * is set with user `freshdesk` and the source's secret as password.
 * @module
 */
import { tryFromBase64 } from "../../crypto.ts";
import { constantTimeEqual } from "../signature.ts";
import type { RawDelivery, VerifyContext, VerifyResult } from "../types.ts";

export const FRESHDESK_USER = "freshdesk";

const BASIC = /^basic\s+(\S+)$/i;

export async function verifyFreshdesk(delivery: RawDelivery, { secret }: VerifyContext): Promise<VerifyResult> {
  const authorization = delivery.headers.authorization;
  if (!authorization) return { ok: false, reason: "missing Authorization header" };
  const token = BASIC.exec(authorization.trim())?.[1];
  if (!token) return { ok: false, reason: "Authorization is not Basic credentials" };
  const decoded = tryFromBase64(token);
  if (!decoded) return { ok: false, reason: "Authorization credentials are not base64" };
  if (!secret) return { ok: false, reason: "the source has no secret" };

  // Compared decoded, so padded and unpadded base64 of the same credentials both pass.
  const credentials = new TextDecoder().decode(decoded);
  const valid = await constantTimeEqual(credentials, `${FRESHDESK_USER}:${secret}`);
  return valid ? { ok: true } : { ok: false, reason: "Authorization credentials do not match" };
}
