/**
 * Fuzzing the web app over HTTP (issue 9): every `+server.ts` endpoint, every form action and every page, found from
 * the route files when the test runs (a new route is fuzzed without touching this file), gets malformed and deeply
 * nested JSON, bodies over the app's limits, wrong types, unicode with lone surrogates and NUL, random form fields
 * (urlencoded, multipart, broken multipart), random ids in the path and random query strings, signed in and out.
 *
 * Whatever arrives: never a 5xx; a JSON error is the one shape `{ error: { code, message, requestId } }` with the
 * `x-request-id` header's id; an action answers a 4xx failure, a redirect or success; a page a 4xx or 3xx for an id
 * that is not real; and every answer, error pages included, carries the security headers (pages also the CSP).
 *
 * Writes (actions, uploads) run as a user of a workspace of their own, made here, so the demo workspace other suites
 * read stays as seeded; pages and downloads are read with the demo owner's session and the demo's ids.
 * `FIREBREAK_FULL=1` runs ten times as many cases.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, inject, it, vi } from "vitest";
import { ERROR_STATUS } from "../../apps/web/src/lib/server/http.ts";
import { SECURITY_HEADERS } from "../../apps/web/src/lib/server/security-headers.ts";
import { sessionHeaders } from "./browser.ts";

const webUrl = inject("webUrl");
const { journeyId, webhook } = inject("credentials");
const ROUTES = resolve(import.meta.dirname, "../../apps/web/src/routes");
const SERVER_LIB = resolve(ROUTES, "../lib/server");

const FULL = process.env.FIREBREAK_FULL === "1";
/** Cases per property: a few in the quick run, ten times as many in the full one. */
const runs = (quick: number) => (FULL ? quick * 10 : quick);
// Ten times the cases take ten times as long.
if (FULL) vi.setConfig({ testTimeout: 600_000 });
/** Sign-in and sign-up are rate limited per address: the fuzzer's attempts count against an address of its own. */
const FUZZ_IP = "198.51.100.77";

// --- The routes, from the file system ---------------------------------------------------------------------------

interface Route {
  /** `/journeys/[journeyId]/edit` */
  route: string;
  page: boolean;
  /** Form action names of the page (`default` for an unnamed one). */
  actions: string[];
  /** Methods a `+server.ts` exports. */
  methods: string[];
  /** Form field names the route's markup uses, to fuzz what the actions read. */
  fields: string[];
}

/** The text of the `{ … }` object literal that opens at `start`. */
function objectAt(source: string, start: number): string {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    if (source[i] === "{") depth++;
    else if (source[i] === "}" && --depth === 0) return source.slice(start, i + 1);
  }
  return source.slice(start);
}

