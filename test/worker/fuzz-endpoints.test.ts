/**
 * No input yields a 5xx, on any endpoint. Every route of the ingest app (`app.routes`, as the isolation matrix
 * enumerates them) is sent fast-check requests: path params as real ids of the test workspace or random strings, with
 * an admin token, a garbage one or none, and bodies that are malformed JSON, the route's own fields (from the OpenAPI
 * document) with wrong types, unicode (emoji, RTL, escaped lone surrogates, NUL) or any JSON, under random query
 * strings. Every route also gets the hostile constants: 10,000 levels of `[` and of `{"a":`, and bodies over 1 MiB
 * with and without a content-length. Every answer is below 500, and every 4xx is the one error shape with the
 * response's `x-request-id` as its requestId. Quick: 12 runs per route; full: 200.
 */
import { createExecutionContext, env } from "cloudflare:test";
import { newId, sha256Hex } from "@firebreak/core";
import { LATE, REFUND } from "@firebreak/core/themes/fixtures";
import { createDb, type replay, schema } from "@firebreak/db";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { createStandardSource, postStandardDelivery } from "./standard-webhooks.ts";
import { feedback, plantAlertAndFollowUp, store } from "./stored-items.ts";

const RUNS = env.PROOF_SCALE === "full" ? 200 : 12;
const MIB = 1024 * 1024;

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
/** Accepted webhooks are handed to a captured queue: the fuzz is about the HTTP answers, not the consumer. */
const testEnv = { ...env, DELIVERIES: { sendBatch: async () => {} } satisfies replay.DeliveryQueue } as unknown as Env;

let ws: TestWorkspace;
let admin = "";
/** Real ids of the workspace, by the resource a path names. */
const ids: Record<string, string> = {};
/** "METHOD /path" → the top-level fields its JSON body takes, and the query parameters it reads. */
const fields = new Map<string, string[]>();
const queryNames = new Set<string>(["limit", "before", "status", "from", "to", "q", "cursor"]);

