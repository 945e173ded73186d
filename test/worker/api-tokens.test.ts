import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { type ApiTokenScope, generateApiToken } from "@firebreak/core";
import { createDb, schema, tokens } from "@firebreak/db";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);

/** Calls the API and waits for its background work (the last-used stamp) before answering. */
async function api(token: string, path: string, method = "GET", body?: unknown) {
  const ctx = createExecutionContext();
  const res = await app.request(
    path,
    {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

const by = { actor: "user:web", now: NOW - 60_000 };

async function makeToken(workspaceId: string, scopes: ApiTokenScope[], expiresAt: number | null = null) {
  const made = await generateApiToken();
  const id = await tokens.create(
    db,
    workspaceId,
    { name: `${scopes.join("+")} token`, scopes, prefix: made.prefix, tokenHash: made.hash, expiresAt },
    by,
  );
  return { id, token: made.token, prefix: made.prefix };
}

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "tokens");
  other = await makeWorkspace(env.DB, "elsewhere");
});

describe("creating a token", () => {
  it("stores only the hash and a display prefix, and audits without the value", async () => {
    const { id, token, prefix } = await makeToken(ws.workspaceId, ["read"]);
    const [row] = await db.select().from(schema.apiTokens).where(eq(schema.apiTokens.id, id));
    expect(row?.prefix).toBe(prefix);
    expect(JSON.stringify(row)).not.toContain(token.slice(prefix.length));
    expect(row?.createdBy).toBeNull(); // `user:web` (the app before sign-in) is no user row: no creator recorded

    const [entry] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.targetId, id), eq(schema.auditLog.action, "api_token.created")));
    expect(entry).toMatchObject({ workspaceId: ws.workspaceId, actor: "user:web", targetType: "api_token" });
    expect(entry?.details).toEqual({ name: "read token", prefix, scopes: ["read"], expiresAt: null });
    expect(JSON.stringify(entry)).not.toContain(token.slice(prefix.length));
  });

  it("records the creating user when the actor is a real user", async () => {
    await db.insert(schema.users).values({ id: "usr_ada", name: "Ada Lovelace", email: "ada@example.com" });
    const made = await generateApiToken();
    const id = await tokens.create(
      db,
      ws.workspaceId,
      { name: "Ada's", scopes: ["write"], prefix: made.prefix, tokenHash: made.hash, expiresAt: null },
      { actor: "user:usr_ada", now: NOW },
    );
    const listed = (await tokens.list(db, ws.workspaceId)).find((t) => t.id === id);
    expect(listed?.createdByName).toBe("Ada Lovelace");
  });

  it("lists a workspace's own tokens only, newest first", async () => {
    const mine = await tokens.list(db, ws.workspaceId);
    const theirs = await makeToken(other.workspaceId, ["read"]);
    expect(mine.length).toBeGreaterThan(0);
    expect((await tokens.list(db, ws.workspaceId)).map((t) => t.id)).not.toContain(theirs.id);
    const times = mine.map((t) => t.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});

describe("using a token", () => {
  it("works against the API and stamps its last use", async () => {
    const { id, token } = await makeToken(ws.workspaceId, ["read"]);
    expect((await tokens.list(db, ws.workspaceId)).find((t) => t.id === id)?.lastUsedAt).toBeNull();
    expect((await api(token, "/api/v1/sources")).status).toBe(200);
    expect((await tokens.list(db, ws.workspaceId)).find((t) => t.id === id)?.lastUsedAt).toBe(NOW);
  });

  it("refuses an unknown token and a missing header with 401 in the error shape", async () => {
    const unknown = await api("fbk_not-a-real-token", "/api/v1/sources");
    expect(unknown.status).toBe(401);
    expect(await errorOf(unknown)).toMatchObject({ code: "unauthorized" });
    const res = await app.request("/api/v1/sources", {}, env, createExecutionContext());
    expect(res.status).toBe(401);
  });

  it("is refused from the moment it is revoked; revoking twice or another workspace's token changes nothing", async () => {
    const { id, token } = await makeToken(ws.workspaceId, ["write"]);
    expect((await api(token, "/api/v1/sources")).status).toBe(200);

    expect(await tokens.revoke(db, other.workspaceId, id, by)).toBe("not_found");
    expect((await api(token, "/api/v1/sources")).status).toBe(200);

    expect(await tokens.revoke(db, ws.workspaceId, id, { actor: "user:web", now: NOW })).toBe("revoked");
    const refused = await api(token, "/api/v1/sources");
    expect(refused.status).toBe(401);
    expect(await errorOf(refused)).toMatchObject({ code: "unauthorized", message: expect.stringMatching(/revoked/) });
    expect(await tokens.revoke(db, ws.workspaceId, id, by)).toBe("already_revoked");

    const entries = await db.select().from(schema.auditLog).where(eq(schema.auditLog.targetId, id));
    expect(entries.map((e) => e.action).sort()).toEqual(["api_token.created", "api_token.revoked"]);
    const revoked = (await tokens.list(db, ws.workspaceId)).find((t) => t.id === id);
    expect(revoked?.revokedAt).toBe(NOW);
  });

  it("is refused once it expires, and works until then", async () => {
    const live = await makeToken(ws.workspaceId, ["read"], NOW + 1);
    expect((await api(live.token, "/api/v1/sources")).status).toBe(200);
    const expired = await makeToken(ws.workspaceId, ["read"], NOW);
    const res = await api(expired.token, "/api/v1/sources");
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toMatchObject({ code: "unauthorized", message: expect.stringMatching(/expired/) });
  });
});

describe("scopes across the API", () => {
  const RANK: Record<ApiTokenScope, number> = { read: 0, write: 1, admin: 2 };

  /** Every /api/v1 operation with the scope it documents, parameters filled in (the OpenAPI test ties the document to the routes). */
  async function operations() {
    const res = await app.request("/api/openapi.json", {}, env, createExecutionContext());
    const doc = (await res.json()) as {
      paths: Record<string, Record<string, { "x-required-scope"?: ApiTokenScope }>>;
    };
    return Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/api/v1/"))
      .flatMap(([path, item]) =>
        Object.entries(item).map(([method, op]) => ({
          method: method.toUpperCase(),
          path: path.replace(/\{(\w+)\}/g, "x_$1"),
          scope: op["x-required-scope"] as ApiTokenScope,
        })),
      );
  }

  it("has routes at every level: read, write and admin-only", async () => {
    const scopes = new Set((await operations()).map((o) => o.scope));
    expect(scopes).toEqual(new Set(["read", "write", "admin"]));
  });

  it("answers 403 to a token below the route's scope and lets one at or above it through, on every route", async () => {
    const ops = await operations();
    for (const scope of ["read", "write", "admin"] as const) {
      const { token } = await makeToken(ws.workspaceId, [scope]);
      for (const op of ops) {
        const res = await api(token, op.path, op.method, op.method === "GET" ? undefined : {});
        const where = `${scope} token, ${op.method} ${op.path} (needs ${op.scope})`;
        if (RANK[scope] < RANK[op.scope]) {
          expect(res.status, where).toBe(403);
          expect(await errorOf(res), where).toMatchObject({
            code: "forbidden",
            message: expect.stringContaining(op.scope),
          });
        } else expect([401, 403], where).not.toContain(res.status);
      }
    }
  });
});
