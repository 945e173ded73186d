import { env } from "cloudflare:test";
import { LATE, PASSWORD, REFUND } from "@firebreak/core/themes/fixtures";
import { createDb, humanMoments, placement, schema, themes } from "@firebreak/db";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { addSource, countsAgree, feedback, store } from "./stored-items.ts";

const db = createDb(env.DB);
const DAY = 86_400_000;
const by = { actor: "user:web", now: NOW };
const RANGE = { from: "2026-08-23", to: "2026-11-20" };

const touchpointRow = (id: string) => db.query.touchpoints.findFirst({ where: eq(schema.touchpoints.id, id) });
const auditCount = (workspaceId: string) =>
  db.all<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE workspace_id = ${workspaceId}`);
const itemIds = async (workspaceId: string, like: string) =>
  (
    await db.all<{ id: string }>(
      sql`SELECT id FROM feedback_items WHERE workspace_id = ${workspaceId} AND text LIKE ${like} ORDER BY id`,
    )
  ).map((r) => r.id);

describe("human moments", () => {
  let ws: TestWorkspace;
  let other: TestWorkspace;

  beforeAll(async () => {
    ws = await makeWorkspace(env.DB, "moments");
    other = await makeWorkspace(env.DB, "moments-other");
    const sourceId = await addSource(ws);
    await db
      .update(schema.touchpoints)
      .set({ humanMomentSuggested: true, description: "Customers phone here about late deliveries and complain." })
      .where(eq(schema.touchpoints.id, ws.touchpointIds.delivery));
    await store(
      ws,
      sourceId,
      LATE.map((text) => feedback(text, { touchpointHint: "delivery-tracking" })),
    );
  });

  it("lists a suggestion with why, from what the touchpoint is, and its stats over the range", async () => {
    const list = await humanMoments.list(db, ws.workspaceId, RANGE, "in the last 90 days");
    expect(list.confirmed).toEqual([]);
    expect(list.suggested).toHaveLength(1);
    const [suggested] = list.suggested;
    expect(suggested).toMatchObject({
      id: ws.touchpointIds.delivery,
      name: "Delivery tracking",
      itemCount: LATE.length,
    });
    expect(suggested?.journey.id).toBe(ws.journeyId);
    expect(suggested?.suggestion?.cues).toContain("complaints");
    expect(suggested?.suggestion?.reason).toMatch(/^A person must handle this because /);
  });

  it("accepts, edits and unmarks, auditing each change and reading the history back", async () => {
    const tp = ws.touchpointIds.delivery;
    const reason = "A late delivery of a gift needs a person who can rebook it at once.";
    expect(await humanMoments.mark(db, ws.workspaceId, tp, { reason, owner: "Delivery team" }, by)).toBe("accepted");
    expect(await touchpointRow(tp)).toMatchObject({
      isHumanMoment: true,
      humanMomentSuggested: false,
      humanMomentReason: reason,
      humanMomentOwner: "Delivery team",
      humanMomentSetAt: NOW,
      humanMomentSetBy: "user:web",
    });
    const later = { actor: "user:web", now: NOW + 1000 };
    expect(await humanMoments.mark(db, ws.workspaceId, tp, { reason, owner: "Care leads" }, later)).toBe("edited");
    expect(await touchpointRow(tp)).toMatchObject({ humanMomentOwner: "Care leads", humanMomentSetAt: NOW });

    const list = await humanMoments.list(db, ws.workspaceId, RANGE, "in the last 90 days");
    expect(list.confirmed.map((t) => [t.id, t.owner, t.setBy])).toEqual([[tp, "Care leads", "user:web"]]);
    expect(list.suggested).toEqual([]);

    const gone = { actor: "user:web", now: NOW + 2000 };
    expect(await humanMoments.unmark(db, ws.workspaceId, tp, "The courier now rebooks automatically.", gone)).toBe(
      true,
    );
    expect(await humanMoments.unmark(db, ws.workspaceId, tp, "Again", gone)).toBe(false);
    expect(await touchpointRow(tp)).toMatchObject({
      isHumanMoment: false,
      humanMomentReason: null,
      humanMomentOwner: null,
      humanMomentSetAt: null,
    });
    const history = await humanMoments.history(db, ws.workspaceId, tp);
    expect(history.map((h) => [h.action, h.actor, h.owner])).toEqual([
      ["unmarked", "user:web", null],
      ["edited", "user:web", "Care leads"],
      ["accepted", "user:web", "Delivery team"],
    ]);
    expect(history[0]?.reason).toBe("The courier now rebooks automatically.");
    // The history is the workspace's own.
    expect(await humanMoments.history(db, other.workspaceId, tp)).toEqual([]);
  });

  it("marks an unsuggested touchpoint, and dismisses a suggestion only once", async () => {
    const tp = ws.touchpointIds.checkout;
    expect(await humanMoments.dismiss(db, ws.workspaceId, tp, by)).toBe(false);
    await db.update(schema.touchpoints).set({ humanMomentSuggested: true }).where(eq(schema.touchpoints.id, tp));
    expect(await humanMoments.dismiss(db, ws.workspaceId, tp, { actor: "user:web", now: NOW + 10 })).toBe(true);
    expect(await touchpointRow(tp)).toMatchObject({ humanMomentSuggested: false, isHumanMoment: false });
    const input = { reason: "Payment disputes need a person with authority.", owner: "Finance ops" };
    expect(await humanMoments.mark(db, ws.workspaceId, tp, input, { actor: "user:web", now: NOW + 20 })).toBe("marked");
    expect((await humanMoments.history(db, ws.workspaceId, tp)).map((h) => h.action)).toEqual(["marked", "dismissed"]);
  });

  it("finds no touchpoint of another workspace and writes nothing there", async () => {
    const foreign = other.touchpointIds.delivery;
    const before = await auditCount(ws.workspaceId);
    const input = { reason: "Someone else's touchpoint entirely.", owner: "Nobody" };
    expect(await humanMoments.mark(db, ws.workspaceId, foreign, input, by)).toBeNull();
    expect(await humanMoments.unmark(db, ws.workspaceId, foreign, "Not mine to unmark", by)).toBeNull();
    expect(await humanMoments.dismiss(db, ws.workspaceId, foreign, by)).toBeNull();
    expect(await touchpointRow(foreign)).toMatchObject({ isHumanMoment: false, humanMomentReason: null });
    expect(await auditCount(ws.workspaceId)).toEqual(before);
    expect(await auditCount(other.workspaceId)).toEqual([{ n: 0 }]);
  });
});

describe("drill-down actions on a touchpoint's items", () => {
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let sourceId: string;

  beforeAll(async () => {
    ws = await makeWorkspace(env.DB, "drill");
    other = await makeWorkspace(env.DB, "drill-other");
    sourceId = await addSource(ws);
    await store(ws, sourceId, [
      ...LATE.map((text) => feedback(text, { touchpointHint: "delivery-tracking" })),
      ...REFUND.map((text) => feedback(text, { touchpointHint: "delivery-tracking", tags: ["returns"] })),
      ...PASSWORD.map((text) => feedback(text, { touchpointHint: "checkout-payment" })),
    ]);
  });

  it("drafts rules from picked items with a preview of what they would place", async () => {
    const refunds = await itemIds(ws.workspaceId, "%refund%");
    const drafts = await placement.draftRules(db, ws.workspaceId, refunds, NOW - 90 * DAY);
    expect(drafts.map((d) => d.kind)).toEqual(["keyword", "tag", "source"]);
    const [keyword, tag, source] = drafts;
    expect(keyword?.match.join(" ")).toMatch(/refund/i);
    expect(keyword).toMatchObject({ matched: REFUND.length, sampled: 13, total: 13 });
    expect(tag).toMatchObject({ match: ["returns"], matched: REFUND.length });
    expect(source).toMatchObject({ match: [sourceId], matched: 13 });
    // Another workspace's items are not found, so nothing is drafted from them.
    expect(await placement.draftRules(db, other.workspaceId, refunds, NOW - 90 * DAY)).toEqual([]);
    expect(await placement.firstPriority(db, ws.workspaceId)).toBe(100);
  });

  it("splits picked items into a new pinned theme, whatever theme they had, with rollups in step", async () => {
    const refunds = await itemIds(ws.workspaceId, "%refund%");
    const input = { itemIds: refunds, label: "Refunds", newId: "thm_refunds" };
    expect(await themes.splitSelection(db, other.workspaceId, { ...input, newId: "thm_x" }, by)).toEqual({
      ok: false,
      problem: "no_items",
    });
    const result = await themes.splitSelection(db, ws.workspaceId, input, by);
    expect(result.ok && result.moved).toBe(REFUND.length);
    expect(result.ok && result.theme).toMatchObject({ label: "Refunds", pinned: true, labelLocked: true });
    expect(result.ok && result.theme.keywords.en?.join(" ")).toMatch(/refund/i);
    const inTheme = await db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM feedback_items WHERE workspace_id = ${ws.workspaceId} AND theme_id = 'thm_refunds'`,
    );
    expect(inTheme).toEqual([{ n: REFUND.length }]);
    await countsAgree(ws.workspaceId);
  });

  it("moves picked items to another touchpoint, never to another workspace's", async () => {
    const passwords = await itemIds(ws.workspaceId, "%password%");
    expect(await placement.moveItems(db, ws.workspaceId, passwords, other.touchpointIds.delivery, by)).toBeNull();
    expect(await placement.moveItems(db, ws.workspaceId, passwords, ws.touchpointIds.delivery, by)).toBe(
      PASSWORD.length,
    );
    const moved = await db
      .select({ n: sql<number>`count(*)` })
      .from(schema.feedbackItems)
      .where(
        and(
          eq(schema.feedbackItems.touchpointId, ws.touchpointIds.delivery),
          eq(schema.feedbackItems.touchpointMethod, "manual"),
        ),
      );
    expect(moved).toEqual([{ n: PASSWORD.length }]);
    await countsAgree(ws.workspaceId);
  });
});
