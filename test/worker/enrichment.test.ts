import { createExecutionContext, env } from "cloudflare:test";
import type { FetchLike } from "@firebreak/core";
import { createDb, schema } from "@firebreak/db";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getTouchpointDetail } from "../../db/src/queries/map.ts";
import {
  type FakeAnswer,
  fakeFetch,
  hubspotContact,
  hubspotTicket,
  surveyMonkeyResponse,
  surveyMonkeySurvey,
} from "../../functions/core/src/enrichment/fixtures.ts";
import * as hubspot from "../../functions/core/src/providers/hubspot/fixtures.ts";
import * as surveymonkey from "../../functions/core/src/providers/surveymonkey/fixtures.ts";
import { createApp } from "../../functions/ingest/src/app.ts";
import { enrichSource, runScheduledEnrichment } from "../../functions/ingest/src/enrichment.ts";
import { processDelivery } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { SIGNERS } from "../helpers/sign.ts";

const db = createDb(env.DB);
const SM_TOKEN = "sm-access-token-7f3a9c2e1b";
const SM_SECRET = "sm-api-secret-123";
const HS_SECRET = "hubspot-client-secret";
const HS_TOKEN = "pat-eu1-hubspot-token-5b6c";
const SM_BASE = "https://api.surveymonkey.com/v3/surveys/512345678";
const HS_BASE = "https://api.hubapi.com/crm/v3/objects";
const HS_QUERY =
  "properties=subject,content,hs_pipeline_stage,source_type,createdate,hs_lastmodifieddate&associations=contacts";