/** The keys of `export const actions = { … }`, or of the shared object it names (`= destinationActions`). */
function actionNames(server: string): string[] {
  const declared = /export const actions\b[^=]*=\s*(?:(\{)|(\w+))/.exec(server);
  if (!declared) return [];
  let source = server;
  let start = declared.index + declared[0].length - 1;
  if (declared[2]) {
    const name = declared[2];
    source =
      readdirSync(SERVER_LIB)
        .map((file) => readFileSync(join(SERVER_LIB, file), "utf8"))
        .find((text) => new RegExp(`export const ${name}\\b[^=]*=\\s*\\{`).test(text)) ?? "";
    const shared = new RegExp(`export const ${name}\\b[^=]*=\\s*\\{`).exec(source);
    if (!shared) throw new Error(`actions = ${name}: no such export in lib/server`);
    start = shared.index + shared[0].length - 1;
  }
  return [...objectAt(source, start).matchAll(/^ {2}(?:async\s+)?(\w+)\s*[:(,]/gm)].map((m) => m[1] as string);
}

function discover(dir = ROUTES): Route[] {
  const names = readdirSync(dir);
  const route = `/${relative(ROUTES, dir).split("\\").join("/")}`.replace(/\/$/, "") || "/";
  const read = (name: string) => (names.includes(name) ? readFileSync(join(dir, name), "utf8") : "");
  const server = read("+page.server.ts");
  const endpoint = read("+server.ts");
  const markup = read("+page.svelte");
  const found: Route[] = [];
  if (names.includes("+page.svelte") || endpoint) {
    found.push({
      route,
      page: names.includes("+page.svelte"),
      actions: actionNames(server),
      methods: [...endpoint.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] as string),
      fields: [...new Set([...markup.matchAll(/name="(\w+)"/g)].map((m) => m[1] as string))],
    });
  }
  for (const name of names) if (statSync(join(dir, name)).isDirectory()) found.push(...discover(join(dir, name)));
  return found;
}

const ALL = discover();
const PAGES = ALL.filter((r) => r.page);
const WITH_ACTIONS = PAGES.filter((r) => r.actions.length > 0);
const ENDPOINTS = ALL.filter((r) => r.methods.length > 0);
/** Pages a signed-out visitor may open (hooks.server.ts `PUBLIC_PATHS` and shared links). */
const PUBLIC = /^\/(login|signup|invite\/\[id\]|share\/\[token\])$/;
/**
 * Actions that change the fuzzing user's account rather than a workspace's data: fuzzed last, so a workspace made or
 * switched to does not empty the workspace the other actions run in; signing out is fuzzed signed out only.
 */
const ACCOUNT_ACTIONS = /^\/(workspaces(\/new)?|login|signup)$/;

// --- Ids ----------------------------------------------------------------------------------------------------------

/** Real ids by route parameter: the demo's (read with the demo session) and the fuzzing workspace's own (written). */
const demoIds: Record<string, string[]> = {
  journeyId: [journeyId],
  id: [webhook.sourceId],
  playbookId: ["pbk_demo_delay_notice"],
};
const ownIds: Record<string, string[]> = {};
/** The fuzzing user's session cookie. */
let fuzzCookie = "";

const PARAM = /\[+(?:\.\.\.)?(\w+)\]+/g;
const paramsOf = (route: string) => [...route.matchAll(PARAM)].map((m) => m[1] as string);

/** Every byte outside the unreserved set percent-encoded; a lone surrogate goes as U+FFFD, as a browser sends it. */
const encode = (text: string) =>
  [...Buffer.from(text, "utf8")]
    .map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16)}`))
    .join("");

/** Path segments that are sent as they are: traversal, broken or invalid-UTF-8 escapes, NUL, names of prototypes. */
const RAW_SEGMENTS = [
  "..%2f..%2fsettings",
  "..%2F",
  "%2e%2e",
  "..%5c..%5c",
  "%00",
  "jr_retail%00",
  "%ED%A0%80",
  "%FF%FE",
  "%E0%A4%A",
  "%",
  "%25",
  "%F0%9F%94%A5",
  "__proto__",
  "constructor",
  "null",
  "-1",
  "1e999",
];

/** Text of every kind: any code unit (lone surrogates, NUL), whole graphemes, and long runs. */
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom("", " ", "\u0000", "\ud800", "\udfff", "\u202e", "😀".repeat(50), "<script>alert(1)</script>"),
  fc.integer({ min: 200, max: 3000 }).map((n) => "x".repeat(n)),
);

/** A path segment for a parameter: a real id (when there is one), or anything else. */
function segmentFor(real: string[]): fc.Arbitrary<{ segment: string; real: boolean }> {
  const made = fc.oneof(
    anyText.filter((t) => t.length > 0).map((t) => encode(t)),
    fc.constantFrom(...RAW_SEGMENTS),
    fc.integer({ min: 300, max: 4000 }).map((n) => "a".repeat(n)),
  );
  const fake = made.map((segment) => ({ segment, real: false }));
  if (real.length === 0) return fake;
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...real).map((id) => ({ segment: encode(id), real: true })) },
    { weight: 3, arbitrary: fake },
  );
}

/** The route with every parameter filled; `real` when all of them are real ids. */
function pathFor(route: string, ids: Record<string, string[]>): fc.Arbitrary<{ path: string; real: boolean }> {
  const params = paramsOf(route);
  return fc.tuple(...params.map((name) => segmentFor(ids[name] ?? []))).map((segments) => {
    let index = 0;
    const path = route.replace(PARAM, () => (segments[index++] as { segment: string }).segment);
    return { path, real: segments.every((s) => s.real) };
  });
}

/** Query parameters the app reads, and others. */
const QUERY_KEYS = [
  ...["from", "to", "source", "channel", "lang", "segment", "status", "severity", "owner", "kind", "before"],
  ...["journey", "archived", "paper", "inline", "embed", "next", "created", "duplicated", "q", "page"],
];
const queryValue = fc.oneof(
  anyText,
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.integer().map(String),
  fc.constantFrom("a4", "letter", "1", "true", "resolved", "done", "open", "2026-02-30", "9999-99-99", "NaN"),
  fc.constantFrom("//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)"),
);
const queryArb = fc.oneof(
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), anyText), queryValue), { maxLength: 6 })
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join("&")}` : "")),
  fc.constantFrom("?from=%&to=%FF%FE", "?source=%00&lang=%ED%A0%80", `?channel=${"c".repeat(5000)}`, "?&&=&=="),
);

