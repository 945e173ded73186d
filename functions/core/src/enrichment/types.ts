/**
 * The shape every enrichment client has. Some providers send only ids or a preview (SurveyMonkey, Qualtrics, HubSpot,
 * Google Business Profile, Front); a client fetches the details through the provider's API and maps them into
 * `NormalizedFeedback` terms. Clients are pure apart from the `fetch` they are given, so tests pass a fake one and the
 * Worker passes its own.
 * @module
 */
import type { ItemKind, NormalizedFeedback } from "../model.ts";

/** `fetch` as the clients use it; the Worker's global `fetch` fits, and so does a test double. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** What is stored about an item that needs its details: the references its adapter recorded. */
export interface EnrichmentReference {
  /** The adapter's `externalId`: a response, ticket, review resource name or message id. */
  externalId: string;
  /** The adapter's `parentExternalId`: the survey of a response, the conversation of a message. */
  parentExternalId?: string;
  kind: ItemKind;
}

/**
 * The details a provider's API returned, in the normalized fields (the adapters' conventions: empty text rather than
 * none, scores with their scale, lower-case statuses, UTC milliseconds). Fields a provider does not have are left out,
 * and what is stored for them stays as it is.
 */
export interface EnrichedDetails {
  text: string;
  title?: string;
  score?: number;
  scale?: NormalizedFeedback["scale"];
  scaleRange?: { min: number; max: number };
  channel?: string;
  customerEmail?: string;
  customerId?: string;
  tags?: string[];
  status?: string;
  url?: string;
  language?: string;
  /** When the feedback was given, per the provider. */
  occurredAt?: number;
  /** When the provider last changed it (an edited review, an updated ticket). */
  revisionAt?: number;
}

/**
 * A fetch's outcome, classified by what the job should do next:
 * - `enriched`: store the details as a new revision;
 * - `retry`: try this item again later (429, 5xx, network, an unreadable answer); `rateLimited` slows the whole
 *   source down, and `retryAfterMs` is the provider's `Retry-After` when it sent one;
 * - `credential`: the provider refused the credential (401/403): stop for this source until it is replaced;
 * - `gone`: the provider no longer has the item (404/410): mark it "details unavailable" and stop retrying.
 */
export type EnrichmentResult =
  | { kind: "enriched"; details: EnrichedDetails }
  | { kind: "retry"; reason: string; status?: number; rateLimited: boolean; retryAfterMs?: number }
  | { kind: "credential"; status: number; reason: string }
  | { kind: "gone"; status?: number; reason: string };

export interface EnrichmentClient {
  readonly provider: string;
  /** Never throws: network and provider errors come back classified. */
  fetchDetails(reference: EnrichmentReference): Promise<EnrichmentResult>;
}

export interface EnrichmentClientOptions {
  fetch: FetchLike;
  /** The source's API token or OAuth access token, decrypted. */
  credential: string;
  /** The provider-specific settings stored with the credential, already validated by the provider's schema. */
  settings?: Readonly<Record<string, unknown>>;
  /** Current time in ms, to read a `Retry-After` date; injectable for tests. */
  now?: () => number;
  /** Per-request timeout; a request that takes longer is retried later. */
  timeoutMs?: number;
}
