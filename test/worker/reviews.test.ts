import { env } from "cloudflare:test";
import { actionItems, createDb, reviews, runBatch, schema, themes } from "@firebreak/db";
import { insertFromJson } from "@firebreak/db/json-rows";
import { beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";

const db = createDb(env.DB);
const DAY_MS = 86_400_000;
const by = (now = NOW) => ({ actor: "user:usr_lead", now });
const day = (offset: number, from = "2026-08-01") =>
  new Date(Date.parse(`${from}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);

let ws: TestWorkspace;
let other: TestWorkspace;

type Rollup = typeof schema.dailyRollups.$inferInsert;

function rollups(
  workspaceId: string,
  touchpointId: string,
  themeId: string,
  from: string,
  to: string,
  perDay: (d: string) => Partial<Rollup>,
) {
  const rows: Rollup[] = [];
  for (let d = from; d <= to; d = day(1, d)) {
    rows.push({ workspaceId, day: d, touchpointId, themeId, sourceId: "src_test", ...perDay(d) });
  }
  return insertFromJson(schema.dailyRollups, rows);
}

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "reviewed");
  other = await makeWorkspace(env.DB, "neighbour");
  const theme = (workspaceId: string, id: string, label: string) => ({
    id,
    workspaceId,
    label,
    createdAt: NOW,
    updatedAt: NOW,
  });
  await db.insert(schema.users).values([
    { id: "usr_lead", name: "Lea Lead", email: "lea@example.com" },
    { id: "usr_neighbour", name: "Ned Neighbour", email: "ned@example.com" },
  ]);
  await db.insert(schema.members).values([
    { id: "mem_lead", organizationId: ws.workspaceId, userId: "usr_lead", role: "editor" },
    { id: "mem_neighbour", organizationId: other.workspaceId, userId: "usr_neighbour", role: "owner" },
  ]);
  await db
    .insert(schema.themes)
    .values([
      theme(ws.workspaceId, "thm_late", "Parcel late"),
      theme(ws.workspaceId, "thm_pay", "Charged twice"),
      theme(other.workspaceId, "thm_other", "Neighbour's issue"),
    ]);
  const { delivery, checkout } = ws.touchpointIds;
  await runBatch(db, [
    // Late parcels: 4 a day at 0.5 friction each until the fix on 20 October, then 1 a day.
    ...rollups(ws.workspaceId, delivery, "thm_late", "2026-08-01", "2026-11-19", (d) => {
      const n = d <= "2026-10-20" ? 4 : 1;
      return { itemCount: n, negativeCount: n / 2, frictionSum: n * 0.5 };
    }),
    // Double charges: 2 a day at 0.8 each; calm in September, all negative in October (the touchpoint got worse).
    ...rollups(ws.workspaceId, checkout, "thm_pay", "2026-08-01", "2026-11-19", (d) => ({
      itemCount: 2,
      negativeCount: d >= "2026-10-01" ? 2 : 0,
      frictionSum: 1.6,
    })),
    ...rollups(other.workspaceId, other.touchpointIds.delivery, "thm_other", "2026-08-01", "2026-11-19", () => ({
      itemCount: 50,
      frictionSum: 40,
    })),
  ]);
  expect(await reviews.setFixShipped(db, ws.workspaceId, "thm_late", "2026-10-20", by())).toBe(true);
  expect((await themes.get(db, ws.workspaceId, "thm_late"))?.fixShippedAt).toBe(Date.parse("2026-10-20T00:00:00Z"));
});

describe("review sessions on real rollups", () => {
  let first: string;

  it("creates a draft for the previous month and previews an agenda built from the rollups", async () => {
    const created = await reviews.create(db, ws.workspaceId, {}, by());
    expect(created.ok).toBe(true);
    first = (created as { id: string }).id;
    const view = await reviews.sessionView(db, ws.workspaceId, first, NOW);
    expect(view?.session).toMatchObject({ status: "draft", title: "October 2026 review" });
    expect(view?.session.period).toEqual({ from: "2026-10-01", to: "2026-10-31" });
    expect(view?.frozen).toBe(false);

    const themes = view!.agenda.filter((a) => a.kind === "theme");
    expect(themes.map((t) => t.refId)).toEqual(["thm_late", "thm_pay"]);
    // 90 days ending 31 October (3 Aug – 31 Oct): late 79 days × 2 + 11 days × 0.5 = 163.5; pay 90 × 1.6 = 144.
    const late = themes[0]!.snapshot as {
      friction: number;
      contribution: number;
      itemCount: number;
      beforeAfter: unknown;
    };
    expect(late.friction).toBeCloseTo(163.5, 6);
    expect(late.itemCount).toBe(79 * 4 + 11);
    expect(late.contribution).toBeCloseTo(163.5 / (163.5 + 144), 6);

    // Checkout went from no negative items in September to all negative in October.
    const worse = view!.agenda.filter((a) => a.kind === "touchpoint_worse");
    expect(worse.map((w) => w.refId)).toEqual([ws.touchpointIds.checkout]);
    expect((worse[0]!.snapshot as { delta: number }).delta).toBeGreaterThanOrEqual(5);
    expect(view!.progress).toBeNull();
  });

  it("shows a shipped fix's before/after with a significant drop", async () => {
    const view = await reviews.sessionView(db, ws.workspaceId, first, NOW);
    const late = view!.agenda.find((a) => a.refId === "thm_late")!.snapshot as {
      beforeAfter: { theme: { verdict: string; before: { perDay: number }; after: { perDay: number; days: number } } };
    };
    expect(late.beforeAfter.theme.before.perDay).toBe(4);
    expect(late.beforeAfter.theme.after).toMatchObject({ perDay: 1, days: 28 });
    expect(late.beforeAfter.theme.verdict).toBe("fewer");
    expect(view!.fixDays).toEqual({ thm_late: "2026-10-20" });
  });

  it("freezes the agenda at the start: data added afterwards does not change it", async () => {
    const started = await reviews.start(db, ws.workspaceId, first, by());
    expect(started).toEqual({ items: expect.any(Number) });
    expect(await reviews.start(db, ws.workspaceId, first, by())).toBe(false);
    const frozen = await reviews.sessionView(db, ws.workspaceId, first, NOW);
    expect(frozen?.frozen).toBe(true);

    // A new issue with more friction than both, all in October.
    await db.insert(schema.themes).values({
      id: "thm_new",
      workspaceId: ws.workspaceId,
      label: "App crashes",
      createdAt: NOW,
      updatedAt: NOW,
    });
    await runBatch(
      db,
      rollups(ws.workspaceId, ws.touchpointIds.delivery, "thm_new", "2026-10-01", "2026-10-31", () => ({
        itemCount: 20,
        frictionSum: 18,
      })),
    );
    const later = await reviews.sessionView(db, ws.workspaceId, first, NOW + DAY_MS);
    expect(later!.agenda.map((a) => [a.kind, a.refId, a.snapshot])).toEqual(
      frozen!.agenda.map((a) => [a.kind, a.refId, a.snapshot]),
    );
    expect(later!.agenda.some((a) => a.refId === "thm_new")).toBe(false);

    // A fresh draft sees it at once.
    const draft = await reviews.create(db, ws.workspaceId, {}, by());
    const preview = await reviews.sessionView(db, ws.workspaceId, (draft as { id: string }).id, NOW);
    expect(preview!.agenda[0]?.refId).toBe("thm_new");
  });

  it("keeps notes, decisions and action items, checking every link against the workspace", async () => {
    const view = await reviews.sessionView(db, ws.workspaceId, first, NOW);
    const item = view!.agenda.find((a) => a.refId === "thm_pay")!;
    expect(
      await reviews.saveNotes(
        db,
        ws.workspaceId,
        first,
        item.id!,
        { notes: "Seen on Visa", decision: "Fix the retry" },
        by(),
      ),
    ).toBe("saved");
    const input = {
      title: "Stop double retries",
      owner: "usr_lead",
      dueDate: "2026-11-10",
      themeId: "thm_pay",
      touchpointId: ws.touchpointIds.checkout,
      agendaItemId: item.id,
    };
    expect(await actionItems.create(db, ws.workspaceId, first, { ...input, owner: "usr_neighbour" }, by())).toEqual({
      ok: false,
      problem: "owner",
    });
    expect(await actionItems.create(db, ws.workspaceId, first, { ...input, themeId: "thm_other" }, by())).toEqual({
      ok: false,
      problem: "theme",
    });
    expect(
      await actionItems.create(
        db,
        ws.workspaceId,
        first,
        { ...input, touchpointId: other.touchpointIds.delivery },
        by(),
      ),
    ).toEqual({ ok: false, problem: "touchpoint" });
    const created = await actionItems.create(db, ws.workspaceId, first, input, by());
    expect(created.ok).toBe(true);
    await actionItems.create(
      db,
      ws.workspaceId,
      first,
      { ...input, title: "Refund the doubles", dueDate: "2026-12-01" },
      by(),
    );

    const after = await reviews.sessionView(db, ws.workspaceId, first, NOW);
    const saved = after!.agenda.find((a) => a.id === item.id)!;
    expect(saved).toMatchObject({ notes: "Seen on Visa", decision: "Fix the retry" });
    expect(saved.actions.map((a) => [a.title, a.ownerName, a.overdue])).toEqual([
      ["Stop double retries", "Lea Lead", true],
      ["Refund the doubles", "Lea Lead", false],
    ]);
    const audited = await db.query.auditLog.findMany({
      where: (t, { and, eq, like }) => and(eq(t.workspaceId, ws.workspaceId), like(t.action, "review.%")),
    });
    expect(audited.map((a) => a.action).sort()).toEqual(
      ["review.created", "review.created", "review.notes_saved", "review.started"].sort(),
    );
  });

  it("carries open action items into the next session and opens it with progress", async () => {
    const refund = (await actionItems.list(db, ws.workspaceId, { sessionId: first })).find(
      (a) => a.title === "Refund the doubles",
    )!;
    expect(await actionItems.update(db, ws.workspaceId, refund.id, { status: "done" }, by(NOW + 1000))).toMatchObject({
      ok: true,
    });
    expect(await reviews.close(db, ws.workspaceId, first, by())).toBe(true);
    expect(await reviews.saveNotes(db, ws.workspaceId, first, "agi_x", { notes: "", decision: "" }, by())).toBeNull();

    const next = await reviews.create(
      db,
      ws.workspaceId,
      { period: { from: "2026-11-01", to: "2026-11-19" } },
      by(NOW + 2000),
    );
    const view = await reviews.sessionView(db, ws.workspaceId, (next as { id: string }).id, NOW + 2000);
    expect(view!.session.previousSession?.id).toBe(first);
    const carried = view!.agenda.filter((a) => a.kind === "carried_action");
    expect(carried.map((c) => (c.snapshot as { title: string; overdue: boolean }).title)).toEqual([
      "Stop double retries",
    ]);
    expect((carried[0]!.snapshot as { overdue: boolean }).overdue).toBe(true);
    const progress = view!.progress!;
    expect(progress.previous.id).toBe(first);
    expect(progress.actions.done.map((a) => a.title)).toEqual(["Refund the doubles"]);
    expect(progress.actions.overdue.map((a) => a.title)).toEqual(["Stop double retries"]);
    const lateDelta = progress.deltas.find((d) => d.refId === "thm_late")!;
    expect(lateDelta.unit).toBe("contribution");
    expect(lateDelta.now!).toBeLessThan(lateDelta.was);
  });

  it("isolates every query by workspace", async () => {
    const theirs = other.workspaceId;
    expect(await reviews.get(db, theirs, first)).toBeUndefined();
    expect(await reviews.sessionView(db, theirs, first, NOW)).toBeNull();
    expect(await reviews.start(db, theirs, first, by())).toBeNull();
    expect(await reviews.close(db, theirs, first, by())).toBeNull();
    const mine = await reviews.sessionView(db, ws.workspaceId, first, NOW);
    const item = mine!.agenda[0]!;
    expect(await reviews.saveNotes(db, theirs, first, item.id!, { notes: "x", decision: "y" }, by())).toBeNull();
    const action = mine!.actionItems[0]!;
    expect(await actionItems.update(db, theirs, action.id, { status: "dropped" }, by())).toBeNull();
    const bare = { title: "x", owner: null, dueDate: null, themeId: null, touchpointId: null, agendaItemId: null };
    expect(await actionItems.create(db, theirs, first, bare, by())).toEqual({
      ok: false,
      problem: "session",
    });
    expect(await reviews.setFixShipped(db, theirs, "thm_late", "2026-11-01", by())).toBe(false);
    expect(await reviews.list(db, theirs)).toEqual([]);
    expect(await actionItems.list(db, theirs)).toEqual([]);
    expect((await reviews.create(db, theirs, { journeyId: ws.journeyId }, by())).ok).toBe(false);
    // Nothing of theirs changed ours.
    const still = await reviews.sessionView(db, ws.workspaceId, first, NOW);
    expect(still!.agenda[0]).toMatchObject({ notes: item.notes, decision: item.decision });
    expect(still!.actionItems.find((a) => a.id === action.id)?.status).toBe(action.status);
    expect(still!.fixDays.thm_late).toBe("2026-10-20");
    // And their own sessions see none of our themes.
    const created = await reviews.create(db, theirs, {}, by());
    const theirView = await reviews.sessionView(db, theirs, (created as { id: string }).id, NOW);
    expect(theirView!.agenda.map((a) => a.refId)).toEqual(["thm_other"]);
  });
});