// --- What every answer must be --------------------------------------------------------------------------------

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: BodyInit;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** What was sent and what came back, shortened, for a failure's message. */
  what: string;
}

/** False for a path with a broken %-escape, which the app refuses (400) before looking at who asks. */
function decodes(path: string): boolean {
  try {
    decodeURI(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends a body past the limits. A limit may answer before the whole body is read, and the connection then closes
 * under a client still sending, which sees that answer or a reset (`undefined` here): refused either way.
 */
async function sendHuge(request: Sent): Promise<Answer | undefined> {
  const answer = await send(request).catch((error: Error & { cause?: { code?: string } }) => {
    expect(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"], String(error.cause ?? error)).toContain(error.cause?.code);
    return undefined;
  });
  return answer && isLocalProxyReset(answer) ? undefined : answer;
}

/**
 * The same reset, as Miniflare's entry Worker in front of the app reports it when the app's early answer closes the
 * connection while that proxy still streams the body in: a 500 of its own, with its own stack, which no Firebreak
 * code writes. Any other 5xx still fails.
 */
function isLocalProxyReset(answer: Answer): boolean {
  return (
    answer.status === 500 &&
    answer.text.startsWith("Error: Network connection lost.") &&
    answer.text.includes("miniflare/dist/src/workers/core/entry.worker.js")
  );
}

/** True when the client's URL parser rewrites the path (`/a/%2e%2e/b` is `/b`): another route, or none, answers. */
const moved = (path: string) => new URL(webUrl + path).pathname !== path.split("?")[0];

const short = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}… (${text.length})` : text);

async function send(request: Sent): Promise<Answer> {
  const response = await fetch(request.url, {
    method: request.method,
    redirect: "manual",
    headers: { "cf-connecting-ip": FUZZ_IP, ...request.headers },
    body: request.body,
    // A streamed body is sent chunked, without a Content-Length.
    ...(request.body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const text = await response.text();
  const body = typeof request.body === "string" ? short(request.body) : request.body ? "(binary)" : "";
  const what = `${request.method} ${short(request.url, 200)} [${request.headers["content-type"] ?? ""}] ${body} → ${response.status} ${short(text)}`;
  return { status: response.status, headers: response.headers, text, what };
}

/**
 * No 5xx, the security headers, and a same-site target for any redirect (no open redirect). SvelteKit's own 308 to
 * the path without a trailing slash (`/x/%2e%2e` is `/x/..`, so `/`) is answered before any hook, without them.
 */
function expectSafe(answer: Answer) {
  expect(answer.status, answer.what).toBeLessThan(500);
  if (answer.status !== 308)
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (name === "X-Frame-Options" || name === "Referrer-Policy") continue; // a shared page sets its own
      expect(answer.headers.get(name), `${name} on ${answer.what}`).toBe(value);
    }
  if (answer.status >= 300 && answer.status < 400) {
    expect(answer.headers.get("location") ?? "", answer.what).toMatch(/^\/(?![/\\])/);
  }
}

/** A JSON error in the one shape, its code matching the status and its request id the header's. */
function expectErrorShape(answer: Answer) {
  expect(answer.headers.get("content-type") ?? "", answer.what).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
  expect(Object.keys(body), answer.what).toEqual(["error"]);
  const { code, message, requestId } = body.error ?? {};
  expect(typeof message === "string" && message.length > 0, answer.what).toBe(true);
  expect(ERROR_STATUS[code as keyof typeof ERROR_STATUS], answer.what).toBe(answer.status);
  expect(requestId, answer.what).toBe(answer.headers.get("x-request-id"));
}

/** An HTML answer carries the page's strict CSP. */
function expectCsp(answer: Answer) {
  if (!(answer.headers.get("content-type") ?? "").startsWith("text/html")) return;
  const csp = answer.headers.get("content-security-policy") ?? "";
  // Scripts from the app alone: its modules, and inline only with the page's nonce (a shared page loads none).
  expect(csp, answer.what).toMatch(/script-src 'self'( 'nonce-[^']+')?(;|$)/);
  expect(csp, answer.what).toMatch(/frame-ancestors/);
  expect(csp, answer.what).not.toMatch(/unsafe-inline|unsafe-eval/);
}

/** An endpoint's answer: safe, and every error in the one shape. */
function expectEndpointAnswer(answer: Answer) {
  expectSafe(answer);
  if (answer.status >= 400) expectErrorShape(answer);
}

/** A form action's answer, as `use:enhance` reads it (JSON) or as a page (HTML): a 4xx failure, redirect or success. */
function expectActionAnswer(answer: Answer, asJson: boolean) {
  expectSafe(answer);
  if (answer.status === 308) return; // SvelteKit's trailing-slash redirect (see expectSafe)
  if (!asJson) return expectCsp(answer);
  const body = JSON.parse(answer.text) as { type?: string; status?: number; location?: string };
  // Refused before any action runs (signed out, a broken %-escape in the path): the app's one error shape.
  if (!("type" in body)) return expectErrorShape(answer);
  expect(["success", "failure", "redirect", "error"], answer.what).toContain(body.type);
  if (body.type === "failure") expect(body.status, answer.what).toBeGreaterThanOrEqual(400);
  if (body.type === "failure") expect(body.status, answer.what).toBeLessThan(500);
  if (body.type === "error") expect(answer.status, answer.what).toBeGreaterThanOrEqual(400);
  if (body.type === "redirect") expect(body.location ?? "", answer.what).toMatch(/^\/(?![/\\])/);
}

// --- Bodies -------------------------------------------------------------------------------------------------------

/** JSON keys the upload endpoints read, so wrong types reach the validation of real fields. */
const JSON_KEYS = ["rows", "headers", "mapping", "format", "fileName", "rowsSent", "columns", "__proto__"];

/** Any JSON value, with strings of every kind (JSON.stringify escapes a lone surrogate as `\ud800`). */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    anyText,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...JSON_KEYS), anyText), tie("value"), { maxKeys: 5 }),
  ),
})).value;

const nested = (depth: number, open: string, close: string, inner = "0") =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

interface Body {
  body: BodyInit;
  type?: string;
}

/** JSON bodies gone wrong in every way but size. */
const jsonBody: fc.Arbitrary<Body> = fc
  .oneof(
    // Malformed.
    fc.constantFrom("", "{", "[", '{"rows":[1,2,', "{'a':1}", "nul", "\u0000", '{"a":1}}', "\ufeff{}", '{"a":"\\ud800'),
    anyText.map((t) => `{"rows":${t}`),
    // Deeply nested.
    fc.integer({ min: 100, max: 50_000 }).map((d) => nested(d, "[", "]")),
    fc.integer({ min: 100, max: 20_000 }).map((d) => `{"rows":[{"a":${nested(d, '{"a":', "}", "1")}}]}`),
    // Wrong types and anything else.
    jsonValue.map((v) => JSON.stringify(v)),
    fc.dictionary(fc.constantFrom(...JSON_KEYS), jsonValue, { minKeys: 1, maxKeys: 4 }).map((v) => JSON.stringify(v)),
  )
  .map((body) => ({ body, type: "application/json" }));

/** Bytes that are not UTF-8 (a UTF-8-encoded surrogate, a stray continuation byte, 0xFF). */
const badUtf8: fc.Arbitrary<Body> = fc
  .tuple(fc.constantFrom([0xed, 0xa0, 0x80], [0x80], [0xff, 0xfe], [0xc0, 0xaf]), fc.string({ maxLength: 20 }))
  .map(([bytes, text]) => ({
    body: new Uint8Array([...Buffer.from(`{"fileName":"${text}`), ...bytes, ...Buffer.from('"}')]),
    type: "application/json",
  }));

/** A form's fields: the names the page's markup uses, and others, with values of every kind. */
function formFieldsFor(names: string[], ids: string[]) {
  const name = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(names.length ? names : ["id"]), "id", "name") },
    { weight: 1, arbitrary: anyText },
  );
  const value = fc.oneof(
    { weight: 3, arbitrary: anyText },
    { weight: 1, arbitrary: fc.constantFrom(...ids, "", "0", "-1", "1e309", "true", "on") },
    { weight: 1, arbitrary: fc.integer().map(String) },
  );
  return fc.array(fc.tuple(name, value), { maxLength: 8 });
}

