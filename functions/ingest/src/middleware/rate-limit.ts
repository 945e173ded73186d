/**
 * Per-source rate limiting of the webhook endpoints through Cloudflare's Rate Limiting binding (`WEBHOOK_LIMITER`,
 * configured in wrangler.toml), keyed by the source id in the path. It runs before the body is read, the source is
 * looked up or a signature checked, so a flood costs one counter call per request and nothing is stored; a 429 tells
 * the provider to retry, which every provider we support does.
 * @module
 */
import { createMiddleware } from "hono/factory";
import type { AppContext } from "../context.ts";
import { errorResponse } from "../errors.ts";

/**
 * WEBHOOK_LIMITER's `simple` settings in wrangler.toml, where the binding takes them from (a test holds the two
 * together). The binding says only yes or no, not when its window ends, so a limited provider is told to wait one
 * whole period: by then a new window has begun.
 */
export const WEBHOOK_RATE_LIMIT = { limit: 600, periodSeconds: 10 } as const;

/** Counts the request against its source; over the limit, answers 429 with `Retry-After`. */
export const webhookRateLimit = createMiddleware<AppContext>(async (c, next) => {
  if (c.env.WEBHOOK_RATE_LIMIT !== "off") {
    const { success } = await c.env.WEBHOOK_LIMITER.limit({ key: c.req.param("sourceId") ?? "" });
    if (!success) {
      const { limit, periodSeconds } = WEBHOOK_RATE_LIMIT;
      c.header("Retry-After", String(periodSeconds));
      return errorResponse(
        c,
        "rate_limited",
        `More than ${limit} requests in ${periodSeconds} seconds to this source; retry in ${periodSeconds} seconds.`,
      );
    }
  }
  await next();
});
