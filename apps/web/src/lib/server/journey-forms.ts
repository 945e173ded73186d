/**
 * The zod shapes of the journey forms, shared by the journeys page, the editor and the map's actions.
 * @module
 */
import { TOUCHPOINT_CHANNELS, type TouchpointChannel } from "@firebreak/core/journey";
import { z } from "zod";

export const ZId = z.string().min(1).max(64);

const name = (what: string) =>
  z.string().trim().min(1, `Give the ${what} a name.`).max(120, "Keep the name under 120 characters.");
const description = z.string().trim().max(2000, "Keep the description under 2,000 characters.").default("");
const index = z.coerce.number().int().min(0).max(10_000);

export const ZJourney = z.object({ name: name("journey"), description });
export const ZJourneyEdit = ZJourney.extend({ id: ZId });
export const ZTarget = z.object({ id: ZId });
/** Putting back a deleted stage or touchpoint (the editor's undo). */
export const ZRestore = z.object({ kind: z.enum(["stage", "touchpoint"]), id: ZId });
export const ZMove = z.object({ id: ZId, index });

export const ZStage = z.object({ name: name("stage"), description });
export const ZStageEdit = ZStage.extend({ id: ZId });

const channel = z.enum(Object.keys(TOUCHPOINT_CHANNELS) as [TouchpointChannel, ...TouchpointChannel[]], {
  message: "Choose a channel from the list.",
});
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);

export const ZTouchpoint = z.object({
  stageId: ZId,
  name: name("touchpoint"),
  description,
  channel,
  owner: optional(120),
});

/** A checkbox is "on" when ticked and absent otherwise. */
export const ZTouchpointEdit = z
  .object({
    id: ZId,
    name: name("touchpoint"),
    description,
    channel,
    owner: optional(120),
    isHumanMoment: z
      .literal("on")
      .optional()
      .transform((v) => v === "on"),
    humanMomentReason: optional(500),
    humanMomentOwner: optional(120),
  })
  .refine((t) => !t.isHumanMoment || (t.humanMomentReason && t.humanMomentOwner), {
    message: "A human moment needs a reason and an owner.",
  });

export const ZTouchpointMove = z.object({ id: ZId, stageId: ZId, index });
export const ZTouchpointDelete = z.object({
  id: ZId,
  moveItemsTo: z
    .string()
    .max(64)
    .optional()
    .transform((v) => v || null),
});
