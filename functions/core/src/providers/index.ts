/** @module The provider registry: one adapter folder per provider, listed here. */
import { delighted } from "./delighted/index.ts";
import { freshdesk } from "./freshdesk/index.ts";
import { front } from "./front/index.ts";
import { genericJson } from "./generic-json/index.ts";
import { googleBusinessProfile } from "./google-business-profile/index.ts";
import { helpScout } from "./help-scout/index.ts";
import { hubspot } from "./hubspot/index.ts";
import { intercom } from "./intercom/index.ts";
import { jira } from "./jira/index.ts";
import { qualtrics } from "./qualtrics/index.ts";
import { standardWebhooks } from "./standard-webhooks/index.ts";
import { surveyMonkey } from "./surveymonkey/index.ts";
import { trustpilot } from "./trustpilot/index.ts";
import { typeform } from "./typeform/index.ts";
import type { ProviderAdapter } from "./types.ts";
import { zendesk } from "./zendesk/index.ts";

export { constantTimeEqual, verifyEncodedHmac } from "./signature.ts";
export { parseProviderTime } from "./time.ts";
export type {
  JwksSource,
  ParseContext,
  ParseResult,
  ProviderAdapter,
  RawDelivery,
  SetupGuide,
  VerifyContext,
  VerifyResult,
} from "./types.ts";

const adapters: readonly ProviderAdapter[] = [
  typeform,
  surveyMonkey,
  qualtrics,
  delighted,
  trustpilot,
  googleBusinessProfile,
  zendesk,
  freshdesk,
  intercom,
  hubspot,
  jira,
  front,
  helpScout,
  standardWebhooks,
  genericJson,
];

export const PROVIDERS: ReadonlyMap<string, ProviderAdapter> = new Map(adapters.map((a) => [a.id, a]));

export function getProvider(id: string): ProviderAdapter | undefined {
  return PROVIDERS.get(id);
}