/** A form in any encoding an HTML form has, and some it does not: wrong types and broken multipart. */
function formBody(names: string[], ids: string[]): fc.Arbitrary<Body> {
  const fields = formFieldsFor(names, ids);
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fields.map((pairs) => ({ body: new URLSearchParams(pairs).toString(), type: URLENCODED })),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(fields, fc.boolean(), fc.uint8Array({ maxLength: 64 })).map(([pairs, withFile, bytes]) => {
        const form = new FormData();
        for (const [k, v] of pairs) form.append(k, v);
        if (withFile) form.append(pairs[0]?.[0] ?? "file", new Blob([bytes]), "\u0000../evil.csv");
        return { body: form };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { body: "garbage", type: "multipart/form-data; boundary=xyz" },
        { body: "--xyz\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--xyz--", type: MULTIPART_XYZ },
        { body: '--xyz\r\nContent-Disposition: form-data; name="id"\r\n\r\nunterminated', type: MULTIPART_XYZ },
        { body: "a=1", type: "multipart/form-data" },
        { body: "name=x", type: "text/plain" },
        { body: '{"name":"x"}', type: "application/json" },
        { body: "name=%E0%A4%A&id=%", type: URLENCODED },
        { body: "<name>x</name>", type: "application/xml" },
        // Bytes that are not UTF-8, as a field's value and name.
        { body: new Uint8Array([...Buffer.from("name="), 0xff, 0xfe, 0xed, 0xa0, 0x80]), type: URLENCODED },
        { body: new Uint8Array([0xc0, 0xaf, ...Buffer.from("=1&id=x")]), type: URLENCODED },
      ),
    },
  );
}

