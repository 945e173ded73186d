import { describe, expect, it } from "vitest";
import { type CompareStage, compareJourneys, moveTo, slugify, uniqueKey } from "./journey.ts";

const tp = (id: string, stageId: string, extra: Partial<CompareStage["touchpoints"][number]> = {}) => ({
  id,
  name: id.toUpperCase(),
  stageId,
  channel: "web",
  isHumanMoment: false,
  humanMomentReason: null,
  ...extra,
});

const current: CompareStage[] = [
  { id: "s1", name: "One", touchpoints: ["a", "b", "c", "d"].map((id) => tp(id, "s1")) },
  { id: "s2", name: "Two", touchpoints: [tp("e", "s2")] },
];

/** A future copy: stages `f1`, `f2` from `s1`, `s2`; touchpoints `fa` … from `a` … */
function future(order: string[][], extra: Record<string, Partial<CompareStage["touchpoints"][number]>> = {}) {
  return order.map((ids, i) => ({
    id: `f${i + 1}`,
    name: i === 0 ? "One" : "Two",
    basedOnStageId: `s${i + 1}`,
    touchpoints: ids.map((id) =>
      tp(`f${id}`, `f${i + 1}`, {
        name: id.toUpperCase(),
        basedOnTouchpointId: id === "new" ? null : id,
        ...extra[id],
      }),
    ),
  }));
}

const changes = (stages: ReturnType<typeof compareJourneys>) =>
  Object.fromEntries(stages.flatMap((s) => s.touchpoints.map((t) => [t.current?.id ?? t.future?.id, t.changes])));

describe("compareJourneys", () => {
  it("marks nothing for an untouched copy", () => {
    const rows = compareJourneys(current, future([["a", "b", "c", "d"], ["e"]]));
    expect(Object.values(changes(rows)).flat()).toEqual([]);
  });

  it("marks one card dragged up as one move, not every card it shifted", () => {
    const rows = compareJourneys(current, future([["d", "a", "b", "c"], ["e"]]));
    expect(changes(rows)).toMatchObject({ a: [], b: [], c: [], d: ["moved"] });
  });

  it("marks removed, added, renamed, human-moment changes and moves to another stage", () => {
    const rows = compareJourneys(
      current,
      future(
        [
          ["a", "c"],
          ["b", "e", "new"],
        ],
        { c: { name: "See" }, e: { isHumanMoment: true, humanMomentReason: "x" } },
      ),
    );
    expect(changes(rows)).toEqual({
      a: [],
      b: ["moved"],
      c: ["renamed"],
      d: ["removed"],
      e: ["human-moment"],
      fnew: ["added"],
    });
    expect(rows[0]?.touchpoints.find((t) => t.current?.id === "b")?.movedTo).toBe("Two");
  });
});

describe("keys and order", () => {
  it("slugs names and de-duplicates keys", () => {
    expect(slugify("Køb & betal – trin 2")).toBe("kob-betal-trin-2");
    expect(slugify("Checkout – Payment")).toBe("checkout-payment");
    expect(slugify("!!!")).toBe("touchpoint");
    expect(uniqueKey("a", new Set(["a", "a-2"]))).toBe("a-3");
  });

  it("moves an id to an index, clamped", () => {
    expect(moveTo(["a", "b", "c"], "a", 9)).toEqual(["b", "c", "a"]);
    expect(moveTo(["a", "b", "c"], "c", -1)).toEqual(["c", "a", "b"]);
  });
});
