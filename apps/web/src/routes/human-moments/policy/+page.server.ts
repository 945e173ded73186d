import {
  POLICY_ACTION_KINDS,
  type PolicyCheckRequest,
  type PolicyDecision,
  policyDocument,
} from "@firebreak/core/policy";
import * as placement from "@firebreak/db/queries/placement";
import * as policy from "@firebreak/db/queries/policy";
import * as sources from "@firebreak/db/queries/sources";
import { error } from "@sveltejs/kit";
import { z } from "zod";
import { dbFrom } from "$lib/server/db";
import { formAction, refuse } from "$lib/server/form-action";
import { requireRole } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

/** The policy as bots read it, the API's URLs, and what the check form offers to pick from. */
export const load: PageServerLoad = async ({ platform }) => {
  const { workspace } = requireRole("viewer");
  const db = dbFrom(platform);
  const [content, touchpoints, sourceRows] = await Promise.all([
    policy.content(db, workspace.id),
    placement.touchpointChoices(db, workspace.id),
    sources.list(db, workspace.id),
  ]);
  if (!content) error(404, { message: "No such workspace." });
  return {
    workspace,
    document: await policyDocument(content, Date.now()),
    apiUrl: `${platform?.env.INGEST_URL ?? ""}/api/v1/policy`,
    touchpoints,
    sources: sourceRows.map((s) => ({ id: s.id, name: s.name, provider: s.provider })),
  };
};

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || undefined)
    .optional();

/** The check form: one touchpoint, or what is known of a conversation; then the action. */
const ZCheckForm = z
  .object({
    by: z.enum(["touchpoint", "attributes"]),
    touchpointId: optional(64),
    sourceId: optional(64),
    channel: optional(40),
    tags: optional(2000),
    text: optional(20_000),
    language: z
      .string()
      .trim()
      .regex(/^([a-z]{2})?$/, "The language is a two-letter code, such as en.")
      .transform((v) => v || undefined)
      .optional(),
    kind: z.enum(POLICY_ACTION_KINDS, "Choose what would act."),
    customerFacing: z.literal("on").optional(),
  })
  .refine((f) => f.by !== "touchpoint" || f.touchpointId, {
    message: "Choose a touchpoint.",
    path: ["touchpointId"],
  })
  .transform((f): PolicyCheckRequest => {
    const action = { kind: f.kind, customerFacing: f.customerFacing === "on" };
    if (f.by === "touchpoint") return { touchpointId: f.touchpointId as string, action };
    const tags = f.tags
      ?.split(",")
      .map((t) => t.trim())
      .filter(Boolean);
    return {
      attributes: {
        sourceId: f.sourceId,
        channel: f.channel,
        tags: tags?.length ? tags : undefined,
        text: f.text,
        language: f.language,
      },
      action,
    };
  });

export const actions = {
  // Any member may ask: the check changes nothing, exactly like `POST /api/v1/policy/check` with a read token.
  check: formAction<PolicyCheckRequest, { done: string; decision: PolicyDecision }>(
    ZCheckForm,
    async (db, workspaceId, request) => {
      const decision = await policy.check(db, workspaceId, request);
      if (!decision)
        return refuse(404, "That touchpoint is not in this workspace.", { fields: { touchpointId: "Not found." } });
      return { done: decision.reason, decision };
    },
    { role: "viewer" },
  ),
} satisfies Actions;
