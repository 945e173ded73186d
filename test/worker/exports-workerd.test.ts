/**
 * The export renderers inside workerd, the runtime the web app's Worker runs on: pdf-lib and the SVG writer use no
 * Node API, so the map's PDF, the review pack and the SVG build here as in Node. The PDFs are read back with
 * pdf-lib's own parser (mupdf, which the core tests render them with, is a Node test tool).
 */
import { makeMapInput, makeReviewPack } from "@firebreak/core/exports/fixtures";
import { mapPdf } from "@firebreak/core/exports/map-pdf";
import { mapSvg } from "@firebreak/core/exports/map-svg";
import { reviewPackPdf } from "@firebreak/core/exports/review-pack";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";

const ascii = (bytes: Uint8Array, from: number, to: number) => new TextDecoder().decode(bytes.slice(from, to));

describe("exports in workerd", () => {
  it("builds the map's PDF for 80 touchpoints and the review pack, both readable", async () => {
    const input = makeMapInput(10, 8, { title: "Kundenreise 🚀 支付" });
    const map = await mapPdf(input, { paper: "a4", generatedOn: "2026-11-24" });
    expect(ascii(map, 0, 5)).toBe("%PDF-");
    expect(ascii(map, map.length - 7, map.length)).toContain("%%EOF");
    const mapDoc = await PDFDocument.load(map);
    expect(mapDoc.getPageCount()).toBeGreaterThan(1);
    expect(mapDoc.getTitle()).toBe("Kundenreise ? ??: journey map, 2026-08-27 to 2026-11-24");
    const { width, height } = mapDoc.getPage(0).getSize();
    expect(width).toBeGreaterThan(height);

    const pack = await reviewPackPdf(makeReviewPack(), { paper: "letter", generatedOn: "2026-11-24" });
    const packDoc = await PDFDocument.load(pack);
    expect(packDoc.getPageCount()).toBeGreaterThanOrEqual(4);
    expect(packDoc.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
  });

  it("writes the SVG", () => {
    const svg = mapSvg(makeMapInput(10, 8));
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<rect /g)?.length).toBeGreaterThan(80);
  });
});
