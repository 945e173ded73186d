/**
 * JSON Web Key Sets fetched over HTTPS and cached in the isolate for the `max-age` the issuer allows (Google rotates
 * its keys daily), so a JWT-signed delivery costs no extra round trip once keys are warm.
 * @module
 */
import type { JwksSource } from "@firebreak/core";

const DEFAULT_TTL_MS = 60 * 60 * 1000;

export function fetchingJwks(fetcher: typeof fetch = fetch): JwksSource {
  const cache = new Map<string, { keys: JsonWebKey[]; expiresAt: number }>();
  return {
    async keys(url) {
      const hit = cache.get(url);
      if (hit && hit.expiresAt > Date.now()) return hit.keys;
      const res = await fetcher(url, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`JWKS ${url} answered ${res.status}`);
      const body = (await res.json()) as { keys?: JsonWebKey[] };
      const maxAge = /max-age=(\d+)/.exec(res.headers.get("cache-control") ?? "")?.[1];
      const keys = body.keys ?? [];
      cache.set(url, { keys, expiresAt: Date.now() + (maxAge ? Number(maxAge) * 1000 : DEFAULT_TTL_MS) });
      return keys;
    },
  };
}
