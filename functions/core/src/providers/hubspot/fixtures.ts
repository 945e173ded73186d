/**
 * HubSpot webhook batches as documented in shared/docs/providers.md §10: a JSON array of events with numeric ids,
 * millisecond `occurredAt`, and the new value on property changes.
 * @module
 */

const common = { subscriptionId: 2418431, portalId: 62515, appId: 54321, attemptNumber: 0, changeSource: "CRM" };

/** One delivery: a new ticket, its German description, a Danish subject edit, and events that are not tickets. */
export const mixedBatch = [
  {
    ...common,
    eventId: 1839281001,
    occurredAt: 1795168500000,
    subscriptionType: "ticket.creation",
    objectId: 880011,
    changeFlag: "CREATED",
  },
  {
    ...common,
    eventId: 1839281002,
    occurredAt: 1795168500120,
    subscriptionType: "ticket.propertyChange",
    objectId: 880011,
    propertyName: "content",
    propertyValue: "Die App stürzt beim Bezahlen ab 💥 – schon zum dritten Mal.",
    changeSource: "FORM",
    sourceId: "form:1234",
  },
  {
    ...common,
    eventId: 1839281003,
    occurredAt: 1795168560000,
    subscriptionType: "ticket.propertyChange",
    objectId: 880012,
    propertyName: "subject",
    propertyValue: "Betaling fejler på mobil",
  },
  {
    ...common,
    eventId: 1839281004,
    occurredAt: 1795168570000,
    subscriptionType: "contact.creation",
    objectId: 5120,
    changeFlag: "CREATED",
  },
  {
    ...common,
    eventId: 1839281005,
    occurredAt: 1795168580000,
    subscriptionType: "ticket.propertyChange",
    objectId: 880012,
    propertyName: "hs_ticket_priority",
    propertyValue: "HIGH",
  },
  {
    ...common,
    eventId: 1839281006,
    occurredAt: 1795168590000,
    subscriptionType: "ticket.propertyChange",
    objectId: 880013,
    propertyName: "hs_pipeline_stage",
    propertyValue: "4",
    attemptNumber: 2,
  },
];

/** A description cleared to empty: an item without text, so it needs enrichment. */
export const clearedContent = [
  {
    ...common,
    eventId: 1839281010,
    occurredAt: 1795168600000,
    subscriptionType: "ticket.propertyChange",
    objectId: "880014",
    propertyName: "content",
    propertyValue: "",
  },
];

export const contactsOnly = [
  { ...common, eventId: 1, occurredAt: 1795168500000, subscriptionType: "contact.creation", objectId: 123 },
  {
    ...common,
    eventId: 2,
    occurredAt: 1795168500000,
    subscriptionType: "deal.propertyChange",
    objectId: 456,
    propertyName: "amount",
    propertyValue: "0",
  },
];

/** A ticket event that lost its objectId, next to a good one. */
export const oneMalformed = [
  { ...common, eventId: 3, occurredAt: 1795168500000, subscriptionType: "ticket.creation" },
  { ...common, eventId: 4, occurredAt: 1795168501000, subscriptionType: "ticket.creation", objectId: 880015 },
];

/** A ticket a chatflow bot created, and a workflow moving another ticket's stage (`changeSource`). */
export const automatedChanges = [
  {
    ...common,
    eventId: 1839281101,
    occurredAt: 1795168700000,
    subscriptionType: "ticket.creation",
    objectId: 880021,
    changeFlag: "CREATED",
    changeSource: "BOT",
  },
  {
    ...common,
    eventId: 1839281102,
    occurredAt: 1795168760000,
    subscriptionType: "ticket.propertyChange",
    objectId: 880022,
    propertyName: "hs_pipeline_stage",
    propertyValue: "4",
    changeSource: "AUTOMATION_PLATFORM",
  },
];
