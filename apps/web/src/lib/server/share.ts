/**
 * The public side of share links (`/share/[token]`): what a visit finds (shown, behind a password, revoked,
 * expired, unknown), the unlock cookie, the headers every share response carries, the JSON answer for a non-page
 * request, and the framing policy of the embed view. The link is read from D1 on every request.
 * @module
 */
import {
  frameAncestors,
  isShareToken,
  lockedForMs,
  shareTokenHash,
  shareUnlockProof,
  verifyShareUnlockProof,
} from "@firebreak/core/share";
import type { Db } from "@firebreak/db/client";
import * as shareLinks from "@firebreak/db/queries/share-links";
import type { Cookies } from "@sveltejs/kit";
import { errorResponse } from "./http.ts";

/** `/share/<token>`: the only public paths of the app that show workspace data. */
export const SHARE_PATH = /^\/share\/([^/]+)\/?$/;

/** On every share response, page or error: not indexed, no referrer leaking the token, never cached. */
export const SHARE_HEADERS: Readonly<Record<string, string>> = {
  "X-Robots-Tag": "noindex, nofollow",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "private, no-store",
};

export type Visit =
  | { state: "shown"; link: shareLinks.ViewedLink }
  | { state: "password"; link: shareLinks.ViewedLink; lockedForMs: number }
  | { state: "revoked" | "expired" | "unknown" };

/** What the unlock cookie is signed with: the app's secret, which only the server has. */
function unlockSecret(env: App.Platform["env"] | undefined): string {
  const secret = env?.AUTH_SECRET ?? env?.SECRETS_KEY;
  if (!secret) throw new Error("AUTH_SECRET is not set: share links with a password cannot be unlocked.");
  return secret;
}

const UNLOCK_COOKIE = "fb_share_unlock";
/** A day at most: a stakeholder re-enters the password daily, and a leaked cookie stops working soon. */
const UNLOCK_MAX_AGE_S = 86_400;

/**
 * A visit to `/share/<token>`: counted when it is shown (a password link only once its cookie proves it was
 * unlocked). A malformed token never reaches D1.
 */
export async function visit(
  db: Db,
  token: string,
  cookies: Cookies,
  env: App.Platform["env"] | undefined,
  now = Date.now(),
): Promise<Visit> {
  if (!isShareToken(token)) return { state: "unknown" };
  const outcome = await shareLinks.view(db, await shareTokenHash(token), now);
  if (outcome.state !== "password") return outcome.state === "shown" ? outcome : { state: outcome.state };
  const { link } = outcome;
  const proof = cookies.get(UNLOCK_COOKIE);
  if (proof && link.passwordHash) {
    if (await verifyShareUnlockProof(unlockSecret(env), link.id, link.passwordHash, proof)) {
      const counted = await shareLinks.countView(db, link.id, now);
      if (counted) return { state: "shown", link: counted };
    }
  }
  return { state: "password", link, lockedForMs: lockedForMs(link, now) };
}

/** Remembers in this browser, for this link only (the cookie's path is the link's), that it was unlocked. */
export async function rememberUnlock(
  cookies: Cookies,
  url: URL,
  link: { id: string; passwordHash: string; expiresAt: number },
  env: App.Platform["env"] | undefined,
  now = Date.now(),
) {
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost";
  cookies.set(UNLOCK_COOKIE, await shareUnlockProof(unlockSecret(env), link.id, link.passwordHash), {
    path: url.pathname,
    httpOnly: true,
    // An embedded link lives in another site's page: its cookie must travel in a cross-site frame, which browsers
    // allow only for Secure cookies (loopback http counts as secure for local use).
    secure: url.protocol === "https:" || loopback,
    sameSite: url.protocol === "https:" || loopback ? "none" : "lax",
    maxAge: Math.max(1, Math.min(UNLOCK_MAX_AGE_S, Math.floor((link.expiresAt - now) / 1000))),
  });
}

/** What the visitor is told for each way a link can fail, page or JSON. */
export const GONE_MESSAGES = {
  revoked: "This link was revoked by the person who shared it.",
  expired: "This link has expired.",
  unknown: "Nothing is shared at this address.",
  missing: "What this link shared no longer exists.",
} as const;

/**
 * The answer to a non-page request for a share link (an API client, a link unfurler asking for JSON): the one error
 * shape, 404 or 410, and a 406 for a working link, whose content is a page. Never counted as a view.
 */
export async function jsonAnswer(db: Db, token: string, requestId: string, now = Date.now()): Promise<Response> {
  const link = isShareToken(token) ? await shareLinks.lookup(db, await shareTokenHash(token)) : undefined;
  if (!link) return errorResponse("not_found", GONE_MESSAGES.unknown, requestId);
  if (link.revokedAt !== null) return errorResponse("gone", GONE_MESSAGES.revoked, requestId);
  if (link.expiresAt <= now) return errorResponse("gone", GONE_MESSAGES.expired, requestId);
  return errorResponse("not_acceptable", "This link is a web page: open it in a browser.", requestId);
}

/**
 * Sets the share headers on a response and, for an embed view that allowed framing (`frameOrigins`), replaces the
 * policy's `frame-ancestors 'none'` by the link's origins and drops X-Frame-Options, for this response only.
 */
export function applyShareHeaders(headers: Headers, frameOrigins: readonly string[] | undefined) {
  for (const [name, value] of Object.entries(SHARE_HEADERS)) headers.set(name, value);
  if (!frameOrigins || frameOrigins.length === 0) return;
  const ancestors = frameAncestors(frameOrigins);
  if (ancestors === "'none'") return;
  const csp = headers.get("content-security-policy");
  if (!csp) return;
  headers.set("content-security-policy", csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${ancestors}`));
  headers.delete("x-frame-options");
}
