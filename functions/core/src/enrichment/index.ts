/**
 * The enrichment registry: for each provider whose webhooks carry only ids or previews, the client that fetches the
 * details, the settings it takes, and what credential a user pastes.
 * @module
 */
import type { z } from "zod";
import { frontClient, ZFrontEnrichmentSettings } from "./front.ts";
import { googleBusinessProfileClient, ZGoogleBusinessProfileEnrichmentSettings } from "./google-business-profile.ts";
import { hubspotClient, ZHubSpotEnrichmentSettings } from "./hubspot.ts";
import { qualtricsClient, ZQualtricsEnrichmentSettings } from "./qualtrics.ts";
import { SURVEYMONKEY_HOSTS, surveyMonkeyClient, ZSurveyMonkeyEnrichmentSettings } from "./surveymonkey.ts";
import type { EnrichmentClient, EnrichmentClientOptions } from "./types.ts";

export { classifyStatus, parseRetryAfter } from "./http.ts";
export {
  ENRICHMENT_MAX_ATTEMPTS,
  enrichedRevision,
  RATE_LIMIT_PAUSE_MS,
  type RevisionOptions,
  rateLimitPauseMs,
  retryDelayMs,
  type StoredFeedback,
} from "./revision.ts";
export type {
  EnrichedDetails,
  EnrichmentClient,
  EnrichmentClientOptions,
  EnrichmentReference,
  EnrichmentResult,
  FetchLike,
} from "./types.ts";

export interface EnrichmentProvider {
  /** The adapter id whose items this enriches. */
  id: string;
  label: string;
  /** What to paste as the credential, and where to find it. */
  credential: string;
  /** Validates (and fills defaults into) the settings stored with the credential; unknown keys are refused. */
  settings: z.ZodType<Record<string, unknown>>;
  /** Each setting and what it is for. */
  settingsHelp: Record<string, string>;
  client(options: EnrichmentClientOptions): EnrichmentClient;
}

const providers: readonly EnrichmentProvider[] = [
  {
    id: "surveymonkey",
    label: "SurveyMonkey",
    credential:
      "An access token of the SurveyMonkey app with the View Surveys and View Response Details scopes " +
      "(developer.surveymonkey.com → My Apps → Settings).",
    settings: ZSurveyMonkeyEnrichmentSettings,
    settingsHelp: {
      apiHost: `Your account's API host: ${SURVEYMONKEY_HOSTS.join(", ")} (default the first).`,
      scoreQuestionId: "The rating question to score with; by default the first rating or 0–10 question.",
      textQuestionId: "The comment question; by default every open-ended answer.",
    },
    client: surveyMonkeyClient,
  },
  {
    id: "qualtrics",
    label: "Qualtrics",
    credential: "An API token (Account Settings → Qualtrics IDs → API), sent as X-API-TOKEN.",
    settings: ZQualtricsEnrichmentSettings,
    settingsHelp: {
      datacenter: "Required: your datacenter id from Account Settings → Qualtrics IDs, e.g. fra1.",
      scoreQuestionId: "The question to score with (QID…); by default the survey's NPS question.",
      scoreScale: "The scale of scoreQuestionId: nps, csat5, csat3, stars5, ces7 or thumbs (default nps).",
      textQuestionId: "The comment question (QID…); by default every text entry answer.",
    },
    client: qualtricsClient,
  },
  {
    id: "hubspot",
    label: "HubSpot",
    credential: "A private app's access token with the tickets scope (and crm.objects.contacts.read for emails).",
    settings: ZHubSpotEnrichmentSettings,
    settingsHelp: {},
    client: hubspotClient,
  },
  {
    id: "google-business-profile",
    label: "Google Business Profile",
    credential:
      "An OAuth 2.0 access token with the business.manage scope. Access tokens expire after about an hour: " +
      "enrichment stops with a credential error until a new one is set.",
    settings: ZGoogleBusinessProfileEnrichmentSettings,
    settingsHelp: {},
    client: googleBusinessProfileClient,
  },
  {
    id: "front",
    label: "Front",
    credential: "A Front API token with read access to the inboxes the webhook covers (Settings → Developers).",
    settings: ZFrontEnrichmentSettings,
    settingsHelp: {},
    client: frontClient,
  },
];

export const ENRICHMENT_PROVIDERS: ReadonlyMap<string, EnrichmentProvider> = new Map(providers.map((p) => [p.id, p]));

/** The enrichment provider for an adapter id, or `undefined` when its webhooks carry everything. */
export function getEnrichmentProvider(id: string): EnrichmentProvider | undefined {
  return ENRICHMENT_PROVIDERS.get(id);
}
