/**
 * Download file names for the exports, the same on the server (Content-Disposition) and in the browser (the PNG):
 * ASCII only, so they need no encoding in a header or on any file system.
 * @module
 */
import type { DayRange } from "./range.ts";

/** Letters that do not decompose into a base letter and an accent. */
const FOLDS: Record<string, string> = { ø: "o", æ: "ae", ß: "ss", œ: "oe", đ: "d", ł: "l", þ: "th" };

/** `Kundenreise – Zahlung` → `kundenreise-zahlung`; `journey` when nothing is left. */
export function fileSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[øæßœđłþ]/g, (c) => FOLDS[c] ?? "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "journey";
}

/** `firebreak-onboarding-hotspots-2026-08-27-to-2026-11-24`, without the extension. */
export function exportFileStem(journeyName: string, what: string, range: DayRange): string {
  return `firebreak-${fileSlug(journeyName)}-${what}-${range.from}-to-${range.to}`;
}
