/**
 * Opens the PDFs the tests make, as a reader would: mupdf (WASM) renders pages to pixels and reads their text back.
 * Test-only; shared by the core tests and the e2e test.
 * @module
 */
import * as mupdf from "mupdf";

export interface RenderedPage {
  width: number;
  height: number;
  /** Points per pixel is 1 / `scale`. */
  scale: number;
  /** RGB, row-major, `stride` bytes a row. */
  pixels: Uint8ClampedArray;
  stride: number;
  text: string;
}

/** Every page of a PDF rendered at `scale` pixels per point, with its text. */
export function renderPdf(bytes: Uint8Array, scale = 1): RenderedPage[] {
  const doc = mupdf.Document.openDocument(bytes, "application/pdf");
  const pages: RenderedPage[] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const page = doc.loadPage(i);
    const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
    pages.push({
      width: pixmap.getWidth(),
      height: pixmap.getHeight(),
      scale,
      pixels: new Uint8ClampedArray(pixmap.getPixels()),
      stride: pixmap.getStride(),
      text: page.toStructuredText("preserve-whitespace").asText(),
    });
  }
  return pages;
}

/** The page's size in points, as the PDF declares it. */
export function pageSizes(bytes: Uint8Array): { width: number; height: number }[] {
  const doc = mupdf.Document.openDocument(bytes, "application/pdf");
  return Array.from({ length: doc.countPages() }, (_, i) => {
    const [x0, y0, x1, y1] = doc.loadPage(i).getBounds();
    return { width: x1 - x0, height: y1 - y0 };
  });
}

/** Share of the pixels in a box (points, top-left origin) within `tolerance` of `hex` per channel. */
export function shareOfColour(
  page: RenderedPage,
  box: { x: number; y: number; w: number; h: number },
  hex: string,
  tolerance = 6,
): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const want = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  const x0 = Math.max(0, Math.round(box.x * page.scale));
  const y0 = Math.max(0, Math.round(box.y * page.scale));
  const x1 = Math.min(page.width, Math.round((box.x + box.w) * page.scale));
  const y1 = Math.min(page.height, Math.round((box.y + box.h) * page.scale));
  let hits = 0;
  let total = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = y * page.stride + x * 3;
      total++;
      if (want.every((c, k) => Math.abs((page.pixels[i + k] ?? -999) - c) <= tolerance)) hits++;
    }
  }
  return total === 0 ? 0 : hits / total;
}
