import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as journeys from "../../db/src/queries/journeys.ts";
import { listJourneys } from "../../db/src/queries/map.ts";
import * as placement from "../../db/src/queries/placement.ts";
import { item, noon, RANGE, ready, resetWorkspaces, rollup } from "./map-fixtures.ts";

beforeEach(resetWorkspaces);

const by = { actor: "user:web", now: Date.parse("2026-11-23T10:00:00Z") };

/** Stage ids → touchpoint ids in order, as the editor reads them. */
async function layout(journeyId = "d_j", workspaceId = "ws_demo") {
  const editor = await journeys.getEditor(await ready(), workspaceId, journeyId);
  return Object.fromEntries((editor?.stages ?? []).map((s) => [s.id, s.touchpoints.map((t) => t.id)]));
}

async function positions(table: "touchpoints" | "stages" | "journeys", workspaceId = "ws_demo") {
  const db = await ready();
  return db.all<{ id: string; position: number }>(
    sql`select id, position from ${sql.raw(table)} where workspace_id = ${workspaceId} order by id`,
  );
}

async function auditActions(workspaceId = "ws_demo") {
  const db = await ready();
  const rows = await db.all<{ action: string; actor: string }>(
    sql`select action, actor from audit_log where workspace_id = ${workspaceId} order by created_at, rowid`,
  );
  return rows;
}

describe("journeys", () => {
  it("creates a journey after the others, renames it, archives it out of the switcher and restores it", async () => {
    const db = await ready();
    const id = await journeys.create(db, "ws_demo", { name: "Returns", description: "Sending things back" }, by);

    expect((await listJourneys(db, "ws_demo")).map((j) => j.id)).toEqual(["d_j", id]);
    expect(await journeys.update(db, "ws_demo", id, { name: "Returns & refunds" }, by)).toBe(true);
    expect(await journeys.setArchived(db, "ws_demo", id, true, by)).toBe(true);
    expect((await listJourneys(db, "ws_demo")).map((j) => j.id)).toEqual(["d_j"]);
    const all = await journeys.list(db, "ws_demo");
    expect(all.find((j) => j.id === id)).toMatchObject({ name: "Returns & refunds", archivedAt: by.now });

    expect(await journeys.setArchived(db, "ws_demo", id, false, by)).toBe(true);
    expect((await listJourneys(db, "ws_demo")).map((j) => j.id)).toEqual(["d_j", id]);
    expect((await auditActions()).map((a) => a.action)).toEqual([
      "journey.created",
      "journey.updated",
      "journey.archived",
      "journey.restored",
    ]);
    expect((await auditActions()).every((a) => a.actor === "user:web")).toBe(true);
  });

  it("reorders journeys densely", async () => {
    const db = await ready();
    const second = await journeys.create(db, "ws_demo", { name: "B", description: "" }, by);
    const third = await journeys.create(db, "ws_demo", { name: "C", description: "" }, by);

    expect(await journeys.move(db, "ws_demo", third, 0, by)).toBe(true);

    expect((await listJourneys(db, "ws_demo")).map((j) => j.id)).toEqual([third, "d_j", second]);
    expect((await positions("journeys")).map((p) => p.position).sort()).toEqual([0, 1, 2]);
  });
});

