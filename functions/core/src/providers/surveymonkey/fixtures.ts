/**
 * SurveyMonkey webhook callbacks written from the documented shape (shared/docs/providers.md §2): ids only, with
 * `event_datetime` in microseconds and an offset.
 * @module
 */

/** A completed response on a collector filter; the webhook's name is Danish. */
export const responseCompleted = {
  name: "Kundetilfredshed – levering (æøå)",
  filter_type: "collector",
  filter_id: "405123456",
  event_type: "response_completed",
  event_id: "10234567890",
  object_type: "response",
  object_id: "118012345678",
  event_datetime: "2026-11-20T09:58:00.182613+00:00",
  resources: {
    respondent_id: "118012345678",
    recipient_id: "9876543210",
    collector_id: "405123456",
    survey_id: "512345678",
    user_id: "40000001",
  },
};

/** An edited response on a survey filter, in a +02:00 offset and with numeric ids. */
export const responseUpdated = {
  name: "Zufriedenheit nach dem Kauf 🛒",
  filter_type: "survey",
  filter_id: 512345679,
  event_type: "response_updated",
  event_id: 10234567999,
  object_type: "response",
  object_id: 118012349999,
  event_datetime: "2026-11-20T11:58:00.000001+02:00",
  resources: { respondent_id: 118012349999, collector_id: 405123457, survey_id: 512345679, user_id: 40000001 },
};

/** A web-link response: an empty recipient id and no event_datetime (the receipt time stands in). */
export const responseCompletedMinimal = {
  name: "Web link",
  filter_type: "survey",
  filter_id: "512345680",
  event_type: "response_completed",
  event_id: "10234568000",
  object_type: "response",
  object_id: "118012350000",
  resources: { recipient_id: "", collector_id: "405123458", survey_id: "512345680" },
};

/** A disqualified respondent: not feedback. */
export const responseDisqualified = {
  ...responseCompleted,
  event_type: "response_disqualified",
  event_id: "10234568001",
};

/** A survey-level event: not feedback. */
export const surveyCreated = {
  name: "Account events",
  filter_type: "survey",
  filter_id: "512345681",
  event_type: "survey_created",
  event_id: "10234568002",
  object_type: "survey",
  object_id: "512345681",
  event_datetime: "2026-11-20T09:00:00.000000+00:00",
  resources: { survey_id: "512345681", user_id: "40000001" },
};
