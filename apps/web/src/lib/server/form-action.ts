/**
 * One shape for every form action of the web app: the form validated with a zod schema (a bad form is a 400 with the
 * first problem, shown next to the form), the change made in the request's workspace, and either a message for the
 * page or a 4xx. Until sign-in exists, changes are audited as `user:web`. SvelteKit's origin check already refuses
 * forms posted from another site.
 * @module
 */
import type { Db } from "@firebreak/db/client";
import { fail, type RequestEvent } from "@sveltejs/kit";
import { z } from "zod";
import { dbFrom } from "./db.ts";
import { currentWorkspace } from "./workspace.ts";

export interface Actor {
  actor: string;
  now: number;
}

export type ActionOutcome = string | { status: 400 | 404 | 409; message: string };

/** A form's fields: a name sent once is a string, a name sent several times (checkboxes) a list. */
export function formFields(form: FormData): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const name of new Set(form.keys())) {
    const values = form.getAll(name).filter((v): v is string => typeof v === "string");
    fields[name] = values.length === 1 ? (values[0] as string) : values;
  }
  return fields;
}

/** A form action that validates with `schema` and runs `change` in the current workspace. */
export function formAction<T>(
  schema: z.ZodType<T>,
  change: (db: Db, workspaceId: string, input: T, by: Actor) => Promise<ActionOutcome>,
) {
  return async ({ request, platform }: RequestEvent) => {
    const parsed = schema.safeParse(formFields(await request.formData()));
    if (!parsed.success) return fail(400, { message: parsed.error.issues[0]?.message ?? "Invalid form." });
    const db = dbFrom(platform);
    const workspace = await currentWorkspace(db);
    if (!workspace) return fail(404, { message: "There is no workspace yet." });
    const outcome = await change(db, workspace.id, parsed.data, { actor: "user:web", now: Date.now() });
    return typeof outcome === "string" ? { done: outcome } : fail(outcome.status, { message: outcome.message });
  };
}

/** A checkbox group as a list, whether none, one or several boxes were ticked. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === undefined ? [] : [value].flat()), z.array(item));
}