/** The clock and the provider API the app sees; each test sets them. */
let clock = NOW;
let providerFetch: FetchLike = fakeFetch({}).fetch;
const app = createApp({
  now: () => clock,
  jwks: { keys: async () => [] },
  fetch: (input, init) => providerFetch(input, init),
});
const call = (path: string, init: RequestInit = {}) => app.request(path, init, env, createExecutionContext());
const api = (token: string, path: string, method = "GET", body?: unknown) =>
  call(path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

let ws: TestWorkspace;
let other: TestWorkspace;

async function createSource(provider: string, secret: string) {
  const res = await api(ws.token, "/api/v1/sources", "POST", {
    provider,
    name: provider,
    secret,
    defaultTouchpointId: ws.touchpointIds.delivery,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Signs a body as the provider does, posts it to the webhook URL and processes the delivery as the queue would. */
async function ingest(provider: string, sourceId: string, secret: string, body: unknown) {
  const path = `/webhooks/${provider}/${sourceId}`;
  const signed = await SIGNERS[provider]!({
    body: JSON.stringify(body),
    secret,
    now: NOW,
    url: `http://localhost${path}`,
  });
  const res = await call(path, { method: "POST", headers: signed.headers, body: signed.body });
  expect(res.status, await res.clone().text()).toBe(202);
  await processDelivery(db, env, ((await res.json()) as { deliveryId: string }).deliveryId);
}

/** A SurveyMonkey callback for response `id` of survey 512345678. */
const smCallback = (id: string) => ({
  ...surveymonkey.responseCompleted,
  event_id: `evt_${id}`,
  object_id: id,
  resources: { ...surveymonkey.responseCompleted.resources, respondent_id: id },
});

/** The provider's answers for SurveyMonkey response `id`: the fixture response under that id, and the survey. */
function surveyMonkeyApi(id: string, answer: FakeAnswer | (() => FakeAnswer) = { ...surveyMonkeyResponse, id }) {
  return fakeFetch({ [`${SM_BASE}/responses/${id}/details`]: answer, [`${SM_BASE}/details`]: surveyMonkeySurvey });
}

function item(sourceId: string, externalId: string) {
  return db.query.feedbackItems.findFirst({
    where: and(eq(schema.feedbackItems.sourceId, sourceId), eq(schema.feedbackItems.externalId, externalId)),
  });
}

async function rollupTotals(sourceId: string) {
  const rows = await db.select().from(schema.dailyRollups).where(eq(schema.dailyRollups.sourceId, sourceId));
  const sum = (key: "itemCount" | "negativeCount" | "sentimentSum" | "scoreCount" | "detractorCount") =>
    rows.reduce((n, r) => n + r[key], 0);
  return {
    itemCount: sum("itemCount"),
    negativeCount: sum("negativeCount"),
    sentimentSum: sum("sentimentSum"),
    scoreCount: sum("scoreCount"),
    detractorCount: sum("detractorCount"),
  };
}

async function runEnrichment(sourceId: string, token = ws.token) {
  const res = await api(token, `/api/v1/sources/${sourceId}/enrichment/run`, "POST");
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "enrich");
  other = await makeWorkspace(env.DB, "enrich-other");
});

describe("SurveyMonkey: a response that arrived as ids only", () => {
  let sourceId: string;

  beforeAll(async () => {
    sourceId = await createSource("surveymonkey", SM_SECRET);
  });

  it("stores an enrichment credential encrypted and never returns it again", async () => {
    const put = await api(ws.token, `/api/v1/sources/${sourceId}/enrichment`, "PUT", { token: SM_TOKEN });
    expect(put.status).toBe(200);
    const text = await put.text();
    expect(text).not.toContain(SM_TOKEN);
    expect(JSON.parse(text)).toMatchObject({ configured: true, hint: `…${SM_TOKEN.slice(-4)}` });

    const stored = await db.query.enrichmentCredentials.findFirst({
      where: eq(schema.enrichmentCredentials.sourceId, sourceId),
    });
    expect(stored?.tokenCiphertext).toMatch(/^v1\./);
    expect(stored?.tokenCiphertext).not.toContain(SM_TOKEN);

    const source = await api(ws.token, `/api/v1/sources/${sourceId}`);
    const body = await source.text();
    expect(body).not.toContain(SM_TOKEN);
    expect(body).not.toContain(stored!.tokenCiphertext);
    expect(JSON.parse(body).enrichment).toMatchObject({
      configured: true,
      hint: `…${SM_TOKEN.slice(-4)}`,
      status: "active",
      lastError: null,
      pending: 0,
    });
    const list = await (await api(ws.token, "/api/v1/sources")).text();
    expect(list).not.toContain(stored!.tokenCiphertext);
    const log = await db.select().from(schema.auditLog).where(eq(schema.auditLog.targetId, sourceId));
    expect(log.map((entry) => entry.action)).toContain("source.enrichment_credential_set");
  });

  it("ingests the callback as an item awaiting its details", async () => {
    await ingest("surveymonkey", sourceId, SM_SECRET, smCallback("118012345678"));
    const stored = await item(sourceId, "118012345678");
    expect(stored).toMatchObject({ needsEnrichment: true, text: "", sentimentLabel: "neutral", enrichmentAttempts: 0 });
    const source = (await (await api(ws.token, `/api/v1/sources/${sourceId}`)).json()) as {
      enrichment: { pending: number };
    };
    expect(source.enrichment.pending).toBe(1);
    const feedback = (await (await api(ws.token, `/api/v1/feedback?sourceId=${sourceId}`)).json()) as {
      data: Array<{ needsEnrichment: boolean }>;
    };
    expect(feedback.data.map((i) => i.needsEnrichment)).toEqual([true]);
    const detail = await getTouchpointDetail(db, ws.workspaceId, ws.touchpointIds.delivery, {
      from: "2026-11-01",
      to: "2026-11-20",
    });
    expect(detail?.awaitingDetails).toMatchObject({ count: 1, items: [{ id: stored!.id, needsEnrichment: true }] });
  });

  it("fetches the details and stores them redacted and analysed as a new revision, moving the rollups", async () => {
    const before = await rollupTotals(sourceId);
    expect(before).toMatchObject({ itemCount: 1, negativeCount: 0, scoreCount: 0 });
    const original = await item(sourceId, "118012345678");

    const provider = surveyMonkeyApi("118012345678");
    providerFetch = provider.fetch;
    const run = await runEnrichment(sourceId);
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ ran: true, claimed: 1, enriched: 1, enrichment: { pending: 0 } });

    // The requests the provider saw: its documented URLs, with the credential as a bearer token.
    expect(provider.seen.map((r) => r.url).sort()).toEqual(
      [`${SM_BASE}/details`, `${SM_BASE}/responses/118012345678/details`].sort(),
    );
    expect(provider.seen.every((r) => r.headers.authorization === `Bearer ${SM_TOKEN}`)).toBe(true);

    const enriched = await item(sourceId, "118012345678");
    expect(enriched).toMatchObject({
      id: original!.id,
      needsEnrichment: false,
      score: 2,
      scale: "nps",
      language: "en",
      sentimentLabel: "negative",
      touchpointId: ws.touchpointIds.delivery,
      occurredAt: original!.occurredAt,
      revisionAt: Date.parse("2026-11-20T09:58:01Z"),
      enrichmentAttempts: 0,
      enrichmentError: null,
    });
    // Redacted exactly as webhook text is: the email and phone never reach D1.
    expect(enriched?.text).toContain("The parcel arrived five days late");
    expect(enriched?.text).not.toContain("jane.doe@example.com");
    expect(enriched?.text).not.toContain("20 12 34 56");
    expect(enriched?.text).toContain("[email]");
    expect(enriched?.redactions).toMatchObject({ email: 1, phone: 1 });
    expect(enriched?.text).not.toContain("Jane Doe");

    // The id-only version is kept as history.
    const history = await db.select().from(schema.itemRevisions).where(eq(schema.itemRevisions.itemId, original!.id));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ text: "", revisionAt: original!.revisionAt });

    // The same single item is counted, now negative, scored and a detractor.
    const after = await rollupTotals(sourceId);
    expect(after).toMatchObject({ itemCount: before.itemCount, negativeCount: 1, scoreCount: 1, detractorCount: 1 });
    expect(after.sentimentSum).toBeLessThan(before.sentimentSum);
    expect(after.sentimentSum).toBeCloseTo(enriched!.sentiment, 6);

    // The webhook's recipient is still the customer, counted once.
    expect(enriched?.customerId).toBe(original?.customerId);
    const customers = await db.select().from(schema.customers).where(eq(schema.customers.workspaceId, ws.workspaceId));
    expect(customers.map((c) => c.itemCount)).toEqual([1]);
  });

  it("does nothing more once the item has its details", async () => {
    const provider = surveyMonkeyApi("118012345678");
    providerFetch = provider.fetch;
    const run = await runEnrichment(sourceId);
    expect(run.body).toMatchObject({ ran: true, claimed: 0, enriched: 0 });
    expect(provider.seen).toHaveLength(0);
    expect(await db.select().from(schema.itemRevisions)).toHaveLength(1);
  });

  it("backs off on a 429 for the whole source, honouring Retry-After, then resumes", async () => {
    await ingest("surveymonkey", sourceId, SM_SECRET, smCallback("118012340429"));
    providerFetch = surveyMonkeyApi(
      "118012340429",
      () => new Response("{}", { status: 429, headers: { "retry-after": "120" } }),
    ).fetch;
    const limited = await runEnrichment(sourceId);
    expect(limited.body).toMatchObject({ ran: true, deferred: 1, enriched: 0, rateLimitedUntil: NOW + 120_000 });
    expect(await item(sourceId, "118012340429")).toMatchObject({
      needsEnrichment: true,
      enrichmentAttempts: 0,
      enrichmentNextAt: NOW + 120_000,
    });
    const credential = (await (await api(ws.token, `/api/v1/sources/${sourceId}/enrichment`)).json()) as {
      retryAt: number;
      lastError: string;
    };
    expect(credential).toMatchObject({ retryAt: NOW + 120_000, lastError: expect.stringContaining("429") });

    // Within the pause nothing is fetched, even on demand.
    const provider = surveyMonkeyApi("118012340429");
    providerFetch = provider.fetch;
    expect((await runEnrichment(sourceId)).body).toMatchObject({ ran: false, reason: "rate_limited" });
    expect(provider.seen).toHaveLength(0);

    clock = NOW + 121_000;
    try {
      expect((await runEnrichment(sourceId)).body).toMatchObject({ ran: true, enriched: 1 });
    } finally {
      clock = NOW;
    }
    expect(await item(sourceId, "118012340429")).toMatchObject({ needsEnrichment: false, sentimentLabel: "negative" });
  });

  it("retries a server error later with backoff, keeping the item as it was", async () => {
    await ingest("surveymonkey", sourceId, SM_SECRET, smCallback("118012340500"));
    providerFetch = surveyMonkeyApi("118012340500", () => new Response("oops", { status: 503 })).fetch;
    expect((await runEnrichment(sourceId)).body).toMatchObject({ ran: true, retried: 1 });
    expect(await item(sourceId, "118012340500")).toMatchObject({
      needsEnrichment: true,
      text: "",
      enrichmentAttempts: 1,
      enrichmentNextAt: NOW + 60_000,
      enrichmentError: expect.stringContaining("503"),
    });
    // Not due yet: a run now leaves it alone.
    expect((await runEnrichment(sourceId)).body).toMatchObject({ claimed: 0 });
  });

  it("marks the credential failing on a 401, stops for the source, and resumes with a new credential", async () => {
    await ingest("surveymonkey", sourceId, SM_SECRET, smCallback("118012340401"));
    providerFetch = surveyMonkeyApi("118012340401", () => new Response("{}", { status: 401 })).fetch;
    expect((await runEnrichment(sourceId)).body).toMatchObject({ ran: true, credentialFailed: true, enriched: 0 });

    const state = (await (await api(ws.token, `/api/v1/sources/${sourceId}`)).json()) as {
      enrichment: { status: string; lastError: string; pending: number };
    };
    expect(state.enrichment).toMatchObject({ status: "failing", lastError: expect.stringContaining("refused") });
    // The item lost nothing and did not count an attempt: the credential was at fault, not the item.
    expect(await item(sourceId, "118012340401")).toMatchObject({
      needsEnrichment: true,
      enrichmentAttempts: 0,
      enrichmentNextAt: null,
    });

    const refused = await runEnrichment(sourceId);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: "conflict", message: expect.stringContaining("refused") } });

    const provider = surveyMonkeyApi("118012340401");
    providerFetch = provider.fetch;
    expect((await runEnrichment(sourceId)).status).toBe(409);
    expect(provider.seen).toHaveLength(0);

    const replaced = await api(ws.token, `/api/v1/sources/${sourceId}/enrichment`, "PUT", { token: `${SM_TOKEN}-2` });
    expect(await replaced.json()).toMatchObject({ status: "active", lastError: null });
    expect((await runEnrichment(sourceId)).body).toMatchObject({ ran: true, enriched: 1 });
  });

  it("explains what credential to paste, and refuses a token that cannot be a header value", async () => {
    const state = (await (await api(ws.token, `/api/v1/sources/${sourceId}/enrichment`)).json()) as {
      help: { credential: string; settings: Record<string, string> };
    };
    expect(state.help.credential).toContain("View Response Details");
    expect(Object.keys(state.help.settings)).toContain("apiHost");
    const res = await api(ws.token, `/api/v1/sources/${sourceId}/enrichment`, "PUT", { token: "two\nlines token" });
    expect(res.status).toBe(400);
  });

  it("refuses settings the provider does not take", async () => {
    const res = await api(ws.token, `/api/v1/sources/${sourceId}/enrichment`, "PUT", {
      token: SM_TOKEN,
      settings: { apiHost: "evil.example" },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: "bad_request", message: expect.stringContaining("apiHost") },
    });
  });
});

