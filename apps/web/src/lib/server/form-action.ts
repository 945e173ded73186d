/**
 * SvelteKit form actions for curation: the form parsed with a zod schema, the change made in the current workspace
 * and audited as the app's (until sign-in exists), and an outcome the page shows next to the form it came from.
 * SvelteKit's origin check already refuses forms posted from another site.
 * @module
 */
import type { Actor } from "@firebreak/db/queries/themes";
import { fail, type RequestEvent } from "@sveltejs/kit";
import type { z } from "zod";
import { dbFrom } from "./db";
import { currentWorkspace } from "./workspace";

/** A change that did not happen: 400 for a bad request, 404 when its target is gone. */
export interface Problem {
  status: 400 | 404;
  message: string;
}

/** What a change may return: a message, a problem, or a message with data for the page. */
export type Outcome = string | Problem | { done: string; [key: string]: unknown };

export interface ActionContext<Params> {
  db: ReturnType<typeof dbFrom>;
  workspaceId: string;
  by: Actor;
  params: Params;
}

/** Fields that may repeat (checkboxes), read as lists; every other field is read once. */
const LIST_FIELDS = new Set(["itemIds"]);

function readForm(data: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(data.keys())) out[key] = LIST_FIELDS.has(key) ? data.getAll(key) : data.get(key);
  return out;
}

function isProblem(outcome: Exclude<Outcome, string>): outcome is Problem {
  return typeof outcome.status === "number";
}

/** The action's name from `?/name`, so the page can show the outcome next to the right form. */
function actionName(url: URL): string {
  return [...url.searchParams.keys()].find((k) => k.startsWith("/"))?.slice(1) ?? "default";
}

/**
 * One form action. A bad form is a 400 with the first problem as `message` and every field's first problem in
 * `fields`; the submitted text comes back as `values`, so a page without JavaScript refills the form.
 */
export function formAction<T, Params = Record<string, string>>(
  schema: z.ZodType<T>,
  change: (context: ActionContext<Params>, input: T) => Promise<Outcome>,
) {
  return async ({ request, platform, params, url }: RequestEvent) => {
    const action = actionName(url);
    const form = readForm(await request.formData());
    const values = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === "string"));
    const parsed = schema.safeParse(form);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "")] ??= issue.message;
      return fail(400, { action, message: parsed.error.issues[0]?.message ?? "Invalid form.", fields, values });
    }
    const db = dbFrom(platform);
    const workspace = await currentWorkspace(db);
    if (!workspace) return fail(404, { action, message: "There is no workspace yet." });
    const by = { actor: "user:web", now: Date.now() };
    const outcome = await change({ db, workspaceId: workspace.id, by, params: params as Params }, parsed.data);
    if (typeof outcome === "string") return { action, done: outcome };
    if (isProblem(outcome)) return fail(outcome.status, { action, message: outcome.message, values });
    return { action, ...outcome };
  };
}
