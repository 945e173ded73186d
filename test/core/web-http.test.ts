import type { RequestEvent } from "@sveltejs/kit";
import { error } from "@sveltejs/kit";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, jsonEndpoint, methodNotAllowed } from "../../apps/web/src/lib/server/http.ts";

const ORIGIN = "http://127.0.0.1:8788";
const URL_ = new URL(`${ORIGIN}/sources/src_1/imports`);

function event(init: RequestInit & { headers?: Record<string, string> }): RequestEvent {
  const request = new Request(URL_, { method: "POST", ...init });
  return { request, url: URL_, params: {}, platform: undefined } as unknown as RequestEvent;
}

const json = (body: unknown, headers: Record<string, string> = {}) =>
  event({ body: JSON.stringify(body), headers: { origin: ORIGIN, "content-type": "application/json", ...headers } });

const endpoint = jsonEndpoint({ schema: z.object({ n: z.number().int() }), maxBytes: 100 }, async ({ input }) => {
  if (input.n === 404) throw new ApiError("not_found", "No such thing.");
  if (input.n === 503) error(503, { message: "No database." });
  if (input.n === 500) throw new Error("boom: internal detail");
  return { twice: input.n * 2 };
});

async function answer(e: RequestEvent) {
  const response = await endpoint(e);
  return {
    status: response.status,
    body: (await response.json()) as { error: { code: string; message: string; requestId: string } } & Record<
      string,
      unknown
    >,
  };
}

describe("jsonEndpoint", () => {
  it("answers the handler's value as JSON", async () => {
    expect(await answer(json({ n: 2 }))).toEqual({ status: 200, body: { twice: 4 } });
  });

  it("refuses writes from another origin, or without one", async () => {
    const foreign = await answer(json({ n: 2 }, { origin: "https://evil.example" }));
    expect(foreign.status).toBe(403);
    expect(foreign.body.error).toMatchObject({ code: "forbidden", requestId: expect.any(String) });
    const missing = await answer(event({ body: "{}", headers: { "content-type": "application/json" } }));
    expect(missing.status).toBe(403);
  });

  it("answers bad input with a 4xx in the one error shape, never a 5xx", async () => {
    const cases: Array<[RequestEvent, number, string]> = [
      [json({ n: "x" }), 400, "bad_request"],
      [event({ body: "{", headers: { origin: ORIGIN, "content-type": "application/json" } }), 400, "invalid_json"],
      [event({ body: "{}", headers: { origin: ORIGIN, "content-type": "text/plain" } }), 415, "unsupported_media_type"],
      [json({ n: 1, pad: "x".repeat(200) }), 413, "payload_too_large"],
      [json({ n: 404 }), 404, "not_found"],
    ];
    for (const [e, status, code] of cases) {
      const { status: got, body } = await answer(e);
      expect(got).toBe(status);
      expect(body.error.code).toBe(code);
      expect(typeof body.error.message).toBe("string");
    }
    const field = await answer(json({ n: "x" }));
    expect(field.body.error.message).toMatch(/^n: /);
  });

  it("caps bodies that lie about their length", async () => {
    const e = event({
      body: JSON.stringify({ n: 1, pad: "x".repeat(500) }),
      headers: { origin: ORIGIN, "content-type": "application/json", "content-length": "10" },
    });
    expect((await answer(e)).status).toBe(413);
  });

  it("keeps kit errors' status and hides unexpected errors' details", async () => {
    expect(await answer(json({ n: 503 }))).toMatchObject({
      status: 503,
      body: { error: { code: "service_unavailable" } },
    });
    const original = console.error;
    console.error = () => {};
    try {
      const crash = await answer(json({ n: 500 }));
      expect(crash.status).toBe(500);
      expect(JSON.stringify(crash.body)).not.toContain("internal detail");
    } finally {
      console.error = original;
    }
  });

  it("answers other methods with a JSON 405", async () => {
    const response = methodNotAllowed(event({ method: "GET" }));
    expect(response.status).toBe(405);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
  });
});
