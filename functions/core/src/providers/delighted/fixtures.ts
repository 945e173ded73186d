/**
 * Delighted webhook bodies written from the documented example (shared/docs/providers.md §4): a created NPS of 0
 * followed by its update with a Danish comment, German CSAT, CES without an email, other survey types and an
 * unsubscribe. Timestamps are epoch seconds.
 * @module
 */

/** The score arrives first, without a comment. */
export const npsCreatedZero = {
  event_type: "survey_response.created",
  event_id: "3f1c9a2b7d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f8091a2b3c4d5e6f7",
  event_data: {
    id: "5435",
    person: { id: "5975", email: "sofie.jensen@example.dk", name: "Sofie Jensen", created_at: 1795600000 },
    survey_type: "nps",
    score: 0,
    comment: null,
    permalink: "https://app.delighted.com/r/5pFDpmlyC8GUc5oxU6USto5VonSKAqOa",
    created_at: 1795600860,
    updated_at: 1795600860,
    person_properties: { Plan: "Pro", Market: "DK", "Delighted Source": "email", "Customer Name": "Sofie" },
    notes: [],
    tags: [],
    additional_answers: [],
  },
};

/** The same response minutes later, now with a Danish comment, a tag and a touchpoint property. */
export const npsUpdatedDanish = {
  event_type: "survey_response.updated",
  event_id: "b8d057c59327541d7ec2104c0a9a255ad1997fb00831b9c6bbf09561e6d5cbd0",
  event_data: {
    ...npsCreatedZero.event_data,
    comment: "Pakken blev væk, og kundeservice svarede først efter en uge 😡",
    updated_at: 1795601460,
    person_properties: { ...npsCreatedZero.event_data.person_properties, Touchpoint: "delivery-tracking" },
    tags: ["levering"],
  },
};

/** CSAT with a German comment, numeric ids and additional answers. */
export const csatGerman = {
  event_type: "survey_response.updated",
  event_id: "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00",
  event_data: {
    id: 7781,
    person: { id: 9921, email: "lena.schmidt@example.de", name: "Lena Schmidt", created_at: 1795500000 },
    survey_type: "csat",
    score: 2,
    comment: "Die Rücksendung war kompliziert 😕",
    permalink: "https://app.delighted.com/r/Ab12Cd34Ef56Gh78",
    created_at: 1795510000,
    updated_at: 1795510300,
    person_properties: null,
    notes: [],
    tags: [],
    additional_answers: [
      {
        id: "4",
        value: { free_response: null, scale: null, select_one: { id: "x1", text: "Retoure" }, select_many: null },
        question: { id: "enum_z9EvYV", type: "select_one", text: "Worum ging es?" },
      },
    ],
  },
};

/** CES 6 with tags, no email, no permalink and no properties. */
export const cesWithoutEmail = {
  event_type: "survey_response.created",
  event_id: "d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1",
  event_data: {
    id: "9001",
    person: { id: "4410" },
    survey_type: "ces",
    score: 6,
    comment: "Checkout on mobile was easy / quick.",
    created_at: 1795400000,
    updated_at: 1795400000,
    tags: ["checkout", "mobile"],
  },
};

/** Other survey types, each with a score on its own scale. */
export const smileys = withType("smileys", 1, "e1");
export const thumbsDown = withType("thumbs", 0, "e2");
export const pmfVeryDisappointed = withType("pmf", 3, "e3");
export const unknownType = withType("likert_9", 8, "e4");

/** A person unsubscribed: not feedback. */
export const unsubscribeCreated = {
  event_type: "unsubscribe.created",
  event_id: "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0",
  event_data: { person_id: "5975", email: "sofie.jensen@example.dk", unsubscribed_at: 1795700000 },
};

function withType(surveyType: string, score: number, idSuffix: string) {
  return {
    event_type: "survey_response.created",
    event_id: `${idSuffix}${"0".repeat(62)}`,
    event_data: {
      id: `r-${idSuffix}`,
      person: { id: "p-1", email: "kim@example.com" },
      survey_type: surveyType,
      score,
      comment: "",
      created_at: 1795300000,
      updated_at: 1795300000,
    },
  };
}
