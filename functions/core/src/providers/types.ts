/**
 * The shape every provider adapter has. An adapter is pure: it verifies and parses raw bytes; the ingest Worker does
 * the I/O around it. Adding a provider is adding a folder that exports one `ProviderAdapter`.
 * @module
 */
import type { NormalizedFeedback } from "../model.ts";
import type { TestDelivery, TestEventInput } from "./test-event.ts";

/** A webhook request as received, before anything is trusted. Header names are lower-case. */
export interface RawDelivery {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  /** `body` decoded as UTF-8. */
  text: string;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export type ParseResult =
  /** Feedback events; `eventId` is the provider's idempotency key when it sends one. */
  | { kind: "events"; eventId?: string; items: NormalizedFeedback[] }
  /** A protocol handshake (challenge, ping, sync) answered as the provider expects; nothing is stored. */
  | { kind: "handshake"; status: number; body: unknown }
  /** 400: not parseable at all. 422: well-formed but unusable (recorded as rejected with the reason). */
  | { kind: "invalid"; status: 400 | 422; reason: string };

export interface VerifyContext {
  /** The source's secret, decrypted. */
  secret: string;
  /** Current time in ms; injectable so tests can use fixed fixtures. */
  now: number;
  /** The source's provider-specific settings (HubSpot's canonical URL, Google's audience and service account, …). */
  settings: Readonly<Record<string, unknown>>;
  /** Public keys for JWT-signed providers (Google Pub/Sub push); fetched and cached by the Worker, faked in tests. */
  jwks?: JwksSource;
}

/** What parsing may depend on besides the bytes. */
export interface ParseContext {
  /** When Firebreak received the delivery: the time of events whose payload carries no usable timestamp. */
  receivedAt: number;
  settings: Readonly<Record<string, unknown>>;
  /** Generic JSON sources: normalized field → JSON pointer. */
  fieldMapping?: Readonly<Record<string, string>> | null;
}

/** A JSON Web Key Set by URL. */
export interface JwksSource {
  keys(url: string): Promise<JsonWebKey[]>;
}

/** What the integrations page shows a user to connect the provider: steps and, for templated webhooks, the body. */
export interface SetupGuide {
  steps: string[];
  /** The JSON template to paste (Zendesk CSAT trigger, Freshdesk automation), when the provider needs one. */
  template?: string;
  /** Settings the source needs beyond the secret (e.g. `audience`), with what each is for. */
  settings?: Record<string, string>;
}

export interface ProviderAdapter {
  id: string;
  label: string;
  /** Who creates the signing secret: the provider (the user pastes it) or Firebreak (shown once). */
  secretIssuedBy: "provider" | "firebreak";
  /**
   * Content types the provider sends, compared without parameters; `application/json` also admits vendor types
   * ending in `+json`.
   */
  contentTypes: readonly string[];
  verify(delivery: RawDelivery, context: VerifyContext): Promise<VerifyResult>;
  /**
   * Only called after `verify` succeeded, and again by the queue consumer on the stored bytes, so it must be
   * deterministic given the same delivery and context.
   */
  parse(delivery: RawDelivery, context: ParseContext): ParseResult;
  /** A fresh secret in the provider's format, for providers whose secret Firebreak issues. */
  generateSecret?(): string;
  /** How to connect the provider to `webhookUrl`. */
  setup(webhookUrl: string): SetupGuide;
  /**
   * A correctly signed sample delivery built from the adapter's fixture, for "Send a test event"; absent where only
   * the provider can sign (Google's OIDC tokens).
   */
  testEvent?(input: TestEventInput): Promise<TestDelivery>;
  /** Why there is no test event, for the source page, where only the provider can sign a delivery. */
  noTestEvent?: string;
}
