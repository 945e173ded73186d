/** @module The provider registry: one adapter folder per provider, listed here. */
import { standardWebhooks } from "./standard-webhooks/index.ts";
import type { ProviderAdapter } from "./types.ts";

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

const adapters: readonly ProviderAdapter[] = [standardWebhooks];

export const PROVIDERS: ReadonlyMap<string, ProviderAdapter> = new Map(adapters.map((a) => [a.id, a]));

export function getProvider(id: string): ProviderAdapter | undefined {
  return PROVIDERS.get(id);
}
