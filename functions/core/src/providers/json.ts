/** @module Safe JSON parsing for untrusted webhook bodies. */

export const MAX_JSON_DEPTH = 64;

export type JsonParse = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses JSON and rejects documents nested deeper than `maxDepth`, which would otherwise cost stack and CPU later. */
export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonParse {
  if (exceedsDepth(text, maxDepth)) return { ok: false, reason: `JSON nested deeper than ${maxDepth} levels` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: `malformed JSON: ${(error as Error).message}` };
  }
}

/** A linear scan for bracket depth that skips strings, so depth is checked before JSON.parse recurses. */
function exceedsDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 92 /* \ */) i++;
      else if (char === 34 /* " */) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 || char === 91) {
      if (++depth > maxDepth) return true;
    } else if (char === 125 || char === 93) depth--;
  }
  return false;
}
