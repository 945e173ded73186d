import { env } from "cloudflare:test";
import { createDb, journeys, placement, schema } from "@firebreak/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { processDelivery } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { createStandardSource, postStandardDelivery } from "./standard-webhooks.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const by = { actor: "user:web", now: NOW };

let ws: TestWorkspace;
let source: { id: string; secret: string };
let sequence = 0;

/** One signed delivery without a touchpoint hint, analysed by the queue consumer; the stored item. */
async function deliver(tags: string[] = []) {
  const n = ++sequence;
  const data = { id: `resp_arch_${n}`, kind: "survey", comment: "It was fine, thanks.", tags };
  const deliveryId = await postStandardDelivery(app, source, `msg_arch_${n}`, data);
  // The isolate's analysis context is deliberately kept: the fingerprint alone must make the consumer reload it.
  await processDelivery(db, env, deliveryId);
  const item = await db.query.feedbackItems.findFirst({ where: eq(schema.feedbackItems.deliveryId, deliveryId) });
  return { id: item?.id, touchpointId: item?.touchpointId, method: item?.touchpointMethod };
}

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "archive");
  source = await createStandardSource(app, ws);
  await db
    .update(schema.sources)
    .set({ defaultTouchpointId: ws.touchpointIds.delivery })
    .where(eq(schema.sources.id, source.id));
  await placement.createRule(
    db,
    ws.workspaceId,
    {
      touchpointId: ws.touchpointIds.checkout,
      priority: 1,
      kind: "tag",
      language: null,
      match: ["vip"],
      enabled: true,
    },
    by,
  );
});

describe("an archived journey receives no feedback", () => {
  it("sends what its rules and source defaults would place there to Unassigned, with the reason, until restored", async () => {
    const before = await deliver();
    expect(before).toMatchObject({ touchpointId: ws.touchpointIds.delivery, method: "default" });
    expect(await deliver(["vip"])).toMatchObject({ touchpointId: ws.touchpointIds.checkout, method: "rule" });

    expect(await journeys.setArchived(db, ws.workspaceId, ws.journeyId, true, by)).toBe(true);
    const byDefault = await deliver();
    const byRule = await deliver(["vip"]);
    expect(byDefault).toMatchObject({ touchpointId: null, method: "unassigned" });
    expect(byRule).toMatchObject({ touchpointId: null, method: "unassigned" });

    const inbox = await placement.unassigned(db, ws.workspaceId);
    const reasons = new Map(inbox.items.map((i) => [i.id, i.parked]));
    expect(reasons.get(byDefault.id as string)).toEqual({
      via: "default",
      touchpoint: "Delivery tracking",
      journey: "Purchase",
      why: "archived",
    });
    expect(reasons.get(byRule.id as string)).toMatchObject({ via: "rule", touchpoint: "Checkout payment" });
    // Nothing already placed moves, and a person cannot place items there either.
    const kept = await db.query.feedbackItems.findFirst({ where: eq(schema.feedbackItems.id, before.id as string) });
    expect(kept?.touchpointId).toBe(ws.touchpointIds.delivery);
    expect(
      await placement.moveItems(db, ws.workspaceId, [byDefault.id as string], ws.touchpointIds.delivery, by),
    ).toBeNull();
    expect((await placement.touchpointChoices(db, ws.workspaceId)).map((c) => c.id)).toEqual([]);

    expect(await journeys.setArchived(db, ws.workspaceId, ws.journeyId, false, by)).toBe(true);
    expect(await deliver()).toMatchObject({ touchpointId: ws.touchpointIds.delivery, method: "default" });
    expect(await deliver(["vip"])).toMatchObject({ touchpointId: ws.touchpointIds.checkout, method: "rule" });
    expect((await placement.unassigned(db, ws.workspaceId)).items.every((i) => i.parked === null)).toBe(true);
  });

  it("treats a future-state copy's touchpoints the same way", async () => {
    const copy = await journeys.duplicateAsFuture(db, ws.workspaceId, ws.journeyId, by);
    if (!copy.ok) throw new Error(copy.problem);
    const [futureTouchpoint] = await db
      .select({ id: schema.touchpoints.id })
      .from(schema.touchpoints)
      .where(eq(schema.touchpoints.journeyId, copy.id));
    await db
      .update(schema.sources)
      .set({ defaultTouchpointId: futureTouchpoint?.id })
      .where(eq(schema.sources.id, source.id));
    const item = await deliver();
    expect(item).toMatchObject({ touchpointId: null, method: "unassigned" });
    const inbox = await placement.unassigned(db, ws.workspaceId);
    expect(inbox.items.find((i) => i.id === item.id)?.parked).toMatchObject({ via: "default", why: "future" });
  });
});
