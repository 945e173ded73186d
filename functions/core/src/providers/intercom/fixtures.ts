/**
 * Intercom notifications as documented in shared/docs/providers.md §9: the `notification_event` envelope with the
 * conversation in `data.item`, HTML bodies, epoch-second times.
 * @module
 */

const envelope = (topic: string, id: string | null, item: unknown, createdAt = 1795168800) => ({
  type: "notification_event",
  app_id: "ab12cd34",
  data: { type: "notification_event_data", item },
  links: {},
  id,
  topic,
  delivery_status: "pending",
  delivery_attempts: 1,
  delivered_at: 0,
  first_sent_at: createdAt,
  created_at: createdAt,
  self: null,
});

const customer = { type: "user", id: "6650f1a2b3c4d5e6f7a8b9c0", name: "Søren Østergård", email: "soren@example.dk" };

const conversationBase = {
  type: "conversation",
  id: "147",
  created_at: 1795168000,
  updated_at: 1795168700,
  open: true,
  state: "open",
  read: true,
  priority: "not_priority",
  tags: { type: "tag.list", tags: [{ type: "tag", id: "17", name: "Levering" }] },
  contacts: {
    type: "contact.list",
    contacts: [{ type: "contact", id: "6650f1a2b3c4d5e6f7a8b9c0", external_id: "cus_42" }],
  },
  source: {
    type: "conversation",
    id: "403918330",
    delivered_as: "customer_initiated",
    subject: "",
    body: "<p>Hvor er min pakke? 📦</p>",
    author: customer,
    attachments: [],
    url: null,
  },
};

/** A 4-star rating with a Danish remark and emoji. */
export const ratingAdded = envelope("conversation.rating.added", "notif_ccd8a4d2-3b8e-4a52-9a3f-4b7f1d9f8c01", {
  ...conversationBase,
  state: "closed",
  conversation_rating: {
    rating: 4,
    remark: "Hurtigt svar, tak! 👍",
    created_at: 1795168790,
    contact: { type: "contact", id: "6650f1a2b3c4d5e6f7a8b9c0", external_id: "cus_42" },
    teammate: { type: "admin", id: "814860" },
  },
});

/** The lowest rating, without remark, contact or tags, from a lead who left an empty email. */
export const ratingLowestSparse = envelope("conversation.rating.added", "notif_2", {
  type: "conversation",
  id: "148",
  source: { body: "<p>Hi</p>", author: { type: "lead", id: "lead_9", email: "" } },
  conversation_rating: { rating: 1, created_at: 1795168795 },
});

export const ratingZero = envelope("conversation.rating.added", "notif_3", {
  ...conversationBase,
  conversation_rating: { rating: 0, remark: "", created_at: 1795168795 },
});

export const ratingMissing = envelope("conversation.rating.added", "notif_4", {
  ...conversationBase,
  conversation_rating: { rating: null, remark: null, created_at: null },
});

/** A German conversation opened from the Messenger, HTML with entities and an emoji. */
export const userCreated = envelope("conversation.user.created", "notif_5f0c1d2e-aaaa-4bbb-8ccc-0123456789ab", {
  ...conversationBase,
  id: "149",
  tags: { type: "tag.list", tags: [] },
  source: {
    ...conversationBase.source,
    id: "403918331",
    subject: "<p>Rückerstattung</p>",
    body: "<p>Die Rückerstattung dauert schon 3 Wochen &amp; niemand antwortet 😡</p><p>Bitte helfen!</p>",
    author: { type: "user", id: "user_7", name: "Jürgen Groß", email: "juergen@example.de" },
  },
  contacts: { type: "contact.list", contacts: [{ type: "contact", id: "user_7", external_id: null }] },
});

/** A reply from a lead whose email is an empty string, next to an admin note that is not feedback. */
export const userReplied = envelope("conversation.user.replied", "notif_7c6b5a49-1111-4222-8333-444455556666", {
  ...conversationBase,
  conversation_parts: {
    type: "conversation_part.list",
    conversation_parts: [
      {
        type: "conversation_part",
        id: "9001",
        part_type: "note",
        body: "<p>Checked the carrier.</p>",
        created_at: 1795168600,
        author: { type: "admin", id: "814860", name: "Agent", email: "agent@acme.example" },
      },
      {
        type: "conversation_part",
        id: "9002",
        part_type: "comment",
        body: "<p>Stadig intet 😞<br>Ring venligst til mig.</p>",
        created_at: 1795168650,
        author: { type: "lead", id: "6650f1a2b3c4d5e6f7a8b9c0", name: "Søren", email: "" },
      },
    ],
    total_count: 2,
  },
});

/** A reply topic whose parts hold only the teammate's answer. */
export const replyWithoutCustomerText = envelope("conversation.user.replied", "notif_6", {
  ...conversationBase,
  conversation_parts: {
    conversation_parts: [
      { id: "9003", part_type: "comment", body: "<p>On its way!</p>", author: { type: "admin", id: "814860" } },
    ],
  },
});

/**
 * A customer's reply after Fin answered: Fin's parts are authored by a bot (as a captured `conversation.admin.replied`
 * shows: `{type: "bot", name: "Fin Bot", from_ai_agent, is_ai_answer}`), and the conversation records that the AI agent
 * took part.
 */
export const repliedAfterFin = envelope("conversation.user.replied", "notif_9a8b7c6d-2222-4333-8444-555566667777", {
  ...conversationBase,
  ai_agent_participated: true,
  ai_agent: { source_type: "essentials_plan_setup", resolution_state: "assumed_resolution" },
  conversation_parts: {
    type: "conversation_part.list",
    conversation_parts: [
      {
        type: "conversation_part",
        id: "9101",
        part_type: "comment",
        body: "<p>Pakker leveres normalt inden for 3–5 hverdage.</p>",
        created_at: 1795168500,
        author: {
          id: "6827949",
          type: "bot",
          name: "Fin Bot",
          email: "operator+ab12cd34@intercom.io",
          from_ai_agent: true,
          is_ai_answer: true,
        },
      },
      {
        type: "conversation_part",
        id: "9102",
        part_type: "comment",
        body: "<p>Det hjælper ikke. Jeg vil tale med et menneske.</p>",
        created_at: 1795168650,
        author: customer,
      },
    ],
    total_count: 2,
  },
});

/** Sent when the webhook is saved or tested. */
export const ping = envelope("ping", null, { type: "ping", message: "something something interzen" });

export const adminClosed = envelope("conversation.admin.closed", "notif_7", conversationBase);
