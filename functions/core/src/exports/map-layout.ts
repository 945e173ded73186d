/**
 * A journey map laid out for export: the title, the date range and a legend on top, one column per stage with its
 * touchpoints as coloured boxes (score, level, name wrapped to two lines, counts, hotspot and human-moment marks),
 * and the top recurring issues below. The result is a flat list of rectangles and text runs in points (top-left
 * origin), which the SVG and PDF writers draw as they are. A slice of stages and rows can be laid out on its own,
 * which is how the PDF spreads a large map over pages.
 * @module
 */
import { FRICTION_LEVELS, frictionLevel, HEAT, INK, NO_DATA, swatchFor } from "./palette.ts";
import { ellipsize, measureText, wrapText } from "./text.ts";

/** One touchpoint as the export shows it. */
export interface MapExportTouchpoint {
  name: string;
  /** Friction, 0–100. */
  score: number;
  itemCount: number;
  repeatCount: number;
  escalationCount: number;
  /** Friction at or above the hotspot line (the app's `HOTSPOT_MIN`). */
  hotspot: boolean;
  humanMoment: "confirmed" | "suggested" | null;
}

export interface MapExportStage {
  name: string;
  touchpoints: MapExportTouchpoint[];
}

export interface MapExportIssue {
  label: string;
  /** Items over the issue window (90 days). */
  itemCount: number;
  trend: "new" | "rising" | "falling" | "steady";
}

/** What an export of a journey map needs: filled by the web app from the map read, so it holds no verbatims. */
export interface MapExportInput {
  title: string;
  /** Inclusive UTC days. */
  range: { from: string; to: string };
  /** The filters the map was read with, in words (empty when unfiltered). */
  filters: string;
  stages: MapExportStage[];
  /** The window the issues were counted over. */
  issueWindow: { from: string; to: string };
  topIssues: MapExportIssue[];
}

export interface RectShape {
  kind: "rect";
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  stroke?: string;
  strokeWidth?: number;
  radius?: number;
}

/** A text run; `y` is its baseline. */
export interface TextShape {
  kind: "text";
  x: number;
  y: number;
  text: string;
  size: number;
  bold: boolean;
  fill: string;
  anchor: "start" | "end";
}

export type Shape = RectShape | TextShape;

/** Where a touchpoint's box landed, for readers (and tests) that need to find it. */
export interface PlacedCard {
  stage: number;
  row: number;
  name: string;
  score: number;
  hotspot: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
}

export interface MapLayout {
  width: number;
  height: number;
  shapes: Shape[];
  cards: PlacedCard[];
}

export interface LayoutSlice {
  /** Stage indexes `[from, to)`; all by default. */
  stages?: [number, number];
  /** Touchpoint rows `[from, to)` within each stage; all by default. */
  rows?: [number, number];
  /** Draw the recurring issues below the map (default true). */
  issues?: boolean;
  /** Said under the title, e.g. "Stages 1–4 of 10". */
  part?: string;
}

/** Sizes in points; exported so the PDF can plan how many columns and rows fit a page. */
export const LAYOUT = {
  margin: 24,
  columnWidth: 176,
  columnGap: 12,
  stageHeadHeight: 36,
  cardHeight: 70,
  cardGap: 8,
  cardPadding: 8,
  minWidth: 560,
  issueLineHeight: 14,
} as const;

const TITLE_SIZE = 18;
const LEGEND_SWATCH = 10;

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

function text(
  x: number,
  y: number,
  value: string,
  size: number,
  fill: string,
  options: { bold?: boolean; anchor?: "start" | "end" } = {},
): TextShape {
  return {
    kind: "text",
    x,
    y,
    text: value,
    size,
    bold: options.bold ?? false,
    fill,
    anchor: options.anchor ?? "start",
  };
}

/** Height of the title block: title, range line, an optional filters or part line, and the legend. */
function headerHeight(input: MapExportInput, slice: LayoutSlice): number {
  const extra = (input.filters ? 1 : 0) + (slice.part ? 1 : 0);
  return TITLE_SIZE + 6 + 14 + extra * 13 + 10 + LEGEND_SWATCH + 14;
}

