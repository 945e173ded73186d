import { createExecutionContext, env } from "cloudflare:test";
import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { makeWorkspace, NOW } from "../helpers/fixtures.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const call = (path: string, init: RequestInit = {}) => app.request(path, init, env, createExecutionContext());

let source: { id: string; secret: string };

beforeAll(async () => {
  const ws = await makeWorkspace(env.DB, "resilience");
  const res = await call("/api/v1/sources", {
    method: "POST",
    headers: { authorization: `Bearer ${ws.token}`, "content-type": "application/json" },
    body: JSON.stringify({ provider: "standard-webhooks", name: "Fuzzed" }),
  });
  source = (await res.json()) as { id: string; secret: string };
});

function signedHeaders(body: string, id: string) {
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(NOW / 1000)),
    "webhook-signature": new Webhook(source.secret).sign(id, new Date(NOW), body),
  };
}

describe("no input yields a 5xx", () => {
  it("holds for random bodies, content types, headers and paths", async () => {
    const jsonish = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify({ type: "feedback.created", data: v })),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.nat(200).map((n) => "[".repeat(n) + "]".repeat(n)),
    );
    await fc.assert(
      fc.asyncProperty(
        jsonish,
        fc.constantFrom(
          "application/json",
          "text/plain",
          "application/x-www-form-urlencoded",
          "",
          "application/vnd.x+json",
        ),
        fc.boolean(),
        fc.constantFrom(
          `/webhooks/standard-webhooks/${source.id}`,
          "/webhooks/standard-webhooks/x",
          "/webhooks/%00/%ff",
          "/api/v1/sources",
        ),
        async (body, contentType, sign, path) => {
          const headers: Record<string, string> = sign ? signedHeaders(body, crypto.randomUUID()) : {};
          headers["content-type"] = contentType;
          const res = await call(path, { method: "POST", headers, body });
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            const payload = (await res.json()) as { error: { code: string; message: string; requestId: string } };
            expect(typeof payload.error.code).toBe("string");
            expect(payload.error.requestId).toBeTruthy();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

// The consumer under D1 failures, queue redeliveries and dead-lettering: burst-ledger.test.ts.
