import { createExecutionContext, env } from "cloudflare:test";
import { createDb, schema } from "@firebreak/db";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { makeWorkspace, NOW } from "../helpers/fixtures.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const call = (path: string, init: RequestInit = {}) => app.request(path, init, env, createExecutionContext());

let sourceId = "";
let secret = "";
let otherToken = "";
let token = "";

beforeAll(async () => {
  const ws = await makeWorkspace(env.DB, "errors");
  token = ws.token;
  otherToken = (await makeWorkspace(env.DB, "other")).token;
  const res = await call("/api/v1/sources", {
    method: "POST",
    headers: { authorization: `Bearer ${ws.token}`, "content-type": "application/json" },
    body: JSON.stringify({ provider: "standard-webhooks", name: "errors" }),
  });
  ({ id: sourceId, secret } = (await res.json()) as { id: string; secret: string });
});

function signed(body: string, { id = crypto.randomUUID(), at = NOW, key = secret } = {}) {
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at / 1000)),
    "webhook-signature": new Webhook(key).sign(id, new Date(at), body),
  };
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
  expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
}

const valid = JSON.stringify({ type: "feedback.created", data: { id: "x1", comment: "fine", score: 8, scale: "nps" } });
const post = (body: string, headers: Record<string, string>, path = `/webhooks/standard-webhooks/${sourceId}`) =>
  call(path, { method: "POST", headers, body });

describe("webhook endpoint refuses bad input with the one error shape", () => {
  it("413 for bodies over 1 MiB", async () => {
    const huge = JSON.stringify({ type: "feedback.created", data: { id: "big", comment: "x".repeat(1024 * 1024) } });
    await expectError(
      await post(huge, { ...signed(huge), "content-length": String(huge.length) }),
      413,
      "payload_too_large",
    );
  });

  it("415 for the wrong content type", async () => {
    await expectError(
      await post(valid, { ...signed(valid), "content-type": "text/plain" }),
      415,
      "unsupported_media_type",
    );
  });

  it("404 for unknown providers and sources", async () => {
    await expectError(await post(valid, signed(valid), "/webhooks/nope/x"), 404, "not_found");
    await expectError(await post(valid, signed(valid), "/webhooks/standard-webhooks/src_missing"), 404, "not_found");
  });

  it("401 for tampered, stale and unsigned deliveries, each logged as rejected", async () => {
    await expectError(await post(valid.replace("8", "2"), signed(valid)), 401, "invalid_signature");
    await expectError(await post(valid, signed(valid, { at: NOW - 10 * 60_000 })), 401, "invalid_signature");
    await expectError(await post(valid, { "content-type": "application/json" }), 401, "invalid_signature");
    const rejected = await db.select().from(schema.deliveries).where(eq(schema.deliveries.sourceId, sourceId));
    expect(rejected.filter((d) => d.status === "rejected" && d.httpStatus === 401)).toHaveLength(3);
  });

  it("400 for malformed JSON and 422 for unusable events, with the reason recorded", async () => {
    await expectError(await post("{oops", signed("{oops")), 400, "bad_request");
    const unusable = JSON.stringify({ type: "feedback.created", data: { id: "u1" } });
    await expectError(await post(unusable, signed(unusable)), 422, "unprocessable_event");
    const log = await db.select().from(schema.deliveries).where(eq(schema.deliveries.sourceId, sourceId));
    expect(log.find((d) => d.httpStatus === 422)?.reason).toMatch(/neither a comment nor a score/);
  });

  it("never stores credentials from request headers", async () => {
    await post(valid, { ...signed(valid), authorization: "Bearer secret-thing", cookie: "a=b" });
    const payloads = await db.select().from(schema.rawPayloads);
    for (const p of payloads) {
      expect(p.headers.authorization).toBeUndefined();
      expect(p.headers.cookie).toBeUndefined();
    }
  });
});

describe("sources API", () => {
  it("401 without a token, 401 with an unknown one", async () => {
    await expectError(await call("/api/v1/sources"), 401, "unauthorized");
    await expectError(
      await call("/api/v1/sources", { headers: { authorization: "Bearer nope" } }),
      401,
      "unauthorized",
    );
  });

  it("400 for an invalid body", async () => {
    const res = await call("/api/v1/sources", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ provider: "carrier-pigeon", name: "" }),
    });
    await expectError(res, 400, "bad_request");
  });

  it("404 for another workspace's source, with none of its data", async () => {
    const res = await call(`/api/v1/sources/${sourceId}`, { headers: { authorization: `Bearer ${otherToken}` } });
    const text = await res.clone().text();
    await expectError(res, 404, "not_found");
    expect(text).not.toContain(sourceId);
    const list = await call("/api/v1/sources", { headers: { authorization: `Bearer ${otherToken}` } });
    expect(((await list.json()) as { data: unknown[] }).data).toEqual([]);
  });

  it("404 in the error shape for unknown routes", async () => {
    await expectError(await call("/nowhere"), 404, "not_found");
  });
});
