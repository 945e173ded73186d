import { describe, expect, it } from "vitest";
import { makeMapInput } from "./fixtures.ts";
import { LAYOUT } from "./map-layout.ts";
import { mapPdf, planMapPages } from "./map-pdf.ts";
import { PAPER } from "./pdf.ts";
import { pageSizes, renderPdf, shareOfColour } from "./test-render.ts";
import { wrapText } from "./text.ts";

const OPTIONS = { paper: "a4", generatedOn: "2026-11-24" } as const;

describe("mapPdf", () => {
  it("draws 80 touchpoints over landscape A4 pages that a reader opens, with every name and page numbers", async () => {
    const input = makeMapInput(10, 8);
    const bytes = await mapPdf(input, OPTIONS);
    const plans = planMapPages(input, "a4");
    expect(plans.length).toBeGreaterThan(1);
    expect(plans.every((p) => p.scale >= 0.6)).toBe(true);
    const pages = renderPdf(bytes, 1);
    // The map's pages, then the recurring issues (on the last map page when they fit).
    expect(pages.length).toBeGreaterThanOrEqual(plans.length);
    expect(pages.length).toBeLessThanOrEqual(plans.length + 1);
    for (const size of pageSizes(bytes)) {
      expect(size.width).toBeCloseTo(PAPER.a4[1], 0);
      expect(size.height).toBeCloseTo(PAPER.a4[0], 0);
    }
    const all = pages.map((p) => p.text).join("\n");
    for (const stage of input.stages) {
      for (const touchpoint of stage.touchpoints) {
        const [firstLine] = wrapText(touchpoint.name, LAYOUT.columnWidth - 2 * LAYOUT.cardPadding, 9, true, 2);
        expect(all).toContain(firstLine?.replace(/…$/, ""));
      }
    }
    expect(all).toContain(`Page 1 of ${pages.length}`);
    expect(all).toContain("Top recurring issues");
    expect(all).toContain("Card declined");
  });

  it("paints each box's colour where the box is", async () => {
    const input = makeMapInput(3, 4);
    const bytes = await mapPdf(input, OPTIONS);
    const [plan] = planMapPages(input, "a4");
    if (!plan) throw new Error("no plan");
    const [page] = renderPdf(bytes, 2);
    if (!page) throw new Error("no page");
    const hotspots = plan.layout.cards.filter((c) => c.hotspot);
    expect(hotspots.length).toBeGreaterThan(0);
    for (const card of plan.layout.cards) {
      const box = {
        x: plan.x + card.x * plan.scale,
        y: plan.top + card.y * plan.scale,
        w: card.w * plan.scale,
        h: card.h * plan.scale,
      };
      // Text and the outline cover part of a box; most of it is its fill.
      expect(shareOfColour(page, box, card.fill), card.name).toBeGreaterThan(0.5);
      // …and the colour is not simply everywhere: the margin left of the map has none of it.
      expect(shareOfColour(page, { x: 0, y: box.y, w: plan.x - 2, h: box.h }, card.fill)).toBe(0);
    }
  });

  it("spreads one long stage over pages by rows, and fits Letter paper", async () => {
    const input = makeMapInput(1, 80);
    const plans = planMapPages(input, "letter");
    expect(plans.length).toBeGreaterThan(3);
    expect(plans.flatMap((p) => p.layout.cards).map((c) => c.row)).toEqual(Array.from({ length: 80 }, (_, i) => i));
    const bytes = await mapPdf(input, { ...OPTIONS, paper: "letter" });
    const sizes = pageSizes(bytes);
    expect(sizes[0]).toEqual({ width: 792, height: 612 });
    const text = renderPdf(bytes)
      .map((p) => p.text)
      .join("\n");
    expect(text).toContain("touchpoints 1–");
  });

  it("never throws on emoji or CJK: they print as question marks", async () => {
    const input = makeMapInput(1, 2, { title: "Kundenreise 🚀 顧客" });
    const [first, second] = input.stages[0]?.touchpoints ?? [];
    if (!first || !second) throw new Error("fixture");
    first.name = "Zahlung 💳 fehlgeschlagen";
    second.name = "支付失败 Łódź";
    const bytes = await mapPdf(input, OPTIONS);
    const text = renderPdf(bytes)
      .map((p) => p.text)
      .join("\n");
    expect(text).toContain("Zahlung ? fehlgeschlagen");
    expect(text).toContain("???? Lódz");
    expect(text).toContain("Kundenreise ? ??");
  });
});
