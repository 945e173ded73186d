/**
 * Form actions that sign in, sign up or sign out call better-auth through its HTTP handler, not its server API:
 * only the handler applies the rate limits and the origin check, and the forms keep working without JavaScript.
 * The cookies it sets are copied onto SvelteKit's response.
 * @module
 */
import type { RequestEvent } from "@sveltejs/kit";
import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies";

export type AuthCallResult =
  | {
      ok: true;
      body: Record<string, unknown>;
      /** The cookies better-auth set, as a `Cookie` header: the new session, for a call made right after. */
      cookie: string;
    }
  | { ok: false; status: number; message: string; code?: string };

/** Headers of the visitor's request that better-auth reads: who they are (cookie) and where from (ip, origin). */
const FORWARDED = ["cookie", "origin", "user-agent", "cf-connecting-ip", "x-forwarded-for"];

/** POSTs `body` to better-auth's `path` (e.g. `/sign-in/email`) as the visitor, and keeps the cookies it sets. */
export async function callAuth(event: RequestEvent, path: string, body: unknown): Promise<AuthCallResult> {
  const headers = new Headers({ "content-type": "application/json", accept: "application/json" });
  for (const name of FORWARDED) {
    const value = event.request.headers.get(name);
    if (value) headers.set(name, value);
  }
  // A form post always carries Origin in browsers; a server-side caller without one is this app itself.
  if (!headers.has("origin")) headers.set("origin", event.url.origin);
  const request = new Request(new URL(`/api/auth${path}`, event.url), {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  const response = await event.locals.auth.handler(request);
  const cookies: string[] = [];
  for (const [name, attributes] of parseSetCookieHeader(response.headers.get("set-cookie") ?? "")) {
    event.cookies.set(name, attributes.value, { ...toCookieOptions(attributes), path: attributes.path || "/" });
    cookies.push(`${name}=${attributes.value}`);
  }
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return { ok: true, body: json, cookie: cookies.join("; ") };
  const retryAfter = response.headers.get("x-retry-after");
  const message =
    response.status === 429
      ? `Too many attempts. Try again in ${retryAfter ?? "a few"} seconds.`
      : typeof json.message === "string"
        ? json.message
        : "That did not work; try again.";
  return { ok: false, status: response.status, message, code: typeof json.code === "string" ? json.code : undefined };
}

/** Only same-site paths are followed after signing in, so `?next=` cannot send anyone elsewhere. */
export function safeNext(next: string | null): string {
  return next && /^\/(?!\/)[^\\]*$/.test(next) ? next : "/";
}
