import { describe, expect, it } from "vitest";
import { type AgendaInput, buildAgenda, frictionContribution, type IssueFigures, isOverdue } from "./agenda.ts";
import { beforeAfter, fixWindows } from "./before-after.ts";

const TODAY = "2026-11-24";
const steady = { direction: "steady" as const, recentPerDay: 1, previousPerDay: 1 };
const issue = (themeId: string, itemCount: number, friction: number, fixDay: string | null = null): IssueFigures => ({
  themeId,
  label: `Issue ${themeId}`,
  itemCount,
  negativeCount: Math.round(itemCount / 2),
  friction,
  trend: steady,
  touchpoints: [{ id: "tp_x", name: "X" }],
  fixDay,
});
const period = (score: number, itemCount = 20, negativeShare = 0.2) => ({ score, itemCount, negativeShare });

function input(overrides: Partial<AgendaInput> = {}): AgendaInput {
  return {
    today: TODAY,
    window: { from: "2026-08-02", to: "2026-10-31" },
    comparedWith: { from: "2026-09-01", to: "2026-09-30" },
    totalFriction: 200,
    issues: [],
    touchpoints: [],
    fixes: [],
    carried: [],
    ...overrides,
  };
}

describe("frictionContribution", () => {
  it("is the issue's share of all friction in scope", () => {
    expect(frictionContribution(50, 200)).toBe(0.25);
    expect(frictionContribution(5, 0)).toBe(0);
  });
});

describe("buildAgenda", () => {
  it("ranks issues by friction contribution, not by volume, and keeps ten", () => {
    // 200 mild items (0.1 each) contribute 20; 60 furious ones (0.8 each) contribute 48.
    const issues = [
      issue("mild", 200, 20),
      issue("furious", 60, 48),
      ...Array.from({ length: 10 }, (_, i) => issue(`t${i}`, 10, 1 + i)),
    ];
    const agenda = buildAgenda(input({ issues }));
    const themes = agenda.filter((e) => e.kind === "theme");
    expect(themes).toHaveLength(10);
    expect(themes.map((t) => t.refId).slice(0, 3)).toEqual(["furious", "mild", "t9"]);
    const first = themes[0]!.snapshot as {
      contribution: number;
      rank: number;
      frictionPerItem: number;
      negativeShare: number;
    };
    expect(first.contribution).toBeCloseTo(48 / 200, 10);
    expect(first.rank).toBe(1);
    expect(first.frictionPerItem).toBeCloseTo(0.8, 10);
    expect(first.negativeShare).toBe(0.5);
    expect(themes.some((t) => t.refId === "t0")).toBe(false);
  });

  it("lists touchpoints that got worse by at least 5 points, largest rise first, with enough items", () => {
    const agenda = buildAgenda(
      input({
        touchpoints: [
          { id: "a", name: "A", journeyName: "J", humanMoment: null, now: period(40), before: period(30) },
          { id: "b", name: "B", journeyName: "J", humanMoment: null, now: period(36), before: period(20) },
          { id: "c", name: "C", journeyName: "J", humanMoment: null, now: period(34), before: period(30) },
          { id: "d", name: "D", journeyName: "J", humanMoment: null, now: period(60, 4), before: period(10) },
        ],
      }),
    );
    expect(agenda.map((e) => [e.kind, e.refId])).toEqual([
      ["touchpoint_worse", "b"],
      ["touchpoint_worse", "a"],
    ]);
    expect((agenda[0]!.snapshot as { delta: number }).delta).toBe(16);
  });

  it("holds human moments to a lower bar, also on the negative share alone", () => {
    const hm = { owner: "Care team" };
    const agenda = buildAgenda(
      input({
        touchpoints: [
          { id: "h1", name: "Renewal call", journeyName: "J", humanMoment: hm, now: period(33), before: period(30) },
          {
            id: "h2",
            name: "Complaint",
            journeyName: "J",
            humanMoment: hm,
            now: period(30, 20, 0.3),
            before: period(30, 20, 0.2),
          },
          { id: "h3", name: "Steady", journeyName: "J", humanMoment: hm, now: period(31), before: period(30) },
        ],
      }),
    );
    expect(agenda.map((e) => [e.kind, e.refId])).toEqual([
      ["human_moment", "h1"],
      ["human_moment", "h2"],
    ]);
    expect((agenda[0]!.snapshot as { owner: string }).owner).toBe("Care team");
  });

  it("puts a fix's before/after on its issue, or as its own entry once it left the top ten", () => {
    const windows = fixWindows("2026-10-01", TODAY);
    const fix = (themeId: string) =>
      beforeAfter(
        {
          themeId,
          label: themeId,
          fixDay: "2026-10-01",
          theme: { before: { itemCount: 84, frictionSum: 40 }, after: { itemCount: 21, frictionSum: 10 } },
          touchpoints: [],
        },
        windows,
      );
    const agenda = buildAgenda(
      input({ issues: [issue("top", 10, 5, "2026-10-01")], fixes: [fix("top"), fix("gone")] }),
    );
    expect(agenda.map((e) => [e.kind, e.refId])).toEqual([
      ["theme", "top"],
      ["shipped_fix", "gone"],
    ]);
    expect((agenda[0]!.snapshot as { beforeAfter: { theme: { verdict: string } } }).beforeAfter.theme.verdict).toBe(
      "fewer",
    );
  });

  it("carries open action items over, earliest due first, marking the overdue", () => {
    const carried = [
      {
        id: "x",
        title: "Later",
        ownerName: "Ana",
        dueDate: "2026-12-10",
        status: "open" as const,
        sessionTitle: "Oct",
      },
      {
        id: "y",
        title: "Late",
        ownerName: null,
        dueDate: "2026-11-01",
        status: "in_progress" as const,
        sessionTitle: "Oct",
      },
      { id: "z", title: "No date", ownerName: null, dueDate: null, status: "open" as const, sessionTitle: null },
    ];
    const agenda = buildAgenda(input({ carried }));
    expect(agenda.map((e) => e.refId)).toEqual(["y", "x", "z"]);
    expect(agenda.map((e) => (e.snapshot as { overdue: boolean }).overdue)).toEqual([true, false, false]);
  });
});

describe("isOverdue", () => {
  it("is overdue only after the due day and only while unfinished", () => {
    expect(isOverdue("2026-11-23", "open", TODAY)).toBe(true);
    expect(isOverdue("2026-11-24", "open", TODAY)).toBe(false);
    expect(isOverdue("2026-11-01", "done", TODAY)).toBe(false);
    expect(isOverdue(null, "open", TODAY)).toBe(false);
  });
});
