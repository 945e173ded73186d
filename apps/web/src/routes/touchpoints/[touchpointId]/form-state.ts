/** What a form action of this page returned, as the page's components read it (see `$lib/server/form-action`). */
export interface FormState {
  action?: string;
  message?: string;
  done?: string;
  /** Each invalid field's first problem. */
  fields?: Record<string, string>;
  /** The text fields as submitted, to refill a form after a failure. */
  values?: Record<string, unknown>;
}

/** The outcome if it came from `action`, else nothing: each form shows only its own errors. */
export function outcomeOf(form: FormState | null | undefined, ...actions: string[]): FormState | null {
  return form?.action && actions.includes(form.action) ? form : null;
}

/** A submitted value to refill a field with, or the field's default. */
export function refill(outcome: FormState | null, field: string, fallback: string): string {
  const value = outcome?.values?.[field];
  return typeof value === "string" ? value : fallback;
}
