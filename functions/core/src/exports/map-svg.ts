/**
 * A journey map as a standalone SVG document: fixed colours (no CSS variables or stylesheets), escaped text, a
 * `viewBox` so it scales, and `role="img"` with a `<title>` and `<desc>` for screen readers.
 * @module
 */
import { layoutMap, type MapExportInput, type Shape } from "./map-layout.ts";
import { xmlSafe } from "./text.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text or an attribute value as XML may hold it. */
export function escapeXml(value: string): string {
  return xmlSafe(value).replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const FONT = "Helvetica, Arial, sans-serif";

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function shapeSvg(shape: Shape): string {
  if (shape.kind === "rect") {
    const stroke =
      shape.stroke && shape.strokeWidth ? ` stroke="${shape.stroke}" stroke-width="${round(shape.strokeWidth)}"` : "";
    const radius = shape.radius ? ` rx="${round(shape.radius)}"` : "";
    return `<rect x="${round(shape.x)}" y="${round(shape.y)}" width="${round(shape.w)}" height="${round(shape.h)}" fill="${shape.fill}"${radius}${stroke}/>`;
  }
  const weight = shape.bold ? ` font-weight="bold"` : "";
  const anchor = shape.anchor === "end" ? ` text-anchor="end"` : "";
  return `<text x="${round(shape.x)}" y="${round(shape.y)}" font-size="${round(shape.size)}" fill="${shape.fill}"${weight}${anchor}>${escapeXml(shape.text)}</text>`;
}

/** A plain-language summary for `<desc>`: what is on the map and where it is hottest. */
function describe(input: MapExportInput): string {
  const touchpoints = input.stages.flatMap((s) => s.touchpoints);
  const hotspots = touchpoints.filter((t) => t.hotspot).sort((a, b) => b.score - a.score);
  const head = `${input.stages.length} stages and ${touchpoints.length} touchpoints, ${input.range.from} to ${input.range.to}.`;
  const hot = hotspots.length
    ? ` Hotspots: ${hotspots
        .slice(0, 5)
        .map((t) => `${t.name} (${t.score})`)
        .join(", ")}${hotspots.length > 5 ? ` and ${hotspots.length - 5} more` : ""}.`
    : " No hotspots.";
  return head + hot;
}

/**
 * The journey map as an SVG string, sized in points at 1:1.
 * @example new Response(mapSvg(input), { headers: { "content-type": "image/svg+xml; charset=utf-8" } })
 */
export function mapSvg(input: MapExportInput): string {
  const layout = layoutMap(input);
  const title = `${input.title}: journey map, ${input.range.from} to ${input.range.to}`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-labelledby="map-title map-desc" font-family="${FONT}">`,
    `<title id="map-title">${escapeXml(title)}</title>`,
    `<desc id="map-desc">${escapeXml(describe(input))}</desc>`,
    ...layout.shapes.map(shapeSvg),
    `</svg>`,
    "",
  ].join("\n");
}
