/**
 * Provider API answers for the enrichment clients, written from each API's documented shapes and matching the ids in
 * the webhook fixtures (`providers/<provider>/fixtures.ts`), plus a recording fake `fetch` for tests.
 * @module
 */
import type { FetchLike } from "./types.ts";

/** SurveyMonkey `GET /v3/surveys/512345678/details`: an NPS matrix (0–10), a comment box and a contact form. */
export const surveyMonkeySurvey = {
  id: "512345678",
  title: "Customer satisfaction – delivery",
  language: "en",
  question_count: 3,
  page_count: 1,
  response_count: 214,
  date_created: "2026-09-01T08:00:00",
  date_modified: "2026-11-02T12:30:00",
  href: "https://api.surveymonkey.com/v3/surveys/512345678",
  pages: [
    {
      id: "40010001",
      position: 1,
      questions: [
        {
          id: "300100001",
          position: 1,
          family: "matrix",
          subtype: "rating",
          headings: [{ heading: "How likely are you to recommend us to a friend?" }],
          answers: {
            rows: [{ id: "3001000100", text: "", position: 1 }],
            // Listed out of order on purpose: choices are read by position.
            choices: [
              ...Array.from({ length: 10 }, (_, i) => ({
                id: `30010001${i + 11}`,
                text: String(i + 1),
                position: i + 2,
              })),
              { id: "3001000110", text: "0", position: 1 },
            ],
          },
        },
        {
          id: "300100002",
          position: 2,
          family: "open_ended",
          subtype: "essay",
          headings: [{ heading: "What could we have done better?" }],
        },
        {
          id: "300100003",
          position: 3,
          family: "demographic",
          subtype: "international",
          headings: [{ heading: "Your details (optional)" }],
          answers: {
            rows: [
              { id: "3001000301", text: "Name", type: "name" },
              { id: "3001000302", text: "Email Address", type: "email" },
            ],
          },
        },
      ],
    },
  ],
};

/** SurveyMonkey `GET /v3/surveys/512345678/responses/118012345678/details`: an NPS of 2 and an angry comment. */
export const surveyMonkeyResponse = {
  id: "118012345678",
  recipient_id: "9876543210",
  collection_mode: "default",
  response_status: "completed",
  custom_value: "",
  first_name: "",
  last_name: "",
  email_address: "jane.doe@example.com",
  ip_address: "192.0.2.10",
  logic_path: {},
  metadata: { contact: { email: { type: "string", value: "jane.doe@example.com" } } },
  page_path: [],
  collector_id: "405123456",
  survey_id: "512345678",
  custom_variables: {},
  edit_url: "https://www.surveymonkey.com/r/?sm=edit_118012345678",
  analyze_url: "https://www.surveymonkey.com/analyze/browse/Vbzm9Y1CQM0?respondent_id=118012345678",
  total_time: 71,
  date_modified: "2026-11-20T09:58:01+00:00",
  date_created: "2026-11-20T09:56:50+00:00",
  href: "https://api.surveymonkey.com/v3/surveys/512345678/responses/118012345678",
  pages: [
    {
      id: "40010001",
      questions: [
        { id: "300100001", answers: [{ row_id: "3001000100", choice_id: "3001000112" }] },
        {
          id: "300100002",
          answers: [
            {
              tag_data: [],
              text:
                "The parcel arrived five days late, the box was damaged and nobody answered my emails. Terrible " +
                "service. Call me on +45 20 12 34 56 or write to jane.doe@example.com.",
            },
          ],
        },
        {
          id: "300100003",
          answers: [
            { row_id: "3001000301", text: "Jane Doe" },
            { row_id: "3001000302", text: "jane.doe@example.com" },
          ],
        },
      ],
    },
  ],
};

