/**
 * Tenant isolation over every page, endpoint and form action of the web app, generated from its route files: a user
 * of another workspace opens each with the demo workspace's ids and gets a 404 (or a refusal) with none of the demo's
 * data in the body. A new route is covered without touching this file.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { sessionHeaders } from "./browser.ts";

const webUrl = inject("webUrl");
const { journeyId, webhook } = inject("credentials");
const ROUTES = resolve(import.meta.dirname, "../../apps/web/src/routes");

/**
 * Text only the demo workspace's data contains: its name, a journey's, a source's, its owner's. (Not ids: an error
 * page shows the address it was asked for, and a refused form echoes what was sent.)
 */
const DEMO_MARKERS = [
  "Nordlys Home",
  "Online purchase",
  "Returns portal (webhook)",
  "Demo CX lead",
  "demo@firebreak.test",
  // A human moment's owner: the demo's follow-ups are assigned to it.
  "Customer Care Leads",
];

/** Pages for signed-out visitors or about the visitor's own account: nothing of a workspace to leak. */
const NOT_TENANT_DATA = /^\/(login|signup|logout|invite\/\[id\]|workspaces(\/new)?)$/;

/** Actions that create something in the visitor's own workspace from the fields sent (a name): allowed to succeed. */
const OWN_CREATIONS = new Set(["/journeys ?/create"]);

interface RouteFile {
  /** `/journeys/[journeyId]/edit` */
  route: string;
  kind: "page" | "endpoint";
  /** Form action names of a page. */
  actions: string[];
  /** An endpoint that answers GET (a download). */
  get?: boolean;
}

function routeFiles(dir = ROUTES): RouteFile[] {
  const found: RouteFile[] = [];
  const names = readdirSync(dir);
  const route = `/${relative(ROUTES, dir).split("\\").join("/")}`.replace(/\/$/, "") || "/";
  if (names.includes("+page.svelte")) {
    const server = names.includes("+page.server.ts") ? readFileSync(join(dir, "+page.server.ts"), "utf8") : "";
    const block = /export const actions[^=]*=\s*\{([\s\S]*)\}/.exec(server)?.[1] ?? "";
    found.push({ route, kind: "page", actions: [...block.matchAll(/^ {2}(\w+):/gm)].map((m) => m[1] as string) });
  }
  if (names.includes("+server.ts")) {
    const get = /export const GET\b/.test(readFileSync(join(dir, "+server.ts"), "utf8"));
    found.push({ route, kind: "endpoint", actions: [], get });
  }
  for (const name of names) if (statSync(join(dir, name)).isDirectory()) found.push(...routeFiles(join(dir, name)));
  return found;
}

/** The demo's ids, by route parameter name. */
const ids: Record<string, string> = { journeyId, id: webhook.sourceId, importId: "imp_demo", touchpointId: "" };
let intruder: Record<string, string> = {};

const fill = (route: string) =>
  route.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(ids[name] ?? `${name}_demo`));

/** Form fields that name records, all set to the demo's: whatever an action reads, it gets a foreign id. */
const foreignFields = () =>
  new URLSearchParams({
    id: ids.touchpointId as string,
    journeyId,
    touchpointId: ids.touchpointId as string,
    sourceId: webhook.sourceId,
    themeId: "thm_demo_0001",
    stageId: "st_demo",
    itemIds: "itm_demo",
    memberId: "mem_demo",
    itemId: "agi_demo",
    name: "Probe",
    label: "Probe",
  });

function leaks(body: string): string[] {
  return DEMO_MARKERS.filter((marker) => body.includes(marker));
}

