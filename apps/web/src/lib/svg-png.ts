/**
 * The map's PNG, made in the browser from the same SVG the server exports: drawn on a canvas at twice its size
 * and saved. No server-side rasteriser: a WASM one with its fonts would add megabytes to the web Worker for an
 * image every browser can already draw.
 * @module
 */

/** Loads the SVG at `svgUrl` (same origin) and resolves to its PNG at `scale`×. */
export async function svgToPng(svgUrl: string, scale = 2): Promise<Blob> {
  const image = new Image();
  image.src = svgUrl;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(image.naturalWidth * scale);
  canvas.height = Math.round(image.naturalHeight * scale);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw on a canvas.");
  context.scale(scale, scale);
  context.drawImage(image, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("The PNG could not be made."))), "image/png"),
  );
}

/** Saves `blob` as a download named `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; a later revoke keeps Safari from cancelling it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
