/**
 * Firebreak's Freshdesk template as Freshdesk renders it (shared/docs/providers.md "Firebreak conventions" and §8):
 * placeholders become human strings, tags "a, b".
 * @module
 */

/** A German ticket from the customer portal, with an emoji. */
export const ticketCreated = {
  source: "freshdesk",
  event: "ticket_created",
  ticket: {
    id: "4711",
    subject: "Export nach CSV schlägt fehl",
    description: "Der Export bricht bei 99 % ab 😤 – bitte dringend prüfen.",
    status: "Open",
    priority: "High",
    source: "Portal",
    tags: "export, safari",
    url: "https://acme.freshdesk.com/helpdesk/tickets/4711",
    latest_public_comment: "",
    requester: { email: "jana.mueller@example.de", name: "Jana Müller" },
  },
};

/** A Danish update: the latest public reply replaces the description as text. */
export const ticketUpdated = {
  source: "freshdesk",
  event: "ticket_updated",
  ticket: {
    id: "4712",
    subject: "Faktura mangler",
    description: "Jeg har ikke modtaget min faktura for oktober.",
    status: "Waiting on Customer",
    priority: "Medium",
    source: "Email",
    tags: "faktura",
    url: "https://acme.freshdesk.com/helpdesk/tickets/4712",
    latest_public_comment: "Stadig ingen faktura – det er tredje gang jeg skriver. 🙄",
    requester: { email: "mette@example.dk", name: "Mette Ærø" },
  },
};

/** The template without the optional comment and with empty placeholders. */
export const ticketSparse = {
  source: "freshdesk",
  event: "ticket_created",
  ticket: {
    id: 4713,
    subject: "",
    description: "App crashes on login",
    status: "",
    priority: "",
    source: "",
    tags: "",
    url: "",
    requester: { email: "", name: "" },
  },
};

/** What arrives if the template is sent before placeholders render (e.g. pasted into a test tool). */
export const unrendered = {
  source: "freshdesk",
  event: "ticket_created",
  ticket: {
    id: "{{ticket.id}}",
    subject: "{{ticket.subject}}",
    description: "{{ticket.description_text}}",
    status: "{{ticket.status}}",
    source: "{{ticket.source}}",
    tags: "{{ticket.tags}}",
    url: "{{ticket.url}}",
    requester: { email: "{{ticket.requester.email}}", name: "{{ticket.requester.name}}" },
  },
};

export const unknownEvent = { ...ticketCreated, event: "ticket_deleted" };

/** A ticket Freddy's bot opened from the chat widget, tagged by the bot flow. */
export const ticketFromBot = {
  ...ticketCreated,
  ticket: {
    ...ticketCreated.ticket,
    id: "4720",
    subject: "Konto gesperrt",
    description: "Mein Konto ist gesperrt und ich komme nicht an meine Rechnungen.",
    source: "Bot",
    tags: "freddy, auto-reply",
  },
};
