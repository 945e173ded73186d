/**
 * SvelteKit form actions that change the current workspace: the member's role checked (editors and owners change
 * things, viewers only look), the form validated with zod, the change made and audited as the signed-in user
 * (`user:<id>`), and an outcome the page shows next to the form it came from. Bad input is a 400 with the first problem, each field's first problem and the submitted text (so a page
 * without JavaScript refills the form), never a 500; SvelteKit's origin check already refuses forms posted from
 * another site.
 * @module
 */
import type { Db } from "@firebreak/db/client";
import type { Actor } from "@firebreak/db/queries/themes";
import { type ActionFailure, error, fail, type RequestEvent } from "@sveltejs/kit";
import { z } from "zod";
import { type Role, roleAtLeast } from "./auth.ts";
import { dbFrom } from "./db.ts";
import { forbiddenMessage } from "./workspace.ts";

/**
 * A change that did not happen: 400 for a bad request, 404 when its target is gone, 409 for a conflict, 502/503 when
 * a service the change needs (the ingest Worker, a binding) did not answer.
 */
export interface Problem {
  status: 400 | 403 | 404 | 409 | 502 | 503;
  message: string;
  /** The message again beside the field it is about, for a problem only the change could find (an unsafe URL). */
  fields?: Record<string, string>;
  /** What the page needs to explain the refusal beyond its message (the human moment behind a 409, say). */
  details?: Record<string, unknown>;
}

/** A problem, for changes whose outcome may also carry data; `extra` adds field errors or details for the page. */
export function refuse(
  status: Problem["status"],
  message: string,
  extra?: { fields?: Record<string, string>; details?: Record<string, unknown> },
): Problem {
  return { status, message, ...extra };
}

/** What a change reports: the message of what was done, a problem, or a message with data for the page. */
export type ChangeOutcome<R extends { done: string } = { done: string }> = string | Problem | R;

/** A form's fields: a name sent once is a string, a name sent several times (checkboxes) a list. */
export function formFields(form: FormData): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const name of new Set(form.keys())) {
    const values = form.getAll(name).filter((v): v is string => typeof v === "string");
    fields[name] = values.length === 1 ? (values[0] as string) : values;
  }
  return fields;
}

/** What a visitor is told when the body posted is not a readable form. */
const UNREADABLE_FORM = "The form could not be read; send it again from the page.";

/** The request's form, or `null` when the body is not one (a broken multipart body, a type no form sends). */
async function formOrNull(request: Request): Promise<FormData | null> {
  // `formData()` throws a TypeError on such bodies, which SvelteKit would answer as a 500.
  return request.formData().catch(() => null);
}

/** The request's form for actions outside `formAction`; a body that is not a form is a 400, never a 500. */
export async function readForm(request: Request): Promise<FormData> {
  const form = await formOrNull(request);
  if (!form) error(400, { message: UNREADABLE_FORM });
  return form;
}

/** A checkbox group as a list, whether none, one or several boxes were ticked. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === undefined ? [] : [value].flat()), z.array(item));
}

/** Fields that hold credentials (an API token, a password): left out of the values a refused form is refilled with. */
const SECRET_FIELD = /token|password|secret/i;

/** The action's name from `?/name`, so the page can show the outcome next to the right form. */
function actionName(url: URL): string {
  return [...url.searchParams.keys()].find((k) => k.startsWith("/"))?.slice(1) ?? "default";
}

function isProblem(outcome: object): outcome is Problem {
  return "status" in outcome && typeof outcome.status === "number";
}

/**
 * One action: parse the form with `schema`, run `change` in the current workspace, answer `{ action, done }` (plus
 * any data the change returns) or a failure `{ action, message }`. `change` may also `redirect()`; it gets the event
 * for route params. `role` is the least role that may make the change (default: editor).
 * @example export const actions = { rename: formAction(ZRename, async (db, ws, input, by) => "Renamed.") };
 */
export function formAction<T, R extends { done: string } = { done: string }>(
  schema: z.ZodType<T>,
  change: (db: Db, workspaceId: string, input: T, by: Actor, event: RequestEvent) => Promise<ChangeOutcome<R>>,
  { role = "editor" }: { role?: Role } = {},
) {
  return async (
    event: RequestEvent,
  ): Promise<
    | ActionFailure<{
        action: string;
        message: string;
        fields?: Record<string, string>;
        values?: Record<string, unknown>;
        details?: Record<string, unknown>;
      }>
    | { action: string; done: string }
    | ({ action: string } & R)
  > => {
    const action = actionName(event.url);
    const { membership, user } = event.locals;
    if (!membership || !user) return fail(404, { action, message: "There is no workspace yet." });
    if (!roleAtLeast(membership.role, role)) return fail(403, { action, message: forbiddenMessage(role) });
    const body = await formOrNull(event.request);
    if (!body) return fail(400, { action, message: UNREADABLE_FORM });
    const form = formFields(body);
    // Credentials typed into a form are never sent back, not even to refill it.
    const values = Object.fromEntries(
      Object.entries(form).filter(([k, v]) => typeof v === "string" && !SECRET_FIELD.test(k)),
    );
    const parsed = schema.safeParse(form);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "")] ??= issue.message;
      return fail(400, { action, message: parsed.error.issues[0]?.message ?? "Invalid form.", fields, values });
    }
    const by = { actor: `user:${user.id}`, now: Date.now() };
    const outcome = await change(dbFrom(event.platform), membership.workspace.id, parsed.data, by, event);
    if (typeof outcome === "string") return { action, done: outcome };
    if (isProblem(outcome))
      return fail(outcome.status, {
        action,
        message: outcome.message,
        fields: outcome.fields,
        values,
        details: outcome.details,
      });
    // Spelled out: a spread of a generic widens to its constraint, and the page would lose the change's data.
    return { action, ...outcome } as { action: string } & R;
  };
}
