import { env } from "cloudflare:test";
import { createDb, retention, schema, workspaces } from "@firebreak/db";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { runScheduledRetention } from "../../functions/ingest/src/retention.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { addSource, countsAgree, feedback, rollupsMatchItems, store } from "./stored-items.ts";

const db = createDb(env.DB);
const DAY = 86_400_000;
const by = { actor: "user:web", now: NOW };

const itemsOf = (ws: TestWorkspace) =>
  db.query.feedbackItems.findMany({ where: eq(schema.feedbackItems.workspaceId, ws.workspaceId) });
const customersOf = (ws: TestWorkspace) =>
  db.query.customers.findMany({ where: eq(schema.customers.workspaceId, ws.workspaceId) });

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "retention");
  other = await makeWorkspace(env.DB, "retention-other");
  for (const w of [ws, other]) {
    await db.insert(schema.themes).values({
      id: `thm_parcel_${w.workspaceId}`,
      workspaceId: w.workspaceId,
      label: "Where is my parcel",
      pinned: true,
      keywords: { en: ["parcel"] },
      createdAt: NOW,
      updatedAt: NOW,
    });
  }
  const at = (days: number) => ({ occurredAt: NOW - days * DAY });
  await store(ws, await addSource(ws), [
    // Only old feedback: the customer goes with it.
    ...[200, 180, 150].map((d) => feedback(`Parcel lost, ${d} days ago`, { customerId: "gone", ...at(d) })),
    // Old and recent: the customer stays; the recent answer repeated the old one and is a repeat no more.
    feedback("My parcel is late and nobody answers", { customerId: "stays", ...at(95) }),
    feedback("My parcel is late again and nobody answers", { customerId: "stays", ...at(85) }),
    feedback("Where is my parcel, no customer", at(120)),
    feedback("Parcel arrived fine", { customerId: "new", ...at(10) }),
  ]);
  await store(other, await addSource(other), [feedback("Parcel lost long ago", { customerId: "gone", ...at(200) })]);
});

describe("item retention", () => {
  it("is a workspace setting, audited with the old and new values", async () => {
    expect(await workspaces.retention(db, ws.workspaceId)).toEqual({ rawPayloadDays: 30, itemDays: 730 });
    expect(await workspaces.setRetention(db, ws.workspaceId, { rawPayloadDays: 14, itemDays: 90 }, by)).toBe(true);
    expect(await workspaces.retention(db, ws.workspaceId)).toEqual({ rawPayloadDays: 14, itemDays: 90 });
    const entry = await db.query.auditLog.findFirst({
      where: and(
        eq(schema.auditLog.workspaceId, ws.workspaceId),
        eq(schema.auditLog.action, "workspace.retention_updated"),
      ),
    });
    expect(entry?.details).toEqual({
      from: { rawPayloadDays: 30, itemDays: 730 },
      to: { rawPayloadDays: 14, itemDays: 90 },
    });
    expect(await workspaces.setRetention(db, "ws_missing", { rawPayloadDays: 14, itemDays: 90 }, by)).toBe(false);
  });

  it("removes expired items a bounded number per tick, oldest first, with every rollup grain exact", async () => {
    const repeat = (await itemsOf(ws)).find((i) => i.text.startsWith("My parcel is late again"));
    expect(repeat?.repeatOfItemId).not.toBeNull();
    const [first] = await retention.purgeExpiredItems(db, NOW, 3);
    expect(first).toMatchObject({ workspaceId: ws.workspaceId, counts: { items: 3, customers: 1 } });
    expect((await itemsOf(ws)).map((i) => i.text).sort()).toEqual([
      "My parcel is late again and nobody answers",
      "My parcel is late and nobody answers",
      "Parcel arrived fine",
      "Where is my parcel, no customer",
    ]);
    await countsAgree(ws.workspaceId);
    await rollupsMatchItems(ws.workspaceId);

    // The cron's tick takes the rest.
    expect(await runScheduledRetention(env, NOW)).toBe(2);
    const left = await itemsOf(ws);
    expect(left.map((i) => i.text).sort()).toEqual([
      "My parcel is late again and nobody answers",
      "Parcel arrived fine",
    ]);
    // Its earlier contact is gone: no longer counted as a repeat, and the rollups say so.
    expect(left.find((i) => i.id === repeat?.id)?.repeatOfItemId).toBeNull();
    await countsAgree(ws.workspaceId);
    await rollupsMatchItems(ws.workspaceId);
    expect(await runScheduledRetention(env, NOW)).toBe(0);
  });

  it("removes customers left without items and keeps the count of those who stay", async () => {
    const left = await customersOf(ws);
    expect(left.map((c) => c.itemCount).sort()).toEqual([1, 1]);
    const entries = await db.query.auditLog.findMany({
      where: and(eq(schema.auditLog.workspaceId, ws.workspaceId), eq(schema.auditLog.action, "items.retention_purged")),
    });
    expect(entries.map((e) => e.actor)).toEqual(["system", "system"]);
    expect(entries.map((e) => (e.details as { counts: { items: number } }).counts.items).sort()).toEqual([2, 3]);
  });

  it("follows each workspace's own setting: the other keeps its two-year-old default", async () => {
    expect(await itemsOf(other)).toHaveLength(1);
    expect(await customersOf(other)).toHaveLength(1);
  });
});