describe("HubSpot: tickets from a batch of ids", () => {
  let sourceId: string;

  beforeAll(async () => {
    sourceId = await createSource("hubspot", HS_SECRET);
    await api(ws.token, `/api/v1/sources/${sourceId}/enrichment`, "PUT", { token: HS_TOKEN });
    await ingest("hubspot", sourceId, HS_SECRET, hubspot.mixedBatch);
  });

  it("enriches from the cron, links the ticket's contact, and marks a deleted ticket unavailable", async () => {
    // 880011's creation and content events came in one batch: the later one (the content) is what is stored.
    expect(await item(sourceId, "880011")).toMatchObject({
      needsEnrichment: false,
      text: expect.stringContaining("Die App stürzt beim Bezahlen ab"),
    });
    expect(await item(sourceId, "880012")).toMatchObject({ needsEnrichment: true, customerId: null });
    expect(await item(sourceId, "880013")).toMatchObject({ needsEnrichment: true });
    const before = await rollupTotals(sourceId);

    const provider = fakeFetch({
      [`${HS_BASE}/tickets/880012?${HS_QUERY}`]: hubspotTicket,
      [`${HS_BASE}/contacts/5120?properties=email`]: hubspotContact,
      // 880013 was deleted in HubSpot: the fake answers 404 for any URL it does not list.
    });
    const runs = await runScheduledEnrichment(env, { fetch: provider.fetch, now: () => NOW });
    // 880012 and 880013 changed a subject and a stage, so only their ids came.
    expect(runs.find((r) => r.sourceId === sourceId)).toMatchObject({ ran: true, enriched: 1, unavailable: 1 });
    expect(provider.seen.every((r) => r.headers.authorization === `Bearer ${HS_TOKEN}`)).toBe(true);

    const ticket = await item(sourceId, "880012");
    expect(ticket).toMatchObject({
      needsEnrichment: false,
      title: "Betaling fejler på mobil",
      status: "pipeline_stage:2",
      channel: "email",
      sentimentLabel: "negative",
    });
    expect(ticket?.text).toContain("Payment fails on mobile");
    expect(ticket?.text).not.toContain("20 12 34 56");
    // The contact the ticket is associated with becomes its customer, counted once.
    expect(ticket?.customerId).toBeTruthy();
    const customer = await db.query.customers.findFirst({ where: eq(schema.customers.id, ticket!.customerId!) });
    expect(customer).toMatchObject({ workspaceId: ws.workspaceId, itemCount: 1 });
    expect(customer?.emailHash).toBeTruthy();

    const gone = await item(sourceId, "880013");
    expect(gone).toMatchObject({ needsEnrichment: true, enrichmentError: expect.stringContaining("404") });
    expect(gone?.enrichmentUnavailableAt).toBe(NOW);

    const after = await rollupTotals(sourceId);
    expect(after.itemCount).toBe(before.itemCount);
    // The enriched revision replaced the stub's contribution: the rollups add up to the items as stored now.
    const stored = await db.select().from(schema.feedbackItems).where(eq(schema.feedbackItems.sourceId, sourceId));
    expect(after.negativeCount).toBe(stored.filter((i) => i.sentimentLabel === "negative").length);
    expect(after.sentimentSum).toBeCloseTo(
      stored.reduce((n, i) => n + i.sentiment, 0),
      6,
    );
    expect(after.sentimentSum).not.toBeCloseTo(before.sentimentSum, 6);

    // Unavailable is final: the next run fetches nothing, and nothing is pending.
    const again = fakeFetch({});
    await runScheduledEnrichment(env, { fetch: again.fetch, now: () => NOW + 3_600_000 });
    expect(again.seen.filter((r) => r.url.includes("880013"))).toHaveLength(0);
    const summary = (await (await api(ws.token, `/api/v1/sources/${sourceId}/enrichment`)).json()) as {
      pending: number;
    };
    expect(summary.pending).toBe(0);
  });
});

