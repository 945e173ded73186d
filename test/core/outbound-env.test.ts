import { describe, expect, it } from "vitest";
import { allowsLoopback, checkEnv } from "../../functions/ingest/src/env.ts";

const sound = {
  DB: {},
  DELIVERIES: {},
  WEBHOOK_LIMITER: { limit: async () => ({ success: true }) },
  ENVIRONMENT: "development",
  APP_URL: "http://127.0.0.1:8788",
  INGEST_URL: "http://127.0.0.1:8787",
  SECRETS_KEY: btoa("firebreak-test-key-32-bytes-long"),
  WEBHOOK_RATE_LIMIT: "per-source",
} as unknown as Env;

describe("OUTBOUND_ALLOW_LOOPBACK", () => {
  it("is off unless set, on only outside production", () => {
    expect(checkEnv(sound)).toBeNull();
    expect(allowsLoopback(sound)).toBe(false);
    const local = { ...sound, OUTBOUND_ALLOW_LOOPBACK: "on" } as Env;
    expect(checkEnv(local)).toBeNull();
    expect(allowsLoopback(local)).toBe(true);
  });

  it("is refused in production and when malformed", () => {
    const prod = { ...sound, ENVIRONMENT: "production", OUTBOUND_ALLOW_LOOPBACK: "on" } as Env;
    expect(checkEnv(prod)).toBe("OUTBOUND_ALLOW_LOOPBACK: must not be on in production");
    expect(allowsLoopback(prod)).toBe(false);
    expect(checkEnv({ ...sound, OUTBOUND_ALLOW_LOOPBACK: "yes" } as Env)).toMatch(/^OUTBOUND_ALLOW_LOOPBACK/);
  });
});