describe("stages and touchpoints", () => {
  it("reorders touchpoints within a stage and renumbers densely", async () => {
    const db = await ready();
    const added = await journeys.createTouchpoint(
      db,
      "ws_demo",
      "d_s1",
      { name: "Confirm", description: "", channel: "email", owner: null },
      by,
    );

    const moved = await journeys.moveTouchpoint(db, "ws_demo", added!.id, "d_s1", 0, by);

    expect(moved).toEqual({ name: "Confirm", position: 1, of: 3, within: "s1" });
    expect((await layout()).d_s1).toEqual([added!.id, "d_a", "d_b"]);
    const rows = await positions("touchpoints");
    expect(
      rows
        .filter((r) => ["d_a", "d_b", added!.id].includes(r.id))
        .map((r) => r.position)
        .sort(),
    ).toEqual([0, 1, 2]);
  });

  it("moves a touchpoint to another stage of the journey, renumbering both stages", async () => {
    const db = await ready();

    const moved = await journeys.moveTouchpoint(db, "ws_demo", "d_a", "d_s2", 1, by);

    expect(moved).toEqual({ name: "Touchpoint a", position: 2, of: 2, within: "s2" });
    expect(await layout()).toEqual({ d_s1: ["d_b"], d_s2: ["d_c", "d_a"] });
    const rows = Object.fromEntries((await positions("touchpoints")).map((r) => [r.id, r.position]));
    expect([rows.d_b, rows.d_c, rows.d_a]).toEqual([0, 0, 1]);
    expect((await auditActions()).at(-1)?.action).toBe("touchpoint.moved");
  });

  it("reorders stages", async () => {
    const db = await ready();
    const added = await journeys.createStage(db, "ws_demo", "d_j", { name: "Renew", description: "" }, by);

    expect(await journeys.moveStage(db, "ws_demo", added!, 0, by)).toMatchObject({ position: 1, of: 3 });
    expect(Object.keys(await layout())).toEqual([added, "d_s1", "d_s2"]);
  });

  it("keys touchpoints by a unique slug of their name that survives renames", async () => {
    const db = await ready();
    const input = { name: "Checkout – Payment", description: "", channel: "web", owner: "Payments team" };
    const first = await journeys.createTouchpoint(db, "ws_demo", "d_s1", input, by);
    const second = await journeys.createTouchpoint(db, "ws_demo", "d_s2", input, by);
    // The other workspace may use the same key.
    const elsewhere = await journeys.createTouchpoint(db, "ws_other", "o_s1", input, by);
    // A name that slugs to an existing key ("a", seeded) is de-duplicated too.
    const clash = await journeys.createTouchpoint(db, "ws_demo", "d_s1", { ...input, name: "A" }, by);

    expect(first?.key).toBe("checkout-payment");
    expect(second?.key).toBe("checkout-payment-2");
    expect(elsewhere?.key).toBe("checkout-payment");
    expect(clash?.key).toBe("a-2");

    expect(await journeys.updateTouchpoint(db, "ws_demo", first!.id, { name: "Pay now" }, by)).toBe(true);
    const editor = await journeys.getEditor(db, "ws_demo", "d_j");
    const renamed = editor?.stages.flatMap((s) => s.touchpoints).find((t) => t.id === first!.id);
    expect(renamed).toMatchObject({ name: "Pay now", key: "checkout-payment", owner: "Payments team" });
  });

  it("refuses to delete a touchpoint with feedback, or moves its items and rollups first", async () => {
    item("i1", "d_a", noon("2026-11-01"));
    item("i2", "d_a", noon("2026-11-02"));
    rollup("ws_demo", "d_a", "2026-11-01", 2);
    rollup("ws_demo", "d_b", "2026-11-01", 3);
    const db = await ready();

    expect(await journeys.deleteTouchpoint(db, "ws_demo", "d_a", null, by)).toEqual({
      ok: false,
      problem: "has_feedback",
      itemCount: 2,
    });
    // A stage holding it is refused as well.
    expect(await journeys.deleteStage(db, "ws_demo", "d_s1", by)).toMatchObject({ problem: "has_feedback" });
    // Items cannot move to another workspace's touchpoint.
    expect(await journeys.deleteTouchpoint(db, "ws_demo", "d_a", "o_b", by)).toEqual({
      ok: false,
      problem: "bad_target",
    });

    expect(await journeys.deleteTouchpoint(db, "ws_demo", "d_a", "d_b", by)).toEqual({ ok: true });

    expect(await layout()).toEqual({ d_s1: ["d_b"], d_s2: ["d_c"] });
    const placed = await db.all<{ touchpoint_id: string; touchpoint_method: string }>(
      sql`select touchpoint_id, touchpoint_method from feedback_items where id in ('i1', 'i2')`,
    );
    expect(placed).toEqual([
      { touchpoint_id: "d_b", touchpoint_method: "manual" },
      { touchpoint_id: "d_b", touchpoint_method: "manual" },
    ]);
    const rollups = await db.all<{ touchpoint_id: string; n: number }>(
      sql`select touchpoint_id, sum(item_count) as n from daily_rollups where workspace_id = 'ws_demo' group by touchpoint_id`,
    );
    expect(rollups).toEqual([{ touchpoint_id: "d_b", n: 5 }]);
  });

  it("deletes an empty stage with its touchpoints and renumbers the rest", async () => {
    const db = await ready();

    expect(await journeys.deleteStage(db, "ws_demo", "d_s1", by)).toEqual({ ok: true });

    expect(await layout()).toEqual({ d_s2: ["d_c"] });
    expect((await positions("stages")).find((s) => s.id === "d_s2")?.position).toBe(0);
  });
});

