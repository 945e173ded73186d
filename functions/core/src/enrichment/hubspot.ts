/**
 * HubSpot: webhook events carry a ticket's id and at most one changed property; the ticket comes from the CRM objects
 * API, `GET https://api.hubapi.com/crm/v3/objects/tickets/{id}` (a private app's access token, `tickets` scope), with
 * its associated contact, whose email is read from `GET /crm/v3/objects/contacts/{id}` when the token may.
 * @see https://developers.hubspot.com/docs/api/crm/tickets
 * @module
 */
import { z } from "zod";
import { parseProviderTime } from "../providers/time.ts";
import {
  asEmail,
  asRecord,
  asText,
  getJson,
  httpContext,
  isSafeSegment,
  missingReference,
  unexpectedAnswer,
} from "./http.ts";
import type { EnrichedDetails, EnrichmentClient, EnrichmentClientOptions, EnrichmentResult } from "./types.ts";

const LABEL = "HubSpot";
const BASE = "https://api.hubapi.com/crm/v3/objects";

/** The CRM object type per item kind the HubSpot adapter records; it records tickets only. */
const OBJECT_TYPES: Partial<Record<string, string>> = { ticket: "tickets" };

/** The ticket properties mapped; the adapter tracks the same three (`content`, `subject`, `hs_pipeline_stage`). */
const PROPERTIES = ["subject", "content", "hs_pipeline_stage", "source_type", "createdate", "hs_lastmodifieddate"];

/** HubSpot's ticket `source_type` → Firebreak channels; unknown sources keep the adapter's "ticket". */
const CHANNELS: Record<string, string> = { EMAIL: "email", CHAT: "chat", PHONE: "phone", FORM: "web" };

export const ZHubSpotEnrichmentSettings = z.object({}).strict();

export function hubspotClient(options: EnrichmentClientOptions): EnrichmentClient {
  const http = httpContext(options, LABEL);
  const headers = { authorization: `Bearer ${options.credential}` };
  return {
    provider: "hubspot",
    async fetchDetails(reference): Promise<EnrichmentResult> {
      const objectType = OBJECT_TYPES[reference.kind];
      if (!objectType || !isSafeSegment(reference.externalId)) return missingReference(LABEL, "ticket");
      const query = `properties=${PROPERTIES.join(",")}&associations=contacts`;
      const ticket = await getJson(http, `${BASE}/${objectType}/${reference.externalId}?${query}`, headers);
      if (!ticket.ok) return ticket.result;
      const details = mapHubSpotTicket(ticket.value);
      if (!details) return unexpectedAnswer(LABEL, "a ticket");
      if (!details.customerId || !isSafeSegment(details.customerId)) return { kind: "enriched", details };

      const contact = await getJson(http, `${BASE}/contacts/${details.customerId}?properties=email`, headers);
      if (!contact.ok) {
        // Slowing down is worth a retry; a token without the contacts scope, or a deleted contact, only costs the email.
        if (contact.result.kind === "retry") return contact.result;
        return { kind: "enriched", details };
      }
      const email = asEmail(asRecord(asRecord(contact.value)?.properties)?.email);
      return { kind: "enriched", details: { ...details, customerEmail: email } };
    },
  };
}

/** A CRM ticket in normalized terms (the contact's email is fetched separately); `undefined` when it is not one. */
export function mapHubSpotTicket(value: unknown): EnrichedDetails | undefined {
  const ticket = asRecord(value);
  const properties = asRecord(ticket?.properties);
  if (!ticket || !properties) return undefined;
  const stage = asText(properties.hs_pipeline_stage);
  const source = asText(properties.source_type)?.toUpperCase();
  const contacts = asRecord(asRecord(ticket.associations)?.contacts)?.results;
  const contact = Array.isArray(contacts) ? asText(asRecord(contacts[0])?.id) : undefined;
  return {
    title: asText(properties.subject),
    text: typeof properties.content === "string" ? properties.content : "",
    // As the adapter: stage ids are portal-specific ("4"), so they stay ids.
    status: stage ? `pipeline_stage:${stage}` : undefined,
    channel: source ? CHANNELS[source] : undefined,
    customerId: contact,
    occurredAt: parseProviderTime(properties.createdate) ?? parseProviderTime(ticket.createdAt),
    revisionAt: parseProviderTime(properties.hs_lastmodifieddate) ?? parseProviderTime(ticket.updatedAt),
  };
}
