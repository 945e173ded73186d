import { describe, expect, it } from "vitest";
import { EMPTY_COUNTERS } from "../friction.ts";
import { beforeAfter, compareWindows, fixWindows } from "./before-after.ts";

describe("fixWindows", () => {
  it("takes 28 days before the fix day and the days after it up to yesterday", () => {
    const w = fixWindows("2026-10-10", "2026-10-25");
    expect(w.before).toEqual({ from: "2026-09-12", to: "2026-10-09", days: 28 });
    expect(w.after).toEqual({ from: "2026-10-11", to: "2026-10-24", days: 14 });
  });

  it("caps the after window at N days and is empty on the fix day itself", () => {
    expect(fixWindows("2026-09-01", "2026-11-24").after).toEqual({ from: "2026-09-02", to: "2026-09-29", days: 28 });
    expect(fixWindows("2026-11-24", "2026-11-24").after.days).toBe(0);
    expect(fixWindows("2026-11-01", "2026-11-24", 7).before).toEqual({ from: "2026-10-25", to: "2026-10-31", days: 7 });
  });
});

describe("compareWindows", () => {
  it("calls a significant drop fewer, with the exact mid-p by hand", () => {
    // n = 12, p = ½: P(X > 10) + ½·P(X = 10) = (12 + 1 + 33) / 4096.
    const c = compareWindows(28, { itemCount: 10, frictionSum: 5 }, 28, { itemCount: 2, frictionSum: 1.5 });
    expect(c.pValue).toBeCloseTo(46 / 4096, 10);
    expect(c.verdict).toBe("fewer");
    expect(c.ratio).toBeCloseTo(0.2, 10);
    expect(c.before.perDay).toBeCloseTo(10 / 28, 10);
    expect(c.after.frictionPerItem).toBeCloseTo(0.75, 10);
  });

  it("weighs unequal windows by their days", () => {
    // 3/day for 28 days against 3/day for 14 days: the same rate.
    const same = compareWindows(28, { itemCount: 84, frictionSum: 0 }, 14, { itemCount: 42, frictionSum: 0 });
    expect(same.ratio).toBeCloseTo(1, 10);
    expect(same.verdict).toBe("no_clear_change");
  });

  it("calls a significant rise more, and a small wobble no clear change", () => {
    expect(compareWindows(28, { itemCount: 20, frictionSum: 0 }, 28, { itemCount: 60, frictionSum: 0 }).verdict).toBe(
      "more",
    );
    expect(compareWindows(28, { itemCount: 30, frictionSum: 0 }, 28, { itemCount: 26, frictionSum: 0 }).verdict).toBe(
      "no_clear_change",
    );
  });

  it("judges volume, not friction: fewer but angrier tickets are still fewer", () => {
    const c = compareWindows(28, { itemCount: 90, frictionSum: 30 }, 28, { itemCount: 30, frictionSum: 27 });
    expect(c.verdict).toBe("fewer");
    expect(c.after.frictionPerItem).toBeGreaterThan(c.before.frictionPerItem);
  });

  it("is too early with less than a week after the fix", () => {
    const c = compareWindows(28, { itemCount: 90, frictionSum: 0 }, 6, { itemCount: 0, frictionSum: 0 });
    expect(c.verdict).toBe("too_early");
    expect(c.pValue).toBe(1);
  });

  it("scores a touchpoint's window when all counters are given", () => {
    const counters = { ...EMPTY_COUNTERS, itemCount: 10, negativeCount: 5 };
    const c = compareWindows(28, { itemCount: 10, frictionSum: 2, counters }, 28, { itemCount: 0, frictionSum: 0 });
    // Half negative: 30 × 0.5 = 15 points; nothing else.
    expect(c.before.score).toBe(15);
    expect(c.after.score).toBeNull();
  });
});

describe("beforeAfter", () => {
  it("compares the theme and each of its touchpoints over the same windows", () => {
    const windows = fixWindows("2026-10-01", "2026-11-24");
    const result = beforeAfter(
      {
        themeId: "thm_1",
        label: "Cannot pause",
        fixDay: "2026-10-01",
        theme: { before: { itemCount: 84, frictionSum: 40 }, after: { itemCount: 21, frictionSum: 10 } },
        touchpoints: [
          {
            id: "tp_a",
            name: "App",
            before: { itemCount: 60, frictionSum: 30 },
            after: { itemCount: 15, frictionSum: 7 },
          },
        ],
      },
      windows,
    );
    expect(result.theme.verdict).toBe("fewer");
    expect(result.theme.before.perDay).toBe(3);
    expect(result.theme.after.perDay).toBe(0.75);
    expect(result.touchpoints[0]).toMatchObject({ id: "tp_a", name: "App", verdict: "fewer" });
  });
});
