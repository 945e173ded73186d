/**
 * Tenant isolation over the whole public API, generated from the app's route list: workspace B's admin token calls
 * every route with workspace A's ids (in the path and in the body) and must get a 404 in the error shape, never a
 * byte of A's data; routes without ids must list none of A's records. A route added without a case here fails.
 */
import { createExecutionContext, env } from "cloudflare:test";
import { newId, sha256Hex } from "@firebreak/core";
import { LATE, REFUND } from "@firebreak/core/themes/fixtures";
import { createDb, schema } from "@firebreak/db";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { feedback, plantAlertAndFollowUp, store } from "./stored-items.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);

function call(token: string, path: string, method = "GET", body?: unknown) {
  return app.request(
    path,
    {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
    env,
    createExecutionContext(),
  );
}

/** Workspace A's records, by the kind of id a route takes. */
const a = {
  source: "",
  delivery: "",
  import: "",
  theme: "",
  item: "",
  rule: "",
  touchpoint: "",
  email: "",
  alert: "",
  alertRule: "",
  followUp: "",
  destination: "",
  playbook: "",
};
let owner: TestWorkspace;
let intruder: TestWorkspace;
let intruderAdmin = "";

/** Route key → the body B sends (A's ids where the route takes them); `undefined` sends none. */
const BODIES: Record<string, () => unknown> = {
  "POST /api/v1/sources": () => ({ provider: "standard-webhooks", name: "Probe", journeyId: owner.journeyId }),
  "PATCH /api/v1/sources/:id": () => ({ name: "Hijacked" }),
  "POST /api/v1/sources/:id/rotate-secret": () => ({}),
  "POST /api/v1/sources/:id/replay": () => ({}),
  "PUT /api/v1/sources/:id/enrichment": () => ({ token: "probe-token-123" }),
  "POST /api/v1/sources/:id/enrichment/run": () => ({}),
  "POST /api/v1/sources/:id/imports": () => ({ format: "csv", fileName: "probe.csv", preset: "zendesk" }),
  "POST /api/v1/imports/:id/rows": () => ({ rows: [{ comment: "probe" }] }),
  "POST /api/v1/imports/:id/complete": () => ({}),
  "POST /api/v1/deliveries/:id/replay": () => ({}),
  "PATCH /api/v1/themes/:id": () => ({ label: "Hijacked" }),
  "POST /api/v1/themes/:id/merge": () => ({ into: "thm_of_b" }),
  "POST /api/v1/themes/:id/split": () => ({ itemIds: [a.item], label: "Hijacked" }),
  "POST /api/v1/themes/recluster": () => ({}),
  "POST /api/v1/items/move": () => ({ itemIds: [a.item], touchpointId: a.touchpoint }),
  "POST /api/v1/touchpoint-rules": () => ({ touchpointId: a.touchpoint, kind: "keyword", match: ["probe"] }),
  "PATCH /api/v1/touchpoint-rules/:id": () => ({ priority: 1 }),
  "POST /api/v1/customers/erase": () => ({ email: a.email }),
  "POST /api/v1/customers/export": () => ({ email: a.email }),
  "POST /api/v1/alerts/:id/acknowledge": () => ({}),
  "POST /api/v1/alerts/:id/resolve": () => ({}),
  "POST /api/v1/alert-rules": () => ({ kind: "spike", name: "Probe", touchpointId: a.touchpoint }),
  "PATCH /api/v1/alert-rules/:id": () => ({ name: "Hijacked" }),
  "PATCH /api/v1/follow-ups/:id": () => ({ status: "done" }),
  "POST /api/v1/destinations": () => ({ kind: "inbox", name: "Probe" }),
  "PATCH /api/v1/destinations/:id": () => ({ enabled: false }),
  "POST /api/v1/destinations/:id/test": () => ({}),
  "POST /api/v1/playbooks": () => ({
    name: "Probe",
    trigger: { kinds: ["spike"], touchpointId: a.touchpoint },
    action: { kind: "webhook", connect: { url: "https://hooks.example.com/probe" } },
    customerFacing: false,
  }),
  "PATCH /api/v1/playbooks/:id": () => ({ name: "Hijacked", enabled: true }),
  "POST /api/v1/playbooks/:id/dry-run": () => ({ alertId: a.alert }),
  "POST /api/v1/policy/check": () => ({
    touchpointId: a.touchpoint,
    action: { kind: "automated_reply", customerFacing: true },
  }),
};

/** Which of A's ids a route's `:id` names, from the resource in its path. */
function idFor(path: string): string {
  if (path.startsWith("/api/v1/sources/")) return a.source;
  if (path.startsWith("/api/v1/imports/")) return a.import;
  if (path.startsWith("/api/v1/deliveries/")) return a.delivery;
  if (path.startsWith("/api/v1/themes/")) return a.theme;
  if (path.startsWith("/api/v1/feedback/")) return a.item;
  if (path.startsWith("/api/v1/touchpoint-rules/")) return a.rule;
  if (path.startsWith("/api/v1/alerts/")) return a.alert;
  if (path.startsWith("/api/v1/alert-rules/")) return a.alertRule;
  if (path.startsWith("/api/v1/follow-ups/")) return a.followUp;
  if (path.startsWith("/api/v1/destinations/")) return a.destination;
  if (path.startsWith("/api/v1/playbooks/")) return a.playbook;
  throw new Error(`no id of workspace A for ${path}: add it to idFor`);
}

/** Routes that create in B's own workspace, or list B's own records: they succeed, with none of A's data. */
const OWN_WORKSPACE = new Set(["POST /api/v1/sources", "POST /api/v1/themes/recluster", "POST /api/v1/destinations"]);

const routes = () =>
  app.routes
    .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/v1/"))
    .map((r) => ({ method: r.method, path: r.path, key: `${r.method} ${r.path}` }))
    .filter((r, i, all) => all.findIndex((o) => o.key === r.key) === i);

beforeAll(async () => {
  owner = await makeWorkspace(env.DB, "owner-a");
  intruder = await makeWorkspace(env.DB, "intruder-b");
  intruderAdmin = `fbk_admin_${newId("t")}`;
  await db.insert(schema.apiTokens).values({
    id: newId("tok"),
    workspaceId: intruder.workspaceId,
    name: "admin",
    prefix: intruderAdmin.slice(0, 12),
    tokenHash: await sha256Hex(intruderAdmin),
    scopes: ["read", "write", "admin"],
    createdAt: NOW,
  });
  a.touchpoint = owner.touchpointIds.delivery;
  a.email = "planted.customer@example.com";

  // A source, a webhook delivery through the real path, stored items that re-cluster into themes, a rule, an import.
  const created = (await (
    await call(owner.token, "/api/v1/sources", "POST", { provider: "standard-webhooks", name: "NPS" })
  ).json()) as { id: string; secret: string };
  a.source = created.id;
  const payload = JSON.stringify({
    type: "feedback.created",
    data: { id: "a-1", comment: "The parcel never came", score: 2, scale: "nps", email: a.email },
  });
  const delivered = await app.request(
    `/webhooks/standard-webhooks/${a.source}`,
    {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": "msg_a1",
        "webhook-timestamp": String(Math.floor(NOW / 1000)),
        "webhook-signature": new Webhook(created.secret).sign("msg_a1", new Date(NOW), payload),
      },
      body: payload,
    },
    env,
    createExecutionContext(),
  );
  a.delivery = ((await delivered.json()) as { deliveryId: string }).deliveryId;
  const texts = [...LATE, ...REFUND, ...LATE, ...REFUND];
  await store(
    owner,
    a.source,
    texts.map((text, i) => feedback(text, { customerId: `a${i % 5}`, customerEmail: i === 0 ? a.email : undefined })),
  );
  expect((await call(owner.token, "/api/v1/themes/recluster", "POST", {})).status).toBe(200);
  const themes = (await (await call(owner.token, "/api/v1/themes")).json()) as { data: Array<{ id: string }> };
  a.theme = themes.data[0]?.id ?? "";
  const item = await db.query.feedbackItems.findFirst({
    where: eq(schema.feedbackItems.workspaceId, owner.workspaceId),
  });
  a.item = item?.id ?? "";
  const rule = (await (
    await call(owner.token, "/api/v1/touchpoint-rules", "POST", {
      touchpointId: a.touchpoint,
      kind: "keyword",
      match: ["parcel"],
    })
  ).json()) as { id: string };
  a.rule = rule.id;
  const job = (await (
    await call(owner.token, `/api/v1/sources/${a.source}/imports`, "POST", {
      format: "csv",
      fileName: "a.csv",
      preset: "zendesk",
    })
  ).json()) as { id: string };
  a.import = job.id;
  const alertRule = (await (
    await call(owner.token, "/api/v1/alert-rules", "POST", { kind: "escalation", name: "Escalations at delivery" })
  ).json()) as { id: string };
  a.alertRule = alertRule.id;
  const destination = (await (
    await call(owner.token, "/api/v1/destinations", "POST", {
      kind: "webhook",
      name: "Ops",
      target: "https://hooks.example.com/a",
    })
  ).json()) as { id: string };
  a.destination = destination.id;
  ({ alert: a.alert, followUp: a.followUp } = await plantAlertAndFollowUp(db, {
    workspaceId: owner.workspaceId,
    ruleId: a.alertRule,
    touchpointId: a.touchpoint,
    itemId: a.item,
  }));
  const playbook = (await (
    await call(owner.token, "/api/v1/playbooks", "POST", {
      name: "Delay notice",
      trigger: { kinds: ["escalation"], touchpointId: a.touchpoint },
      action: { kind: "webhook", connect: { url: "https://hooks.example.com/a" } },
      customerFacing: false,
    })
  ).json()) as { id: string };
  a.playbook = playbook.id;
  expect(Object.values(a).every(Boolean), JSON.stringify(a)).toBe(true);
});

