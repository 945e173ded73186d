import { describe, expect, it } from "vitest";
import { classifyStatus, getJson, parseRetryAfter } from "./http.ts";

const NOW = Date.parse("2026-11-20T10:00:00Z");
const http = { label: "Acme", now: () => NOW };

describe("classifyStatus", () => {
  it("sorts provider answers into credential, gone and retry", () => {
    const none = new Headers();
    expect(classifyStatus(401, none, http).kind).toBe("credential");
    expect(classifyStatus(403, none, http).kind).toBe("credential");
    expect(classifyStatus(404, none, http).kind).toBe("gone");
    expect(classifyStatus(410, none, http).kind).toBe("gone");
    expect(classifyStatus(429, none, http)).toMatchObject({
      kind: "retry",
      rateLimited: true,
      retryAfterMs: undefined,
    });
    expect(classifyStatus(500, none, http)).toMatchObject({ kind: "retry", rateLimited: false });
    expect(classifyStatus(408, none, http)).toMatchObject({ kind: "retry", rateLimited: false });
    expect(classifyStatus(400, none, http)).toMatchObject({ kind: "retry", rateLimited: false });
  });

  it("honours Retry-After in seconds or as a date, also on 503", () => {
    expect(classifyStatus(503, new Headers({ "retry-after": "30" }), http)).toMatchObject({ retryAfterMs: 30_000 });
    expect(parseRetryAfter("Fri, 20 Nov 2026 10:02:00 GMT", NOW)).toBe(120_000);
    expect(parseRetryAfter("Fri, 20 Nov 2026 09:00:00 GMT", NOW)).toBe(0);
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});

describe("getJson", () => {
  it("turns a request that never answers into a retry", async () => {
    const hanging = (_url: string, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const outcome = await getJson({ fetch: hanging, now: () => NOW, timeoutMs: 20, label: "Acme" }, "https://x", {});
    expect(outcome).toMatchObject({
      ok: false,
      result: { kind: "retry", reason: "Acme did not answer within 0.02 s" },
    });
  });

  it("refuses JSON nested deeper than the parser allows", async () => {
    const deep = `${"[".repeat(100)}${"]".repeat(100)}`;
    const outcome = await getJson(
      { fetch: async () => new Response(deep), now: () => NOW, timeoutMs: 1000, label: "Acme" },
      "https://x",
      {},
    );
    expect(outcome).toMatchObject({ ok: false, result: { kind: "retry" } });
  });
});