describe("undoing a delete", () => {
  it("puts a deleted empty touchpoint or stage back where it was, with its rules and source defaults, once", async () => {
    const db = await ready();
    await placement.createRule(
      db,
      "ws_demo",
      { touchpointId: "d_a", priority: 1, kind: "tag", language: null, match: ["vip"], enabled: true },
      by,
    );
    await db.run(sql`update sources set default_touchpoint_id = 'd_a' where id = 'src_ws_demo'`);
    const rulesOfA = async () =>
      (await db.all<{ n: number }>(sql`select count(*) as n from touchpoint_rules where touchpoint_id = 'd_a'`))[0]?.n;
    const defaultOf = async () =>
      (
        await db.all<{ d: string | null }>(sql`select default_touchpoint_id as d from sources where id = 'src_ws_demo'`)
      )[0]?.d;

    expect(await journeys.deleteTouchpoint(db, "ws_demo", "d_a", null, by)).toEqual({ ok: true });
    expect(await rulesOfA()).toBe(0);
    expect(await defaultOf()).toBeNull();
    expect(await journeys.restoreDeleted(db, "ws_demo", "touchpoint", "d_a", by)).toEqual({
      ok: true,
      name: "Touchpoint a",
    });
    expect(await layout()).toEqual({ d_s1: ["d_a", "d_b"], d_s2: ["d_c"] });
    expect(await rulesOfA()).toBe(1);
    expect(await defaultOf()).toBe("d_a");
    expect(await journeys.restoreDeleted(db, "ws_demo", "touchpoint", "d_a", by)).toMatchObject({
      ok: false,
      problem: "conflict",
    });

    expect(await journeys.deleteStage(db, "ws_demo", "d_s1", by)).toEqual({ ok: true });
    expect(await layout()).toEqual({ d_s2: ["d_c"] });
    expect(await journeys.restoreDeleted(db, "ws_demo", "stage", "d_s1", by)).toMatchObject({ ok: true });
    expect(await layout()).toEqual({ d_s1: ["d_a", "d_b"], d_s2: ["d_c"] });
    expect(await rulesOfA()).toBe(1);
    expect((await positions("stages")).filter((s) => s.id.startsWith("d_"))).toEqual([
      { id: "d_s1", position: 0 },
      { id: "d_s2", position: 1 },
    ]);
    expect(await journeys.restoreDeleted(db, "ws_demo", "touchpoint", "d_c", by)).toMatchObject({
      ok: false,
      problem: "not_found",
    });
    // Another workspace cannot restore what this one deleted.
    await journeys.deleteTouchpoint(db, "ws_demo", "d_b", null, by);
    expect(await journeys.restoreDeleted(db, "ws_other", "touchpoint", "d_b", by)).toMatchObject({ ok: false });
  });

  it("keeps nothing to undo when a delete moved feedback to another touchpoint", async () => {
    const db = await ready();
    item("d_i1", "d_a", noon("2026-11-01"));
    await ready();
    expect(await journeys.deleteTouchpoint(db, "ws_demo", "d_a", "d_b", by)).toEqual({ ok: true });
    expect(await journeys.restoreDeleted(db, "ws_demo", "touchpoint", "d_a", by)).toMatchObject({
      ok: false,
      problem: "not_found",
    });
  });
});