/** The height of the map part for `rows` rows under the header. */
export function gridHeight(rows: number): number {
  return LAYOUT.stageHeadHeight + 8 + Math.max(1, rows) * (LAYOUT.cardHeight + LAYOUT.cardGap) - LAYOUT.cardGap;
}

/** The width of `columns` stage columns with the page margins. */
export function gridWidth(columns: number): number {
  return 2 * LAYOUT.margin + Math.max(1, columns) * (LAYOUT.columnWidth + LAYOUT.columnGap) - LAYOUT.columnGap;
}

/** The height of the title block for this input, so a planner can tell how many rows fit under it. */
export function titleHeight(input: MapExportInput, slice: LayoutSlice = {}): number {
  return LAYOUT.margin + headerHeight(input, slice);
}

function legend(x: number, y: number, shapes: Shape[]): void {
  let cursor = x;
  const swatch = (fill: string, label: string, stroke?: string) => {
    shapes.push({
      kind: "rect",
      x: cursor,
      y: y - LEGEND_SWATCH + 1,
      w: LEGEND_SWATCH,
      h: LEGEND_SWATCH,
      fill,
      radius: 2,
      ...(stroke ? { stroke, strokeWidth: stroke === INK.text1 ? 2 : 0.75 } : {}),
    });
    shapes.push(text(cursor + LEGEND_SWATCH + 4, y, label, 8, INK.text2));
    cursor += LEGEND_SWATCH + 4 + measureText(label, 8) + 12;
  };
  for (const level of FRICTION_LEVELS)
    swatch(HEAT[level.step]?.fill ?? NO_DATA.fill, `${level.label} ${level.min}–${level.max}`, INK.border);
  swatch(NO_DATA.fill, "No feedback", INK.border);
  swatch(INK.page, "Hotspot", INK.text1);
}

function counts(touchpoint: MapExportTouchpoint): string {
  const parts = [plural(touchpoint.itemCount, "item")];
  if (touchpoint.repeatCount > 0) parts.push(plural(touchpoint.repeatCount, "repeat"));
  if (touchpoint.escalationCount > 0) parts.push(plural(touchpoint.escalationCount, "escalation"));
  return parts.join(" · ");
}

function card(touchpoint: MapExportTouchpoint, x: number, y: number, shapes: Shape[]): string {
  const { cardHeight: h, columnWidth: w, cardPadding: pad } = LAYOUT;
  const swatch = swatchFor(touchpoint.score, touchpoint.itemCount);
  const noData = touchpoint.itemCount === 0;
  shapes.push({
    kind: "rect",
    x,
    y,
    w,
    h,
    fill: swatch.fill,
    radius: 6,
    ...(touchpoint.hotspot ? { stroke: INK.text1, strokeWidth: 2.5 } : { stroke: INK.border, strokeWidth: 0.75 }),
  });
  const inner = w - 2 * pad;
  const scoreText = noData ? "–" : String(touchpoint.score);
  shapes.push(text(x + pad, y + 17, scoreText, 14, swatch.ink, { bold: true }));
  const levelX = x + pad + measureText(scoreText, 14, true) + 5;
  shapes.push(text(levelX, y + 16, noData ? "No feedback" : frictionLevel(touchpoint.score).label, 8, swatch.ink));
  if (touchpoint.hotspot)
    shapes.push(text(x + w - pad, y + 16, "HOTSPOT", 7.5, swatch.ink, { bold: true, anchor: "end" }));
  const nameLines = wrapText(touchpoint.name, inner, 9, true, 2);
  nameLines.forEach((line, i) => {
    shapes.push(text(x + pad, y + 31 + i * 11, line, 9, swatch.ink, { bold: true }));
  });
  shapes.push(text(x + pad, y + 55, ellipsize(counts(touchpoint), inner, 7.5), 7.5, swatch.ink));
  if (touchpoint.humanMoment) {
    const label = touchpoint.humanMoment === "confirmed" ? "Human moment" : "Suggested human moment";
    shapes.push(text(x + pad, y + 65, label, 7.5, swatch.ink, { bold: touchpoint.humanMoment === "confirmed" }));
  }
  return swatch.fill;
}

function issueLine(issue: MapExportIssue, rank: number): string {
  return `${rank}. ${issue.label} — ${plural(issue.itemCount, "item")}, ${issue.trend}`;
}

