/**
 * The map's exports as a person gets them: each downloaded from the map page's Export menu, then opened as its
 * reader would. CSVs parsed and compared with what the map shows, the SVG opened in the browser, the PNG decoded,
 * the PDF rendered by mupdf.
 */
import { readFile } from "node:fs/promises";
import { decode } from "fast-png";
import Papa from "papaparse";
import type { Download } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { HEAT } from "../../functions/core/src/exports/palette.ts";
import { pageSizes, renderPdf } from "../../functions/core/src/exports/test-render.ts";
import { hydrated, seriousViolations, sessionHeaders, useBrowserPage } from "./browser.ts";

const webUrl = inject("webUrl");
const { journeyId } = inject("credentials");
const page = useBrowserPage();

const HOTSPOT_MIN = 40;
const BOM = "\ufeff";

/** Clicks an item of the open Export menu and waits for its download. */
async function download(item: string): Promise<{ file: Download; bytes: Buffer }> {
  const p = page();
  const menu = p.getByTestId("export-menu");
  if (!(await menu.isVisible())) await p.locator("summary", { hasText: "Export" }).click();
  const [file] = await Promise.all([p.waitForEvent("download"), menu.locator(`[data-export="${item}"]`).click()]);
  return { file, bytes: await readFile((await file.path()) as string) };
}

