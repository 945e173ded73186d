import { describe, expect, it } from "vitest";
import { sha256Hex } from "./crypto.ts";
import { fromBase64 } from "./ids.ts";
import {
  frameAncestors,
  generateShareToken,
  hashSharePassword,
  isShareToken,
  lockedForMs,
  normalizeOrigin,
  PASSWORD_ITERATIONS,
  parseEmbedOrigins,
  SHARE_TOKEN_PREFIX,
  shareLinkStatus,
  shareUnlockProof,
  verifySharePassword,
  verifyShareUnlockProof,
} from "./share.ts";

describe("generateShareToken", () => {
  it("is the prefix and 256 random bits in base64url, stored only as its SHA-256", async () => {
    const { token, hash } = await generateShareToken();
    expect(token).toMatch(/^fbs_[A-Za-z0-9_-]{43}$/);
    expect(fromBase64(token.slice(SHARE_TOKEN_PREFIX.length))).toHaveLength(32);
    expect(hash).toBe(await sha256Hex(token));
    expect(isShareToken(token)).toBe(true);
  });

  it("never repeats, and its bits look uniform", async () => {
    const tokens = await Promise.all(Array.from({ length: 200 }, generateShareToken));
    expect(new Set(tokens.map((t) => t.token)).size).toBe(200);
    // 200 × 256 bits: a biased generator (say, a stuck byte) would move the share of ones far from a half.
    let ones = 0;
    for (const { token } of tokens) {
      for (const byte of fromBase64(token.slice(4))) for (let bit = 0; bit < 8; bit++) ones += (byte >> bit) & 1;
    }
    expect(ones / (200 * 256)).toBeGreaterThan(0.48);
    expect(ones / (200 * 256)).toBeLessThan(0.52);
  });

  it("tells tokens from anything else", () => {
    expect(isShareToken(`fbs_${"a".repeat(43)}`)).toBe(true);
    expect(isShareToken(`fbs_${"a".repeat(42)}`)).toBe(false);
    expect(isShareToken(`fbk_${"a".repeat(43)}`)).toBe(false);
    expect(isShareToken(`fbs_${"a".repeat(42)}!`)).toBe(false);
    expect(isShareToken("")).toBe(false);
  });
});

