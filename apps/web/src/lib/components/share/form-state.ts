/**
 * What the Share and Revoke forms answered, read from a page's `form` the same way on every page that shares
 * something: the new link (shown once), a refused create with its fields, and a revoke's outcome.
 * @module
 */
import type { SharedOnce } from "$lib/server/share-forms";

interface Outcome {
  action: string;
  done?: string;
  message?: string;
  fields?: Record<string, string>;
  values?: Record<string, unknown>;
  created?: SharedOnce["created"];
}

/** The share forms' state from a page's `form` (whatever other actions the page has). */
export function shareFormState(form: unknown) {
  const outcome = form as Partial<Outcome> | null | undefined;
  const share = outcome?.action === "share" ? outcome : null;
  const revoke = outcome?.action === "revokeShare" ? outcome : null;
  return {
    created: share?.created ?? null,
    message: share?.message ?? null,
    fields: share?.fields ?? {},
    values: (share?.values ?? {}) as Record<string, string>,
    revoked: revoke?.done ?? null,
    revokeError: revoke?.message ?? null,
  };
}