/**
 * Lays out `input` (or a slice of it): every box inside the page, none overlapping, long names wrapped to two lines
 * and then ellipsised.
 * @example const { width, height, shapes } = layoutMap(input);
 */
export function layoutMap(input: MapExportInput, slice: LayoutSlice = {}): MapLayout {
  const [stageFrom, stageTo] = slice.stages ?? [0, input.stages.length];
  const stages = input.stages.slice(stageFrom, stageTo);
  const tallest = Math.max(0, ...stages.map((s) => s.touchpoints.length));
  const [rowFrom, rowTo] = slice.rows ?? [0, tallest];
  const rows = Math.max(0, Math.min(rowTo, tallest) - rowFrom);
  const withIssues = slice.issues ?? true;
  const { margin, columnWidth, columnGap, stageHeadHeight, cardHeight, cardGap, issueLineHeight } = LAYOUT;

  const width = Math.max(LAYOUT.minWidth, gridWidth(stages.length));
  const inner = width - 2 * margin;
  const shapes: Shape[] = [];
  const cards: PlacedCard[] = [];

  let y = margin + TITLE_SIZE;
  shapes.push(text(margin, y, ellipsize(input.title, inner, TITLE_SIZE, true), TITLE_SIZE, INK.text1, { bold: true }));
  y += 16;
  shapes.push(text(margin, y, `${input.range.from} to ${input.range.to}`, 10, INK.text2));
  for (const line of [input.filters, slice.part ?? ""].filter(Boolean)) {
    y += 13;
    shapes.push(text(margin, y, ellipsize(line, inner, 9), 9, INK.text2));
  }
  y += 10 + LEGEND_SWATCH;
  legend(margin, y, shapes);
  y += 14;

  if (stages.length === 0) {
    y += 14;
    shapes.push(text(margin, y, "This journey has no stages yet.", 10, INK.text2));
    y += 10;
  } else {
    const top = y;
    stages.forEach((stage, column) => {
      const x = margin + column * (columnWidth + columnGap);
      shapes.push({ kind: "rect", x, y: top, w: columnWidth, h: stageHeadHeight, fill: INK.stage, radius: 6 });
      shapes.push(
        text(x + 8, top + 15, ellipsize(stage.name, columnWidth - 16, 10, true), 10, INK.text1, { bold: true }),
      );
      const number = stageFrom + column + 1;
      shapes.push(
        text(x + 8, top + 28, `Stage ${number} · ${plural(stage.touchpoints.length, "touchpoint")}`, 7.5, INK.text2),
      );
      const shown = stage.touchpoints.slice(rowFrom, rowFrom + rows);
      if (stage.touchpoints.length === 0 && rowFrom === 0) {
        shapes.push(text(x + 8, top + stageHeadHeight + 20, "No touchpoints", 8, INK.text3));
      }
      shown.forEach((touchpoint, index) => {
        const cardY = top + stageHeadHeight + 8 + index * (cardHeight + cardGap);
        const fill = card(touchpoint, x, cardY, shapes);
        cards.push({
          stage: stageFrom + column,
          row: rowFrom + index,
          name: touchpoint.name,
          score: touchpoint.score,
          hotspot: touchpoint.hotspot,
          x,
          y: cardY,
          w: columnWidth,
          h: cardHeight,
          fill,
        });
      });
    });
    y = top + gridHeight(rows);
  }

  if (withIssues) {
    y += 26;
    const heading = `Top recurring issues, ${input.issueWindow.from} to ${input.issueWindow.to}`;
    shapes.push(text(margin, y, ellipsize(heading, inner, 11, true), 11, INK.text1, { bold: true }));
    if (input.topIssues.length === 0) {
      y += issueLineHeight;
      shapes.push(text(margin, y, "No recurring issues in this window.", 8.5, INK.text2));
    }
    input.topIssues.forEach((issue, i) => {
      y += issueLineHeight;
      shapes.push(text(margin, y, ellipsize(issueLine(issue, i + 1), inner, 8.5), 8.5, INK.text1));
    });
  }

  const height = Math.ceil(y + margin);
  shapes.unshift({ kind: "rect", x: 0, y: 0, w: width, h: height, fill: INK.page });
  return { width, height, shapes, cards };
}
