import { createExecutionContext, env } from "cloudflare:test";
import { newId, sha256Hex } from "@firebreak/core";
import { createDb, humanMoments, schema } from "@firebreak/db";
import OAS31 from "@seriousme/openapi-schema-validator/schemas/v3.1/schema.json";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { processDelivery } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";

type Json = { [key: string]: unknown };
type Operation = {
  operationId: string;
  tags: string[];
  security?: Array<Record<string, string[]>>;
  "x-required-scope"?: string;
  parameters?: Json[];
  requestBody?: Json;
  responses: Record<string, { description: string; content?: { "application/json"?: { schema: Json } } }>;
};
type Document = {
  openapi: string;
  info: Json;
  servers: Array<{ url: string }>;
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
};

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const call = (path: string, init: RequestInit = {}) => app.request(path, init, env, createExecutionContext());
const api = (token: string, path: string, method = "GET", body?: unknown) =>
  call(path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

// The same JSON Schema setup as @seriousme/openapi-schema-validator's own `Validator`, whose schema files it reads
// from disk, which a Worker cannot: its OpenAPI 3.1 schema, Ajv's 2020-12 dialect, ajv-formats.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat("media-range", true);

/** POSTs that change nothing (a question with a body), so a read token may send them. */
const READ_ONLY_POSTS = new Set(["post /api/v1/policy/check"]);

let doc: Document;
let ws: TestWorkspace;
let readOnlyToken: string;
let source: { id: string; secret: string };
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op: op as Operation })),
  );

beforeAll(async () => {
  const res = await call("/api/openapi.json");
  doc = (await res.json()) as Document;
  ws = await makeWorkspace(env.DB, "openapi");
  readOnlyToken = `fbk_test_${newId("t")}`;
  await db.insert(schema.apiTokens).values({
    id: newId("tok"),
    workspaceId: ws.workspaceId,
    name: "read only",
    prefix: readOnlyToken.slice(0, 12),
    tokenHash: await sha256Hex(readOnlyToken),
    scopes: ["read"],
    createdAt: NOW,
  });
});

/** Every `$ref` in the document points at something in it (JSON Schema validation alone cannot tell). */
function danglingRefs(node: unknown, root: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap((n) => danglingRefs(n, root));
  if (!node || typeof node !== "object") return [];
  const out = Object.values(node).flatMap((v) => danglingRefs(v, root));
  const ref = (node as Json).$ref;
  if (typeof ref === "string") {
    const target = ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((at, key) => (at as Json | undefined)?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], root);
    if (target === undefined) out.push(ref);
  }
  return out;
}

/**
 * `schema` closed: `allOf` parts merged and every object with properties refusing others, so a response field the
 * document does not name fails validation (zod objects are open in JSON Schema).
 */
function closed(node: unknown, components: Record<string, Json>): unknown {
  if (Array.isArray(node)) return node.map((n) => closed(n, components));
  if (!node || typeof node !== "object") return node;
  const copy = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closed(v, components)])) as Json;
  if (Array.isArray(copy.allOf)) {
    const parts = (copy.allOf as Json[]).map((part) =>
      typeof part.$ref === "string" ? (components[part.$ref.split("/").at(-1) ?? ""] ?? {}) : part,
    );
    delete copy.allOf;
    copy.type = "object";
    copy.properties = Object.assign({}, ...parts.map((p) => p.properties ?? {}));
    copy.required = parts.flatMap((p) => (p.required as string[] | undefined) ?? []);
  }
  if (copy.properties && copy.additionalProperties === undefined) copy.additionalProperties = false;
  return copy;
}

