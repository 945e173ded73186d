/**
 * SvelteKit form actions that change the current workspace: the form validated with zod, the change made and
 * audited as the app's (until sign-in exists, as `user:web`), and a message for the page. Bad input is a 400 with the
 * first problem, shown next to the form, never a 500; SvelteKit's origin check already refuses forms posted from
 * another site.
 * @module
 */
import type { Db } from "@firebreak/db/client";
import type { Actor } from "@firebreak/db/queries/themes";
import { type ActionFailure, fail, type RequestEvent } from "@sveltejs/kit";
import { z } from "zod";
import { dbFrom } from "./db.ts";
import { currentWorkspace } from "./workspace.ts";

/** What a change reports: the message of what was done, or why not. */
export type ChangeOutcome = string | { status: 400 | 404 | 409; message: string };

/** A form's fields: a name sent once is a string, a name sent several times (checkboxes) a list. */
export function formFields(form: FormData): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const name of new Set(form.keys())) {
    const values = form.getAll(name).filter((v): v is string => typeof v === "string");
    fields[name] = values.length === 1 ? (values[0] as string) : values;
  }
  return fields;
}

/** A checkbox group as a list, whether none, one or several boxes were ticked. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === undefined ? [] : [value].flat()), z.array(item));
}

/**
 * One action: parse the form with `schema`, run `change` in the current workspace, answer `{ done }` or a failure
 * `{ message }`. `change` may also `redirect()`; it gets the event for route params.
 * @example export const actions = { rename: formAction(ZRename, async (db, ws, input, by) => "Renamed.") };
 */
export function formAction<T>(
  schema: z.ZodType<T>,
  change: (db: Db, workspaceId: string, input: T, by: Actor, event: RequestEvent) => Promise<ChangeOutcome>,
): (event: RequestEvent) => Promise<{ done: string } | ActionFailure<{ message: string }>> {
  return async (event) => {
    const { request, platform } = event;
    const parsed = schema.safeParse(formFields(await request.formData()));
    if (!parsed.success) return fail(400, { message: parsed.error.issues[0]?.message ?? "Invalid form." });
    const db = dbFrom(platform);
    const workspace = await currentWorkspace(db);
    if (!workspace) return fail(404, { message: "There is no workspace yet." });
    const outcome = await change(db, workspace.id, parsed.data, { actor: "user:web", now: Date.now() }, event);
    return typeof outcome === "string" ? { done: outcome } : fail(outcome.status, { message: outcome.message });
  };
}