function call(path: string, init: RequestInit & { token?: string } = {}) {
  const { token, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return app.request(path, { ...rest, headers }, testEnv, createExecutionContext());
}

async function json<T>(res: Response): Promise<T> {
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as T;
}

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "fuzz");
  admin = `fbk_admin_${newId("t")}`;
  await db.insert(schema.apiTokens).values({
    id: newId("tok"),
    workspaceId: ws.workspaceId,
    name: "admin",
    prefix: admin.slice(0, 12),
    tokenHash: await sha256Hex(admin),
    scopes: ["read", "write", "admin"],
    createdAt: NOW,
  });
  const post = (path: string, body: unknown) =>
    call(path, {
      method: "POST",
      token: admin,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  const source = await createStandardSource(app, ws, "Fuzzed");
  ids.source = source.id;
  ids.delivery = await postStandardDelivery(app, source, "msg_fuzz_1", { id: "f-1", comment: "Late again" });
  await store(
    ws,
    source.id,
    [...LATE, ...REFUND, ...LATE].map((text, i) => feedback(text, { customerId: `f${i % 4}` })),
  );
  await json(await post("/api/v1/themes/recluster", {}));
  ids.theme = (await json<{ data: Array<{ id: string }> }>(await call("/api/v1/themes", { token: admin }))).data[0]
    ?.id as string;
  const item = await db.query.feedbackItems.findFirst({ where: eq(schema.feedbackItems.workspaceId, ws.workspaceId) });
  ids.item = item?.id ?? "";
  ids.touchpoint = ws.touchpointIds.delivery;
  ids.rule = (
    await json<{ id: string }>(
      await post("/api/v1/touchpoint-rules", { touchpointId: ids.touchpoint, kind: "keyword", match: ["parcel"] }),
    )
  ).id;
  ids.import = (
    await json<{ id: string }>(
      await post(`/api/v1/sources/${source.id}/imports`, { format: "csv", fileName: "f.csv", preset: "zendesk" }),
    )
  ).id;
  ids.alertRule = (
    await json<{ id: string }>(await post("/api/v1/alert-rules", { kind: "escalation", name: "Esc" }))
  ).id;
  ids.destination = (
    await json<{ id: string }>(await post("/api/v1/destinations", { kind: "inbox", name: "Inbox" }))
  ).id;
  ids.playbook = (
    await json<{ id: string }>(
      await post("/api/v1/playbooks", {
        name: "Notice",
        trigger: { kinds: ["escalation"], touchpointId: ids.touchpoint },
        action: { kind: "webhook", connect: { url: "https://hooks.example.com/fuzz" } },
        customerFacing: false,
      }),
    )
  ).id;
  ({ alert: ids.alert, followUp: ids.followUp } = await plantAlertAndFollowUp(db, {
    workspaceId: ws.workspaceId,
    ruleId: ids.alertRule as string,
    touchpointId: ids.touchpoint as string,
    itemId: ids.item as string,
  }));
  expect(Object.values(ids).every(Boolean), JSON.stringify(ids)).toBe(true);

  // The routes' own fields, from the OpenAPI document the routes generate.
  type Schema = { $ref?: string; properties?: Record<string, unknown> };
  const doc = await json<{
    paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown }>>;
    components: { schemas: Record<string, Schema> };
  }>(await call("/api/openapi.json"));
  const resolve = (s: Schema | undefined): Schema | undefined =>
    s?.$ref ? doc.components.schemas[s.$ref.split("/").at(-1) ?? ""] : s;
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      for (const p of op.parameters ?? []) if (p.in === "query") queryNames.add(p.name);
      const body = op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined;
      const props = resolve(body?.content?.["application/json"]?.schema)?.properties;
      if (props) fields.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`, Object.keys(props));
    }
  }
}, 120_000);

/** Which real id a path's param names, from the resource before it. */
function realId(path: string, param: string): string {
  if (param === "provider") return "standard-webhooks";
  if (param === "sourceId") return ids.source as string;
  const resource = /\/api\/v1\/([a-z-]+)\/:/.exec(path)?.[1] ?? "";
  const byResource: Record<string, string | undefined> = {
    sources: ids.source,
    imports: ids.import,
    deliveries: ids.delivery,
    themes: ids.theme,
    alerts: ids.alert,
    "alert-rules": ids.alertRule,
    "follow-ups": ids.followUp,
    destinations: ids.destination,
    "touchpoint-rules": ids.rule,
    playbooks: ids.playbook,
  };
  const id = byResource[resource];
  if (!id) throw new Error(`no real id for ${path}: add its resource here`);
  return id;
}

const HOSTILE_STRINGS = [
  "😤🚚📦",
  "\u202Egnp.exe",
  "مرحبا، الطلب متأخر",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "%00",
  "../../etc/passwd",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "x".repeat(10_000),
];
const unicode = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: "binary", maxLength: 40 }));
const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  unicode,
);

/** A body for the route: malformed JSON, its fields mistyped, unicode, any JSON. */
function bodyFor(key: string) {
  const known = fields.get(key) ?? ["name", "id", "email"];
  return fc.oneof(
    fc.string({ maxLength: 60 }).map((s) => `{${s}`),
    fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)),
    fc.dictionary(fc.constantFrom(...known), wrongValue, { minKeys: 1 }).map((o) => JSON.stringify(o)),
    fc.dictionary(fc.constantFrom(...known), unicode, { minKeys: 1 }).map((o) => JSON.stringify(o)),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.constantFrom("", "null", "[]", "{}", '"x"', "0", "\u0000", "\ufeff{}"),
  );
}

const queryString = fc.oneof(
  fc.constant(""),
  fc
    .dictionary(fc.oneof(fc.constantFrom(...queryNames), fc.string({ maxLength: 8 })), fc.oneof(fc.string(), unicode), {
      maxKeys: 4,
    })
    .map((q) => `?${new URLSearchParams(q)}`),
  fc.constantFrom("?limit=-1", "?limit=1e309", "?before=NaN", "?%zz=%", "?&&==&", "?status[]=x", "?limit=99999999999"),
);

/** An answer that is not a 5xx and, when an error, the one shape with the response's request id. */
async function checkAnswer(res: Response, what: string) {
  const text = await res.text();
  seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
  expect(res.status, `${what} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${what} → ${res.status} is not JSON: ${text.slice(0, 200)}`);
    }
    const requestId = res.headers.get("x-request-id");
    expect(requestId, what).toBeTruthy();
    expect(body, what).toEqual({ error: { code: expect.any(String), message: expect.any(String), requestId } });
  }
}

/** Percent-encodes a path segment; a lone surrogate becomes its (invalid) UTF-8 bytes, as a hostile client sends. */
function encodeSegment(value: string): string {
  return [...value]
    .map((ch) => {
      const code = ch.charCodeAt(0);
      if (ch.length > 1 || code < 0xd800 || code > 0xdfff) return encodeURIComponent(ch);
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join("");
    })
    .join("");
}

/** Status → how often it was answered: the fuzz must reach past authentication and validation, not only bounce. */
const seen = new Map<number, number>();

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route once, deletions last, so the other routes meet the workspace's records while they exist. */
const routes = () =>
  app.routes
    .map((r) => ({ method: r.method, path: r.path, key: `${r.method} ${r.path}` }))
    .filter((r, i, all) => all.findIndex((o) => o.key === r.key) === i)
    .sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE"));

function hostileBodies(): Array<{ name: string; body: () => BodyInit; headers?: Record<string, string> }> {
  const huge = `{"name":"${"x".repeat(MIB + 10)}"}`;
  return [
    { name: "10,000 levels of [", body: () => "[".repeat(10_000) + "]".repeat(10_000) },
    { name: '10,000 levels of {"a":', body: () => `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}` },
    { name: "unterminated nesting", body: () => "[".repeat(10_000) },
    { name: "over 1 MiB with a content-length", body: () => huge },
    {
      name: "over 1 MiB streamed without a content-length",
      body: () => {
        const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
        let sent = 0;
        return new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent > MIB + chunk.length) return controller.close();
            sent += chunk.length;
            controller.enqueue(chunk);
          },
        });
      },
    },
  ];
}

describe("fuzzing every endpoint", () => {
  it("covers every route of the app", () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(50);
    // Every path param can be filled with a real id (realId throws for a new resource without one).
    for (const r of all) for (const [, p] of r.path.matchAll(/:(\w+)/g)) realId(r.path, p as string);
  });

  it(`answers ${RUNS} random requests per route without a 5xx, errors in the one shape`, async () => {
    for (const route of routes()) {
      const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
      const segment = (param: string) =>
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(realId(route.path, param)) },
          fc.string({ minLength: 1, maxLength: 30 }),
          unicode.filter((s) => s.length > 0),
          fc.constantFrom("src_00000000000000000000000000", "dlv_x", "..", "%2F", "null", "0"),
        );
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(...params.map(segment)),
          route.method === "ALL" ? fc.constantFrom(...METHODS) : fc.constant(route.method),
          fc.constantFrom<string | undefined>(admin, admin, ws.token, undefined, "fbk_garbage", "Bearer"),
          fc.option(bodyFor(route.key), { freq: 4 }),
          fc.constantFrom(
            "application/json",
            "application/json",
            "text/plain",
            "",
            "application/x-www-form-urlencoded",
          ),
          queryString,
          async (values, method, token, body, contentType, query) => {
            let i = 0;
            const path = route.path.replace(/:(\w+)/g, () => encodeSegment(values[i++] as string));
            const sendsBody = body !== null && method !== "GET";
            const res = await call(`${path}${query}`, {
              method,
              token,
              headers: contentType ? { "content-type": contentType } : {},
              body: sendsBody ? body : undefined,
            });
            await checkAnswer(res, `${method} ${path}${query} ${sendsBody ? String(body).slice(0, 80) : ""}`);
          },
        ),
        { numRuns: RUNS, endOnFailure: true },
      );
    }
    const count = (from: number, to: number) =>
      [...seen].filter(([status]) => status >= from && status < to).reduce((n, [, k]) => n + k, 0);
    if (env.PROOF_SCALE === "full") console.log(JSON.stringify(Object.fromEntries(seen)));
    expect(count(200, 300)).toBeGreaterThan(routes().length / 2);
    for (const status of [400, 401, 404]) expect(seen.get(status), String(status)).toBeGreaterThan(0);
  }, 600_000);

  it("answers deep nesting and bodies over 1 MiB, with and without a content-length, on every route", async () => {
    for (const route of routes().filter((r) => r.method !== "GET")) {
      const method = route.method === "ALL" ? "POST" : route.method;
      const path = route.path.replace(/:(\w+)/g, (_, p: string) => realId(route.path, p));
      for (const hostile of hostileBodies()) {
        const res = await call(path, {
          method,
          token: admin,
          headers: { "content-type": "application/json" },
          body: hostile.body(),
          // @ts-expect-error: workerd's RequestInit takes `duplex` for streamed bodies; the DOM types lag.
          duplex: "half",
        });
        await checkAnswer(res, `${method} ${path} ${hostile.name}`);
      }
    }
  }, 600_000);
});
