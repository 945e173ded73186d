import { describe, expect, it } from "vitest";
import { makeMapInput } from "./fixtures.ts";
import { LAYOUT, layoutMap, type MapLayout, type TextShape } from "./map-layout.ts";
import { HEAT, NO_DATA } from "./palette.ts";
import { measureText, winAnsiSafe, wrapText } from "./text.ts";

function textBox(shape: TextShape) {
  const width = measureText(shape.text, shape.size, shape.bold);
  const left = shape.anchor === "end" ? shape.x - width : shape.x;
  return { left, right: left + width, top: shape.y - shape.size, bottom: shape.y + shape.size * 0.25 };
}

function expectInside(layout: MapLayout) {
  for (const shape of layout.shapes) {
    if (shape.kind === "rect") {
      expect(shape.x).toBeGreaterThanOrEqual(0);
      expect(shape.y).toBeGreaterThanOrEqual(0);
      expect(shape.x + shape.w).toBeLessThanOrEqual(layout.width + 0.01);
      expect(shape.y + shape.h).toBeLessThanOrEqual(layout.height + 0.01);
    } else {
      const box = textBox(shape);
      expect(box.left, shape.text).toBeGreaterThanOrEqual(LAYOUT.margin - 0.01);
      expect(box.right, shape.text).toBeLessThanOrEqual(layout.width - LAYOUT.margin + 0.01);
      expect(box.bottom, shape.text).toBeLessThanOrEqual(layout.height);
    }
  }
}

describe("layoutMap", () => {
  it("places 10 stages × 80 touchpoints without overlaps, everything inside the page", () => {
    const layout = layoutMap(makeMapInput(10, 80));
    expect(layout.cards).toHaveLength(800);
    expectInside(layout);
    // Within a column boxes follow each other with a gap; columns are a gap apart.
    const sorted = [...layout.cards].sort((a, b) => a.x - b.x || a.y - b.y);
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1];
      const b = sorted[i];
      if (!a || !b) continue;
      const apart = b.x >= a.x + a.w || b.y >= a.y + a.h || a.x >= b.x + b.w || a.y >= b.y + b.h;
      expect(apart, `${a.name} / ${b.name}`).toBe(true);
    }
    const columns = new Set(layout.cards.map((c) => c.x));
    expect(columns.size).toBe(10);
  });

  it("keeps every text run of a card inside its box", () => {
    const layout = layoutMap(makeMapInput(3, 6));
    const texts = layout.shapes.filter((s): s is TextShape => s.kind === "text");
    for (const card of layout.cards) {
      const inside = texts.filter(
        (t) => t.x >= card.x && t.x <= card.x + card.w && t.y > card.y && t.y < card.y + card.h,
      );
      expect(inside.length).toBeGreaterThanOrEqual(3);
      for (const t of inside) {
        const box = textBox(t);
        expect(box.left).toBeGreaterThanOrEqual(card.x);
        expect(box.right, t.text).toBeLessThanOrEqual(card.x + card.w);
        expect(box.bottom).toBeLessThanOrEqual(card.y + card.h);
      }
    }
  });

  it("wraps a long name to two lines and ellipsises the rest", () => {
    const long = "Verify identity with a photo of a passport or driving licence issued in the European Economic Area";
    const input = makeMapInput(1, 1);
    const touchpoint = input.stages[0]?.touchpoints[0];
    if (touchpoint) touchpoint.name = long;
    const layout = layoutMap(input);
    const lines = wrapText(long, LAYOUT.columnWidth - 2 * LAYOUT.cardPadding, 9, true, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith("…")).toBe(true);
    const drawn = layout.shapes.filter((s) => s.kind === "text").map((s) => s.text);
    expect(drawn).toContain(lines[0]);
    expect(drawn).toContain(lines[1]);
  });

  it("colours boxes by level, grey without feedback, and outlines hotspots", () => {
    const input = makeMapInput(2, 7);
    const layout = layoutMap(input);
    for (const card of layout.cards) {
      const touchpoint = input.stages[card.stage]?.touchpoints[card.row];
      if (!touchpoint) throw new Error("card without touchpoint");
      const want =
        touchpoint.itemCount === 0 ? NO_DATA.fill : HEAT[Math.min(4, Math.floor(touchpoint.score / 20))]?.fill;
      expect(card.fill).toBe(want);
      const rect = layout.shapes.find((s) => s.kind === "rect" && s.x === card.x && s.y === card.y);
      expect(rect?.kind === "rect" && rect.strokeWidth).toBe(touchpoint.hotspot ? 2.5 : 0.75);
    }
    expect(layout.cards.some((c) => c.hotspot)).toBe(true);
  });

  it("lays out a slice of stages and rows with the stage numbers of the whole map", () => {
    const layout = layoutMap(makeMapInput(6, 10), { stages: [2, 4], rows: [5, 10], issues: false, part: "Part 2" });
    expect(layout.cards).toHaveLength(10);
    expect(layout.cards.every((c) => c.stage >= 2 && c.stage < 4 && c.row >= 5)).toBe(true);
    const drawn = layout.shapes.filter((s) => s.kind === "text").map((s) => s.text);
    expect(drawn.some((t) => t.startsWith("Stage 3 ·"))).toBe(true);
    expect(drawn).toContain("Part 2");
    expect(drawn.some((t) => t.startsWith("Top recurring issues"))).toBe(false);
  });

  it("says so when a journey has no stages", () => {
    const layout = layoutMap(makeMapInput(0, 0));
    expect(layout.cards).toHaveLength(0);
    expect(layout.shapes.some((s) => s.kind === "text" && s.text === "This journey has no stages yet.")).toBe(true);
    expectInside(layout);
  });
});

describe("winAnsiSafe", () => {
  it("keeps Latin-1 text, folds accents it lacks and marks what it cannot draw", () => {
    expect(winAnsiSafe("Café – “Zahlung” €5")).toBe("Café – “Zahlung” €5");
    expect(winAnsiSafe("Łódź Kőbánya")).toBe("Lódz Kobánya");
    expect(winAnsiSafe("支付 💳 ok")).toBe("?? ? ok");
    expect(winAnsiSafe("a\u0000b\nc −1")).toBe("ab c -1");
    expect(winAnsiSafe("👍🏽 family 👨‍👩‍👧")).not.toMatch(/[^\x20-\xff–—“”‘’€…•]/);
  });
});
