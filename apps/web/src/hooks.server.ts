/**
 * Security headers on every response the app renders. The Content-Security-Policy comes from `kit.csp`
 * (svelte.config.js, nonces per response); these are the rest. Shared maps' embed mode will need its own
 * frame-ancestors and must then drop X-Frame-Options for those routes only.
 * @module
 */
import type { Handle } from "@sveltejs/kit";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // Two years, as the HSTS preload list asks; browsers ignore it over plain http, so local use is unaffected.
  "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
  "X-Content-Type-Options": "nosniff",
  // For browsers that predate CSP's frame-ancestors.
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

function secure(headers: Headers) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!headers.has(name)) headers.set(name, value);
}

export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  try {
    secure(response.headers);
    return response;
  } catch {
    // Immutable headers (a response passed through from a fetch): copy the response, then set them.
    const copy = new Response(response.body, response);
    secure(copy.headers);
    return copy;
  }
};
