import type { Db } from "@firebreak/db/client";
import { listJourneys } from "@firebreak/db/queries/map";
import * as segmentDays from "@firebreak/db/queries/segment-days";
import * as segments from "@firebreak/db/queries/segments";
import { type RequestEvent, redirect } from "@sveltejs/kit";
import { z } from "zod";
import { dbFrom } from "$lib/server/db";
import { formAction, listOf } from "$lib/server/form-action";
import { currentWorkspace } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ platform }) => {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const [rows, attributes, journeys] = await Promise.all([
    segments.list(db, workspace.id),
    segments.attributeValues(db, workspace.id),
    listJourneys(db, workspace.id),
  ]);
  return { workspace, segments: rows, attributes, firstJourneyId: journeys[0]?.id ?? null };
};

const ZValue = z.string().trim().min(1).max(64);
const ZId = z.string().min(1).max(64);

const ZSegmentFields = z.object({
  kind: z.enum(["segment", "persona"], { error: "Choose segment or persona." }),
  name: z.string({ error: "Give it a name." }).trim().min(1, "Give it a name.").max(80),
  description: z.string().trim().max(500).default(""),
  /** Attribute choices arrive as `key=value` checkbox values. */
  attr: listOf(z.string().regex(/^[^=]{1,64}=[^=]{1,64}$/, "Unknown attribute choice.")).default([]),
  /** Tags arrive as one comma-separated field. */
  tags: z.string().max(500).default(""),
});

/** The form as a saved filter; refuses a filter that selects everyone. */
function toSegment<T extends z.infer<typeof ZSegmentFields>>({ attr, tags, ...rest }: T, context: z.RefinementCtx) {
  const attributes: Record<string, string[]> = {};
  for (const choice of attr) {
    const [key, value] = choice.split("=") as [string, string];
    attributes[key] = [...(attributes[key] ?? []), value];
  }
  const tagList = [
    ...new Set(
      tags
        .split(",")
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (tagList.some((t) => !ZValue.safeParse(t).success))
    context.addIssue({ code: "custom", message: "A tag is too long." });
  if (Object.keys(attributes).length === 0 && tagList.length === 0)
    context.addIssue({
      code: "custom",
      message: "Choose at least one attribute value or tag, or it would be everyone.",
    });
  return { ...rest, filter: { attributes, tags: tagList } };
}

const ZCreate = ZSegmentFields.transform(toSegment);
const ZUpdate = ZSegmentFields.extend({ id: ZId }).transform(toSegment);

const gone = { status: 404 as const, message: "That segment no longer exists." };

/** The days a map's default view reads (90, and the 90 before for the volume baseline); the cron builds the rest. */
const BUILD_NOW_DAYS = 180;

/**
 * Builds the workspace's segments' stale days after the response, so the new definition's map reads rollups soon
 * (until then, and for days not built, it groups the items).
 */
function buildSegmentDays(event: RequestEvent, db: Db, workspaceId: string) {
  event.platform?.context?.waitUntil(
    segmentDays.refresh(db, workspaceId, BUILD_NOW_DAYS).catch((error: unknown) => {
      console.error(JSON.stringify({ level: "error", workspaceId, message: `segment days: ${String(error)}` }));
    }),
  );
}

export const actions: Actions = {
  create: formAction(ZCreate, async (db, workspaceId, input, by, event) => {
    const row = await segments.create(db, workspaceId, input, by);
    buildSegmentDays(event, db, workspaceId);
    return `Saved the ${row.kind} “${row.name}”.`;
  }),
  update: formAction(ZUpdate, async (db, workspaceId, { id, ...input }, by, event) => {
    if (!(await segments.update(db, workspaceId, id, input, by))) return gone;
    buildSegmentDays(event, db, workspaceId);
    return `Saved “${input.name}”.`;
  }),
  delete: formAction(z.object({ id: ZId }), async (db, workspaceId, { id }, by) =>
    (await segments.remove(db, workspaceId, id, by)) ? "Deleted." : gone,
  ),
};