/** Qualtrics `GET /API/v3/surveys/SV_3kHxUNvbsBkpLZX/responses/R_1Fq2yZ6s4j3Pq8N` (values as the API keys them). */
export const qualtricsResponse = {
  result: {
    responseId: "R_1Fq2yZ6s4j3Pq8N",
    values: {
      startDate: "2026-11-20T09:55:12Z",
      endDate: "2026-11-20T09:58:00Z",
      status: 0,
      ipAddress: "192.0.2.44",
      progress: 100,
      duration: 168,
      finished: 1,
      recordedDate: "2026-11-20T09:58:01.446Z",
      _recordId: "R_1Fq2yZ6s4j3Pq8N",
      recipientLastName: "Hansen",
      recipientFirstName: "Lars",
      recipientEmail: "lars.hansen@example.dk",
      externalDataReference: "CUST-20417",
      locationLatitude: "55.6761",
      locationLongitude: "12.5683",
      distributionChannel: "email",
      userLanguage: "DA",
      QID1_NPS_GROUP: 1,
      QID1: 3,
      QID2_TEXT: "Leveringen var forsinket, og kundeservice svarede aldrig. Meget skuffende.",
      QID4_5_TEXT: "Ring på 20 12 34 56",
      QID4: 5,
    },
    labels: { status: "IP Address", finished: "True", QID1_NPS_GROUP: "Detractor", QID1: "3", QID4: "Other" },
    displayedFields: ["QID1", "QID2_TEXT", "QID4"],
    displayedValues: { QID1: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
  },
  meta: { requestId: "7a1c3e59-2b8d-4c11-9f0e-5d6b2a7c8e90", httpStatus: "200 - OK" },
};

/** HubSpot `GET /crm/v3/objects/tickets/880012?properties=…&associations=contacts`. */
export const hubspotTicket = {
  id: "880012",
  properties: {
    content:
      "Payment fails on mobile every time I try to check out. I was charged twice and nobody replies. " +
      "This is unacceptable, I want a refund. Card ending 4242, phone +45 20 12 34 56.",
    createdate: "2026-11-20T09:54:10.121Z",
    hs_lastmodifieddate: "2026-11-20T09:59:30.002Z",
    hs_object_id: "880012",
    hs_pipeline: "0",
    hs_pipeline_stage: "2",
    source_type: "EMAIL",
    subject: "Betaling fejler på mobil",
  },
  createdAt: "2026-11-20T09:54:10.121Z",
  updatedAt: "2026-11-20T09:59:30.002Z",
  archived: false,
  associations: { contacts: { results: [{ id: "5120", type: "ticket_to_contact" }] } },
};

/** HubSpot `GET /crm/v3/objects/contacts/5120?properties=email`. */
export const hubspotContact = {
  id: "5120",
  properties: {
    createdate: "2026-03-02T10:11:12.000Z",
    email: "ole.nielsen@example.dk",
    hs_object_id: "5120",
    lastmodifieddate: "2026-11-20T09:54:11.000Z",
  },
  createdAt: "2026-03-02T10:11:12.000Z",
  updatedAt: "2026-11-20T09:54:11.000Z",
  archived: false,
};

/** Google Business Profile `GET /v4/{reviewName}`: a two-star review with a translation and an owner reply. */
export const googleReview = {
  name: "accounts/114477889900/locations/9988776655/reviews/AIe9_BGx3kQvZ0tL8mN2",
  reviewId: "AIe9_BGx3kQvZ0tL8mN2",
  reviewer: {
    profilePhotoUrl: "https://lh3.googleusercontent.com/a/photo",
    displayName: "Mette Sørensen",
    isAnonymous: false,
  },
  starRating: "TWO",
  comment:
    "(Translated by Google) Cold coffee and we waited 25 minutes.\n\n(Original)\nKold kaffe, og vi ventede 25 minutter.",
  createTime: "2026-11-20T09:50:11.402Z",
  updateTime: "2026-11-20T09:57:30.118Z",
  reviewReply: { comment: "Sorry to hear that, Mette!", updateTime: "2026-11-20T10:30:00Z" },
};

/** Front `GET /conversations/cnv_yo1kg5q`. */
export const frontConversation = {
  _links: { self: "https://api2.frontapp.com/conversations/cnv_yo1kg5q" },
  id: "cnv_yo1kg5q",
  subject: "Pakken er ikke kommet 📦",
  status: "assigned",
  assignee: { id: "tea_1", email: "agent@acme.example" },
  recipient: {
    _links: { related: { contact: "https://api2.frontapp.com/contacts/crd_2e3f4a" } },
    handle: "mette.sørensen@example.dk",
    role: "from",
  },
  tags: [
    { id: "tag_1", name: "levering" },
    { id: "tag_2", name: "vip" },
    { id: "tag_3", name: "escalated" },
  ],
  links: [],
  created_at: 1_763_632_679.9,
  is_private: false,
};

/** Front `GET /conversations/cnv_yo1kg5q/messages?limit=100`: newest first, the inbound message second. */
export const frontMessages = {
  _pagination: { next: null },
  _links: { self: "https://api2.frontapp.com/conversations/cnv_yo1kg5q/messages" },
  _results: [
    {
      id: "msg_reply01",
      type: "email",
      is_inbound: false,
      created_at: 1_763_633_000.1,
      blurb: "Hej Mette, vi undersøger sagen.",
      body: "<p>Hej Mette, vi undersøger sagen.</p>",
      text: "Hej Mette, vi undersøger sagen.",
      recipients: [],
    },
    {
      id: "msg_1q15qmtq",
      type: "email",
      is_inbound: true,
      created_at: 1_763_632_679.9,
      blurb: "Hej! Jeg bestilte en kaffemaskine for to uger siden, og pakken er stadig ikke kommet…",
      body:
        "<div>Hej!</div><div>Jeg bestilte en kaffemaskine for to uger siden, og pakken er stadig ikke kommet. " +
        "Sporingen siger &quot;leveret&quot;, men der var ingen pakke. Det er virkelig dårlig service.</div>",
      text:
        "Hej!\nJeg bestilte en kaffemaskine for to uger siden, og pakken er stadig ikke kommet. Sporingen siger " +
        '"leveret", men der var ingen pakke. Det er virkelig dårlig service. Ring på 20 12 34 56.',
      recipients: [
        {
          _links: { related: { contact: "https://api2.frontapp.com/contacts/crd_2e3f4a" } },
          handle: "mette.sørensen@example.dk",
          role: "from",
        },
        { _links: { related: { contact: null } }, handle: "support@acme.example", role: "to" },
      ],
    },
  ],
};

/** A request the fake `fetch` saw. */
export interface SeenRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
}

/** What the fake answers a URL with: a JSON body (200), a `Response`, or an error to throw (a network failure). */
export type FakeAnswer = object | Response | Error;

/**
 * A `fetch` that answers from `routes` by exact URL (a URL not listed answers 404) and records every request.
 * A function route is called per request, so a test can change the answer between calls.
 */
export function fakeFetch(routes: Record<string, FakeAnswer | (() => FakeAnswer)>) {
  const seen: SeenRequest[] = [];
  const fetch: FetchLike = async (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    seen.push({ url: input, method: init?.method ?? "GET", headers });
    const route = routes[input];
    const answer = typeof route === "function" ? route() : route;
    if (answer === undefined) return new Response("not found", { status: 404 });
    if (answer instanceof Error) throw answer;
    if (answer instanceof Response) return answer;
    return Response.json(answer);
  };
  return { fetch, seen };
}
