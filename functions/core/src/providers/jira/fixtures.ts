/**
 * Jira Cloud / Jira Service Management webhook bodies as documented in shared/docs/providers.md §11: millisecond
 * `timestamp`, `+0200` offsets without a colon, string ids, descriptions as plain strings or Atlassian Document Format.
 * @module
 */

const reporter = {
  self: "https://acme.atlassian.net/rest/api/2/user?accountId=qm:1a2b3c4d",
  accountId: "qm:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d:aa11bb22",
  displayName: "Jürgen Groß",
  accountType: "customer",
  active: true,
  timeZone: "Europe/Berlin",
};

/** A German JSM request whose description is an ADF document with a mention, an emoji and a line break. */
export const issueCreated = {
  timestamp: 1795168800123,
  webhookEvent: "jira:issue_created",
  issue_event_type_name: "issue_created",
  user: reporter,
  issue: {
    id: "10042",
    self: "https://acme.atlassian.net/rest/api/2/issue/10042",
    key: "SUP-42",
    fields: {
      summary: "Rechnung doppelt abgebucht",
      issuetype: { id: "10003", name: "Service Request" },
      project: { id: "10000", key: "SUP", name: "Support" },
      priority: { id: "2", name: "High" },
      labels: ["abrechnung", "zahlung"],
      status: { name: "Waiting for support", statusCategory: { key: "new" } },
      reporter,
      created: "2026-11-20T11:59:58.000+0200",
      updated: "2026-11-20T12:00:00.123+0200",
      description: {
        type: "doc",
        version: 1,
        content: [
          {
            type: "paragraph",
            content: [
              { type: "text", text: "Hallo " },
              { type: "mention", attrs: { id: "557058:f00", text: "@Support-Team" } },
              { type: "text", text: ", mir wurde zweimal " },
              { type: "text", text: "49,99 €", marks: [{ type: "strong" }] },
              { type: "text", text: " abgebucht " },
              { type: "emoji", attrs: { shortName: ":angry:", id: "1f620", text: "😠" } },
              { type: "hardBreak" },
              { type: "text", text: "Bitte erstatten." },
            ],
          },
          {
            type: "bulletList",
            content: [
              {
                type: "listItem",
                content: [{ type: "paragraph", content: [{ type: "text", text: "Bestellung 1001" }] }],
              },
            ],
          },
        ],
      },
      customfield_10010: { requestType: { name: "Billing question" } },
    },
  },
};

/** A Danish update from Jira with a wiki-markup string description and a visible reporter email. */
export const issueUpdated = {
  timestamp: 1795169000000,
  webhookEvent: "jira:issue_updated",
  issue_event_type_name: "issue_generic",
  issue: {
    id: 10043,
    self: "https://acme.atlassian.net/rest/api/2/issue/10043",
    key: "SUP-43",
    fields: {
      summary: "Kan ikke logge ind",
      labels: [],
      status: { name: "In Progress" },
      reporter: { accountId: "5b10a2844c20165700ede21g", emailAddress: "mette@example.dk", displayName: "Mette" },
      created: "2026-11-19T08:00:00.000+0100",
      updated: "2026-11-20T11:03:20.000+0100",
      description: "Jeg får fejlen *401* hver gang 😩\n\n\n\nPrøvet i Safari og Chrome.",
    },
  },
  changelog: { id: "10500", items: [{ field: "status", fromString: "Open", toString: "In Progress" }] },
};

/** Jira's other comment shape: an issue update of type issue_commented carrying the comment. */
export const issueCommented = {
  ...issueUpdated,
  timestamp: 1795169100000,
  issue_event_type_name: "issue_commented",
  comment: {
    id: "20077",
    self: "https://acme.atlassian.net/rest/api/2/issue/10043/comment/20077",
    author: { accountId: "5b10a2844c20165700ede21g", displayName: "Mette" },
    body: "Stadig låst ude – hjælp! 🙏",
    created: "2026-11-20T11:05:00.000+0100",
    updated: "2026-11-20T11:05:00.000+0100",
    jsdPublic: true,
  },
};

/** comment_created with an ADF body; its issue carries only a few fields and no description. */
export const commentCreated = {
  timestamp: 1795169200000,
  webhookEvent: "comment_created",
  comment: {
    id: "20078",
    self: "https://acme.atlassian.net/rest/api/2/issue/10042/comment/20078",
    author: reporter,
    body: {
      type: "doc",
      version: 1,
      content: [{ type: "paragraph", content: [{ type: "text", text: "Immer noch keine Erstattung. 😤" }] }],
    },
    created: "2026-11-20T12:06:40.000+0200",
    updated: "2026-11-20T12:06:40.000+0200",
    jsdPublic: true,
  },
  issue: {
    id: "10042",
    self: "https://acme.atlassian.net/rest/api/2/issue/10042",
    key: "SUP-42",
    fields: { summary: "Rechnung doppelt abgebucht", issuetype: { name: "Service Request" } },
  },
};

export const internalComment = {
  ...commentCreated,
  comment: { ...commentCreated.comment, id: "20079", body: "Refund approved by finance.", jsdPublic: false },
};

/** An issue with nothing optional: no fields beyond the id, no self link, no timestamp. */
export const issueSparse = { webhookEvent: "jira:issue_created", issue: { id: "10044" } };

export const issueDeleted = { ...issueUpdated, webhookEvent: "jira:issue_deleted" };

/** Automation for Jira commenting on a request: the comment's author is an `app` user. */
export const automationCommented = {
  ...commentCreated,
  timestamp: 1795169300000,
  user: {
    accountId: "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077",
    displayName: "Automation for Jira",
    accountType: "app",
  },
  comment: {
    ...commentCreated.comment,
    id: "20079",
    author: {
      accountId: "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077",
      displayName: "Automation for Jira",
      accountType: "app",
    },
    body: "Thanks for reaching out! We have received your request and will get back to you within 5 business days.",
  },
};
