/**
 * Typeform webhook bodies written from the documented example payload (shared/docs/providers.md §1): NPS 0 with a
 * Danish comment, a German star rating with an email answer, opinion scales with and without definitions, and events
 * Firebreak refuses.
 * @module
 */

/** NPS 0, Danish long text with an emoji, identity and touchpoint in hidden fields; `calculated.score` is a quiz score. */
export const npsZeroDanish = {
  event_id: "01JD3K5X7Q8M2N4P6R8S0T2V4W",
  event_type: "form_response",
  form_response: {
    form_id: "lT4Z3j",
    token: "a3a12ec67a1365927098a606107fac15",
    landed_at: "2026-11-20T09:55:12Z",
    submitted_at: "2026-11-20T09:58:00Z",
    calculated: { score: 4 },
    hidden: {
      user_id: "cus_42",
      email: "jens@example.dk",
      touchpoint: "delivery-tracking",
      plan: "pro",
      market: "DK",
      full_name: "Jens Hansen",
      order_id: "A-1001",
      language: "da-DK",
    },
    definition: {
      id: "lT4Z3j",
      title: "Levering",
      fields: [
        { id: "Nps1xQ", title: "Hvor sandsynligt er det, at du vil anbefale os?", type: "nps", ref: "nps" },
        { id: "Why2zR", title: "Hvorfor?", type: "long_text", ref: "why" },
      ],
    },
    answers: [
      { type: "number", number: 0, field: { id: "Nps1xQ", type: "nps", ref: "nps" } },
      {
        type: "text",
        text: "Pakken kom fem dage for sent, og ingen svarede på min mail. Øv! 😞",
        field: { id: "Why2zR", type: "long_text", ref: "why" },
      },
    ],
  },
};

/** A five-star rating with German short text and an email answer that wins over no hidden email. */
export const ratingGerman = {
  event_id: "01JD3M0A1B2C3D4E5F6G7H8J9K",
  event_type: "form_response",
  form_response: {
    form_id: "Qm7pW2",
    token: "b7f0c2d9e4a14f61a8e3c5d7f9b1a2c4",
    landed_at: "2026-11-19T14:01:40Z",
    submitted_at: "2026-11-19T15:02:03.512+01:00",
    hidden: { customer_id: "C-1001" },
    definition: {
      id: "Qm7pW2",
      title: "Lieferung",
      fields: [
        { id: "Rate1a", title: "Wie zufrieden sind Sie?", type: "rating", ref: "rating", properties: { steps: 5 } },
        { id: "Note2b", title: "Was können wir besser machen?", type: "short_text", ref: "note" },
        { id: "Mail3c", title: "E-Mail", type: "email", ref: "email" },
      ],
    },
    answers: [
      { type: "number", number: 4, field: { id: "Rate1a", type: "rating", ref: "rating" } },
      {
        type: "text",
        text: "Lieferung war schnell, aber die Verpackung war beschädigt 📦",
        field: { id: "Note2b", type: "short_text", ref: "note" },
      },
      { type: "email", email: "max.mustermann@example.de", field: { id: "Mail3c", type: "email", ref: "email" } },
    ],
  },
};

/** A 1–7 opinion scale, both text kinds (long text wins) and `account_id` as the customer. */
export const opinionScaleOneToSeven = {
  event_id: "01JD3N9Z8Y7X6W5V4T3S2R1Q0P",
  event_type: "form_response",
  form_response: {
    form_id: "Op7sc1",
    token: "c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6",
    submitted_at: "2026-11-18T08:00:00Z",
    hidden: { account_id: "acct_77", touchpoint: "onboarding-call" },
    definition: {
      id: "Op7sc1",
      title: "Onboarding",
      fields: [
        {
          id: "Ease1",
          title: "How easy was setup?",
          type: "opinion_scale",
          properties: { steps: 7, start_at_one: true },
        },
        { id: "Short2", title: "One word?", type: "short_text" },
        { id: "Long3", title: "Tell us more", type: "long_text" },
      ],
    },
    answers: [
      { type: "text", text: "Confusing", field: { id: "Short2", type: "short_text" } },
      { type: "number", number: 3, field: { id: "Ease1", type: "opinion_scale" } },
      {
        type: "text",
        text: "The API keys page 404'd twice / had to ask support.",
        field: { id: "Long3", type: "long_text" },
      },
    ],
  },
};

/** No definition, hidden fields or text: the opinion scale falls back to Typeform's default 0–10. */
export const opinionScaleNoDefinition = {
  event_id: "01JD3P1Q2R3S4T5V6W7X8Y9Z0A",
  event_type: "form_response",
  form_response: {
    token: "d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5",
    submitted_at: "2026-11-17T21:30:00Z",
    answers: [{ type: "number", number: 6, field: { id: "Op1", type: "opinion_scale" } }],
  },
};

/** A ten-step rating and no `submitted_at`: the receipt time stands in. */
export const ratingTenStepsNoSubmittedAt = {
  event_id: "01JD3Q0000000000000000000A",
  event_type: "form_response",
  form_response: {
    form_id: "Rt10ab",
    token: "e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4",
    definition: { fields: [{ id: "R10", type: "rating", properties: { steps: 10, shape: "heart" } }] },
    answers: [{ type: "number", number: 10, field: { id: "R10", type: "rating" } }],
  },
};

/** Free text only: a survey item without a score. */
export const textOnly = {
  event_id: "01JD3R0000000000000000000B",
  event_type: "form_response",
  form_response: {
    form_id: "Txt001",
    token: "f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5",
    submitted_at: "2026-11-16T10:00:00Z",
    answers: [{ type: "text", text: "Checkout kept timing out.", field: { id: "T1", type: "short_text" } }],
  },
};

/** Only a multiple-choice answer: nothing Firebreak can analyse. */
export const choiceOnly = {
  event_id: "01JD3S0000000000000000000C",
  event_type: "form_response",
  form_response: {
    form_id: "Ch0ice",
    token: "0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d",
    submitted_at: "2026-11-16T10:00:00Z",
    answers: [{ type: "choice", choice: { label: "Mobile app" }, field: { id: "C1", type: "multiple_choice" } }],
  },
};

/** A partial response (sent when partial submissions are enabled): not feedback Firebreak stores. */
export const partialResponse = {
  event_id: "01JD3T0000000000000000000D",
  event_type: "form_response_partial",
  form_response: { form_id: "lT4Z3j", token: "partial123", answers: [] },
};
