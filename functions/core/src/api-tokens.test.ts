import { describe, expect, it } from "vitest";
import {
  API_TOKEN_PREFIX,
  apiTokenStatus,
  DISPLAY_PREFIX_LENGTH,
  generateApiToken,
  highestScope,
  scopeAllows,
} from "./api-tokens.ts";
import { sha256Hex } from "./crypto.ts";
import { fromBase64 } from "./ids.ts";

describe("generateApiToken", () => {
  it("is the prefix and 256 random bits in base64url, stored only as its SHA-256", async () => {
    const { token, prefix, hash } = await generateApiToken();
    expect(token).toMatch(/^fbk_[A-Za-z0-9_-]{43}$/);
    expect(fromBase64(token.slice(API_TOKEN_PREFIX.length))).toHaveLength(32);
    expect(hash).toBe(await sha256Hex(token));
    expect(prefix).toBe(token.slice(0, DISPLAY_PREFIX_LENGTH));
    expect(prefix).toHaveLength(12);
  });

  it("never repeats", async () => {
    const tokens = await Promise.all(Array.from({ length: 200 }, generateApiToken));
    expect(new Set(tokens.map((t) => t.token)).size).toBe(200);
    expect(new Set(tokens.map((t) => t.hash)).size).toBe(200);
  });
});

describe("scopes", () => {
  it("admin includes write, which includes read; never the other way", () => {
    expect(scopeAllows(["admin"], "write")).toBe(true);
    expect(scopeAllows(["admin"], "read")).toBe(true);
    expect(scopeAllows(["write"], "read")).toBe(true);
    expect(scopeAllows(["write"], "admin")).toBe(false);
    expect(scopeAllows(["read"], "write")).toBe(false);
    expect(scopeAllows(["read", "write"], "write")).toBe(true);
    expect(scopeAllows([], "read")).toBe(false);
  });

  it("names a token by its highest scope", () => {
    expect(highestScope(["read", "write"])).toBe("write");
    expect(highestScope(["admin", "read"])).toBe("admin");
    expect(highestScope(["read"])).toBe("read");
  });
});

describe("apiTokenStatus", () => {
  const now = Date.parse("2026-11-20T10:00:00Z");
  it("is active until it expires or is revoked; revocation is reported over expiry", () => {
    expect(apiTokenStatus({ revokedAt: null, expiresAt: null }, now)).toBe("active");
    expect(apiTokenStatus({ revokedAt: null, expiresAt: now + 1 }, now)).toBe("active");
    expect(apiTokenStatus({ revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(apiTokenStatus({ revokedAt: now - 5, expiresAt: now - 10 }, now)).toBe("revoked");
  });
});
