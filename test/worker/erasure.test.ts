import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { customerLookup } from "@firebreak/core";
import {
  createDb,
  customerExport,
  erasure,
  placement,
  type replay,
  schema,
  segmentDays,
  segments,
} from "@firebreak/db";
import { runBatch } from "@firebreak/db/client";
import { loadMovable, moveStatements, placementOf } from "@firebreak/db/pipelines/item-moves";
import { and, eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { handleDeliveryBatch } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { createStandardSource } from "./standard-webhooks.ts";
import { addSource, countsAgree, feedback, rollupsMatchItems, store } from "./stored-items.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const call = (path: string, init: RequestInit = {}) => app.request(path, init, env, createExecutionContext());
const api = (token: string, path: string, body?: unknown) =>
  call(path, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

/** The planted customer: named by their CRM id and email (mixed case, as people type it) in webhooks and a CSV file. */
const EMAIL = "Erase.Me@Example.com";
const CRM_ID = "crm-7781";
const PLANTED = { id: CRM_ID, email: EMAIL, attributes: { plan: "pro" } };
const KEEPER = { id: "crm-1000", email: "keep.me@example.com" };
const by = { actor: "token:test", now: NOW, secretsKey: env.SECRETS_KEY };

type Source = { id: string; secret: string };

/** Posts a Standard Webhooks event signed with `secret` (the source's, or a forged one); the response. */
async function post(
  source: Source,
  messageId: string,
  data: Record<string, unknown>,
  { at = "2026-11-10T09:00:00Z", type = "feedback.created", secret = source.secret } = {},
) {
  const payload = JSON.stringify({ type, timestamp: at, data });
  const res = await call(`/webhooks/standard-webhooks/${source.id}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": messageId,
      "webhook-timestamp": String(Math.floor(NOW / 1000)),
      "webhook-signature": new Webhook(secret).sign(messageId, new Date(NOW), payload),
    },
    body: payload,
  });
  return { status: res.status, body: (await res.json()) as { deliveryId?: string; status?: string } };
}

/** Hands deliveries to the real queue consumer, as the queue would. */
async function drain(...deliveryIds: string[]) {
  const batch = createMessageBatch<replay.DeliveryMessage>(
    "firebreak-deliveries",
    deliveryIds.map((deliveryId, i) => ({ id: `m${i}`, timestamp: new Date(NOW), attempts: 1, body: { deliveryId } })),
  );
  await handleDeliveryBatch(batch, env);
  const result = await getQueueResult(batch, createExecutionContext());
  expect(result.explicitAcks).toHaveLength(deliveryIds.length);
}

async function accepted(source: Source, messageId: string, data: Record<string, unknown>, options = {}) {
  const { status, body } = await post(source, messageId, data, options);
  expect(status).toBe(202);
  return body.deliveryId as string;
}

/** A CSV backfill of Zendesk tickets through the real import API. */
async function importTickets(ws: TestWorkspace, rows: Array<Record<string, string>>) {
  const res = await call("/api/v1/sources", {
    method: "POST",
    headers: { authorization: `Bearer ${ws.token}`, "content-type": "application/json" },
    body: JSON.stringify({ provider: "standard-webhooks", name: "Zendesk backfill" }),
  });
  const { id: sourceId } = (await res.json()) as { id: string };
  const created = await api(ws.token, `/api/v1/sources/${sourceId}/imports`, {
    format: "csv",
    fileName: "zendesk-export.csv",
    headers: Object.keys(rows[0] ?? {}),
  });
  const job = (await created.json()) as { id: string; preset: string };
  expect(job.preset).toBe("zendesk");
  const chunk = await api(ws.token, `/api/v1/imports/${job.id}/rows`, { rows });
  expect(await chunk.json()).toMatchObject({ inserted: rows.length, failed: 0 });
}

const ticket = (id: string, requester: { id?: string; email?: string }, description: string) => ({
  Id: id,
  Subject: `Ticket ${id}`,
  Description: description,
  "Satisfaction Score": "Bad",
  "Created at": "2026-11-12 09:14:55",
  Tags: "delivery",
  Status: "Solved",
  "Requester id": requester.id ?? "",
  "Requester email": requester.email ?? "",
});

async function pinParcelTheme(ws: TestWorkspace) {
  const id = `thm_parcel_${ws.workspaceId}`;
  await db.insert(schema.themes).values({
    id,
    workspaceId: ws.workspaceId,
    label: "Where is my parcel",
    pinned: true,
    keywords: { en: ["parcel"] },
    createdAt: NOW,
    updatedAt: NOW,
  });
  return id;
}

/** Row counts of every table for one workspace (tables without a workspace column are left out). */
async function footprint(workspaceId: string) {
  const counts: Record<string, number> = {};
  for (const table of await userTables()) {
    const columns = await tableColumns(table);
    if (!columns.some((c) => c.name === "workspace_id")) continue;
    const [row] = await db.all<{ n: number }>(
      sql.raw(`SELECT count(*) AS n FROM "${table}" WHERE workspace_id = '${workspaceId}'`),
    );
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

async function userTables() {
  const rows = await db.all<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'
      AND name NOT LIKE 'd1_%' ORDER BY name`,
  );
  return rows.map((r) => r.name);
}

function tableColumns(table: string) {
  return db.all<{ name: string; type: string }>(sql.raw(`SELECT name, type FROM pragma_table_info('${table}')`));
}

/** Every table in which any of `needles` occurs in any column (cast to text), case-insensitively. */
async function whereFound(needles: readonly string[]) {
  const found: string[] = [];
  const lowered = JSON.stringify(needles.map((n) => n.toLowerCase()));
  for (const table of await userTables()) {
    // One pass per table: every column, as text, joined by a separator no needle contains.
    const row = (await tableColumns(table))
      .map(({ name }) => `coalesce(CAST("${table}"."${name}" AS TEXT), '')`)
      .join(" || char(31) || ");
    const hits = await db.all<{ needle: string }>(
      sql.raw(`SELECT DISTINCT needle.value AS needle FROM "${table}", json_each('${lowered}') AS needle
        WHERE instr(lower(${row}), needle.value) > 0`),
    );
    for (const hit of hits) found.push(`${table}: ${hit.needle}`);
  }
  return found;
}

let ws: TestWorkspace;
let other: TestWorkspace;
let source: Source;
const planted: Record<string, string> = {};
let keeperDeliveries: string[] = [];

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "privacy");
  other = await makeWorkspace(env.DB, "privacy-other");
  await pinParcelTheme(ws);
  await pinParcelTheme(other);
  source = await createStandardSource(app, ws);
  const survey = (id: string, comment: string, customer: object = PLANTED, extra = {}) => ({
    id,
    comment,
    score: 2,
    scale: "nps",
    touchpoint: "delivery-tracking",
    customer,
    ...extra,
  });

  // The first answer, then an edit of it (a newer revision), a repeat of the first receipt, and an old copy of it
  // under a new message id (changes nothing, but the payload still names them).
  planted.created = await accepted(
    source,
    "e1",
    survey("resp_e1", "My parcel never arrived. Call me on +45 20 12 34 56 or write to erase.me@example.com."),
  );
  await drain(planted.created);
  planted.edited = await accepted(source, "e2", survey("resp_e1", "Parcel still missing, I want a refund."), {
    at: "2026-11-10T10:00:00Z",
    type: "feedback.updated",
  });
  await drain(planted.edited);
  const repeated = await post(source, "e1", survey("resp_e1", "My parcel never arrived."));
  expect(repeated).toMatchObject({ status: 200, body: { status: "duplicate" } });
  planted.oldCopy = await accepted(source, "e3", survey("resp_e1", "My parcel never arrived."));
  await drain(planted.oldCopy);
  // Two days later about the same parcel: a repeat contact.
  planted.again = await accepted(source, "e4", survey("resp_e2", "Parcel tracking still says nothing."), {
    at: "2026-11-12T09:00:00Z",
  });
  await drain(planted.again);
  // Refused receipts keep their payload for diagnosis: a forged signature, and an event with nothing to store.
  const forged = await post(source, "e5", survey("resp_e3", "Parcel?"), {
    secret: "whsec_Zm9yZ2VkLXNlY3JldC0xMjM0NTY=",
  });
  expect(forged.status).toBe(401);
  const empty = await post(source, "e6", { id: "resp_e4", comment: "", customer: { email: EMAIL } });
  expect(empty.status).toBe(422);
  // Accepted but not processed yet, naming them by id only.
  planted.queued = await accepted(source, "e7", survey("resp_e5", "Parcel lost again", { id: CRM_ID }));

  // Another customer of the same workspace, about the same parcel theme: they stay, with their payloads.
  keeperDeliveries = [
    await accepted(source, "k1", survey("resp_k1", "My parcel was late.", KEEPER)),
    await accepted(source, "k2", survey("resp_k2", "Parcel late again, second time.", KEEPER), {
      at: "2026-11-11T09:00:00Z",
    }),
  ];
  await drain(...keeperDeliveries);

  // A backfill names them by email only in one row and by id and email in another.
  await importTickets(ws, [
    ticket("9001", { email: EMAIL.toLowerCase() }, "Parcel arrived broken"),
    ticket("9002", { id: CRM_ID, email: EMAIL }, "Second parcel also broken"),
    ticket("9003", KEEPER, "Parcel fine but late"),
  ]);

  // The same person in another workspace: untouched by an erasure in this one.
  const otherSource = await createStandardSource(app, other);
  await drain(await accepted(otherSource, "o1", survey("resp_o1", "Parcel never arrived.")));
}, 60_000);

