import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { WEBHOOK_RATE_LIMIT } from "../../functions/ingest/src/middleware/rate-limit.ts";

const wranglerToml = readFileSync(resolve(import.meta.dirname, "../../wrangler.toml"), "utf8");

describe("the webhook rate limit", () => {
  it("is what wrangler.toml configures, so 429 messages and Retry-After tell the truth", () => {
    const block =
      /\[\[ratelimits\]\]\s*\nname = "WEBHOOK_LIMITER"[\s\S]*?simple = \{ limit = (\d+), period = (\d+) \}/.exec(
        wranglerToml,
      );
    expect(block, "wrangler.toml has a WEBHOOK_LIMITER [[ratelimits]] block").not.toBeNull();
    expect({ limit: Number(block?.[1]), periodSeconds: Number(block?.[2]) }).toEqual(WEBHOOK_RATE_LIMIT);
  });

  it("is on by default, so only a deliberate override (the benchmark) turns it off", () => {
    expect(wranglerToml).toMatch(/^WEBHOOK_RATE_LIMIT = "per-source"$/m);
  });
});
