/**
 * HubSpot webhook batches → one ticket item per usable ticket event. Events carry ids and at most one changed
 * property, so items without text are flagged for enrichment (the ticket is fetched through the CRM API).
 * The batch has no id of its own: the delivery's `eventId` stays undefined and the router fingerprints the body,
 * while each item carries HubSpot's per-event `eventId`.
 * @module
 */
import { type AutomationClue, detectAutomation } from "../../analysis/automation.ts";
import type { NormalizedFeedback } from "../../model.ts";
import { parseJson } from "../json.ts";
import type { ParseResult, RawDelivery } from "../types.ts";
import { type HubSpotTicketEvent, ZHubSpotBatch, ZHubSpotEventType, ZHubSpotTicketEvent } from "./schema.ts";

/** Ticket properties whose change is worth an item: the description, the subject, and the pipeline stage (status). */
const TEXT_PROPERTY = "content";
const TITLE_PROPERTY = "subject";
const STAGE_PROPERTY = "hs_pipeline_stage";
const TRACKED_PROPERTIES = new Set([TEXT_PROPERTY, TITLE_PROPERTY, STAGE_PROPERTY]);

export function parseHubSpot(delivery: RawDelivery): ParseResult {
  const json = parseJson(delivery.text);
  if (!json.ok) return { kind: "invalid", status: 400, reason: json.reason };
  const batch = ZHubSpotBatch.safeParse(json.value);
  if (!batch.success) {
    return { kind: "invalid", status: 422, reason: "expected a non-empty JSON array of HubSpot events" };
  }

  const items: NormalizedFeedback[] = [];
  let malformed: string | undefined;
  for (const [index, value] of batch.data.entries()) {
    if (!isTrackedTicketEvent(value)) continue;
    const event = ZHubSpotTicketEvent.safeParse(value);
    // One malformed event must not cost the others: refusing the batch would drop them all.
    if (!event.success) {
      const issue = event.error.issues[0];
      malformed ??= `event ${index}: ${issue?.path.join(".") || "event"}: ${issue?.message}`;
      continue;
    }
    items.push(ticketItem(event.data));
  }
  if (items.length > 0) return { kind: "events", items };
  return {
    kind: "invalid",
    status: 422,
    reason: malformed ?? "the batch has no ticket creation or ticket content, subject or stage change",
  };
}

function isTrackedTicketEvent(value: unknown): boolean {
  const typed = ZHubSpotEventType.safeParse(value);
  if (!typed.success) return false;
  if (typed.data.subscriptionType === "ticket.creation") return true;
  if (typed.data.subscriptionType !== "ticket.propertyChange") return false;
  const property = (value as { propertyName?: unknown }).propertyName;
  return typeof property === "string" && TRACKED_PROPERTIES.has(property);
}

function ticketItem(event: HubSpotTicketEvent): NormalizedFeedback {
  const changed = event.subscriptionType === "ticket.propertyChange" ? event.propertyName : undefined;
  const value = event.propertyValue ?? undefined;
  const text = changed === TEXT_PROPERTY ? (value ?? "") : "";
  return {
    externalId: event.objectId,
    kind: "ticket",
    channel: "ticket",
    title: changed === TITLE_PROPERTY ? value || undefined : undefined,
    text,
    scale: "none",
    tags: [],
    // Stage ids are portal-specific ("4"), so they are kept as ids rather than guessed names.
    status: changed === STAGE_PROPERTY && value ? `pipeline_stage:${value}` : undefined,
    occurredAt: event.occurredAt,
    revisionAt: event.occurredAt,
    eventId: event.eventId,
    needsEnrichment: !text.trim(),
    // HubSpot events carry no tags or author; the change source is the one automation fact they hold.
    handledBy: detectAutomation({ provider: "HubSpot", clues: automationClues(event) }),
  };
}

/** HubSpot's property change sources that are no person: chatflow bots and workflows. */
const AUTOMATED_SOURCES: Record<string, AutomationClue["kind"]> = { BOT: "bot", AUTOMATION_PLATFORM: "automation" };

function automationClues(event: HubSpotTicketEvent): AutomationClue[] {
  const source = event.changeSource?.trim().toUpperCase();
  const kind = source ? AUTOMATED_SOURCES[source] : undefined;
  return kind ? [{ kind, evidence: `${event.subscriptionType} by changeSource = ${source}` }] : [];
}
