/**
 * Bodies a generic JSON source may receive, each with the mapping an admin would write for it.
 * @module
 */

/** A Typeform-like nested response: NPS 0 with a Danish comment and hidden fields. */
export const typeformLike = {
  event_id: "01JD3K5X7Q8M2N4P6R8S0T2V4W",
  event_type: "form_response",
  form_response: {
    form_id: "lT4Z3j",
    token: "a3a12ec67a1365927098a606107fac15",
    submitted_at: "2025-11-20T09:58:00Z",
    hidden: { email: "mette@example.dk", user_id: "cus_42", journey: "levering", tags: "pakke, forsinket" },
    answers: [
      { type: "number", number: 0, field: { id: "nps", type: "nps" } },
      { type: "text", text: "Leveringen var alt for langsom 🐢 – og ingen svarede på min mail.", field: { id: "why" } },
    ],
  },
};

export const typeformMapping = {
  externalId: "/form_response/token",
  score: "/form_response/answers/0/number",
  scale: "nps",
  text: "/form_response/answers/1/text",
  occurredAt: "/form_response/submitted_at",
  customerEmail: "/form_response/hidden/email",
  customerId: "/form_response/hidden/user_id",
  touchpointHint: "/form_response/hidden/journey",
  tags: "/form_response/hidden/tags",
  channel: "survey",
  title: "/form_response/hidden/missing_title",
};

/** A flat in-house payload: a German comment, a numeric-string rating, epoch seconds, a key with a slash. */
export const flatCustom = {
  id: 98_123,
  rating: "4",
  comment: "Sehr freundlicher Service, aber lange Wartezeit ☕",
  created: 1_763_632_680,
  user: { mail: "anna@example.de" },
  "store/branch": "Berlin-Mitte",
  "~meta": { lang: "de" },
  labels: [{ name: "filiale" }, "wartezeit"],
  link: "https://shop.example.de/orders/98123",
};

export const flatMapping = {
  externalId: "/id",
  score: "/rating",
  scale: "stars5",
  text: "/comment",
  occurredAt: "/created",
  customerEmail: "/user/mail",
  touchpointHint: "/store~1branch",
  language: "/~0meta/lang",
  tags: "/labels",
  url: "/link",
  kind: "review",
  channel: "store",
};

/** A batch of records under `records`; the second has a custom 0–7 scale score of 0 and no text. */
export const batched = {
  batch: "b-2025-11-20",
  records: [
    { ref: "r-1", answer: { value: 6, max: 7 }, note: "Hurtig levering 🚀", at: "2025-11-20T08:00:00+01:00" },
    { ref: "r-2", answer: { value: 0, max: 7 }, note: null, at: 1_763_625_600_000 },
  ],
};

export const batchedMapping = {
  items: "/records",
  externalId: "/ref",
  score: "/answer/value",
  scale: "custom",
  scaleMin: "0",
  scaleMax: "/answer/max",
  text: "/note",
  occurredAt: "/at",
};

/** A top-level array body of thumbs votes. */
export const topLevelArray = [
  { id: "t-1", up: true, says: "👍 super" },
  { id: "t-2", up: false, says: "Nej tak" },
];

export const topLevelArrayMapping = { externalId: "/id", score: "/up", scale: "thumbs", text: "/says", kind: "survey" };
