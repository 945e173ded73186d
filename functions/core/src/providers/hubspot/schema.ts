/**
 * The HubSpot webhook fields Firebreak reads (shared/docs/providers.md §10): the body is an array of up to 100
 * events, each classified by `subscriptionType` before its ticket fields are read.
 * @module
 */
import { z } from "zod";

const ZId = z.union([z.string().trim().min(1).max(100), z.number().int().nonnegative()]).transform(String);

/** HubSpot documents at most 100 events per request; the cap leaves room without admitting unbounded work. */
export const ZHubSpotBatch = z.array(z.unknown()).min(1).max(1000);

export const ZHubSpotEventType = z.object({ subscriptionType: z.string().max(200) });

export const ZHubSpotTicketEvent = z.object({
  eventId: ZId,
  subscriptionType: z.string(),
  objectId: ZId,
  occurredAt: z.number().finite().nonnegative(),
  propertyName: z.string().max(200).nullish(),
  propertyValue: z.union([z.string(), z.number()]).transform(String).nullish(),
  /** What made the change: `CRM_UI`, `API`, `AUTOMATION_PLATFORM` (a workflow), `BOT` (a chatflow), … */
  changeSource: z.string().max(100).nullish(),
});

export type HubSpotTicketEvent = z.infer<typeof ZHubSpotTicketEvent>;
