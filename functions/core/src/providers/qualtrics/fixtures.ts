/**
 * Qualtrics event-subscription deliveries written from the documented shape (shared/docs/providers.md §3): the
 * `Topic` and the decoded `MSG`; tests form-encode them and add the `HMAC`.
 * @module
 */

export interface QualtricsDelivery {
  topic: string;
  msg: Record<string, unknown>;
}

/** A completed response; `CompletedDate` has no zone. */
export const completedResponse: QualtricsDelivery = {
  topic: "firebreakdk.surveyengine.completedResponse.SV_3kHxUNvbsBkpLZX",
  msg: {
    Status: "Complete",
    SurveyID: "SV_3kHxUNvbsBkpLZX",
    ResponseID: "R_1Fq2yZ6s4j3Pq8N",
    CompletedDate: "2026-11-20 09:58:00",
    BrandID: "firebreakdk",
  },
};

/**
 * A German brand with extra, non-ASCII fields in MSG (Qualtrics may add fields; unknown ones are ignored but are
 * signed), exercising form-encoding of `/`, `+`, `&` and emoji.
 */
export const completedResponseNonAscii: QualtricsDelivery = {
  topic: "kundenstimme-de.surveyengine.completedResponse.SV_8dQmZr2Wx5Tb1Hc",
  msg: {
    Status: "Complete",
    SurveyID: "SV_8dQmZr2Wx5Tb1Hc",
    ResponseID: "R_2Xy7Pq9Lm3Nb5Vc",
    CompletedDate: "2026-11-19 14:02:03",
    BrandID: "kundenstimme-de",
    SurveyName: "Zufriedenheit / Lieferung & Rückgabe + Service 🚚",
  },
};

/** No CompletedDate: the receipt time stands in. */
export const completedResponseNoDate: QualtricsDelivery = {
  topic: "firebreakdk.surveyengine.completedResponse.SV_3kHxUNvbsBkpLZX",
  msg: { Status: "Complete", SurveyID: "SV_3kHxUNvbsBkpLZX", ResponseID: "R_3Ab0Cd1Ef2Gh3Ij" },
};

/** A control-panel event: not feedback. */
export const surveyActivated: QualtricsDelivery = {
  topic: "firebreakdk.controlpanel.activateSurvey",
  msg: { SurveyID: "SV_3kHxUNvbsBkpLZX", BrandID: "firebreakdk" },
};
