import { createExecutionContext, env } from "cloudflare:test";
import { newId, sha256Hex } from "@firebreak/core";
import { createDb, schema } from "@firebreak/db";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { addSource, countsAgree, feedback, store } from "./stored-items.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);

const post = (path: string, token: string | null, body: unknown, type = "application/json") =>
  app.request(
    path,
    {
      method: "POST",
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": type },
      body: typeof body === "string" ? body : JSON.stringify(body),
    },
    env,
    createExecutionContext(),
  );

/** A token of the workspace with exactly these scopes. */
async function tokenWith(ws: TestWorkspace, scopes: Array<"read" | "write" | "admin">) {
  const token = `fbk_test_${newId("t")}`;
  await db.insert(schema.apiTokens).values({
    id: newId("tok"),
    workspaceId: ws.workspaceId,
    name: scopes.join("+"),
    prefix: token.slice(0, 12),
    tokenHash: await sha256Hex(token),
    scopes,
    createdAt: NOW,
  });
  return token;
}

const ENDPOINTS = ["/api/v1/customers/erase", "/api/v1/customers/export"];
let ws: TestWorkspace;
let other: TestWorkspace;
let admin: string;
let otherAdmin: string;

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "customers-api");
  other = await makeWorkspace(env.DB, "customers-api-other");
  admin = await tokenWith(ws, ["admin"]);
  otherAdmin = await tokenWith(other, ["admin"]);
  const source = await addSource(ws);
  await store(ws, source, [
    feedback("The courier left my parcel in the rain", { customerId: "u-1", customerEmail: "anna@example.com" }),
    feedback("Parcel soaked again, second time", { customerId: "u-1", customerEmail: "anna@example.com" }),
    feedback("Quick delivery, thanks", { customerId: "u-2", customerEmail: "bo@example.com" }),
  ]);
  await store(other, await addSource(other), [
    feedback("Parcel soaked", { customerId: "u-1", customerEmail: "anna@example.com" }),
  ]);
});

describe("POST /api/v1/customers/erase and /export: who may ask", () => {
  it("needs a token, and one with the admin scope: read and write tokens get 403", async () => {
    const readOnly = await tokenWith(ws, ["read"]);
    for (const path of ENDPOINTS) {
      expect((await post(path, null, { customerId: "u-1" })).status).toBe(401);
      for (const token of [readOnly, ws.token]) {
        const res = await post(path, token, { customerId: "u-1" });
        expect(res.status).toBe(403);
        expect(await res.json()).toEqual({
          error: { code: "forbidden", message: 'This token lacks the "admin" scope.', requestId: expect.any(String) },
        });
      }
    }
    expect(await db.query.customers.findMany({ where: eq(schema.customers.workspaceId, ws.workspaceId) })).toHaveLength(
      2,
    );
  });

  it("answers bad bodies with 400 in the error shape, never a 5xx", async () => {
    for (const path of ENDPOINTS) {
      for (const body of [
        {},
        { email: "anna@example.com", customerId: "u-1" },
        { email: "anna" },
        { id: "itm_123" },
        { customerId: "u-1", name: "Anna" },
        "not json",
      ]) {
        const res = await post(path, admin, body);
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
        expect(await res.json()).toMatchObject({ error: { code: "bad_request", requestId: expect.any(String) } });
      }
    }
  });

  it("answers 404 for a customer the workspace does not have, including another workspace's", async () => {
    for (const path of ENDPOINTS) {
      const res = await post(path, admin, { email: "nobody@example.com" });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({
        error: { code: "not_found", message: "No such customer in this workspace.", requestId: expect.any(String) },
      });
    }
    const mine = await db.query.customers.findFirst({ where: eq(schema.customers.workspaceId, ws.workspaceId) });
    expect((await post("/api/v1/customers/export", otherAdmin, { id: mine?.id })).status).toBe(404);
    expect((await post("/api/v1/customers/erase", otherAdmin, { id: mine?.id })).status).toBe(404);
  });
});

describe("POST /api/v1/customers/export and /erase with an admin token", () => {
  it("exports the customer as a JSON download", async () => {
    const res = await post("/api/v1/customers/export", admin, { customerId: "u-1" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="customer-export-\d+\.json"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { requestedBy: string; items: Array<{ text: string }>; customers: unknown[] };
    expect(body.requestedBy).toBe("customerId");
    expect(body.customers).toHaveLength(1);
    expect(body.items.map((i) => i.text).sort()).toEqual([
      "Parcel soaked again, second time",
      "The courier left my parcel in the rain",
    ]);
  });

  it("erases the customer, answers with the counts, and audits it under the token", async () => {
    const res = await post("/api/v1/customers/erase", admin, { email: "ANNA@example.com" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { erased: Record<string, number>; reference: string };
    expect(body.erased).toMatchObject({ customers: 1, items: 2, rawPayloads: 0 });
    const left = await db.query.feedbackItems.findMany({ where: eq(schema.feedbackItems.workspaceId, ws.workspaceId) });
    expect(left.map((i) => i.text)).toEqual(["Quick delivery, thanks"]);
    await countsAgree(ws.workspaceId);
    const entry = await db.query.auditLog.findFirst({
      where: and(eq(schema.auditLog.workspaceId, ws.workspaceId), eq(schema.auditLog.action, "customer.erased")),
    });
    expect(entry).toMatchObject({ actor: expect.stringMatching(/^token:tok_/), targetId: body.reference });
    expect((await post("/api/v1/customers/export", admin, { customerId: "u-1" })).status).toBe(404);
    // The same person in another workspace is that workspace's business.
    expect((await post("/api/v1/customers/export", otherAdmin, { customerId: "u-1" })).status).toBe(200);
  });
});
