import { describe, expect, it } from "vitest";
import { fakeFetch, hubspotContact, hubspotTicket } from "./fixtures.ts";
import { hubspotClient, mapHubSpotTicket } from "./hubspot.ts";

const TOKEN = "pat-eu1-0c1d2e3f-4a5b";
const TICKET_URL =
  "https://api.hubapi.com/crm/v3/objects/tickets/880012" +
  "?properties=subject,content,hs_pipeline_stage,source_type,createdate,hs_lastmodifieddate&associations=contacts";
const CONTACT_URL = "https://api.hubapi.com/crm/v3/objects/contacts/5120?properties=email";
const REFERENCE = { externalId: "880012", kind: "ticket" as const };

describe("hubspot enrichment: happy path", () => {
  it("fetches the ticket with its contact through the CRM objects API and maps it like the adapter", async () => {
    const { fetch, seen } = fakeFetch({ [TICKET_URL]: hubspotTicket, [CONTACT_URL]: hubspotContact });
    const result = await hubspotClient({ fetch, credential: TOKEN }).fetchDetails(REFERENCE);

    expect(seen.map((r) => r.url)).toEqual([TICKET_URL, CONTACT_URL]);
    expect(seen.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(result).toEqual({
      kind: "enriched",
      details: {
        title: "Betaling fejler på mobil",
        text: hubspotTicket.properties.content,
        status: "pipeline_stage:2",
        channel: "email",
        customerId: "5120",
        customerEmail: "ole.nielsen@example.dk",
        occurredAt: Date.parse("2026-11-20T09:54:10.121Z"),
        revisionAt: Date.parse("2026-11-20T09:59:30.002Z"),
      },
    });
  });

  it("still enriches when the contact cannot be read, but retries when HubSpot asks to slow down", async () => {
    const forbidden = fakeFetch({ [TICKET_URL]: hubspotTicket, [CONTACT_URL]: new Response("{}", { status: 403 }) });
    const withoutEmail = await hubspotClient({ fetch: forbidden.fetch, credential: TOKEN }).fetchDetails(REFERENCE);
    expect(withoutEmail).toMatchObject({ kind: "enriched", details: { customerId: "5120" } });
    expect(withoutEmail.kind === "enriched" && withoutEmail.details.customerEmail).toBeFalsy();

    const limited = fakeFetch({ [TICKET_URL]: hubspotTicket, [CONTACT_URL]: new Response("{}", { status: 429 }) });
    const retry = await hubspotClient({ fetch: limited.fetch, credential: TOKEN }).fetchDetails(REFERENCE);
    expect(retry).toMatchObject({ kind: "retry", rateLimited: true });
  });

  it("maps a ticket without content, stage or contact", () => {
    expect(mapHubSpotTicket({ id: "1", properties: { subject: "Hi", source_type: "PORTAL" } })).toEqual({
      title: "Hi",
      text: "",
      status: undefined,
      channel: undefined,
      customerId: undefined,
      occurredAt: undefined,
      revisionAt: undefined,
    });
  });
});

describe("hubspot enrichment: errors", () => {
  it("classifies a missing scope as a credential problem and a deleted ticket as gone", async () => {
    for (const [status, kind] of [
      [401, "credential"],
      [403, "credential"],
      [404, "gone"],
      [502, "retry"],
    ] as const) {
      const { fetch } = fakeFetch({ [TICKET_URL]: new Response("{}", { status }) });
      expect((await hubspotClient({ fetch, credential: TOKEN }).fetchDetails(REFERENCE)).kind, String(status)).toBe(
        kind,
      );
    }
  });

  it("only knows the object type the adapter records", async () => {
    const { fetch, seen } = fakeFetch({});
    const result = await hubspotClient({ fetch, credential: TOKEN }).fetchDetails({ externalId: "1", kind: "survey" });
    expect(result.kind).toBe("gone");
    expect(seen).toHaveLength(0);
  });
});
