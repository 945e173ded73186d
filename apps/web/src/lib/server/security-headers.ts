/**
 * Security headers on every response the app renders, beside the Content-Security-Policy of `kit.csp`
 * (svelte.config.js, nonces per response). A shared map's embed view is the one exception: `share.ts`
 * `applyShareHeaders` sets that response's frame-ancestors to the link's origins and drops X-Frame-Options.
 * @module
 */
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