describe("a run's bounds", () => {
  let sourceId: string;
  const ids = ["1180123460", "1180123461", "1180123462", "1180123463", "1180123464", "1180123465"];

  beforeAll(async () => {
    sourceId = await createSource("surveymonkey", SM_SECRET);
    await api(ws.token, `/api/v1/sources/${sourceId}/enrichment`, "PUT", { token: SM_TOKEN });
    for (const id of ids) await ingest("surveymonkey", sourceId, SM_SECRET, smCallback(id));
  });

  it("starts no fetch once its time is up, and releases what it claimed untouched", async () => {
    const provider = fakeFetch({});
    const run = await enrichSource(
      db,
      env,
      { workspaceId: ws.workspaceId, sourceId },
      {
        fetch: provider.fetch,
        now: () => NOW,
        budgetMs: 0,
      },
    );
    expect(run).toMatchObject({ ran: true, claimed: ids.length, released: ids.length, enriched: 0 });
    expect(provider.seen).toHaveLength(0);
    for (const id of ids) {
      expect(await item(sourceId, id)).toMatchObject({ enrichmentNextAt: null, enrichmentAttempts: 0 });
    }
  });

  it("keeps at most `concurrency` items in flight and claims at most a batch", async () => {
    let inFlight = 0;
    let most = 0;
    const answers = Object.fromEntries(
      ids.map((id) => [`${SM_BASE}/responses/${id}/details`, { ...surveyMonkeyResponse, id }]),
    );
    const fetch: FetchLike = async (input, init) => {
      const counted = input.includes("/responses/");
      if (counted) most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (counted) inFlight--;
      return fakeFetch({ ...answers, [`${SM_BASE}/details`]: surveyMonkeySurvey }).fetch(input, init);
    };
    const run = await enrichSource(
      db,
      env,
      { workspaceId: ws.workspaceId, sourceId },
      {
        fetch,
        now: () => NOW,
        concurrency: 2,
        batchSize: 5,
      },
    );
    expect(run).toMatchObject({ ran: true, claimed: 5, enriched: 5 });
    expect(most).toBe(2);
    const summary = (await (await api(ws.token, `/api/v1/sources/${sourceId}/enrichment`)).json()) as {
      pending: number;
    };
    expect(summary.pending).toBe(1);
  });
});

