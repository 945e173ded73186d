/**
 * Every request: who is signed in and in which workspace (`locals`), the sign-in wall, better-auth's own endpoints
 * under `/api/auth`, the security headers of `lib/server/security-headers.ts` on every response, and the one error
 * shape for a data request SvelteKit would answer with an HTML page (a broken %-escape, an address with no route),
 * and pages whose JavaScript does not race their HTML (`documentFirst`).
 * @module
 */
import * as members from "@firebreak/db/queries/members";
import type { Handle } from "@sveltejs/kit";
import { sequence } from "@sveltejs/kit/hooks";
import { isAuthPath } from "better-auth/svelte-kit";
import { authFor } from "$lib/server/auth";
import { dbFrom } from "$lib/server/db";
import { logEmailSender } from "$lib/server/email";
import { errorResponse, requestIdOf } from "$lib/server/http";
import { SECURITY_HEADERS } from "$lib/server/security-headers";
import { applyShareHeaders, jsonAnswer, SHARE_PATH } from "$lib/server/share";

/** Pages a signed-out visitor may open: signing in or up, and answering an invitation (shared links: `SHARE_PATH`). */
const PUBLIC_PATHS = /^\/(login|signup|invite\/[^/]+)\/?$/;

/** Pages a signed-in user without a workspace may open. */
const NO_WORKSPACE_PATHS = /^\/(workspaces\/new|logout)\/?$/;

function secure(headers: Headers) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!headers.has(name)) headers.set(name, value);
}

const securityHeaders: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  const shared = SHARE_PATH.test(event.url.pathname);
  const apply = (headers: Headers) => {
    secure(headers);
    if (shared) applyShareHeaders(headers, event.locals.shareFrameOrigins);
  };
  try {
    apply(response.headers);
    return response;
  } catch {
    // Immutable headers (a response passed through from a fetch): copy the response, then set them.
    const copy = new Response(response.body, response);
    apply(copy.headers);
    return copy;
  }
};

/**
 * better-auth answers its own errors as `{ code, message }` and a rate limit as `{ message }`; they are rewritten to
 * the app's one error shape (a 429 keeps its Retry-After).
 */
async function inErrorShape(response: Response, request: Request): Promise<Response> {
  if (response.status < 400) return response;
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  const requestId = requestIdOf(request);
  const status = response.status;
  const message = body.message ?? response.statusText ?? "The request was refused.";
  if (status === 429) {
    const retryAfter = response.headers.get("x-retry-after") ?? "60";
    return errorResponse("rate_limited", `Too many attempts; try again in ${retryAfter} s.`, requestId, {
      "retry-after": retryAfter,
    });
  }
  const code = status === 401 ? "unauthorized" : status === 403 ? "forbidden" : status === 404 ? "not_found" : null;
  return code ? errorResponse(code, message, requestId) : errorResponse("bad_request", message, requestId);
}

/**
 * Runs a read again when it fails. Locally both Workers share one SQLite file, and a read can meet the queue
 * consumer's write lock (SQLITE_BUSY); D1 itself serializes queries, so this only ever retries there.
 */
async function readAgainOnFailure<T>(read: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
    }
  }
}

/** True when the request wants a page (a browser navigation or form post), not JSON. */
function wantsPage(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("text/html");
}

/** False when the path has a broken %-escape (`%E0%A4%A`, an encoded surrogate): it matches no route. */
function decodes(pathname: string): boolean {
  try {
    // The result is used: the bundler drops a call to a built-in whose result is not, and its throw with it.
    return typeof decodeURI(pathname) === "string";
  } catch {
    return false;
  }
}

/**
 * A path that does not decode is a 400 either way; SvelteKit answers it with its error page, so a caller that wants
 * data (an endpoint's client) gets the one error shape instead.
 */
const malformedPath: Handle = async ({ event, resolve }) => {
  if (wantsPage(event.request) || decodes(event.url.pathname)) return resolve(event);
  return errorResponse("bad_request", "The address has a broken %-escape.", requestIdOf(event.request));
};

const authenticate: Handle = async ({ event, resolve }) => {
  const db = dbFrom(event.platform);
  // A share link asked for as data rather than a page: the one error shape, before any session work.
  const share = SHARE_PATH.exec(event.url.pathname);
  if (share && event.request.method === "GET" && !event.isDataRequest && !wantsPage(event.request)) {
    return jsonAnswer(db, decodeURIComponent(share[1] ?? ""), requestIdOf(event.request));
  }
  // A shared page is the same for everyone who holds the link: no session read, and no visitor's account in it.
  if (share) return resolve(event);
  // dbFrom has refused the request when the binding is missing, so the platform and its DB are there.
  const env = event.platform?.env as App.Platform["env"];
  const auth = authFor(env.DB, env, event.url.origin, logEmailSender);
  event.locals.auth = auth;
  if (isAuthPath(event.url.toString(), auth.options)) {
    return inErrorShape(await auth.handler(event.request), event.request);
  }
  // No route at this address (better-auth's are answered above): a caller that wants data gets the one error shape
  // rather than SvelteKit's HTML 404 page.
  if (event.route.id === null && !wantsPage(event.request)) {
    return errorResponse("not_found", "There is nothing at this address.", requestIdOf(event.request));
  }
  const session = await readAgainOnFailure(() => auth.api.getSession({ headers: event.request.headers }));
  if (session) {
    const { user } = session;
    event.locals.user = { id: user.id, name: user.name, email: user.email };
    event.locals.membership = await readAgainOnFailure(() =>
      members.membershipOf(db, user.id, session.session.activeOrganizationId ?? null),
    );
  }
  const path = event.url.pathname;
  if (PUBLIC_PATHS.test(path)) return resolve(event);
  if (!session) {
    if (!wantsPage(event.request)) {
      return errorResponse("unauthorized", "Sign in first.", requestIdOf(event.request));
    }
    const next = event.request.method === "GET" ? `?next=${encodeURIComponent(path + event.url.search)}` : "";
    return new Response(null, { status: 303, headers: { location: `/login${next}` } });
  }
  if (!event.locals.membership && !NO_WORKSPACE_PATHS.test(path)) {
    return new Response(null, { status: 303, headers: { location: "/workspaces/new" } });
  }
  return resolve(event);
};

/**
 * A page's own HTML before its JavaScript. SvelteKit would announce every module a page imports in a `Link` header
 * (25 for the map), and the browser would fetch them while the document is still arriving: measured in Chromium on
 * the map of a million items, that held the largest paint back by 100–200 ms. Without them the modules load when the
 * page's inline script imports its entry points, once the content is parsed. Stylesheets and fonts are still
 * announced: they are needed for the first paint.
 */
const documentFirst: Handle = ({ event, resolve }) =>
  resolve(event, { preload: ({ type }) => type === "css" || type === "font" });

export const handle: Handle = sequence(documentFirst, securityHeaders, malformedPath, authenticate);
