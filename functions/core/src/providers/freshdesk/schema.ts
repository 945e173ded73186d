/**
 * The fields of Firebreak's Freshdesk automation template ("Firebreak conventions" in shared/docs/providers.md).
 * Placeholders render as human text ("Open", "export, safari"), so everything is a string.
 * @module
 */
import { z } from "zod";

/** Placeholders render as strings; numbers are admitted for hand-edited templates. */
const ZRendered = z.union([z.string(), z.number()]).transform(String);

export const ZFreshdeskTicketEvent = z.object({
  event: z.string().max(100),
  ticket: z.object({
    id: ZRendered,
    subject: ZRendered.optional(),
    description: ZRendered.optional(),
    status: z.string().max(100).optional(),
    source: z.string().max(100).optional(),
    tags: z.string().optional(),
    url: z.string().max(2000).optional(),
    latest_public_comment: ZRendered.optional(),
    requester: z.object({ email: z.string().max(320).optional() }).optional(),
  }),
});

export type FreshdeskTicketEvent = z.infer<typeof ZFreshdeskTicketEvent>;