describe("enrichment routes", () => {
  let sourceId: string;

  beforeAll(async () => {
    sourceId = await createSource("surveymonkey", SM_SECRET);
  });

  it("are 404 for another workspace's source", async () => {
    await api(ws.token, `/api/v1/sources/${sourceId}/enrichment`, "PUT", { token: SM_TOKEN });
    for (const [method, path, body] of [
      ["GET", "/enrichment", undefined],
      ["PUT", "/enrichment", { token: "intruder-token-123" }],
      ["DELETE", "/enrichment", undefined],
      ["POST", "/enrichment/run", undefined],
    ] as const) {
      const res = await api(other.token, `/api/v1/sources/${sourceId}${path}`, method, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
    const stored = await db.query.enrichmentCredentials.findFirst({
      where: eq(schema.enrichmentCredentials.sourceId, sourceId),
    });
    expect(stored?.tokenHint).toBe(SM_TOKEN.slice(-4));
  });

  it("need a token, and write access to change anything", async () => {
    expect((await call(`/api/v1/sources/${sourceId}/enrichment`)).status).toBe(401);
  });

  it("remove the credential, after which a run is refused", async () => {
    const removed = await api(ws.token, `/api/v1/sources/${sourceId}/enrichment`, "DELETE");
    expect(removed.status).toBe(204);
    expect(await (await api(ws.token, `/api/v1/sources/${sourceId}/enrichment`)).json()).toMatchObject({
      configured: false,
      hint: null,
    });
    expect((await api(ws.token, `/api/v1/sources/${sourceId}/enrichment`, "DELETE")).status).toBe(404);
    expect((await runEnrichment(sourceId)).status).toBe(409);
  });

  it("refuse providers whose webhooks carry their details", async () => {
    const typeform = await createSource("typeform", "typeform-secret-1");
    const res = await api(ws.token, `/api/v1/sources/${typeform}/enrichment`, "PUT", { token: "whatever-token" });
    expect(res.status).toBe(400);
    const source = (await (await api(ws.token, `/api/v1/sources/${typeform}`)).json()) as { enrichment: unknown };
    expect(source.enrichment).toBeNull();
  });
});
