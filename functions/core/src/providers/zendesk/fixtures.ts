/**
 * Zendesk payloads as documented in shared/docs/providers.md §7 (the ticket.created shape follows a captured real
 * delivery: string ids, UPPERCASE enums, nanosecond `time`) and the CSAT trigger template as it renders.
 * @module
 */

/** A German ticket opened on the web form. */
export const ticketCreated = {
  account_id: 22129848,
  detail: {
    actor_id: "8447388090494",
    assignee_id: null,
    brand_id: "8447346621310",
    created_at: "2026-11-20T09:55:07Z",
    custom_status: "8447320465790",
    description: "Die Lieferung kam fünf Tage zu spät, und niemand hat auf meine E-Mail geantwortet.",
    external_id: null,
    form_id: "8646151517822",
    group_id: "8447320466430",
    id: "5158",
    is_public: true,
    organization_id: null,
    priority: "HIGH",
    requester_id: "8447388090494",
    status: "NEW",
    subject: "Lieferung verspätet",
    submitter_id: "8447388090494",
    tags: ["lieferung", "vip"],
    type: "INCIDENT",
    updated_at: "2026-11-20T09:55:07Z",
    via: { channel: "web_form" },
  },
  event: {},
  id: "cbe4028c-7239-495d-b020-f22348516046",
  subject: "zen:ticket:5158",
  time: "2026-11-20T09:55:07.672717030Z",
  type: "zen:event-type:ticket.created",
  zendesk_event_version: "2022-11-06",
};

/** The customer's Danish follow-up with an emoji, by email. */
export const commentAdded = {
  account_id: 22129848,
  detail: {
    created_at: "2026-11-18T14:02:11Z",
    description: "Min pakke er ikke kommet.",
    id: "5160",
    requester_id: "9001",
    status: "PENDING",
    subject: "Pakke mangler",
    tags: ["levering"],
    updated_at: "2026-11-20T09:58:30Z",
    via: { channel: "email" },
  },
  event: {
    comment: {
      author: { id: "9001", is_staff: false, name: "Søren Østergård" },
      body: "Stadig ingen pakke 😞 Hvornår kommer den?",
      id: "36471119920",
      is_public: true,
    },
  },
  id: "0b9d9a2e-6a53-4c52-9f5e-4f0c2b9a1d77",
  subject: "zen:ticket:5160",
  time: "2026-11-20T09:58:30.120000000Z",
  type: "zen:event-type:ticket.comment_added",
  zendesk_event_version: "2022-11-06",
};

/** A status change on a ticket whose optional fields are all missing. */
export const statusChangedSparse = {
  detail: { id: "5161", status: "SOLVED" },
  event: { current: "SOLVED", previous: "OPEN" },
  id: "5e0c3c8d-9d0b-4b1c-8d6e-2f3a1b4c5d6e",
  subject: "zen:ticket:5161",
  time: "2026-11-20T09:59:00Z",
  type: "zen:event-type:ticket.status_changed",
  zendesk_event_version: "2022-11-06",
};

export const internalNote = {
  ...commentAdded,
  id: "6a1f2e3d-0000-4000-8000-000000000001",
  event: {
    comment: {
      author: { id: "77", is_staff: true, name: "Agent" },
      body: "Refund approved internally.",
      id: "36471119921",
      is_public: false,
    },
  },
};

export const agentReply = {
  ...commentAdded,
  id: "6a1f2e3d-0000-4000-8000-000000000002",
  event: {
    comment: {
      author: { id: "77", is_staff: true, name: "Agent" },
      body: "Sorry!",
      id: "36471119922",
      is_public: true,
    },
  },
};

/** Zendesk repeats a new ticket's description as its first comment. */
export const firstComment = {
  ...commentAdded,
  id: "6a1f2e3d-0000-4000-8000-000000000003",
  event: {
    comment: {
      author: { id: "9001", is_staff: false },
      body: "Min pakke er ikke kommet.",
      id: "36471119923",
      is_public: true,
    },
  },
};

export const userCreated = {
  account_id: 22129848,
  detail: { id: "9002", email: "new@example.com" },
  event: {},
  id: "11111111-2222-4333-8444-555555555555",
  subject: "zen:user:9002",
  time: "2026-11-20T09:59:00Z",
  type: "zen:event-type:user.created",
  zendesk_event_version: "2022-11-06",
};

export const ticketDeleted = { ...statusChangedSparse, type: "zen:event-type:ticket.soft_deleted" };

/** The CSAT trigger template rendered for a Good rating with a Danish comment. */
export const csatGood = {
  ticket_id: "5160",
  rating: "Good, I'm satisfied",
  rating_comment: "Tusind tak – hurtig hjælp! 🎉",
  requester_email: "soren@example.dk",
  requester_id: "9001",
  status: "Solved",
  tags: "levering vip",
  updated_at: "2026-11-20T09:58Z",
};

/** A Bad rating without a comment: score 0, not "missing". */
export const csatBad = {
  ticket_id: "5158",
  rating: "Bad, I'm unsatisfied",
  rating_comment: "",
  requester_email: "",
  requester_id: "8447388090494",
  status: "Closed",
  tags: "",
  updated_at: "2026-11-20T09:57Z",
};

/** Only the two keys that identify the template; everything optional is missing. */
export const csatMinimal = { ticket_id: 5162, rating: "Bad" };

export const csatOffered = { ...csatGood, rating: "Offered", rating_comment: "" };

/**
 * A refund request a trigger answered: the Via object of the Support API names the rule (`via.channel` "rule",
 * `source.rel` "trigger", `source.from.title`), and the trigger's macro tag is on the ticket.
 */
export const ticketAnsweredByTrigger = {
  ...ticketCreated,
  detail: {
    ...ticketCreated.detail,
    id: "5170",
    subject: "Refund for a broken kettle",
    description: "My kettle broke after two days and I would like my money back.",
    tags: ["refund", "macro_refund_auto_reply"],
    via: { channel: "rule", source: { from: { id: 22472716, title: "Refund auto-reply" }, rel: "trigger", to: {} } },
  },
  id: "6f1d2c3b-4a59-4e68-9d7c-8b9a0f1e2d3c",
  subject: "zen:ticket:5170",
};

/** A ticket Answer Bot solved in the web widget. */
export const ticketSolvedByAnswerBot = {
  ...ticketCreated,
  detail: {
    ...ticketCreated.detail,
    id: "5171",
    subject: "Cancel my plan",
    description: "I want to cancel, my father passed away and this was his account.",
    status: "SOLVED",
    tags: ["cancellation"],
    via: { channel: "answer_bot_for_web_widget" },
  },
  id: "7a2e3d4c-5b6a-4f79-8e0d-9c1b2a3f4e5d",
  subject: "zen:ticket:5171",
};
