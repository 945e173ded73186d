/**
 * Links to originals come from feedback providers, so only http(s) URLs are rendered: a `javascript:` URL in a
 * webhook payload must never become a clickable link.
 */
export function safeExternalUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}
