/**
 * Text for the exports: widths by Helvetica's metrics (the PDFs use the standard Helvetica, and the SVG names
 * Helvetica and Arial, which share them), line wrapping with an ellipsis, and the reduction of any text to what the
 * standard fonts' WinAnsi encoding can draw, so an emoji or a CJK name never makes a PDF fail.
 * @module
 */
import { StandardFontEmbedder, StandardFonts } from "pdf-lib";

// pdf-lib's two font-name enums hold the same strings; the embedder is typed with the one it does not re-export.
type EmbedderFont = Parameters<typeof StandardFontEmbedder.for>[0];
const regular = StandardFontEmbedder.for(StandardFonts.Helvetica as unknown as EmbedderFont);
const bold = StandardFontEmbedder.for(StandardFonts.HelveticaBold as unknown as EmbedderFont);

/** Characters WinAnsi lacks that have a plain stand-in, before anything is dropped. */
const STAND_INS: Record<string, string> = {
  "\u2212": "-",
  "\u2010": "-",
  "\u2011": "-",
  "\u2192": "->",
  "\u2190": "<-",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2248": "~",
  "\u0141": "L",
  "\u0142": "l",
  "\u0110": "D",
  "\u0111": "d",
  "\u0131": "i",
  "\u00a0": " ",
  "\u202f": " ",
  "\u2009": " ",
  "\u2007": " ",
  "\u2002": " ",
  "\u2003": " ",
  "\u200b": "",
  "\u200d": "",
  "\ufe0f": "",
  "\ufe0e": "",
  "\t": " ",
  "\n": " ",
  "\r": " ",
};

const COMBINING = /\p{M}/u;
/** Code points from which one glyph is drawn: wide scripts (CJK, Hangul, kana) and emoji are about 1 em. */
const WIDE = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Extended_Pictographic}]/u;

function encodable(codePoint: number): boolean {
  return regular.encoding.canEncodeUnicodeCodePoint(codePoint);
}

/**
 * `text` reduced to WinAnsi: stand-ins for dashes, arrows and spaces, accents dropped where the letter exists
 * without them (ő → o), and anything else (emoji, CJK) as one "?" per character, so names stay recognisable in
 * length and position.
 * @example winAnsiSafe("Zahlung 💳 fehlgeschlagen") // "Zahlung ? fehlgeschlagen"
 */
export function winAnsiSafe(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC")) {
    const standIn = STAND_INS[char];
    if (standIn !== undefined) {
      out += standIn;
      continue;
    }
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) continue;
    if (encodable(codePoint)) {
      out += char;
      continue;
    }
    if (COMBINING.test(char)) continue;
    const base = [...char.normalize("NFKD")].filter((c) => !COMBINING.test(c)).join("");
    out += base && [...base].every((c) => encodable(c.codePointAt(0) ?? 0)) ? base : "?";
  }
  return out;
}

/**
 * Text as it can stand in XML 1.0: characters XML forbids (C0 controls but tab and newlines, lone surrogates,
 * U+FFFE/U+FFFF) are dropped. Escaping is the writer's.
 */
export function xmlSafe(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML forbids.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Cs}/gu, "");
}

/** The width of `text` at `size` points, in Helvetica (bold or regular); other scripts measured as drawn. */
export function measureText(text: string, size: number, isBold = false): number {
  const font = isBold ? bold : regular;
  let width = 0;
  let run = "";
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (encodable(codePoint)) {
      run += char;
      continue;
    }
    if (COMBINING.test(char) || codePoint === 0x200d || codePoint === 0xfe0f) continue;
    width += WIDE.test(char) ? size : size * 0.6;
  }
  return width + (run ? font.widthOfTextAtSize(run, size) : 0);
}

const ELLIPSIS = "…";

/** `text` cut to fit `width`, ending in an ellipsis when it was cut. */
export function ellipsize(text: string, width: number, size: number, isBold = false): string {
  if (measureText(text, size, isBold) <= width) return text;
  const chars = [...text];
  let low = 0;
  let high = chars.length;
  // The longest prefix that still fits with the ellipsis: widths only grow with length, so bisect.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measureText(chars.slice(0, mid).join("").trimEnd() + ELLIPSIS, size, isBold) <= width) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? ELLIPSIS : chars.slice(0, low).join("").trimEnd() + ELLIPSIS;
}

/**
 * `text` wrapped into at most `maxLines` lines of `width`: words break at spaces, a word longer than a line breaks
 * inside, and the last line ends in an ellipsis when text was left over.
 */
export function wrapText(text: string, width: number, size: number, isBold = false, maxLines = Infinity): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  const fits = (candidate: string) => measureText(candidate, size, isBold) <= width;
  for (let i = 0; i < words.length; i++) {
    let word = words[i] as string;
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) {
      lines.push(line);
      line = "";
    }
    // A single word wider than the line: break it where it stops fitting.
    while (!fits(word)) {
      const chars = [...word];
      let cut = 1;
      while (cut < chars.length && fits(chars.slice(0, cut + 1).join(""))) cut++;
      lines.push(chars.slice(0, cut).join(""));
      word = chars.slice(cut).join("");
    }
    line = word;
    if (lines.length >= maxLines) break;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] as string;
  kept[maxLines - 1] = ellipsize(`${last}${ELLIPSIS}`, width, size, isBold);
  return kept;
}
