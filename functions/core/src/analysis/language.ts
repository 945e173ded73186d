/**
 * Language detection with eld (its smallest n-gram set), restricted to the workspace's languages so a short Danish
 * sentence is not mistaken for Norwegian.
 * @module
 */
import { eld } from "eld/extrasmall";

const MIN_WORDS = 3;
let currentSubset = "";

/** ISO 639-1 code of `text` among `allowed`, or `und` when the text is too short or unclear. */
export function detectLanguage(text: string, allowed: readonly string[]): string {
  if (text.trim().split(/\s+/).length < MIN_WORDS) return "und";
  const subset = [...allowed].sort().join(",");
  // eld keeps one subset per instance; switching is cheap but not free, so only switch when it changes.
  if (subset !== currentSubset) {
    eld.setLanguageSubset(allowed.length > 0 ? [...allowed] : false);
    currentSubset = subset;
  }
  const result = eld.detect(text);
  return result.language && allowed.includes(result.language) ? result.language : result.language || "und";
}