/** Checks `res` against what the document says of `method path` for its status; returns the body. */
async function expectDocumented(res: Response, method: string, path: string): Promise<unknown> {
  const op = doc.paths[path]?.[method];
  expect(op, `${method} ${path} is documented`).toBeDefined();
  const response = op?.responses[String(res.status)];
  expect(response, `${method} ${path} documents ${res.status}`).toBeDefined();
  const documented = response?.content?.["application/json"]?.schema;
  if (!documented) {
    expect(await res.text()).toBe("");
    return undefined;
  }
  const body = await res.json();
  const components = Object.fromEntries(Object.entries(doc.components.schemas).map(([name, s]) => [name, s])) as Record<
    string,
    Json
  >;
  const closedComponents = Object.fromEntries(
    Object.entries(components).map(([name, s]) => [name, closed(s, components)]),
  );
  const validate = ajv.compile({
    ...(closed(documented, components) as Json),
    components: { schemas: closedComponents },
  });
  expect(validate(body), `${method} ${path} ${res.status}: ${JSON.stringify(validate.errors)}`).toBe(true);
  return body;
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1 (the specification's JSON Schema) and every $ref resolves", () => {
    const validate = ajv.compile(OAS31);
    expect(validate(doc), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
    expect(danglingRefs(doc, doc)).toEqual([]);
    // A nullable named schema must be `anyOf [$ref, null]`: an `allOf` with a null type can never match null.
    expect(JSON.stringify(doc)).not.toMatch(/"allOf":\[\{"\$ref":"[^"]+"\},\{"type":\[[^\]]*"null"/);
  });

  it("names the deployment's URL, a bearer scheme and a tag per resource", () => {
    expect(doc.servers[0]?.url).toBe(env.INGEST_URL);
    expect(doc.info).toMatchObject({ title: "Firebreak API", version: expect.any(String) });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    const tags = doc.tags.map((t) => t.name);
    for (const { op } of operations()) {
      expect(op.tags).toHaveLength(1);
      expect(tags).toContain(op.tags[0]);
    }
  });

  it("documents every route of the app under /api/v1 and /webhooks with its method, and no route it lacks", () => {
    const served = new Set(
      app.routes
        .filter((r) => r.method !== "ALL" && /^\/(api\/v1|webhooks)\//.test(r.path))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const documented = new Set(operations().map(({ method, path }) => `${method} ${path}`));
    expect(served.size).toBeGreaterThan(25);
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !served.has(route))).toEqual([]);
  });

  it("gives every API operation its scope and every error status it can answer as the Error component", () => {
    const ids = new Set<string>();
    for (const { path, method, op } of operations()) {
      const where = `${method} ${path}`;
      expect(ids.has(op.operationId), `${where}: unique operationId`).toBe(false);
      ids.add(op.operationId);
      const statuses = Object.keys(op.responses);
      for (const status of statuses.filter((s) => Number(s) >= 400))
        expect(op.responses[status]?.content?.["application/json"]?.schema, `${where} ${status}`).toEqual({
          $ref: "#/components/schemas/Error",
        });
      expect(
        statuses.some((s) => /^2\d\d$/.test(s)),
        `${where}: a success response`,
      ).toBe(true);
      if (path.startsWith("/webhooks/")) {
        expect(op.security).toEqual([]);
        continue;
      }
      const scope = op["x-required-scope"] ?? "";
      expect(["read", "write", "admin"], where).toContain(scope);
      expect(op.security, where).toEqual([{ bearerAuth: [scope] }]);
      expect(statuses, where).toEqual(expect.arrayContaining(["401", "403", "500"]));
      if (op.parameters?.length || op.requestBody) expect(statuses, where).toContain("400");
      if (op.requestBody) expect(statuses, where).toContain("415");
      if (path.includes("{id}")) expect(statuses, `${where}: a missing id`).toContain("404");
      if (method !== "get" && !READ_ONLY_POSTS.has(where)) expect(scope, where).not.toBe("read");
    }
  });

  it("is cacheable: an ETag, and 304 when it has not changed", async () => {
    const first = await call("/api/openapi.json");
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    expect(first.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const again = await call("/api/openapi.json", { headers: { "if-none-match": etag ?? "" } });
    expect(again.status).toBe(304);
  });
});

describe("real responses match their documented schemas", () => {
  function deliver(id: string, secret = source.secret) {
    const payload = JSON.stringify({
      type: "feedback.created",
      data: { id, comment: "Refund never came", score: 2, scale: "nps" },
    });
    return call(`/webhooks/standard-webhooks/${source.id}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": `msg_${id}`,
        "webhook-timestamp": String(Math.floor(NOW / 1000)),
        "webhook-signature": new Webhook(secret).sign(`msg_${id}`, new Date(NOW), payload),
      },
      body: payload,
    });
  }

  it("sources: connect, list, get, patch, rotate, the delivery log", async () => {
    const created = await api(ws.token, "/api/v1/sources", "POST", { provider: "standard-webhooks", name: "NPS" });
    expect(created.status).toBe(201);
    source = (await expectDocumented(created, "post", "/api/v1/sources")) as typeof source;
    await expectDocumented(await api(ws.token, "/api/v1/sources"), "get", "/api/v1/sources");
    await expectDocumented(await api(ws.token, `/api/v1/sources/${source.id}`), "get", "/api/v1/sources/{id}");
    const patched = await api(ws.token, `/api/v1/sources/${source.id}`, "PATCH", { name: "NPS survey" });
    await expectDocumented(patched, "patch", "/api/v1/sources/{id}");
    // No body at all: a body whose fields all have defaults may be left out.
    const rotated = await call(`/api/v1/sources/${source.id}/rotate-secret`, {
      method: "POST",
      headers: { authorization: `Bearer ${ws.token}` },
    });
    expect(rotated.status).toBe(200);
    source.secret = ((await expectDocumented(rotated, "post", "/api/v1/sources/{id}/rotate-secret")) as Json)
      .secret as string;
    await expectDocumented(await api(ws.token, "/api/v1/providers"), "get", "/api/v1/providers");
  });

  it("webhooks and feedback: 202, a duplicate's 200, a bad signature's 401, the item and the log", async () => {
    const accepted = await deliver("oa-1");
    expect(accepted.status).toBe(202);
    const { deliveryId } = (await expectDocumented(accepted, "post", "/webhooks/{provider}/{sourceId}")) as Json;
    const duplicate = await deliver("oa-1");
    expect(duplicate.status).toBe(200);
    await expectDocumented(duplicate, "post", "/webhooks/{provider}/{sourceId}");
    const forged = await deliver("oa-2", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    expect(forged.status).toBe(401);
    await expectDocumented(forged, "post", "/webhooks/{provider}/{sourceId}");
    expect(await processDelivery(db, env, deliveryId as string)).toBe(1);

    const page = (await expectDocumented(await api(ws.token, "/api/v1/feedback"), "get", "/api/v1/feedback")) as {
      data: unknown[];
    };
    expect(page.data).toHaveLength(1);
    const log = await api(ws.token, `/api/v1/sources/${source.id}/deliveries`);
    expect(
      ((await expectDocumented(log, "get", "/api/v1/sources/{id}/deliveries")) as { data: unknown[] }).data,
    ).not.toHaveLength(0);
    const replayed = await api(ws.token, `/api/v1/deliveries/${deliveryId}/replay`, "POST");
    expect(replayed.status).toBe(202);
    await expectDocumented(replayed, "post", "/api/v1/deliveries/{id}/replay");
  });

  it("themes and placement rules", async () => {
    await expectDocumented(await api(ws.token, "/api/v1/themes"), "get", "/api/v1/themes");
    const rule = await api(ws.token, "/api/v1/touchpoint-rules", "POST", {
      touchpointId: ws.touchpointIds.checkout,
      kind: "keyword",
      language: "en",
      match: ["refund"],
    });
    expect(rule.status).toBe(201);
    await expectDocumented(rule, "post", "/api/v1/touchpoint-rules");
    await expectDocumented(await api(ws.token, "/api/v1/touchpoint-rules"), "get", "/api/v1/touchpoint-rules");
  });

  it("the human-moments policy and a check against it, a 304 and a 404", async () => {
    const moment = { reason: "Refunds need someone who can decide.", owner: "Billing" };
    await humanMoments.mark(db, ws.workspaceId, ws.touchpointIds.checkout, moment, { actor: "user:t", now: NOW });
    const policy = await api(ws.token, "/api/v1/policy/human-moments");
    const body = (await expectDocumented(policy, "get", "/api/v1/policy/human-moments")) as { humanMoments: unknown[] };
    expect(body.humanMoments).toHaveLength(1);
    const etag = policy.headers.get("etag") ?? "";
    const unchanged = await call("/api/v1/policy/human-moments", {
      headers: { authorization: `Bearer ${ws.token}`, "if-none-match": etag },
    });
    expect(unchanged.status).toBe(304);
    await expectDocumented(unchanged, "get", "/api/v1/policy/human-moments");
    const action = { kind: "bot", customerFacing: true };
    const decided = await api(readOnlyToken, "/api/v1/policy/check", "POST", {
      attributes: { tags: ["vip"], text: "refund please", language: "en" },
      action,
    });
    expect(decided.status).toBe(200);
    expect(await expectDocumented(decided, "post", "/api/v1/policy/check")).toMatchObject({ decision: "deny" });
    const unknown = await api(ws.token, "/api/v1/policy/check", "POST", { touchpointId: "tp_nope", action });
    expect(unknown.status).toBe(404);
    await expectDocumented(unknown, "post", "/api/v1/policy/check");
  });

  it("destinations: create (the secret once), list, get, patch, test, the delivery log, a 400, delete", async () => {
    const base = "/api/v1/destinations";
    const created = await api(ws.token, base, "POST", {
      kind: "webhook",
      name: "Ops",
      target: "https://hooks.example.com/x",
    });
    expect(created.status).toBe(201);
    const { id } = (await expectDocumented(created, "post", base)) as { id: string };
    await expectDocumented(await api(ws.token, base), "get", base);
    await expectDocumented(await api(ws.token, `${base}/${id}`), "get", `${base}/{id}`);
    await expectDocumented(
      await api(ws.token, `${base}/${id}`, "PATCH", { name: "Ops on call" }),
      "patch",
      `${base}/{id}`,
    );
    const test = await api(ws.token, `${base}/${id}/test`, "POST");
    expect(test.status).toBe(202);
    await expectDocumented(test, "post", `${base}/{id}/test`);
    await expectDocumented(await api(ws.token, `${base}/${id}/deliveries`), "get", `${base}/{id}/deliveries`);
    const unsafe = await api(ws.token, base, "POST", { kind: "slack", name: "x", target: "https://192.168.1.1/" });
    expect(unsafe.status).toBe(400);
    await expectDocumented(unsafe, "post", base);
    const removed = await api(ws.token, `${base}/${id}`, "DELETE");
    expect(removed.status).toBe(204);
    await expectDocumented(removed, "delete", `${base}/{id}`);
  });

  it("playbooks: create, a 409 at a human moment, list, patch, dry run, runs, delete", async () => {
    const body = {
      name: "Delay notice",
      trigger: { kinds: ["escalation"] },
      action: { kind: "webhook", connect: { url: "https://hooks.example.com/playbook" } },
      customerFacing: true,
    };
    const created = await api(ws.token, "/api/v1/playbooks", "POST", body);
    expect(created.status).toBe(201);
    const { id } = (await expectDocumented(created, "post", "/api/v1/playbooks")) as { id: string };
    const refused = await api(ws.token, "/api/v1/playbooks", "POST", {
      ...body,
      trigger: { kinds: ["escalation"], touchpointId: ws.touchpointIds.checkout },
    });
    expect(refused.status).toBe(409);
    await expectDocumented(refused, "post", "/api/v1/playbooks");
    await expectDocumented(await api(ws.token, "/api/v1/playbooks"), "get", "/api/v1/playbooks");
    await expectDocumented(await api(ws.token, `/api/v1/playbooks/${id}`), "get", "/api/v1/playbooks/{id}");
    const patched = await api(ws.token, `/api/v1/playbooks/${id}`, "PATCH", { enabled: true });
    await expectDocumented(patched, "patch", "/api/v1/playbooks/{id}");
    const dry = await api(ws.token, `/api/v1/playbooks/${id}/dry-run`, "POST", {});
    expect(dry.status).toBe(200);
    await expectDocumented(dry, "post", "/api/v1/playbooks/{id}/dry-run");
    const runs = await api(readOnlyToken, `/api/v1/playbooks/${id}/runs`);
    await expectDocumented(runs, "get", "/api/v1/playbooks/{id}/runs");
    const removed = await api(ws.token, `/api/v1/playbooks/${id}`, "DELETE");
    expect(removed.status).toBe(204);
    await expectDocumented(await api(ws.token, `/api/v1/playbooks/${id}`), "get", "/api/v1/playbooks/{id}");
  });

  it("errors, each in the one shape with the validator's messages: 400, 401, 403, 404, 415", async () => {
    const invalid = await api(ws.token, "/api/v1/sources", "POST", { provider: "standard-webhooks", name: "" });
    expect(invalid.status).toBe(400);
    expect(await expectDocumented(invalid, "post", "/api/v1/sources")).toMatchObject({
      error: { code: "bad_request", message: "name: Give the source a name.", requestId: expect.any(String) },
    });
    const empty = await api(ws.token, `/api/v1/sources/${source.id}`, "PATCH", {});
    expect(await expectDocumented(empty, "patch", "/api/v1/sources/{id}")).toMatchObject({
      error: { code: "bad_request", message: "json: nothing to change" },
    });
    const badQuery = await api(ws.token, "/api/v1/feedback?limit=0");
    expect(((await expectDocumented(badQuery, "get", "/api/v1/feedback")) as { error: Json }).error.message).toMatch(
      /^limit: /,
    );

    const anonymous = await call("/api/v1/themes");
    expect(anonymous.status).toBe(401);
    await expectDocumented(anonymous, "get", "/api/v1/themes");
    // The token is checked before the body, so an anonymous request with a bad body is a 401, not a 400.
    const anonymousBad = await call("/api/v1/sources", { method: "POST", body: "{" });
    expect(anonymousBad.status).toBe(401);

    const readOnly = await api(readOnlyToken, `/api/v1/sources/${source.id}`, "PATCH", { name: "x" });
    expect(readOnly.status).toBe(403);
    await expectDocumented(readOnly, "patch", "/api/v1/sources/{id}");

    const missing = await api(ws.token, "/api/v1/themes/thm_missing");
    expect(missing.status).toBe(404);
    await expectDocumented(missing, "get", "/api/v1/themes/{id}");

    const text = await call("/api/v1/touchpoint-rules", {
      method: "POST",
      headers: { authorization: `Bearer ${ws.token}`, "content-type": "text/plain" },
      body: "refund",
    });
    expect(text.status).toBe(415);
    expect(await expectDocumented(text, "post", "/api/v1/touchpoint-rules")).toMatchObject({
      error: { code: "unsupported_media_type" },
    });
  });
});

describe("/api/docs", () => {
  it("is one HTML page with every operation, under a CSP that admits only its own stylesheet", async () => {
    const res = await call("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(style));
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|script-src/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)[^"'\s<]+\.(js|css)/);
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain("<main");
    for (const { path, method, op } of operations()) {
      expect(html, op.operationId).toContain(`id="op-${op.operationId}"`);
      expect(html).toContain(`${method.toUpperCase()}</span> <code>${path}</code>`);
    }
    for (const name of Object.keys(doc.components.schemas)) expect(html).toContain(`id="schema-${name}"`);
    expect(html).toContain("curl -X POST &quot;http://127.0.0.1:8787/api/v1/sources&quot;");
  });
});
