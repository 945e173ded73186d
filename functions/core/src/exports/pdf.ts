/**
 * A small PDF document builder on pdf-lib, shared by the map export and the review pack: pages in either
 * orientation, headings, wrapped paragraphs, tables that break across pages (repeating their header row), vector
 * shapes from a layout, and a running header and footer with page numbers. Text is drawn in the standard Helvetica
 * fonts (nothing to embed, so it runs in a Worker), reduced to WinAnsi first so no input can make it throw.
 * @module
 */
import { type Color, PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import type { Shape } from "./map-layout.ts";
import { INK } from "./palette.ts";
import { ellipsize, measureText, winAnsiSafe, wrapText } from "./text.ts";

export type PaperSize = "a4" | "letter";
export type Orientation = "portrait" | "landscape";

/** Portrait width × height in points. */
export const PAPER: Record<PaperSize, [number, number]> = {
  a4: [595.28, 841.89],
  letter: [612, 792],
};

/** Page margin; the running header and footer sit inside it. */
export const PAGE_MARGIN = 40;

export interface DocumentOptions {
  /** The document's title, in its metadata and the running header. */
  title: string;
  paper: PaperSize;
  /** Left of the footer, e.g. "Firebreak · generated 2026-11-24". */
  footer: string;
}

export interface TableColumn {
  header: string;
  /** Share of the content width; the shares of a table's columns add up to 1. */
  width: number;
  align?: "start" | "end";
}

/** `#rrggbb` as a pdf-lib colour. */
export function hexColor(hex: string): Color {
  const n = Number.parseInt(hex.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** A rounded rectangle as an SVG path in top-left coordinates, for `drawSvgPath`. */
function roundedRectPath(x: number, y: number, w: number, h: number, r: number): string {
  const k = Math.min(r, w / 2, h / 2);
  return [
    `M ${x + k} ${y}`,
    `H ${x + w - k}`,
    `Q ${x + w} ${y} ${x + w} ${y + k}`,
    `V ${y + h - k}`,
    `Q ${x + w} ${y + h} ${x + w - k} ${y + h}`,
    `H ${x + k}`,
    `Q ${x} ${y + h} ${x} ${y + h - k}`,
    `V ${y + k}`,
    `Q ${x} ${y} ${x + k} ${y}`,
    "Z",
  ].join(" ");
}

const LINE = 1.3;
const TABLE_SIZE = 9;
const CELL_PAD = 4;
/** A table cell longer than this many lines is cut, so one row can never be taller than a page. */
const CELL_MAX_LINES = 24;

/**
 * Builds a PDF top to bottom: `y` is the cursor from the page's top edge, and every block starts a new page when it
 * would not fit.
 * @example const doc = await PdfBuilder.create({ title, paper: "a4", footer }); doc.heading("Agenda"); await doc.finish();
 */
export class PdfBuilder {
  readonly options: DocumentOptions;
  readonly doc: PDFDocument;
  private readonly regular: PDFFont;
  private readonly bold: PDFFont;
  private current: PDFPage | null = null;
  /** Distance of the cursor from the top edge of the current page. */
  y = 0;

  private constructor(options: DocumentOptions, doc: PDFDocument, regular: PDFFont, bold: PDFFont) {
    this.options = options;
    this.doc = doc;
    this.regular = regular;
    this.bold = bold;
  }

  static async create(options: DocumentOptions): Promise<PdfBuilder> {
    const doc = await PDFDocument.create();
    doc.setTitle(winAnsiSafe(options.title));
    doc.setCreator("Firebreak");
    doc.setProducer("Firebreak (pdf-lib)");
    const [regular, bold] = await Promise.all([
      doc.embedFont(StandardFonts.Helvetica),
      doc.embedFont(StandardFonts.HelveticaBold),
    ]);
    return new PdfBuilder(options, doc, regular, bold);
  }

  /** The current page (a portrait one is started if there is none). */
  get page(): PDFPage {
    return this.current ?? this.addPage();
  }

  get pageWidth(): number {
    return this.page.getWidth();
  }

  get pageHeight(): number {
    return this.page.getHeight();
  }

  /** Width between the side margins. */
  get contentWidth(): number {
    return this.pageWidth - 2 * PAGE_MARGIN;
  }

  /** Where content ends, from the top edge. */
  get contentBottom(): number {
    return this.pageHeight - PAGE_MARGIN;
  }

  addPage(orientation: Orientation = "portrait"): PDFPage {
    const [w, h] = PAPER[this.options.paper];
    this.current = this.doc.addPage(orientation === "portrait" ? [w, h] : [h, w]);
    this.y = PAGE_MARGIN;
    return this.current;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number, orientation: Orientation = "portrait"): void {
    if (!this.current || this.y + height > this.contentBottom) this.addPage(orientation);
  }

  /** The orientation of the current page, so blocks that overflow continue in it. */
  private get orientation(): Orientation {
    return this.pageWidth > this.pageHeight ? "landscape" : "portrait";
  }

  /** Draws one line of text at a top-left position; `y` is the baseline's distance from the top edge. */
  text(value: string, x: number, y: number, options: { size: number; bold?: boolean; color?: string }): void {
    const safe = winAnsiSafe(value);
    if (!safe) return;
    this.page.drawText(safe, {
      x,
      y: this.pageHeight - y,
      size: options.size,
      font: options.bold ? this.bold : this.regular,
      color: hexColor(options.color ?? INK.text1),
    });
  }

  spacer(height: number): void {
    this.y += height;
  }

  heading(value: string, level: 1 | 2 | 3 = 1): void {
    const size = level === 1 ? 18 : level === 2 ? 13 : 11;
    this.ensure(size * LINE + 4 + 40, this.orientation);
    const lines = wrapText(winAnsiSafe(value), this.contentWidth, size, true, 3);
    this.y += level === 1 ? 4 : 8;
    for (const line of lines) {
      this.y += size * LINE;
      this.text(line, PAGE_MARGIN, this.y - size * 0.3, { size, bold: true });
    }
    this.y += 6;
  }

  paragraph(value: string, options: { size?: number; bold?: boolean; color?: string; indent?: number } = {}): void {
    const size = options.size ?? 10;
    const indent = options.indent ?? 0;
    const lines = wrapText(winAnsiSafe(value), this.contentWidth - indent, size, options.bold);
    for (const line of lines) {
      this.ensure(size * LINE, this.orientation);
      this.y += size * LINE;
      this.text(line, PAGE_MARGIN + indent, this.y - size * 0.3, { ...options, size });
    }
    this.y += size * 0.5;
  }

  /** A table; rows that do not fit start a new page, which repeats the header row. */
  table(columns: TableColumn[], rows: string[][]): void {
    const widths = columns.map((c) => c.width * this.contentWidth);
    const lineHeight = TABLE_SIZE * LINE;
    const cellLines = (cells: string[], bold: boolean) =>
      cells.map((cell, i) =>
        wrapText(winAnsiSafe(cell), (widths[i] ?? 0) - 2 * CELL_PAD, TABLE_SIZE, bold, CELL_MAX_LINES),
      );
    const drawRow = (lines: string[][], bold: boolean, shade: string | null) => {
      const height = Math.max(1, ...lines.map((l) => l.length)) * lineHeight + 2 * CELL_PAD;
      if (shade) {
        this.page.drawRectangle({
          x: PAGE_MARGIN,
          y: this.pageHeight - this.y - height,
          width: this.contentWidth,
          height,
          color: hexColor(shade),
        });
      }
      let x = PAGE_MARGIN;
      lines.forEach((cellLines, i) => {
        const width = widths[i] ?? 0;
        const align = columns[i]?.align ?? "start";
        cellLines.forEach((line, j) => {
          const baseline = this.y + CELL_PAD + (j + 1) * lineHeight - TABLE_SIZE * 0.3;
          const lineX = align === "end" ? x + width - CELL_PAD - measureText(line, TABLE_SIZE, bold) : x + CELL_PAD;
          this.text(line, lineX, baseline, { size: TABLE_SIZE, bold });
        });
        x += width;
      });
      this.y += height;
    };
    const header = cellLines(
      columns.map((c) => c.header),
      true,
    );
    const headerHeight = Math.max(...header.map((l) => l.length)) * lineHeight + 2 * CELL_PAD;
    const start = () => drawRow(header, true, INK.stage);
    const first = rows[0] ? cellLines(rows[0], false) : [];
    const firstHeight = Math.max(1, ...first.map((l) => l.length)) * lineHeight + 2 * CELL_PAD;
    this.ensure(headerHeight + firstHeight, this.orientation);
    start();
    rows.forEach((row, index) => {
      const lines = cellLines(row, false);
      const height = Math.max(1, ...lines.map((l) => l.length)) * lineHeight + 2 * CELL_PAD;
      if (this.y + height > this.contentBottom) {
        this.addPage(this.orientation);
        start();
      }
      drawRow(lines, false, index % 2 === 1 ? INK.surface : null);
    });
    this.y += 10;
  }

  /**
   * Draws layout shapes with their top-left corner at (`x`, `top`) on the current page, scaled by `scale`.
   */
  drawShapes(shapes: readonly Shape[], x: number, top: number, scale: number): void {
    const page = this.page;
    const originY = page.getHeight() - top;
    for (const shape of shapes) {
      if (shape.kind === "rect") {
        const stroke = shape.stroke && shape.strokeWidth ? shape.strokeWidth : 0;
        // Strokes are drawn inside the box, as the SVG's would be without overlap, so boxes never touch.
        const inset = stroke / 2;
        page.drawSvgPath(
          roundedRectPath(shape.x + inset, shape.y + inset, shape.w - stroke, shape.h - stroke, shape.radius ?? 0),
          {
            x,
            y: originY,
            scale,
            color: hexColor(shape.fill),
            ...(stroke ? { borderColor: hexColor(shape.stroke as string), borderWidth: stroke * scale } : {}),
          },
        );
        continue;
      }
      const safe = winAnsiSafe(shape.text);
      const size = shape.size * scale;
      const width = measureText(safe, shape.size, shape.bold) * scale;
      const left = x + shape.x * scale - (shape.anchor === "end" ? width : 0);
      this.text(safe, left, top + shape.y * scale, { size, bold: shape.bold, color: shape.fill });
    }
  }

  /** Adds the running header and footer to every page and returns the file. */
  async finish(): Promise<Uint8Array> {
    if (!this.current) this.addPage();
    const pages = this.doc.getPages();
    pages.forEach((page, index) => {
      const width = page.getWidth();
      const height = page.getHeight();
      const title = ellipsize(winAnsiSafe(this.options.title), width - 2 * PAGE_MARGIN, 8);
      const number = `Page ${index + 1} of ${pages.length}`;
      const color = hexColor(INK.text3);
      page.drawText(title, { x: PAGE_MARGIN, y: height - PAGE_MARGIN / 2 - 4, size: 8, font: this.regular, color });
      page.drawText(winAnsiSafe(this.options.footer), {
        x: PAGE_MARGIN,
        y: PAGE_MARGIN / 2,
        size: 8,
        font: this.regular,
        color,
      });
      page.drawText(number, {
        x: width - PAGE_MARGIN - measureText(number, 8),
        y: PAGE_MARGIN / 2,
        size: 8,
        font: this.regular,
        color,
      });
    });
    return this.doc.save();
  }
}
