import { defaultPeriod } from "@firebreak/core/reviews/index";
import { scopeJourneys } from "@firebreak/db/queries/review-figures";
import * as reviews from "@firebreak/db/queries/reviews";
import { redirect } from "@sveltejs/kit";
import { z } from "zod";
import { roleAtLeast } from "$lib/server/auth";
import { dbFrom } from "$lib/server/db";
import { formAction } from "$lib/server/form-action";
import { ZOptionalDay, ZOptionalId } from "$lib/server/review-forms";
import { currentWorkspace } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ platform, locals }) => {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const [sessions, journeys] = await Promise.all([
    reviews.list(db, workspace.id),
    scopeJourneys(db, workspace.id, null),
  ]);
  return {
    workspace,
    sessions,
    journeys,
    defaultPeriod: defaultPeriod(Date.now()),
    canEdit: roleAtLeast(locals.membership?.role ?? "viewer", "editor"),
  };
};

const ZCreate = z
  .object({
    from: ZOptionalDay,
    to: ZOptionalDay,
    journeyId: ZOptionalId,
    title: z.string().trim().max(120, "Keep the title under 120 characters.").optional(),
  })
  .refine((v) => (v.from === null) === (v.to === null), {
    message: "Give both the first and the last day, or neither.",
    path: ["to"],
  })
  .refine((v) => v.from === null || v.to === null || v.from <= v.to, {
    message: "The last day comes after the first.",
    path: ["to"],
  });

export const actions: Actions = {
  create: formAction(ZCreate, async (db, workspaceId, input, by) => {
    const period = input.from && input.to ? { from: input.from, to: input.to } : undefined;
    const created = await reviews.create(
      db,
      workspaceId,
      { period, journeyId: input.journeyId, title: input.title },
      by,
    );
    if (!created.ok) {
      return created.problem === "journey"
        ? { status: 400, message: "That journey does not exist." }
        : { status: 400, message: "The last day comes after the first." };
    }
    redirect(303, `/reviews/${encodeURIComponent(created.id)}`);
  }),
};
