import { describe, expect, it } from "vitest";
import { type ActionLine, buildProgress, type ProgressInput, reboundWindows } from "./progress.ts";

const TODAY = "2026-11-24";
const STARTED = Date.parse("2026-10-28T09:00:00Z");
const action = (id: string, status: ActionLine["status"], dueDate: string | null, doneAt: number | null = null) => ({
  id,
  title: id,
  ownerName: null,
  dueDate,
  status,
  doneAt,
});

function input(overrides: Partial<ProgressInput> = {}): ProgressInput {
  return {
    today: TODAY,
    previous: {
      id: "rvw_prev",
      title: "September 2026 review",
      startedAt: STARTED,
      agenda: [
        { kind: "theme", refId: "thm_a", snapshot: { label: "A", contribution: 0.3 } },
        { kind: "theme", refId: "thm_b", snapshot: { label: "B", contribution: 0.1 } },
        { kind: "touchpoint_worse", refId: "tp_1", snapshot: { name: "Checkout", now: { score: 40 } } },
        { kind: "carried_action", refId: "act_x", snapshot: { title: "x" } },
      ],
    },
    actions: [],
    current: {
      topThemeIds: ["thm_a", "thm_c"],
      themes: new Map([
        ["thm_a", { label: "A", itemCount: 90, contribution: 0.2 }],
        ["thm_c", { label: "C", itemCount: 50, contribution: 0.15 }],
      ]),
      touchpoints: new Map([["tp_1", { name: "Checkout", score: 31, itemCount: 80 }]]),
    },
    earlierTopThemeIds: new Set(),
    fixedThemeIds: new Set(),
    rebounds: [],
    ...overrides,
  };
}

describe("buildProgress", () => {
  it("sorts action items into done since the last session, overdue, open and dropped", () => {
    const progress = buildProgress(
      input({
        actions: [
          action("done-now", "done", "2026-11-10", Date.parse("2026-11-12T10:00:00Z")),
          action("done-before", "done", "2026-10-10", Date.parse("2026-10-01T10:00:00Z")),
          action("late", "open", "2026-11-20"),
          action("going", "in_progress", "2026-12-01"),
          action("nope", "dropped", "2026-11-01"),
        ],
      }),
    );
    const ids = (lines: ActionLine[]) => lines.map((l) => l.id);
    expect(ids(progress.actions.done)).toEqual(["done-now"]);
    expect(ids(progress.actions.overdue)).toEqual(["late"]);
    expect(ids(progress.actions.open)).toEqual(["going"]);
    expect(ids(progress.actions.dropped)).toEqual(["nope"]);
  });

  it("gives then-vs-now deltas of the last agenda's issues and touchpoints", () => {
    const { deltas } = buildProgress(input());
    expect(deltas).toHaveLength(3);
    expect(deltas[0]).toMatchObject({ refId: "thm_a", unit: "contribution", was: 0.3, now: 0.2 });
    expect(deltas[0]!.change).toBeCloseTo(-0.1, 10);
    expect(deltas[1]).toMatchObject({ refId: "thm_b", now: null, change: null });
    expect(deltas[2]).toMatchObject({ refId: "tp_1", unit: "score", was: 40, now: 31, change: -9 });
  });

  it("says an issue came back when it re-enters the top ten after leaving it or after its fix", () => {
    expect(buildProgress(input()).cameBack).toEqual([]);
    const back = buildProgress(input({ earlierTopThemeIds: new Set(["thm_c"]) })).cameBack;
    expect(back).toEqual([{ themeId: "thm_c", label: "C", reason: "reentered_top" }]);
    expect(buildProgress(input({ fixedThemeIds: new Set(["thm_c"]) })).cameBack[0]?.reason).toBe("reentered_top");
  });

  it("says a fix came back when its volume rose significantly after the weeks right after it", () => {
    // 28 days after the fix: 14 items (0.5/day); the latest 28 days: 42 (1.5/day).
    const rebound = {
      themeId: "thm_f",
      label: "F",
      fixDay: "2026-09-01",
      after: { itemCount: 14, frictionSum: 5 },
      recent: { itemCount: 42, frictionSum: 20 },
    };
    const [back] = buildProgress(input({ rebounds: [rebound] })).cameBack;
    expect(back).toMatchObject({ themeId: "thm_f", reason: "volume_rose", afterPerDay: 0.5, recentPerDay: 1.5 });
    expect(back!.pValue).toBeLessThan(0.001);
    const calm = { ...rebound, recent: { itemCount: 15, frictionSum: 5 } };
    expect(buildProgress(input({ rebounds: [calm] })).cameBack).toEqual([]);
  });
});

describe("reboundWindows", () => {
  it("takes the 28 days after the fix and the latest 28 days, never overlapping", () => {
    expect(reboundWindows("2026-09-01", TODAY)).toEqual({
      after: { from: "2026-09-02", to: "2026-09-29" },
      recent: { from: "2026-10-27", to: "2026-11-23" },
    });
    expect(reboundWindows("2026-10-10", TODAY)?.recent).toEqual({ from: "2026-11-08", to: "2026-11-23" });
    expect(reboundWindows("2026-11-01", TODAY)).toBeNull();
  });
});