const URLENCODED = "application/x-www-form-urlencoded";
const MULTIPART_XYZ = "multipart/form-data; boundary=xyz";

/** A JSON body of `bytes`, past every limit the app sets (1 MiB previews, 4 MiB row chunks), streamed in 64 KiB chunks
 * as the server reads them, without a Content-Length. */
function streamedBody(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) controller.enqueue(new TextEncoder().encode('{"rows":[{"a":"'));
      if (sent >= bytes) {
        controller.enqueue(new TextEncoder().encode('"}]}'));
        controller.close();
        return;
      }
      controller.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
}

// --- Set-up: the fuzzing user's own workspace, with a journey, a source and an import -------------------------------

const asFuzzer = (headers: Record<string, string> = {}): Record<string, string> => ({ ...headers, cookie: fuzzCookie });
const formHeaders = { origin: webUrl, accept: "application/json", "content-type": URLENCODED };

beforeAll(async () => {
  // The demo's ids the pages link to, read as the demo owner.
  const read = async (path: string, pattern: RegExp) =>
    [...(await (await fetch(`${webUrl}${path}`, { headers: sessionHeaders() })).text()).matchAll(pattern)]
      .map((m) => decodeURIComponent(m[1] as string))
      .slice(0, 2);
  demoIds.touchpointId = await read(`/journeys/${journeyId}`, /href="\/touchpoints\/([^"?/]+)/g);
  demoIds.sessionId = await read("/reviews", /href="\/reviews\/(rvw_[^"?/]+)/g);
  demoIds.alertId = await read("/alerts", /href="\/alerts\/(alt_[^"?/]+)/g);
  demoIds.destinationId = await read("/settings/destinations", /href="\/settings\/destinations\/([^"?/]+)/g);
  demoIds.playbookId = [...(demoIds.playbookId ?? []), ...(await read("/playbooks", /href="\/playbooks\/([^"?/]+)/g))];
  expect(demoIds.touchpointId?.length && demoIds.sessionId?.length && demoIds.alertId?.length).toBeTruthy();

  const signup = await send({
    method: "POST",
    url: `${webUrl}/signup`,
    // An address of its own: the fuzzed sign-up forms spend the fuzzer's allowance of sign-ups.
    headers: {
      ...formHeaders,
      accept: "text/html",
      "cf-connecting-ip": `203.0.113.${Math.floor(Math.random() * 250) + 1}`,
    },
    body: new URLSearchParams({
      name: "Fuzz Tester",
      email: `fuzz-${Date.now()}@fuzz.example`,
      password: "fuzz-password-2026",
      workspace: "Fuzz Ltd",
    }).toString(),
  });
  expect(signup.status, signup.what).toBe(303);
  fuzzCookie = (signup.headers.getSetCookie().find((c) => c.includes("session_token=")) ?? "").split(";")[0] as string;
  expect(fuzzCookie).toMatch(/session_token=/);

  const post = async (path: string, fields: Record<string, string>) =>
    (
      await send({
        method: "POST",
        url: webUrl + path,
        headers: asFuzzer(formHeaders),
        body: new URLSearchParams(fields).toString(),
      })
    ).text;
  const journey = /\/journeys\/(jrn_[0-9a-z]+)/.exec(await post("/journeys?/create", { name: "Fuzzed journey" }))?.[1];
  const source = /(src_[0-9a-z]+)/.exec(
    await post("/sources/new?/connect", { provider: "standard-webhooks", name: "Fuzzed source" }),
  )?.[1];
  const share =
    journey &&
    /\/share\/(fbs_[A-Za-z0-9_-]{43})/.exec(
      await post(`/journeys/${journey}?/share`, { label: "fuzz", expires: "30" }),
    )?.[1];
  const invitation = /\/invite\/([A-Za-z0-9_-]+)/.exec(
    await post("/settings/members?/invite", { email: "fuzz-invitee@fuzz.example", role: "viewer" }),
  )?.[1];
  expect(journey && source && share && invitation).toBeTruthy();
  const created = await send({
    method: "POST",
    url: `${webUrl}/sources/${source}/imports`,
    headers: asFuzzer({ origin: webUrl, "content-type": "application/json" }),
    body: JSON.stringify({
      format: "csv",
      fileName: "fuzz.csv",
      mapping: { columns: { externalId: "id", text: "text" } },
    }),
  });
  expect(created.status, created.what).toBe(201);
  Object.assign(ownIds, {
    journeyId: [journey],
    id: [source, invitation],
    importId: [JSON.parse(created.text).id],
    token: [share],
  });
  // Shared links and invitations are pages of their own: read with the demo session too.
  demoIds.token = ownIds.token as string[];
  demoIds.id = [...(demoIds.id ?? []), invitation as string];
});

