/**
 * Help Scout webhook bodies: the Rating object as in the webhook docs' example, and Conversation objects in the
 * webhook-docs (`customer`, `threads`) and Mailbox API 2.0 (`primaryCustomer`, `_embedded.threads`) spellings.
 * @module
 */

/** A "Bad" rating with a Danish comment, as the docs' example shapes it. */
export const badRatingDanish = {
  id: 41224,
  customer: {
    id: 29418,
    firstName: "Søren",
    lastName: "Ærø",
    emails: [{ id: 1, value: "soeren@example.dk", location: "home" }],
  },
  ticketId: 1_005_811,
  threadId: 9_911_223,
  mailbox: { id: 1234, name: "Kundeservice" },
  rating: "Bad",
  comments: "Ingen svarede i tre dage 😞",
  createdAt: "2025-11-19T08:12:45Z",
  modifiedAt: "2025-11-19T08:15:02Z",
};

/** A "Great" rating without comment or modification time, the customer's emails as plain strings. */
export const greatRatingNoComment = {
  id: "41225",
  customer: { id: "29419", firstName: "Anna", lastName: "Schäfer", emails: ["anna@example.de"] },
  ticketId: "1005812",
  rating: "Great",
  createdAt: "2025-11-19T09:00:00Z",
};

/** An "Okay" rating, Mailbox API 2.0 style customer with a single `email`. */
export const okayRatingV2Customer = {
  id: 41226,
  customer: { id: 29420, email: "kim@example.com" },
  rating: "Okay",
  comments: "Fine I guess 🤷",
  createdAt: "2025-11-19T10:00:00Z",
  modifiedAt: "2025-11-19T10:00:00Z",
};

/** A new conversation in the webhook docs' shape, with its first customer thread in German HTML. */
export const conversationCreatedGerman = {
  id: 291938,
  type: "email",
  folderId: 1234,
  isDraft: false,
  number: 349,
  mailbox: { id: 85, name: "Support" },
  customer: { id: 29418, firstName: "Jonas", lastName: "Müller", email: "jonas@example.de", type: "customer" },
  threadCount: 1,
  status: "active",
  subject: "Lieferung beschädigt",
  preview: "Hallo, die Lieferung kam beschädigt an…",
  createdBy: { id: 29418, type: "customer", email: "jonas@example.de" },
  createdAt: "2025-11-20T09:30:00Z",
  modifiedAt: "2025-11-20T09:30:00Z",
  tags: ["lieferung", "schaden"],
  threads: [
    {
      id: 88001,
      type: "customer",
      createdBy: { id: 29418, type: "customer", email: "jonas@example.de" },
      body: "<p>Hallo,</p><p>die Lieferung kam besch&auml;digt an &amp; der Karton war nass.</p><br/>Gr&#252;&szlig;e 📦",
      createdAt: "2025-11-20T09:30:00Z",
    },
  ],
};

/** A customer reply in the Mailbox API 2.0 shape: threads embedded newest first, with agent threads between. */
export const customerReplyV2 = {
  id: 291939,
  number: 350,
  type: "chat",
  status: "pending",
  subject: "Refund",
  preview: "Still waiting…",
  primaryCustomer: { id: 5001, first: "Mette", last: "Holm", email: "mette@example.dk" },
  createdAt: "2025-11-18T12:00:00Z",
  tags: [{ id: 1, tag: "refund", color: "#ff0000" }],
  _embedded: {
    threads: [
      {
        id: 90003,
        type: "customer",
        body: "Still waiting for my refund. This is the third time I write. 😡",
        createdAt: "2025-11-20T09:45:00Z",
        createdBy: { id: 5001, type: "customer", email: "mette@example.dk" },
      },
      { id: 90002, type: "message", body: "We are on it!", createdAt: "2025-11-19T10:00:00Z" },
      { id: 90001, type: "customer", body: "Where is my refund?", createdAt: "2025-11-18T12:00:00Z" },
    ],
  },
};

/** A new conversation without any threads: only the preview is known. */
export const conversationCreatedPreviewOnly = {
  id: 291940,
  type: "phone",
  status: "active",
  subject: "Rückruf",
  preview: "Kunde bittet um Rückruf wegen Rechnung",
  customer: { id: 7, emails: [{ value: "rueckruf@example.de" }] },
  createdAt: "2025-11-20T08:00:00Z",
  threadCount: 1,
};

/**
 * A customer reply after a workflow answered: the workflow's line item (`actionType` "workflow", its id in
 * `actionSourceId`) and the reply it sent from a saved reply (`savedReplyId`), as webhooks' Thread Object has them.
 */
export const replyAfterWorkflow = {
  ...conversationCreatedGerman,
  id: 291941,
  number: 351,
  subject: "Kündigung",
  tags: ["kuendigung"],
  threads: [
    {
      id: 88013,
      type: "customer",
      createdBy: { id: 29418, type: "customer", email: "jonas@example.de" },
      body: "Das war keine Antwort auf meine Frage. Ich möchte mit jemandem sprechen.",
      createdAt: "2025-11-20T10:10:00Z",
    },
    {
      id: 88012,
      type: "message",
      createdBy: { id: 7, type: "user", email: "support@acme.example" },
      body: "Danke für Ihre Nachricht! Hier finden Sie unsere Kündigungsbedingungen.",
      savedReplyId: 4417,
      createdAt: "2025-11-20T09:31:00Z",
    },
    { id: 88011, type: "lineitem", actionType: "workflow", actionSourceId: 1203, createdAt: "2025-11-20T09:31:00Z" },
    {
      id: 88010,
      type: "customer",
      createdBy: { id: 29418, type: "customer", email: "jonas@example.de" },
      body: "Ich möchte kündigen.",
      createdAt: "2025-11-20T09:30:00Z",
    },
  ],
};