describe("exporting a customer's data on request", () => {
  it("returns every item with its redacted text, revisions, placement by name and deliveries, audited", async () => {
    const result = await customerExport.exportCustomer(db, ws.workspaceId, { kind: "customerId", value: CRM_ID }, by);
    if (!result.ok) throw new Error("expected the customer to be found");
    const { data } = result;
    // By id: the webhook answers and the ticket that named the id; the email-only ticket is another customer row.
    expect(data.customers).toEqual([
      expect.objectContaining({ attributes: { plan: "pro" }, firstSeenAt: "2026-11-10T09:00:00.000Z" }),
    ]);
    expect(data.items.map((i) => i.externalId).sort()).toEqual(["9002", "resp_e1", "resp_e2"]);
    const first = data.items.find((i) => i.externalId === "resp_e1");
    expect(first).toMatchObject({
      text: "Parcel still missing, I want a refund.",
      touchpoint: { name: "Delivery tracking", key: "delivery-tracking", journey: "Purchase" },
      recurringIssue: { label: "Where is my parcel" },
      source: { id: source.id, provider: "standard-webhooks" },
      deliveryIds: [planted.created, planted.edited, planted.oldCopy].sort(),
    });
    expect(first?.revisions).toHaveLength(1);
    // The first version, redacted before it was stored.
    expect(first?.revisions[0]?.text).toContain("My parcel never arrived");
    expect(first?.revisions[0]?.text).not.toContain("20 12 34 56");
    expect(first?.revisions[0]?.text).not.toContain("erase.me@example.com");
    expect(JSON.stringify(data)).not.toMatch(/erase\.me@example\.com|crm-7781/i);
    expect(data.items.find((i) => i.externalId === "resp_e2")?.repeatOfItemId).toBe(first?.id);

    const byEmail = await customerExport.exportCustomer(db, ws.workspaceId, { kind: "email", value: EMAIL }, by);
    expect(byEmail.ok && byEmail.data.items.map((i) => i.externalId).sort()).toEqual([
      "9001",
      "9002",
      "resp_e1",
      "resp_e2",
    ]);
    const entries = await db.query.auditLog.findMany({
      where: and(eq(schema.auditLog.workspaceId, ws.workspaceId), eq(schema.auditLog.action, "customer.exported")),
    });
    expect(entries.map((e) => e.details)).toEqual(
      expect.arrayContaining([{ by: "customerId", counts: { customers: 1, items: 3, revisions: 1 } }]),
    );
  });

  it("finds nobody for an unknown customer, or one of another workspace's", async () => {
    expect(
      await customerExport.exportCustomer(db, ws.workspaceId, { kind: "email", value: "nobody@example.com" }, by),
    ).toEqual({ ok: false, problem: "not_found" });
    const theirs = await db.query.customers.findFirst({ where: eq(schema.customers.workspaceId, other.workspaceId) });
    expect(
      await customerExport.exportCustomer(db, ws.workspaceId, { kind: "id", value: theirs?.id ?? "" }, by),
    ).toEqual({ ok: false, problem: "not_found" });
  });
});