// --- The fuzzing --------------------------------------------------------------------------------------------------

describe("routes found in apps/web/src/routes", () => {
  it("finds the endpoints, the pages and their form actions", () => {
    expect(ENDPOINTS.length).toBeGreaterThanOrEqual(12);
    expect(PAGES.length).toBeGreaterThanOrEqual(39);
    // Every page whose server module declares actions had them read.
    for (const route of PAGES) {
      const server = join(ROUTES, route.route, "+page.server.ts");
      const declares = (() => {
        try {
          return /export const actions\b/.test(readFileSync(server, "utf8"));
        } catch {
          return false;
        }
      })();
      expect(route.actions.length > 0, route.route).toBe(declares);
    }
  });
});

describe("pages with random ids and query strings", () => {
  it.each(PAGES.map((r) => r.route))(
    "%s, signed in: never a 5xx, a 4xx or 3xx for an id that is not real",
    async (route) => {
      await fc.assert(
        fc.asyncProperty(pathFor(route, demoIds), queryArb, async ({ path, real }, query) => {
          const answer = await send({
            method: "GET",
            url: webUrl + path + query,
            headers: sessionHeaders({ accept: "text/html" }),
          });
          expectSafe(answer);
          expectCsp(answer);
          if (!real) expect(answer.status, answer.what).toBeGreaterThanOrEqual(300);
        }),
        { numRuns: runs(paramsOf(route).length ? 4 : 2) },
      );
    },
  );

  it.each(PAGES.map((r) => r.route))(
    "%s, signed out: the sign-in page, or a 4xx for a public page's bad link",
    async (route) => {
      await fc.assert(
        fc.asyncProperty(pathFor(route, demoIds), queryArb, fc.boolean(), async ({ path, real }, query, asPage) => {
          const answer = await send({
            method: "GET",
            url: webUrl + path + query,
            headers: { accept: asPage ? "text/html" : "application/json" },
          });
          expectSafe(answer);
          expectCsp(answer);
          // `/x/%2e%2e` is `/x/..`: SvelteKit sends it to the path without the trailing slash first.
          if (answer.status === 308 || moved(path)) return;
          if (PUBLIC.test(route)) {
            if (!real && paramsOf(route).length) expect(answer.status, answer.what).toBeGreaterThanOrEqual(300);
          } else if (asPage) {
            expect(answer.status, answer.what).toBe(303);
            expect(answer.headers.get("location"), answer.what).toMatch(/^\/login/);
          } else {
            expect(answer.status, answer.what).toBe(decodes(path) ? 401 : 400);
            expectErrorShape(answer);
          }
        }),
        { numRuns: runs(2) },
      );
    },
  );
});

/** Ids an action may be sent in a field: its own workspace's, the demo's (another tenant's), none. */
const fieldIds = () => [...Object.values(ownIds).flat(), ...Object.values(demoIds).flat()].filter(Boolean);

