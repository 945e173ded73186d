/**
 * Front event previews shaped after the events reference (shared/docs/providers.md §12): rule webhooks post the event,
 * application webhooks wrap it in `{type, authorization, payload}`.
 * @module
 */

const links = (path: string) => ({ self: `https://acme.api.frontapp.com/${path}` });

function recipient(handle: string, role: string, contact?: string) {
  return {
    _links: { related: { contact: contact ? `https://acme.api.frontapp.com/contacts/${contact}` : null } },
    name: null,
    handle,
    role,
  };
}

/** A rule webhook's preview of an inbound email in Danish, with a blurb that was cut off. */
export const inboundDanish = {
  _links: links("events/evt_55c8c149"),
  id: "evt_55c8c149",
  type: "inbound",
  emitted_at: 1_763_632_680.123,
  conversation: {
    _links: links("conversations/cnv_yo1kg5q"),
    id: "cnv_yo1kg5q",
    subject: "Pakken er ikke kommet 📦",
    status: "unassigned",
    recipient: recipient("mette.sørensen@example.dk", "from", "crd_2e3f4a"),
    tags: [
      { id: "tag_1", name: "levering" },
      { id: "tag_2", name: "vip" },
    ],
  },
  source: { _meta: { type: "inboxes" }, data: [{ id: "inb_55c8c149", name: "Support" }] },
  target: {
    _meta: { type: "message" },
    data: {
      _links: links("messages/msg_1q15qmtq"),
      id: "msg_1q15qmtq",
      type: "email",
      is_inbound: true,
      created_at: 1_763_632_679.9,
      blurb:
        "Hej! Jeg bestilte en kaffemaskine for to uger siden, og pakken er stadig ikke kommet. Sporingen siger " +
        "“leveret”, men der var ingen…",
      author: null,
      recipients: [
        recipient("mette.sørensen@example.dk", "from", "crd_2e3f4a"),
        recipient("support@acme.example", "to"),
      ],
    },
  },
};

/** A short, complete blurb in German from an SMS, with no tags and no contact link. */
export const inboundGermanSms = {
  id: "evt_6a7b8c9d",
  type: "inbound",
  emitted_at: "1763632800.5",
  conversation: {
    id: "cnv_8899aa",
    subject: null,
    status: "assigned",
    recipient: recipient("+4915123456789", "from"),
  },
  target: {
    _meta: { type: "message" },
    data: {
      id: "msg_sms_01",
      type: "sms",
      is_inbound: true,
      created_at: 1_763_632_800.4,
      blurb: "Danke, alles prima! 👍",
      recipients: [recipient("+4915123456789", "from"), recipient("+4930123456", "to")],
    },
  },
};

/** The same kind of event as an application webhook sends it: wrapped, with a full message `text` and no times. */
export const appInboundFullText = {
  type: "inbound_received",
  authorization: { id: "cmp_abc" },
  payload: {
    id: "evt_app_01",
    type: "inbound",
    conversation: { id: "cnv_app", subject: "Rückerstattung", status: "archived", tags: [] },
    target: {
      _meta: { type: "message" },
      data: {
        id: "msg_app_01",
        type: "front_chat",
        is_inbound: true,
        blurb: "Ich warte seit drei Wochen auf meine Rückerstattung. Das ist wirklich nicht in Ordnung, …",
        text:
          "Ich warte seit drei Wochen auf meine Rückerstattung. Das ist wirklich nicht in Ordnung, bitte melden Sie " +
          "sich heute noch. 😤",
        recipients: [recipient("jonas.mueller@example.de", "from", "crd_77")],
      },
    },
  },
};

/** The validation request Front sends when an application webhook is saved. */
export const sync = { type: "sync", authorization: { id: "cmp_abc" } };

/** A tag event: not a message. */
export const tagAdded = {
  id: "evt_tag_1",
  type: "tag",
  emitted_at: 1_763_632_900,
  conversation: { id: "cnv_yo1kg5q", status: "assigned" },
  source: { _meta: { type: "teammates" }, data: { id: "tea_1" } },
  target: { _meta: { type: "tag" }, data: { id: "tag_3", name: "refund" } },
};

/** An outbound reply by a teammate. */
export const outboundReply = {
  id: "evt_out_1",
  type: "outbound",
  emitted_at: 1_763_633_000,
  conversation: { id: "cnv_yo1kg5q" },
  target: {
    _meta: { type: "message" },
    data: { id: "msg_out_1", type: "email", is_inbound: false, blurb: "Hej Mette" },
  },
};

/** A customer answering an auto-reply: the rule that sent it tagged the conversation. */
export const inboundAfterAutoReply = {
  ...inboundDanish,
  id: "evt_55c8c150",
  conversation: {
    ...inboundDanish.conversation,
    tags: [
      { id: "tag_1", name: "levering" },
      { id: "tag_9", name: "Auto-reply sent" },
    ],
  },
};