beforeAll(async () => {
  const map = await (await fetch(`${webUrl}/journeys/${journeyId}`, { headers: sessionHeaders() })).text();
  ids.touchpointId = decodeURIComponent(/href="\/touchpoints\/([^"?]+)/.exec(map)?.[1] ?? "");
  expect(ids.touchpointId).toMatch(/^tp_/);
  // The demo's review session (seeded closed), so /reviews/[sessionId] and its actions are probed with a real id.
  const list = await (await fetch(`${webUrl}/reviews`, { headers: sessionHeaders() })).text();
  ids.sessionId = decodeURIComponent(/href="\/reviews\/(rvw_[^"?]+)/.exec(list)?.[1] ?? "");
  expect(ids.sessionId).toMatch(/^rvw_/);
  // One of the demo's alerts (the seed evaluates its rules), so /alerts/[alertId] and its actions get a real id.
  const alerts = await (await fetch(`${webUrl}/alerts`, { headers: sessionHeaders() })).text();
  ids.alertId = decodeURIComponent(/href="\/alerts\/(alt_[^"?]+)/.exec(alerts)?.[1] ?? "");
  expect(ids.alertId).toMatch(/^alt_/);

  // Another company's user, with a workspace of their own.
  const signup = await fetch(`${webUrl}/signup`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: webUrl, accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      name: "Ivo Intruder",
      email: "ivo@rival.example",
      password: "ivo-password-2026",
      workspace: "Rival Ltd",
    }),
  });
  const cookie = signup.headers.getSetCookie().find((c) => c.includes("session_token="));
  expect(signup.status, await signup.text()).toBe(303);
  intruder = { cookie: (cookie ?? "").split(";")[0] as string };
});

describe("tenant isolation over every web route", () => {
  const files = routeFiles().filter((f) => !NOT_TENANT_DATA.test(f.route));

  it("finds the app's routes", () => {
    expect(files.filter((f) => f.kind === "page").length).toBeGreaterThan(15);
    expect(files.filter((f) => f.kind === "endpoint").length).toBeGreaterThan(4);
  });

  it.each(files.filter((f) => f.kind === "page"))("page $route shows another workspace nothing", async ({ route }) => {
    const res = await fetch(webUrl + fill(route), {
      headers: { ...intruder, accept: "text/html" },
      redirect: "manual",
    });
    const body = await res.text();
    if (route.includes("[")) expect(res.status).toBe(404);
    else expect(res.status).toBeLessThan(500);
    expect(leaks(body)).toEqual([]);
  });

  it.each(files.filter((f) => f.kind === "endpoint"))(
    "endpoint $route refuses another workspace",
    async ({ route }) => {
      const res = await fetch(webUrl + fill(route), {
        method: "POST",
        headers: { ...intruder, origin: webUrl, accept: "application/json", "content-type": "application/json" },
        body: JSON.stringify({ headers: ["Comment"], rows: [{ Comment: "probe" }], fileName: "x.csv", format: "csv" }),
      });
      const body = await res.text();
      expect([400, 404, 405, 415]).toContain(res.status);
      expect(JSON.parse(body)).toMatchObject({ error: { code: expect.any(String), requestId: expect.any(String) } });
      expect(leaks(body)).toEqual([]);
    },
  );

  it.each(files.filter((f) => f.get))(
    "download $route shows another workspace nothing of the demo",
    async ({ route }) => {
      const res = await fetch(webUrl + fill(route), { headers: { ...intruder, accept: "*/*" }, redirect: "manual" });
      const body = await res.text();
      if (route.includes("[")) {
        expect(res.status).toBe(404);
        expect(JSON.parse(body)).toMatchObject({ error: { code: "not_found", requestId: expect.any(String) } });
      } else {
        // A download without an id (the action items) is the visitor's own workspace's: theirs, never the demo's.
        expect(res.status).toBe(200);
      }
      expect(leaks(body)).toEqual([]);
    },
  );

  const actions = files.flatMap((f) => f.actions.map((action) => ({ route: f.route, action })));
  it.each(actions)("action $route ?/$action changes nothing of another workspace", async ({ route, action }) => {
    const res = await fetch(`${webUrl}${fill(route)}?/${action}`, {
      method: "POST",
      headers: {
        ...intruder,
        origin: webUrl,
        accept: "application/json",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: foreignFields(),
    });
    const body = await res.text();
    expect(leaks(body)).toEqual([]);
    // Refused (a failure or an error page), never done: no success and no redirect onwards.
    if (!OWN_CREATIONS.has(`${route} ?/${action}`)) {
      expect(["failure", "error"], `${res.status} ${body.slice(0, 200)}`).toContain(JSON.parse(body).type);
    }
  });
});
