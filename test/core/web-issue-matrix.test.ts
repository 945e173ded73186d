import { describe, expect, it } from "vitest";
import { issueMatrix } from "../../apps/web/src/lib/issue-matrix.ts";

const stages = [
  {
    id: "s1",
    name: "Order",
    touchpoints: [
      { id: "t1", name: "Checkout" },
      { id: "t2", name: "Payment" },
    ],
  },
  { id: "s2", name: "Delivery", touchpoints: [{ id: "t3", name: "Carrier" }] },
  { id: "s3", name: "Support", touchpoints: [] },
];

describe("issueMatrix", () => {
  it("sums an issue's touchpoints per stage, with shares of its items on this journey", () => {
    const [row] = issueMatrix(stages, [
      {
        themeId: "late",
        itemCount: 40,
        touchpoints: [
          { id: "t3", name: "Carrier", itemCount: 30 },
          { id: "t2", name: "Payment", itemCount: 6 },
          { id: "t1", name: "Checkout", itemCount: 4 },
        ],
      },
    ]);
    expect(row?.cells.map((c) => [c.stageId, c.itemCount, c.share])).toEqual([
      ["s1", 10, 0.25],
      ["s2", 30, 0.75],
      ["s3", 0, 0],
    ]);
    expect(row?.cells[0]?.touchpoints.map((t) => t.name)).toEqual(["Payment", "Checkout"]);
    expect(row?.hottestStageId).toBe("s2");
  });

  it("ignores touchpoints of other journeys and has no hottest stage without items here", () => {
    const [row] = issueMatrix(stages, [
      { themeId: "x", itemCount: 5, touchpoints: [{ id: "elsewhere", name: "Other", itemCount: 5 }] },
    ]);
    expect(row?.cells.every((c) => c.itemCount === 0 && c.share === 0)).toBe(true);
    expect(row?.hottestStageId).toBeNull();
  });
});