describe("tenant isolation", () => {
  it("finds nothing and changes nothing with another workspace's ids", async () => {
    item("o_i1", "o_a", noon("2026-11-01"), { workspace_id: "ws_other" });
    const db = await ready();
    const before = await layout("o_j", "ws_other");

    expect(await journeys.getEditor(db, "ws_demo", "o_j")).toBeNull();
    expect(await journeys.update(db, "ws_demo", "o_j", { name: "Taken" }, by)).toBe(false);
    expect(await journeys.setArchived(db, "ws_demo", "o_j", true, by)).toBe(false);
    expect(await journeys.move(db, "ws_demo", "o_j", 3, by)).toBe(false);
    expect(await journeys.createStage(db, "ws_demo", "o_j", { name: "x", description: "" }, by)).toBeNull();
    expect(await journeys.updateStage(db, "ws_demo", "o_s1", { name: "x" }, by)).toBe(false);
    expect(await journeys.moveStage(db, "ws_demo", "o_s2", 0, by)).toBeNull();
    expect(await journeys.deleteStage(db, "ws_demo", "o_s2", by)).toEqual({ ok: false, problem: "not_found" });
    expect(
      await journeys.createTouchpoint(
        db,
        "ws_demo",
        "o_s1",
        { name: "x", description: "", channel: "web", owner: null },
        by,
      ),
    ).toBeNull();
    expect(await journeys.updateTouchpoint(db, "ws_demo", "o_a", { name: "x" }, by)).toBe(false);
    // Neither their touchpoint into our stage, nor ours into theirs.
    expect(await journeys.moveTouchpoint(db, "ws_demo", "o_a", "d_s1", 0, by)).toBeNull();
    expect(await journeys.moveTouchpoint(db, "ws_demo", "d_a", "o_s1", 0, by)).toBeNull();
    expect(await journeys.deleteTouchpoint(db, "ws_demo", "o_b", null, by)).toEqual({
      ok: false,
      problem: "not_found",
    });
    expect(await journeys.duplicateAsFuture(db, "ws_demo", "o_j", by)).toEqual({ ok: false, problem: "not_found" });
    expect(await journeys.compare(db, "ws_demo", "o_j", RANGE)).toEqual({ ok: false, problem: "not_found" });

    expect(await layout("o_j", "ws_other")).toEqual(before);
    expect((await journeys.list(db, "ws_other"))[0]).toMatchObject({ name: "Journey", archivedAt: null });
    expect(await auditActions("ws_other")).toEqual([]);
    expect(await auditActions("ws_demo")).toEqual([]);
  });
});