/** Account-changing actions run last (see ACCOUNT_ACTIONS); signing out is only fuzzed signed out. */
const ACTION_CASES = [...WITH_ACTIONS]
  .sort((a, b) => Number(ACCOUNT_ACTIONS.test(a.route)) - Number(ACCOUNT_ACTIONS.test(b.route)))
  .flatMap((r) => r.actions.map((action) => [r.route, action, r] as const));

const actionUrl = (path: string, action: string) => `${webUrl}${path}${action === "default" ? "" : `?/${action}`}`;

describe("form actions with random forms", () => {
  it.each(ACTION_CASES.filter(([route]) => route !== "/logout"))(
    "%s ?/%s, signed in: a 4xx failure, a redirect or success, never a 5xx",
    async (route, action, { fields }) => {
      await fc.assert(
        fc.asyncProperty(
          pathFor(route, ownIds),
          formBody(fields, fieldIds()),
          fc.boolean(),
          async ({ path }, form, asJson) => {
            const headers: Record<string, string> = asFuzzer({
              origin: webUrl,
              accept: asJson ? "application/json" : "text/html",
            });
            if (form.type) headers["content-type"] = form.type;
            const answer = await send({ method: "POST", url: actionUrl(path, action), headers, body: form.body });
            expectActionAnswer(answer, asJson);
          },
        ),
        { numRuns: runs(3) },
      );
    },
  );

  it.each(ACTION_CASES)(
    "%s ?/%s, signed out: refused, or a 4xx for a public page",
    async (route, action, { fields }) => {
      await fc.assert(
        fc.asyncProperty(
          pathFor(route, demoIds),
          formBody(fields, fieldIds()),
          fc.boolean(),
          async ({ path }, form, asJson) => {
            const headers: Record<string, string> = {
              origin: webUrl,
              accept: asJson ? "application/json" : "text/html",
            };
            if (form.type) headers["content-type"] = form.type;
            const answer = await send({ method: "POST", url: actionUrl(path, action), headers, body: form.body });
            expectActionAnswer(answer, asJson);
            if (!PUBLIC.test(route) && answer.status !== 308 && !moved(path))
              expect(answer.status, answer.what).toBe(asJson ? (decodes(path) ? 401 : 400) : 303);
          },
        ),
        { numRuns: runs(1) },
      );
    },
  );

  it("an action that does not exist is a 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...WITH_ACTIONS.filter((r) => !paramsOf(r.route).length)),
        anyText,
        async ({ route }, name) => {
          const answer = await send({
            method: "POST",
            url: `${webUrl}${route}?/${encode(name)}x`,
            headers: asFuzzer(formHeaders),
            body: "a=1",
          });
          expectSafe(answer);
          expect(answer.status, answer.what).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: runs(3) },
    );
  });
});

describe("form actions with bodies past 1 MiB", () => {
  it("answer a 4xx failure, a redirect or success, never a 5xx", async () => {
    const cases = ACTION_CASES.filter(([route]) => !ACCOUNT_ACTIONS.test(route) && route !== "/logout");
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...cases),
        fc.integer({ min: 1024 * 1024 + 1, max: 3 * 1024 * 1024 }),
        fc.boolean(),
        async ([route, action, { fields }], size, multipart) => {
          const path = route.replace(PARAM, (_, name: string) => encode(ownIds[name]?.[0] ?? "x"));
          const big = "x".repeat(size);
          const names = fields.length ? fields : ["name"];
          let body: BodyInit;
          const headers = asFuzzer({ origin: webUrl, accept: "application/json" });
          if (multipart) {
            const form = new FormData();
            for (const name of names) form.append(name, big.slice(0, 1024));
            form.append(names[0] as string, new Blob([big]), "huge.csv");
            body = form;
          } else {
            body = new URLSearchParams(names.map((name) => [name, big])).toString();
            headers["content-type"] = URLENCODED;
          }
          const answer = await sendHuge({ method: "POST", url: actionUrl(path, action), headers, body });
          if (answer) expectActionAnswer(answer, true);
        },
      ),
      { numRuns: runs(4) },
    );
  });
});

