/**
 * The journey map as vector PDF pages: landscape, scaled to fit, and spread over several pages when it is too
 * large to read on one (columns of stages first, then rows of touchpoints), followed by the top recurring issues
 * as a table.
 * @module
 */
import {
  gridHeight,
  gridWidth,
  LAYOUT,
  layoutMap,
  type MapExportInput,
  type MapLayout,
  titleHeight,
} from "./map-layout.ts";
import { PAGE_MARGIN, PAPER, type PaperSize, PdfBuilder } from "./pdf.ts";

/** Below this scale text gets too small to read on paper, so the map goes over more pages instead. */
export const MIN_SCALE = 0.6;
/** The running header and footer take this much of each margin's inside. */
const CHROME = 8;

/** One page of the map: which part of it, and where it is drawn (points, top-left origin). */
export interface MapPagePlan {
  stages: [number, number];
  rows: [number, number];
  part: string | undefined;
  layout: MapLayout;
  x: number;
  top: number;
  scale: number;
}

function chunks(count: number, size: number): [number, number][] {
  const groups = Math.max(1, Math.ceil(count / size));
  const per = Math.ceil(count / groups);
  return Array.from({ length: groups }, (_, i): [number, number] => [i * per, Math.min(count, (i + 1) * per)]);
}

/** How the map is spread over landscape pages of `paper`: the slices, their layouts and their placement. */
export function planMapPages(input: MapExportInput, paper: PaperSize): MapPagePlan[] {
  const [short, long] = PAPER[paper];
  const availableWidth = long - 2 * PAGE_MARGIN;
  const availableHeight = short - 2 * PAGE_MARGIN - 2 * CHROME;
  const stageCount = input.stages.length;
  const tallest = Math.max(0, ...input.stages.map((s) => s.touchpoints.length));

  const columnStep = LAYOUT.columnWidth + LAYOUT.columnGap;
  const columnsFit = Math.max(1, Math.floor((availableWidth / MIN_SCALE - gridWidth(1)) / columnStep) + 1);
  const stageGroups = chunks(stageCount, columnsFit);
  // The part line is only there when the map is split, which makes the title block one line taller.
  const header = titleHeight(input, { part: "x" }) + LAYOUT.margin;
  const rowStep = LAYOUT.cardHeight + LAYOUT.cardGap;
  const rowsFit = Math.max(1, Math.floor((availableHeight / MIN_SCALE - header - gridHeight(1)) / rowStep) + 1);
  const rowGroups = tallest === 0 ? [[0, 0] as [number, number]] : chunks(tallest, rowsFit);

  const total = stageGroups.length * rowGroups.length;
  const plans: MapPagePlan[] = [];
  for (const stages of stageGroups) {
    for (const rows of rowGroups) {
      const split = total > 1;
      const part = split
        ? `Page ${plans.length + 1} of ${total} of the map: stages ${stages[0] + 1}–${stages[1]} of ${stageCount}` +
          (rowGroups.length > 1 ? `, touchpoints ${rows[0] + 1}–${rows[1]} of each stage` : "")
        : undefined;
      const layout = layoutMap(input, { stages, rows, issues: false, ...(part ? { part } : {}) });
      const scale = Math.min(1, availableWidth / layout.width, availableHeight / layout.height);
      plans.push({
        stages,
        rows,
        part,
        layout,
        x: PAGE_MARGIN + (availableWidth - layout.width * scale) / 2,
        top: PAGE_MARGIN + CHROME,
        scale,
      });
    }
  }
  return plans;
}

/** Adds the map's pages and its recurring issues to a document. */
export function drawMap(doc: PdfBuilder, input: MapExportInput): MapPagePlan[] {
  const plans = planMapPages(input, doc.options.paper);
  for (const plan of plans) {
    doc.addPage("landscape");
    doc.drawShapes(plan.layout.shapes, plan.x, plan.top, plan.scale);
    doc.y = plan.top + plan.layout.height * plan.scale;
  }
  doc.spacer(8);
  doc.heading(`Top recurring issues, ${input.issueWindow.from} to ${input.issueWindow.to}`, 2);
  if (input.topIssues.length === 0) doc.paragraph("No recurring issues in this window.");
  else {
    doc.table(
      [
        { header: "#", width: 0.05, align: "end" },
        { header: "Issue", width: 0.6 },
        { header: "Items (90 days)", width: 0.2, align: "end" },
        { header: "Trend", width: 0.15 },
      ],
      input.topIssues.map((issue, i) => [
        String(i + 1),
        issue.label,
        issue.itemCount.toLocaleString("en-US"),
        issue.trend,
      ]),
    );
  }
  return plans;
}

/**
 * The journey map as a PDF file.
 * @example const bytes = await mapPdf(input, { paper: "a4", generatedOn: "2026-11-24" });
 */
export async function mapPdf(
  input: MapExportInput,
  options: { paper: PaperSize; generatedOn: string },
): Promise<Uint8Array> {
  const doc = await PdfBuilder.create({
    title: `${input.title}: journey map, ${input.range.from} to ${input.range.to}`,
    paper: options.paper,
    footer: `Firebreak · generated ${options.generatedOn}`,
  });
  drawMap(doc, input);
  return doc.finish();
}