describe("shareLinkStatus", () => {
  const now = Date.parse("2026-11-20T10:00:00Z");
  it("is active until it expires or is revoked; revocation is reported over expiry", () => {
    expect(shareLinkStatus({ revokedAt: null, expiresAt: now + 1 }, now)).toBe("active");
    expect(shareLinkStatus({ revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(shareLinkStatus({ revokedAt: now - 5, expiresAt: now - 10 }, now)).toBe("revoked");
  });
});

describe("share passwords", () => {
  it("hashes with PBKDF2-SHA-256, a random salt and the Workers' maximum cost, and verifies", async () => {
    const stored = await hashSharePassword("correct horse battery");
    const [scheme, iterations, salt, hash] = stored.split("$");
    expect(scheme).toBe("pbkdf2-sha256");
    expect(Number(iterations)).toBe(PASSWORD_ITERATIONS);
    expect(PASSWORD_ITERATIONS).toBeLessThanOrEqual(100_000);
    expect(fromBase64(salt ?? "")).toHaveLength(16);
    expect(fromBase64(hash ?? "")).toHaveLength(32);
    expect(await verifySharePassword("correct horse battery", stored)).toBe(true);
    expect(await verifySharePassword("correct horse batterY", stored)).toBe(false);
    expect(await verifySharePassword("", stored)).toBe(false);
  });

  it("salts every hash differently", async () => {
    const [a, b] = await Promise.all([
      hashSharePassword("same password", 1000),
      hashSharePassword("same password", 1000),
    ]);
    expect(a).not.toBe(b);
    expect(await verifySharePassword("same password", a)).toBe(true);
    expect(await verifySharePassword("same password", b)).toBe(true);
  });

  it("never matches a malformed or too costly stored value", async () => {
    const good = await hashSharePassword("pass word 1", 1000);
    const [, , salt, hash] = good.split("$");
    for (const stored of [
      "",
      "plain",
      `sha1$1000$${salt}$${hash}`,
      `pbkdf2-sha256$abc$${salt}$${hash}`,
      `pbkdf2-sha256$200000$${salt}$${hash}`,
      `pbkdf2-sha256$1000$${salt}$${hash}$extra`,
      `pbkdf2-sha256$1000$$${hash}`,
      `pbkdf2-sha256$1000$${salt}$`,
    ]) {
      expect(await verifySharePassword("pass word 1", stored)).toBe(false);
    }
  });

  it("keeps an unlock proof tied to the link, its password and the server secret", async () => {
    const proof = await shareUnlockProof("secret", "shr_1", "pbkdf2-sha256$1$a$b");
    expect(await verifyShareUnlockProof("secret", "shr_1", "pbkdf2-sha256$1$a$b", proof)).toBe(true);
    expect(await verifyShareUnlockProof("secret", "shr_2", "pbkdf2-sha256$1$a$b", proof)).toBe(false);
    expect(await verifyShareUnlockProof("secret", "shr_1", "pbkdf2-sha256$1$a$c", proof)).toBe(false);
    expect(await verifyShareUnlockProof("other", "shr_1", "pbkdf2-sha256$1$a$b", proof)).toBe(false);
    expect(await verifyShareUnlockProof("secret", "shr_1", "pbkdf2-sha256$1$a$b", "")).toBe(false);
  });

  it("reports a lock-out until it ends", () => {
    expect(lockedForMs({ lockedUntil: null }, 1000)).toBe(0);
    expect(lockedForMs({ lockedUntil: 1500 }, 1000)).toBe(500);
    expect(lockedForMs({ lockedUntil: 1000 }, 1000)).toBe(0);
  });
});

describe("embed origins", () => {
  it("normalises origins as browsers send them", () => {
    expect(normalizeOrigin("https://Intranet.Example.com/")).toBe("https://intranet.example.com");
    expect(normalizeOrigin("https://example.com:443")).toBe("https://example.com");
    expect(normalizeOrigin("https://example.com:8443")).toBe("https://example.com:8443");
    expect(normalizeOrigin("http://127.0.0.1:19001")).toBe("http://127.0.0.1:19001");
    expect(normalizeOrigin("http://localhost:3000")).toBe("http://localhost:3000");
  });

  it("refuses what is not a plain https origin", () => {
    for (const bad of [
      "http://example.com",
      "https://*.example.com",
      "*",
      "https://example.com/wiki",
      "https://example.com?x=1",
      "https://user:pw@example.com",
      "javascript:alert(1)",
      "example.com",
      "'none'",
      "https://example.com;script-src",
    ]) {
      expect(normalizeOrigin(bad), bad).toBeNull();
    }
  });

  it("parses a typed list, dropping duplicates and naming the first bad entry", () => {
    expect(parseEmbedOrigins("")).toEqual({ ok: true, origins: [] });
    expect(parseEmbedOrigins("https://a.example.com/\nhttps://B.example.com, https://a.example.com")).toEqual({
      ok: true,
      origins: ["https://a.example.com", "https://b.example.com"],
    });
    const bad = parseEmbedOrigins("https://a.example.com http://b.example.com");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain("http://b.example.com");
    const many = Array.from({ length: 11 }, (_, i) => `https://s${i}.example.com`).join("\n");
    expect(parseEmbedOrigins(many).ok).toBe(false);
  });

  it("gives frame-ancestors the allow-list, or 'none' without one", () => {
    expect(frameAncestors([])).toBe("'none'");
    expect(frameAncestors(["https://a.example.com", "http://127.0.0.1:9"])).toBe(
      "https://a.example.com http://127.0.0.1:9",
    );
    // A stored value that is not an origin never reaches the header.
    expect(frameAncestors(["https://a.example.com; script-src *"])).toBe("'none'");
  });
});