describe("endpoints with random bodies", () => {
  const posts = ENDPOINTS.filter((r) => r.methods.includes("POST")).map((r) => r.route);
  const gets = ENDPOINTS.filter((r) => r.methods.includes("GET")).map((r) => r.route);

  it.each(posts)(
    "%s: malformed, nested, mistyped and non-UTF-8 bodies answer a 4xx in the one shape",
    async (route) => {
      const body = fc.oneof(
        { weight: 5, arbitrary: jsonBody },
        { weight: 1, arbitrary: badUtf8 },
        { weight: 2, arbitrary: formBody(["email", "customerId", "id"], fieldIds()) },
      );
      await fc.assert(
        fc.asyncProperty(pathFor(route, ownIds), body, async ({ path }, { body, type }) => {
          const headers = asFuzzer({ origin: webUrl, ...(type ? { "content-type": type } : {}) });
          expectEndpointAnswer(await send({ method: "POST", url: webUrl + path, headers, body }));
        }),
        { numRuns: runs(8) },
      );
    },
  );

  it.each(posts)("%s: a body over the limits (declared or streamed) is a 4xx in the one shape", async (route) => {
    const path = route.replace(PARAM, (_, name: string) => encode(ownIds[name]?.[0] ?? "x"));
    const headers = asFuzzer({ origin: webUrl, "content-type": "application/json" });
    const refused = async (body: BodyInit) => {
      const answer = await sendHuge({ method: "POST", url: webUrl + path, headers, body });
      if (!answer) return;
      expectEndpointAnswer(answer);
      expect(answer.status, answer.what).toBeGreaterThanOrEqual(400);
    };
    for (const size of [1.5 * 1024 * 1024, 5 * 1024 * 1024]) await refused(`{"rows":[{"a":"${"x".repeat(size)}"}]}`);
    // Without a Content-Length the cap stops reading part-way.
    await refused(streamedBody(5 * 1024 * 1024));
  });

  it.each(gets)(
    "%s: random ids and query strings, signed in, answer a file or a 4xx in the one shape",
    async (route) => {
      await fc.assert(
        fc.asyncProperty(pathFor(route, demoIds), queryArb, async ({ path, real }, query) => {
          const answer = await send({ method: "GET", url: webUrl + path + query, headers: sessionHeaders() });
          expectEndpointAnswer(answer);
          if (!real) expect(answer.status, answer.what).toBeGreaterThanOrEqual(400);
        }),
        { numRuns: runs(3) },
      );
    },
  );

  it.each(ENDPOINTS.map((r) => r.route))(
    "%s: any method, signed in or out, answers in the one shape",
    async (route) => {
      const methods = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
      await fc.assert(
        fc.asyncProperty(methods, fc.boolean(), pathFor(route, ownIds), async (method, signedIn, { path }) => {
          const headers: Record<string, string> = { origin: webUrl, "content-type": "application/json" };
          const answer = await send({
            method,
            url: webUrl + path,
            headers: signedIn ? asFuzzer(headers) : headers,
            body: method === "GET" ? undefined : "{}",
          });
          expectSafe(answer);
          if (answer.status >= 400) expectErrorShape(answer);
          // Signed out: the sign-in wall, unless the path itself is broken (a 400 before anything else).
          if (!signedIn && !moved(path)) expect(answer.status, answer.what).toBe(decodes(path) ? 401 : 400);
        }),
        { numRuns: runs(4) },
      );
    },
  );

  it.each(posts)("%s: a write from another origin is a 403 in the one shape", async (route) => {
    const path = route.replace(PARAM, (_, name: string) => encode(ownIds[name]?.[0] ?? "x"));
    for (const origin of ["https://evil.example", "null", ""]) {
      const headers = asFuzzer({ "content-type": "application/json", ...(origin ? { origin } : {}) });
      const answer = await send({ method: "POST", url: webUrl + path, headers, body: "{}" });
      expectEndpointAnswer(answer);
      expect(answer.status, answer.what).toBe(403);
    }
  });
});

describe("error answers carry the security headers and the CSP", () => {
  it.each([
    ["/no-such-page", true, 404],
    ["/journeys/jr_does_not_exist", true, 404],
    ["/journeys/%E0%A4%A", true, 400],
    ["/invite/not-a-real-invitation", false, 404],
    ["/share/not-a-link", false, 404],
    ["/journeys/jr_does_not_exist/export.svg", true, 404],
  ] as const)("%s (signed in: %s) answers %i with them", async (path, signedIn, status) => {
    const answer = await send({
      method: "GET",
      url: webUrl + path,
      headers: signedIn ? sessionHeaders({ accept: "text/html" }) : { accept: "text/html" },
    });
    expect(answer.status, answer.what).toBe(status);
    expectSafe(answer);
    expectCsp(answer);
  });
});