describe("erasing a customer on request", () => {
  const needles: string[] = [];
  let erasedPayloads: string[] = [];
  let keeperPayloads: string[] = [];
  let otherBefore: Record<string, number>;
  let segmentId: string;
  let result: Awaited<ReturnType<typeof erasure.erase>>;

  beforeAll(async () => {
    const rows = await erasure.findCustomers(
      db,
      ws.workspaceId,
      customerLookup(env.SECRETS_KEY, ws.workspaceId, { kind: "email", value: EMAIL }),
    );
    expect(rows).toHaveLength(2);
    const items = await db.query.feedbackItems.findMany({
      where: and(
        eq(schema.feedbackItems.workspaceId, ws.workspaceId),
        sql`customer_id IN (${sql.join(
          rows.map((r) => sql`${r.id}`),
          sql`, `,
        )})`,
      ),
    });
    expect(items.map((i) => i.externalId).sort()).toEqual(["9001", "9002", "resp_e1", "resp_e2"]);
    needles.push(
      EMAIL,
      CRM_ID,
      ...rows.flatMap((r) => [r.id, r.keyHash, ...(r.emailHash ? [r.emailHash] : [])]),
      ...items.map((i) => i.id),
    );
    const carried = await db.query.deliveries.findMany({ where: eq(schema.deliveries.sourceId, source.id) });
    const keeper = new Set(keeperDeliveries);
    erasedPayloads = carried.filter((d) => !keeper.has(d.id)).flatMap((d) => (d.rawPayloadId ? [d.rawPayloadId] : []));
    keeperPayloads = carried.filter((d) => keeper.has(d.id)).flatMap((d) => (d.rawPayloadId ? [d.rawPayloadId] : []));
    // created, edited, its repeat, the old copy, the repeat contact, two refused and the queued one.
    expect(erasedPayloads).toHaveLength(8);
    needles.push(...erasedPayloads);

    // Someone moved one of their answers by hand: the audit entry names the item.
    const first = items.find((i) => i.externalId === "resp_e1");
    await placement.moveItems(db, ws.workspaceId, [first?.id ?? ""], ws.touchpointIds.checkout, by);
    // And another customer's answer is linked as a repeat of theirs (as a re-clustering could have linked it).
    const [keeperItem] = await loadMovable(
      db,
      ws.workspaceId,
      (await db.query.feedbackItems.findMany({ where: eq(schema.feedbackItems.externalId, "resp_k2") })).map(
        (i) => i.id,
      ),
    );
    if (!keeperItem) throw new Error("the other customer's item is missing");
    await runBatch(
      db,
      moveStatements(ws.workspaceId, [
        { item: keeperItem, to: { ...placementOf(keeperItem), repeatOfItemId: first?.id ?? null } },
      ]),
    );
    await countsAgree(ws.workspaceId);

    // A saved segment of "pro" customers, built before the erasure.
    segmentId = (
      await segments.create(
        db,
        ws.workspaceId,
        { kind: "segment", name: "Pro", description: "", filter: { attributes: { plan: ["pro"] } } },
        by,
      )
    ).id;
    await segmentDays.refresh(db, ws.workspaceId, 60);
    expect(await segmentItems(segmentId)).toBe(3);

    // The scan finds them everywhere before the erasure, so its empty answer afterwards means something.
    const tablesBefore = new Set((await whereFound(needles)).map((hit) => hit.split(":")[0]));
    expect([...tablesBefore].sort()).toEqual([
      "audit_log",
      "customers",
      "deliveries",
      "feedback_items",
      "item_deliveries",
      "item_revisions",
      "raw_payloads",
    ]);

    otherBefore = await footprint(other.workspaceId);
    result = await erasure.erase(db, ws.workspaceId, { kind: "email", value: EMAIL }, by);
  }, 60_000);

  const segmentItems = async (id: string) => {
    const [row] = await db.all<{ n: number }>(
      sql`SELECT coalesce(sum(item_count), 0) AS n FROM segment_days WHERE workspace_id = ${ws.workspaceId} AND segment_id = ${id}`,
    );
    return Number(row?.n ?? 0);
  };

  it("leaves no trace of them in any table: not their email, id, keyed hashes, customer ids or item ids", async () => {
    expect(result.ok).toBe(true);
    expect(await whereFound(needles)).toEqual([]);
  }, 30_000);

  it("deletes every raw payload that named them, and only those; the delivery rows stay without one", async () => {
    const left = await db.query.rawPayloads.findMany({ where: eq(schema.rawPayloads.workspaceId, ws.workspaceId) });
    expect(left.map((p) => p.id).sort()).toEqual([...keeperPayloads].sort());
    const log = await db.query.deliveries.findMany({ where: eq(schema.deliveries.sourceId, source.id) });
    expect(log).toHaveLength(10);
    expect(log.filter((d) => d.rawPayloadId === null)).toHaveLength(8);
  });

  it("keeps every rollup grain equal to the remaining items", async () => {
    await countsAgree(ws.workspaceId);
    await rollupsMatchItems(ws.workspaceId);
    const [empty] = await db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM daily_rollups WHERE workspace_id = ${ws.workspaceId} AND item_count = 0`,
    );
    expect(empty?.n).toBe(0);
  });

  it("keeps the other customer, no longer a repeat of an erased answer", async () => {
    const left = await db.query.feedbackItems.findMany({ where: eq(schema.feedbackItems.workspaceId, ws.workspaceId) });
    expect(left.map((i) => i.externalId).sort()).toEqual(["9003", "resp_k1", "resp_k2"]);
    // Their own repeat link was replaced by the forced one, which pointed at an erased item: cleared.
    expect(left.find((i) => i.externalId === "resp_k2")?.repeatOfItemId).toBeNull();
    const keeper = await db.query.customers.findMany({ where: eq(schema.customers.workspaceId, ws.workspaceId) });
    expect(keeper).toHaveLength(1);
  });

  it("leaves other workspaces exactly as they were", async () => {
    expect(await footprint(other.workspaceId)).toEqual(otherBefore);
    await countsAgree(other.workspaceId);
  });

  it("makes the saved segment's built days stale, and rebuilt they count nobody", async () => {
    expect((await segmentDays.staleDays(db, ws.workspaceId, segmentId, 60)).length).toBeGreaterThan(0);
    await segmentDays.refresh(db, ws.workspaceId, 60);
    expect(await segmentItems(segmentId)).toBe(0);
  });

  it("audits the erasure once, with the counts and a hash of the request, nothing that names them", async () => {
    const entries = await db.query.auditLog.findMany({
      where: and(eq(schema.auditLog.workspaceId, ws.workspaceId), eq(schema.auditLog.action, "customer.erased")),
    });
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry?.targetId).toMatch(/^[0-9a-f]{64}$/);
    expect(entry?.details).toEqual({
      by: "email",
      counts: {
        customers: 2,
        items: 4,
        revisions: 1,
        itemThemes: 0,
        deliveryLinks: 3,
        followUps: 0,
        alerts: 0,
        repeatLinksCleared: 1,
        rollupRows: expect.any(Number),
        deliveries: 8,
        rawPayloads: 8,
        payloadsChecked: 3,
        auditEntries: 1,
      },
    });
    expect(result.ok && result.counts).toEqual(entry?.details.counts);
    const moved = await db.query.auditLog.findFirst({
      where: and(eq(schema.auditLog.workspaceId, ws.workspaceId), eq(schema.auditLog.action, "item.moved")),
    });
    expect(moved?.details).toEqual({ items: [{ id: "erased", from: ws.touchpointIds.delivery }] });
  });

  it("finds nobody the second time, and a delivery still queued dead-letters for want of its payload", async () => {
    expect(await erasure.erase(db, ws.workspaceId, { kind: "email", value: EMAIL }, by)).toEqual({
      ok: false,
      problem: "not_found",
    });
    await drain(planted.queued as string);
    const queued = await db.query.deliveries.findFirst({ where: eq(schema.deliveries.id, planted.queued as string) });
    expect(queued).toMatchObject({ status: "dead_lettered", reason: expect.stringMatching(/erasure/) });
    expect(await whereFound(needles)).toEqual([]);
  }, 30_000);
});

describe("erasing a customer with thousands of items", () => {
  it("works in bounded chunks, repeat chains across chunks included, with every rollup exact", async () => {
    const big = await makeWorkspace(env.DB, "privacy-big");
    await pinParcelTheme(big);
    const sourceId = await addSource(big);
    const DAY = 86_400_000;
    // One answer every ~1.2 hours for 60 days, all about the parcel: each repeats the one before.
    const theirs = Array.from({ length: 1_200 }, (_, i) =>
      feedback(`Parcel update ${i}: still not here`, { customerId: "heavy-user", occurredAt: NOW - i * (DAY / 20) }),
    );
    const others = Array.from({ length: 40 }, (_, i) =>
      feedback(`Parcel question ${i}`, { customerId: `light-${i % 4}`, occurredAt: NOW - i * DAY }),
    );
    await store(big, sourceId, [...theirs, ...others]);
    await countsAgree(big.workspaceId);

    const erased = await erasure.erase(db, big.workspaceId, { kind: "customerId", value: "heavy-user" }, by);
    expect(erased.ok && erased.counts).toMatchObject({ customers: 1, items: 1_200, repeatLinksCleared: 0 });
    const left = await db.query.feedbackItems.findMany({
      where: eq(schema.feedbackItems.workspaceId, big.workspaceId),
    });
    expect(left).toHaveLength(40);
    await countsAgree(big.workspaceId);
    await rollupsMatchItems(big.workspaceId);
  }, 60_000);
});
