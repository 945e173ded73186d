/**
 * SvelteKit form actions in one shape: the form parsed with a zod schema (a bad form is a 400 with the first
 * problem), the change made in the current workspace, and a message (or data) for the page, never a 500 for a
 * refusal. Until sign-in exists, changes are audited as `user:web`. SvelteKit's origin check already refuses forms
 * posted from another site.
 * @module
 */
import type { Db } from "@firebreak/db/client";
import { type ActionFailure, fail, type RequestEvent } from "@sveltejs/kit";
import type { z } from "zod";
import { dbFrom } from "./db";
import { currentWorkspace } from "./workspace";

/** Who acts and when, as the audit log records it. */
export interface WebActor {
  actor: "user:web";
  now: number;
}

export interface ActionContext {
  db: Db;
  workspaceId: string;
  by: WebActor;
  platform: App.Platform | undefined;
  params: Record<string, string>;
}

/** A change that did not happen, with the reason shown next to the form. */
export interface Refusal {
  status: 400 | 404 | 409 | 502 | 503;
  message: string;
}

/** A refusal, typed so an action's data and its refusals stay apart. */
export function refuse(status: Refusal["status"], message: string): Refusal {
  return { status, message };
}

const isRefusal = (outcome: object): outcome is Refusal => "status" in outcome && "message" in outcome;

/** Builds an action; `change` returns a done message, data for the page (with `done`), or a refusal. */
export function formAction<T, R extends { done: string }>(
  schema: z.ZodType<T>,
  change: (input: T, context: ActionContext) => Promise<string | R | Refusal>,
) {
  return async ({
    request,
    platform,
    params,
  }: RequestEvent): Promise<R | { done: string } | ActionFailure<{ message: string }>> => {
    const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success) return fail(400, { message: parsed.error.issues[0]?.message ?? "Invalid form." });
    const db = dbFrom(platform);
    const workspace = await currentWorkspace(db);
    if (!workspace) return fail(404, { message: "There is no workspace yet." });
    const by: WebActor = { actor: "user:web", now: Date.now() };
    const outcome = await change(parsed.data, { db, workspaceId: workspace.id, by, platform, params });
    if (typeof outcome === "string") return { done: outcome };
    return isRefusal(outcome) ? fail(outcome.status, { message: outcome.message }) : outcome;
  };
}
