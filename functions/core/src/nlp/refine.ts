/**
 * The model backend's pass over items the local pipeline has already analysed (so redacted: only the stored,
 * redacted text ever reaches a model). Embeddings place unthemed items on the themes of an embedding-based
 * re-clustering; the sentiment model's opinion is blended into the local score. Either port may fail on its own: the
 * local result then stands for what it would have changed, and the failure is reported, never thrown.
 * @module
 */
import { type AnalyzedItem, itemFriction } from "../analysis/analyze.ts";
import { nearestTheme } from "../themes/assign.ts";
import { blendSentiment } from "./blend.ts";
import type { EmbeddedThemes } from "./embedded-themes.ts";
import { AiBackendError, type NlpBackend } from "./ports.ts";

export interface AiRefinement {
  /** The items in the same order; an item the backend changed nothing about is the same object. */
  items: AnalyzedItem[];
  /** Items placed on a theme by their embedding. */
  themed: number;
  /** Items whose sentiment the model's opinion was blended into. */
  sentimentBlended: number;
  /** What failed; the local results stand for it. */
  errors: AiBackendError[];
}

/** The text analysis read: the redacted title and body, as `analyzeItem` joins them. */
export function analyzedText(item: Pick<AnalyzedItem, "title" | "text">): string {
  return item.title ? `${item.title}. ${item.text}` : item.text;
}

/**
 * Refines `items` with `backend`. Embeddings are only computed, and only compared, when `themes` was built by the
 * very same embedder (backend and model): vectors of different models never meet, so after a model change items
 * wait, unthemed or keyword-themed, for the next re-clustering. Items a pinned keyword already placed keep it.
 */
export async function refineWithAi(
  items: readonly AnalyzedItem[],
  backend: NlpBackend,
  themes?: EmbeddedThemes,
): Promise<AiRefinement> {
  const embedder = backend.embedder;
  const comparable = embedder && themes && themes.backend === embedder.backend && themes.modelId === embedder.modelId;
  // Test items join no theme (see `analyzeItem`).
  const unthemed = comparable ? items.flatMap((item, i) => (item.theme || item.feedback.test ? [] : [i])) : [];
  const [vectors, scores] = await Promise.allSettled([
    unthemed.length > 0 && embedder
      ? embedder.embed(unthemed.map((i) => analyzedText(items[i] as AnalyzedItem)))
      : Promise.resolve([]),
    backend.sentiment && items.length > 0
      ? backend.sentiment.score(
          items.map(analyzedText),
          items.map((item) => item.language),
        )
      : Promise.resolve([]),
  ]);

  const errors: AiBackendError[] = [];
  const out = [...items];
  let themed = 0;
  let sentimentBlended = 0;
  if (vectors.status === "rejected") errors.push(asBackendError(vectors.reason, embedder?.modelId));
  else if (themes) {
    unthemed.forEach((index, k) => {
      const vector = vectors.value[k];
      const theme = vector && vector.terms.length > 0 ? nearestTheme(vector, themes.model) : null;
      if (!theme) return;
      out[index] = { ...(out[index] as AnalyzedItem), theme };
      themed++;
    });
  }
  if (scores.status === "rejected") errors.push(asBackendError(scores.reason, backend.sentiment?.modelId));
  else {
    scores.value.forEach((score, index) => {
      if (score === undefined) return;
      const item = out[index] as AnalyzedItem;
      const sentiment = blendSentiment(item.sentiment, score);
      out[index] = {
        ...item,
        sentiment,
        friction: itemFriction(sentiment.score, item.detractor, item.escalations.length > 0),
      };
      sentimentBlended++;
    });
  }
  return { items: out, themed, sentimentBlended, errors };
}

function asBackendError(reason: unknown, model = "unknown model"): AiBackendError {
  if (reason instanceof AiBackendError) return reason;
  return new AiBackendError("failed", model, reason instanceof Error ? reason.message : String(reason), {
    cause: reason,
  });
}
