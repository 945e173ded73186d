import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { makeMapInput } from "./fixtures.ts";
import { mapSvg } from "./map-svg.ts";
import { HEAT, NO_DATA } from "./palette.ts";

/** Parses strictly: any well-formedness error fails the test. */
function parseSvg(svg: string) {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") errors.push(message);
    },
  }).parseFromString(svg, "image/svg+xml");
  expect(errors).toEqual([]);
  return doc;
}

describe("mapSvg", () => {
  it("is a well-formed, labelled, scalable SVG with the app's friction colours", () => {
    const svg = mapSvg(makeMapInput(10, 8));
    const doc = parseSvg(svg);
    const root = doc.documentElement;
    expect(root?.tagName).toBe("svg");
    expect(root?.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    expect(root?.getAttribute("role")).toBe("img");
    const [, , width, height] = (root?.getAttribute("viewBox") ?? "").split(" ").map(Number);
    expect(width).toBe(Number(root?.getAttribute("width")));
    expect(height).toBe(Number(root?.getAttribute("height")));
    expect(doc.getElementsByTagName("title")[0]?.textContent).toBe("Onboarding: journey map, 2026-08-27 to 2026-11-24");
    expect(doc.getElementsByTagName("desc")[0]?.textContent).toMatch(/^10 stages and 80 touchpoints.*Hotspots: /);
    const fills = new Set([...doc.getElementsByTagName("rect")].map((r) => r.getAttribute("fill")));
    for (const swatch of [...HEAT, NO_DATA]) expect(fills).toContain(swatch.fill);
    expect(svg).not.toMatch(/var\(--|<style|<script/);
  });

  it("escapes hostile names and drops characters XML cannot hold, keeping the text", () => {
    const input = makeMapInput(1, 2, { title: `Q3 <"review"> & 'more'` });
    const [first, second] = input.stages[0]?.touchpoints ?? [];
    if (!first || !second) throw new Error("fixture");
    first.name = `<script>alert(1)</script> & "x"`;
    second.name = `Bad\u0001byte \ud800 and 💳 支付`;
    const doc = parseSvg(mapSvg(input));
    const texts = [...doc.getElementsByTagName("text")].map((t) => t.textContent ?? "");
    expect(texts.join("\n")).toContain(`<script>alert(1)</script>`);
    expect(texts.some((t) => t.startsWith("Badbyte"))).toBe(true);
    expect(texts.join("\n")).toContain("💳 支付");
    expect(doc.getElementsByTagName("script")).toHaveLength(0);
    expect(doc.getElementsByTagName("title")[0]?.textContent).toContain(`Q3 <"review"> & 'more'`);
  });
});
