import type { RecurringIssue } from "@firebreak/db/queries/map";
import { describe, expect, it } from "vitest";
import { ISSUE_PLACES_SHOWN, toIssuesView } from "../../apps/web/src/lib/map-view.ts";

function issue(themeId: string, places: number): RecurringIssue {
  return {
    themeId,
    label: themeId,
    status: "active",
    itemCount: places * 10,
    negativeShare: 0.5,
    friction: places,
    touchpoints: Array.from({ length: places }, (_, i) => ({
      id: `tp_${i}`,
      name: `Touchpoint ${i}`,
      isHumanMoment: i === 0,
      itemCount: 10 * (places - i),
    })),
    trend: { recentPerDay: 1, previousPerDay: 1, ratio: 1, direction: "steady" },
    weekly: [{ from: "2026-11-18", to: "2026-11-24", days: 7, itemCount: 4, negativeCount: 1 }],
  };
}

describe("toIssuesView", () => {
  const view = toIssuesView({
    from: "2026-08-27",
    to: "2026-11-24",
    issues: [issue("everywhere", 80), issue("one place", 1)],
  });

  it("keeps an issue's first touchpoints, in order, and counts all of them", () => {
    const [everywhere, onePlace] = view.issues;
    expect(everywhere?.touchpoints.map((t) => t.id)).toEqual(["tp_0", "tp_1", "tp_2"]);
    expect(everywhere?.touchpoints).toHaveLength(ISSUE_PLACES_SHOWN);
    expect(everywhere?.touchpointCount).toBe(80);
    expect(onePlace?.touchpoints.map((t) => [t.id, t.isHumanMoment, t.itemCount])).toEqual([["tp_0", true, 10]]);
    expect(onePlace?.touchpointCount).toBe(1);
  });

  it("keeps the figures the table shows and drops the weeks' dates", () => {
    const [everywhere] = view.issues;
    expect(view.from).toBe("2026-08-27");
    expect(everywhere).toMatchObject({ themeId: "everywhere", itemCount: 800, negativeShare: 0.5, friction: 80 });
    expect(everywhere?.weekly).toEqual([{ days: 7, itemCount: 4, negativeCount: 1 }]);
  });
});