function parseCsv(bytes: Buffer): Record<string, string>[] {
  const text = bytes.toString("utf8");
  expect(text.startsWith(BOM)).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** The cards the map shows: name, score and whether it has feedback. */
async function mapCards(): Promise<{ name: string; score: number; items: number }[]> {
  return page()
    .locator('[data-testid="touchpoint-card"]')
    .evaluateAll((cards) =>
      cards.map((card) => ({
        name: card.querySelector(".card-link")?.textContent?.trim() ?? "",
        score: Number(card.querySelector('[data-testid="friction-score"]')?.textContent),
        items: Number(card.querySelector('[data-testid="touchpoint-volume"]')?.getAttribute("data-value")),
      })),
    );
}

describe("journey map exports", () => {
  const mapUrl = `${webUrl}/journeys/${journeyId}`;

  it("offers every export from an accessible menu that keeps the map's filters", async () => {
    const p = page();
    await p.goto(`${mapUrl}?lang=da`);
    await hydrated(p);
    await p.locator("summary", { hasText: "Export" }).click();
    const links = await p
      .getByTestId("export-menu")
      .locator("a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(links).toHaveLength(5);
    for (const href of links) expect(href).toContain("lang=da");
    for (const colorScheme of ["light", "dark"] as const) {
      await p.emulateMedia({ colorScheme });
      expect(await seriousViolations(p)).toEqual([]);
    }
    await p.emulateMedia({ colorScheme: "light" });

    // The filtered hotspots are the filtered map's.
    const cards = await mapCards();
    const { bytes } = await download("hotspots");
    const rows = parseCsv(bytes);
    const hot = cards.filter((c) => c.items > 0 && c.score >= HOTSPOT_MIN);
    expect(rows.map((r) => r.Touchpoint).sort()).toEqual(hot.map((c) => c.name).sort());
  });

  it("downloads the hotspots and recurring issues as CSVs that match the map", async () => {
    const p = page();
    await p.goto(mapUrl);
    await hydrated(p);
    const cards = await mapCards();
    const hot = cards.filter((c) => c.items > 0 && c.score >= HOTSPOT_MIN).sort((a, b) => b.score - a.score);
    expect(hot.length).toBeGreaterThan(0);

    const hotspots = await download("hotspots");
    expect(hotspots.file.suggestedFilename()).toMatch(
      /^firebreak-[a-z0-9-]+-hotspots-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/,
    );
    const rows = parseCsv(hotspots.bytes);
    expect(rows.map((r) => [r.Touchpoint, Number(r["Friction score"])])).toEqual(
      expect.arrayContaining(hot.map((c) => [c.name, c.score])),
    );
    expect(rows).toHaveLength(hot.length);
    for (const row of rows) {
      const points = Object.entries(row)
        .filter(([key]) => key.endsWith("(points)"))
        .reduce((sum, [, value]) => sum + Number(value), 0);
      // The score is the rounded sum of the "why flagged" parts.
      expect(Math.abs(points - Number(row["Friction score"]))).toBeLessThanOrEqual(1);
      expect(Number(row.Items)).toBeGreaterThan(0);
      expect(row.Level).toMatch(/^(Elevated|High|Severe)$/);
    }

    const issueRows = await p
      .getByTestId("recurring-issues")
      .locator("tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => ({
          label: tr.querySelector("th")?.textContent ?? "",
          items: Number((tr.querySelectorAll("td.num")[1]?.textContent ?? "").replace(/\D/g, "")),
        })),
      );
    const themes = parseCsv((await download("themes")).bytes);
    expect(themes).toHaveLength(issueRows.length);
    themes.forEach((theme, i) => {
      expect(issueRows[i]?.label).toContain(theme.Issue);
      expect(Number(theme["Items (90 days)"])).toBe(issueRows[i]?.items);
      expect(theme.Trend).toMatch(/^(new|rising|falling|steady)$/);
      expect(theme.Touchpoints).not.toBe("");
    });
  });

  it("downloads the map as an SVG the browser opens, and as a PNG drawn from it", async () => {
    const p = page();
    await p.goto(mapUrl);
    await hydrated(p);
    const cards = await mapCards();
    const svg = await download("svg");
    expect(svg.file.suggestedFilename()).toMatch(/-map-.*\.svg$/);
    const text = svg.bytes.toString("utf8");
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(text)?.[1]);
    const height = Number(/<svg[^>]* height="(\d+)"/.exec(text)?.[1]);
    expect(width).toBeGreaterThan(500);

    const png = await download("png");
    expect(png.file.suggestedFilename()).toMatch(/-map-.*\.png$/);
    const image = decode(png.bytes);
    expect([image.width, image.height]).toEqual([width * 2, height * 2]);
    // Not blank: many colours, and the severest step's colour where a severe box is drawn.
    const colours = new Set<number>();
    const seen = new Set<string>();
    for (let i = 0; i < image.data.length; i += image.channels * 97) {
      const [r, g, b] = [image.data[i], image.data[i + 1], image.data[i + 2]] as number[];
      colours.add(((r ?? 0) << 16) | ((g ?? 0) << 8) | (b ?? 0));
      seen.add(`#${[r, g, b].map((c) => (c ?? 0).toString(16).padStart(2, "0")).join("")}`);
    }
    expect(colours.size).toBeGreaterThan(20);
    const steps = new Set(cards.filter((c) => c.items > 0).map((c) => Math.min(4, Math.floor(c.score / 20))));
    for (const step of steps) expect(seen, `step ${step}`).toContain(HEAT[step]?.fill);

    // Opened on its own, the browser parses it as SVG (a malformed file would show a parser error instead).
    const inline = await p.context().newPage();
    const response = await inline.goto(`${mapUrl}/export.svg?inline=1`);
    expect(response?.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
    const opened = await inline.evaluate(() => ({
      root: document.documentElement.tagName,
      errors: document.getElementsByTagName("parsererror").length,
      title: document.querySelector("title")?.textContent ?? "",
      names: [...document.querySelectorAll("text")].map((t) => t.textContent ?? ""),
    }));
    await inline.close();
    expect(opened.root).toBe("svg");
    expect(opened.errors).toBe(0);
    expect(opened.title).toMatch(/: journey map, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d$/);
    const short = cards.filter((c) => c.name.length < 20);
    expect(short.length).toBeGreaterThan(0);
    for (const card of short) expect(opened.names).toContain(card.name);
  });

  it("downloads the map as a PDF that renders, in A4 and in Letter", async () => {
    const p = page();
    await p.goto(mapUrl);
    await hydrated(p);
    const cards = await mapCards();
    const pdf = await download("pdf");
    expect(pdf.file.suggestedFilename()).toMatch(/-map-.*\.pdf$/);
    const pages = renderPdf(new Uint8Array(pdf.bytes), 1);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    const sizes = pageSizes(new Uint8Array(pdf.bytes));
    expect(Math.round(sizes[0]?.width ?? 0)).toBe(842);
    const text = pages.map((pg) => pg.text).join("\n");
    for (const card of cards.filter((c) => c.name.length < 20)) expect(text).toContain(card.name);
    expect(text).toContain(`Page 1 of ${pages.length}`);
    // Rendered, the first page is mostly white paper with the map's colours on it.
    const first = pages[0];
    if (!first) throw new Error("no page");
    let coloured = 0;
    for (let y = 0; y < first.height; y += 4) {
      for (let x = 0; x < first.width; x += 4) {
        const i = y * first.stride + x * 3;
        if (first.pixels[i] !== 255 || first.pixels[i + 1] !== 255 || first.pixels[i + 2] !== 255) coloured++;
      }
    }
    expect(coloured).toBeGreaterThan(1000);

    const letter = await download("pdf-letter");
    expect(pageSizes(new Uint8Array(letter.bytes))[0]).toEqual({ width: 792, height: 612 });
  });

  it("answers bad input and foreign journeys in the error shape", async () => {
    const bad = await fetch(`${mapUrl}/export.pdf?paper=a3`, { headers: sessionHeaders() });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad_request", requestId: expect.any(String) } });
    for (const path of ["export.svg", "export.pdf", "hotspots.csv", "themes.csv"]) {
      const missing = await fetch(`${webUrl}/journeys/jr_nope/${path}`, { headers: sessionHeaders() });
      expect(missing.status).toBe(404);
      expect((await missing.json()).error.code).toBe("not_found");
      const post = await fetch(`${mapUrl}/${path}`, { method: "POST", headers: sessionHeaders({ origin: webUrl }) });
      expect(post.status).toBe(405);
    }
    const csv = await fetch(`${mapUrl}/hotspots.csv`, { headers: sessionHeaders() });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="firebreak-[a-z0-9-]+\.csv"$/);
  });
});