describe("tenant isolation over every API route", () => {
  it("has a case for every route (a new route must say what B sends it)", () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(25);
    const needsBody = all.filter((r) => r.method !== "GET" && r.method !== "DELETE" && !(r.key in BODIES));
    expect(needsBody.map((r) => r.key)).toEqual([]);
  });

  it("answers B's token on every route with A's ids with a 404 and no data of A's", async () => {
    const secrets = () => Object.values(a).filter((v) => v !== a.touchpoint);
    const failures: string[] = [];
    for (const route of routes()) {
      const path = route.path.replace(/:id\b/, () => idFor(route.path));
      const body = BODIES[route.key]?.();
      const res = await call(intruderAdmin, path, route.method, body);
      const text = await res.text();
      const leaked = secrets().filter((s) => text.includes(s) && !(body && JSON.stringify(body).includes(s)));
      if (leaked.length) failures.push(`${route.key}: body names ${leaked.join(", ")}`);
      const foreignInPath = route.path.includes(":id");
      const foreignInBody = body !== undefined && secrets().some((id) => JSON.stringify(body).includes(id));
      if (OWN_WORKSPACE.has(route.key)) {
        if (res.status >= 400) failures.push(`${route.key}: ${res.status} in B's own workspace`);
      } else if (foreignInPath && res.status !== 404) {
        failures.push(`${route.key}: ${res.status} ${text.slice(0, 160)}`);
      } else if (foreignInBody && res.status !== 404 && res.status !== 400) {
        // An id in the body that names nothing of B's is a 404 or, where the route validates references, a 400.
        failures.push(`${route.key}: ${res.status} ${text.slice(0, 160)}`);
      }
      if (res.status >= 400) {
        expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String), requestId: expect.any(String) } });
      }
      if (res.status >= 500) failures.push(`${route.key}: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("left A's records as they were", async () => {
    const source = await db.query.sources.findFirst({ where: eq(schema.sources.id, a.source) });
    expect(source).toMatchObject({ workspaceId: owner.workspaceId, name: "NPS", status: "active" });
    const theme = await db.query.themes.findFirst({ where: eq(schema.themes.id, a.theme) });
    expect(theme?.workspaceId).toBe(owner.workspaceId);
    expect(theme?.label).not.toBe("Hijacked");
    const item = await db.query.feedbackItems.findFirst({ where: eq(schema.feedbackItems.id, a.item) });
    expect(item?.workspaceId).toBe(owner.workspaceId);
    const rule = await db.query.touchpointRules.findFirst({ where: eq(schema.touchpointRules.id, a.rule) });
    expect(rule?.priority).not.toBe(1);
    const customers = await db.query.customers.findMany({
      where: eq(schema.customers.workspaceId, owner.workspaceId),
    });
    expect(customers.length).toBeGreaterThan(0);
    const alert = await db.query.alerts.findFirst({ where: eq(schema.alerts.id, a.alert) });
    expect(alert?.status).toBe("open");
    const alertRule = await db.query.alertRules.findFirst({ where: eq(schema.alertRules.id, a.alertRule) });
    expect(alertRule?.name).toBe("Escalations at delivery");
    const followUp = await db.query.followUps.findFirst({ where: eq(schema.followUps.id, a.followUp) });
    expect(followUp?.status).toBe("open");
    const destination = await db.query.destinations.findFirst({ where: eq(schema.destinations.id, a.destination) });
    expect(destination).toMatchObject({ workspaceId: owner.workspaceId, enabled: true, name: "Ops" });
    const playbook = await db.query.playbooks.findFirst({ where: eq(schema.playbooks.id, a.playbook) });
    expect(playbook).toMatchObject({ name: "Delay notice", enabled: false });
    const runs = await db.query.playbookRuns.findMany({ where: eq(schema.playbookRuns.playbookId, a.playbook) });
    expect(runs).toEqual([]);
  });
});