describe("future state", () => {
  it("duplicates a journey with new ids, -future keys, origins and human moments, and no feedback", async () => {
    item("i1", "d_a", noon("2026-11-01"));
    const db = await ready();
    await journeys.updateTouchpoint(
      db,
      "ws_demo",
      "d_c",
      { isHumanMoment: true, humanMomentReason: "Bereavement calls", humanMomentOwner: "Care lead", owner: "Care" },
      by,
    );

    const copy = await journeys.duplicateAsFuture(db, "ws_demo", "d_j", by);

    expect(copy.ok).toBe(true);
    const id = copy.ok ? copy.id : "";
    const editor = await journeys.getEditor(db, "ws_demo", id);
    expect(editor?.journey).toMatchObject({ name: "Journey (future state)", state: "future" });
    expect(editor?.basedOn).toEqual({ id: "d_j", name: "Journey" });
    expect(editor?.stages.map((s) => s.name)).toEqual(["s1", "s2"]);
    const copied = editor?.stages.flatMap((s) => s.touchpoints) ?? [];
    expect(copied.map((t) => t.key)).toEqual(["a-future", "b-future", "c-future"]);
    expect(copied.every((t) => !["d_a", "d_b", "d_c"].includes(t.id) && t.itemCount === 0)).toBe(true);
    expect(copied[2]).toMatchObject({
      isHumanMoment: true,
      humanMomentReason: "Bereavement calls",
      humanMomentOwner: "Care lead",
      owner: "Care",
    });
    const origins = await db.all<{ key: string; based_on_touchpoint_id: string }>(
      sql`select key, based_on_touchpoint_id from touchpoints where journey_id = ${id} order by key`,
    );
    expect(origins.map((o) => o.based_on_touchpoint_id)).toEqual(["d_a", "d_b", "d_c"]);
    const [journeyRow] = await db.all<{ based_on_journey_id: string }>(
      sql`select based_on_journey_id from journeys where id = ${id}`,
    );
    expect(journeyRow?.based_on_journey_id).toBe("d_j");

    // A second copy de-duplicates the keys; a future state is not copied again.
    const again = await journeys.duplicateAsFuture(db, "ws_demo", "d_j", by);
    const againEditor = await journeys.getEditor(db, "ws_demo", again.ok ? again.id : "");
    expect(againEditor?.stages[0]?.touchpoints.map((t) => t.key)).toEqual(["a-future-2", "b-future-2"]);
    expect(await journeys.duplicateAsFuture(db, "ws_demo", id, by)).toEqual({ ok: false, problem: "is_future" });
  });

  it("compares current and future: removed, added, moved, renamed and human-moment changes, with friction", async () => {
    for (let d = 0; d < 20; d++) rollup("ws_demo", "d_a", `2026-11-${String(d + 1).padStart(2, "0")}`, 5);
    const db = await ready();
    const copy = await journeys.duplicateAsFuture(db, "ws_demo", "d_j", by);
    const futureId = copy.ok ? copy.id : "";
    const future = await journeys.getEditor(db, "ws_demo", futureId);
    const [fa, fb, fc] = future?.stages.flatMap((s) => s.touchpoints) ?? [];
    const [fs1, fs2] = future?.stages ?? [];
    await journeys.deleteTouchpoint(db, "ws_demo", fa!.id, null, by);
    await journeys.updateTouchpoint(db, "ws_demo", fb!.id, { name: "Touchpoint b, simpler" }, by);
    await journeys.moveTouchpoint(db, "ws_demo", fc!.id, fs1!.id, 0, by);
    await journeys.updateTouchpoint(
      db,
      "ws_demo",
      fc!.id,
      { isHumanMoment: false, humanMomentReason: null, humanMomentOwner: null },
      by,
    );
    await journeys.createTouchpoint(
      db,
      "ws_demo",
      fs2!.id,
      { name: "Self-serve", description: "", channel: "app", owner: null },
      by,
    );

    // Either side finds the pair.
    const fromCurrent = await journeys.compare(db, "ws_demo", "d_j", RANGE);
    const outcome = await journeys.compare(db, "ws_demo", futureId, RANGE);
    expect(fromCurrent).toEqual(outcome);
    if (!outcome.ok) throw new Error(outcome.problem);
    const { comparison } = outcome;

    const rows = comparison.stages.flatMap((s) =>
      s.touchpoints.map((t) => [t.current?.id ?? null, t.future?.name ?? null, t.changes]),
    );
    expect(rows).toEqual([
      ["d_a", null, ["removed"]],
      // b is still second in its stage: c moved in ahead of it, where a was.
      ["d_b", "Touchpoint b, simpler", ["renamed"]],
      ["d_c", "Touchpoint c", ["moved", "human-moment"]],
      [null, "Self-serve", ["added"]],
    ]);
    expect(comparison.counts).toEqual({ added: 1, removed: 1, moved: 1, renamed: 1, humanMoment: 1 });
    const a = comparison.stages[0]?.touchpoints[0]?.current;
    expect(a?.itemCount).toBe(100);
    expect(a?.friction).toBeGreaterThan(0);
    expect(comparison.hotspotsKept).toEqual([]);
  });
});
