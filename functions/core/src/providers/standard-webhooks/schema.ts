/**
 * Firebreak's generic feedback event over Standard Webhooks: the spec's `{type, timestamp, data}` envelope with
 * feedback fields in `data` (see shared/docs/providers.md §14).
 * @module
 */
import { z } from "zod";
import { ZHandledByKind, ZItemKind, ZScale } from "../../model.ts";

const ZText = z.string().max(20_000);

export const ZStandardFeedbackEvent = z.object({
  type: z.string().min(1).max(200),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  data: z.object({
    id: z.union([z.string().min(1).max(200), z.number().int()]).transform(String),
    kind: ZItemKind.default("survey"),
    score: z.number().finite().optional(),
    scale: ZScale.default("none"),
    title: ZText.optional(),
    comment: ZText.default(""),
    channel: z.string().min(1).max(50).default("web"),
    tags: z.array(z.string().max(100)).max(100).default([]),
    touchpoint: z.string().min(1).max(200).optional(),
    language: z.string().min(2).max(8).optional(),
    url: z.url().max(2000).optional(),
    occurred_at: z.iso.datetime({ offset: true }).optional(),
    /** Who answered: `bot`, `macro`, `automation`, a name such as `auto-reply`, `human`; or `{kind, evidence}`. */
    handled_by: z
      .union([
        z.string().min(1).max(200),
        z.object({ kind: ZHandledByKind, evidence: z.string().min(1).max(200).optional() }),
      ])
      .optional(),
    customer: z
      .object({
        id: z
          .union([z.string().max(200), z.number()])
          .transform(String)
          .optional(),
        email: z.string().max(320).optional(),
        attributes: z.record(z.string().max(50), z.string().max(200)).optional(),
      })
      .optional(),
  }),
});

export type StandardFeedbackEvent = z.infer<typeof ZStandardFeedbackEvent>;
