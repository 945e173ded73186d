/**
 * The Workers AI backend: `@cf/baai/bge-m3` embeddings (multilingual, 1,024 dimensions) for themes, and
 * `@cf/huggingface/distilbert-sst-2-int8` sentiment for English only. Every call has a deadline and its answer is
 * validated; anything else throws `AiBackendError`, and the caller keeps the local result. Texts reaching this module
 * are already redacted.
 * @module
 */
import { z } from "zod";
import type { SparseVector } from "../themes/vectors.ts";
import { denseToSparse } from "./dense.ts";
import {
  AiBackendError,
  type AiBinding,
  type Embedder,
  type SentimentModel,
  type SimilarityThresholds,
} from "./ports.ts";

export const BGE_M3 = "@cf/baai/bge-m3";
export const DISTILBERT_SST2 = "@cf/huggingface/distilbert-sst-2-int8";

/**
 * Starting points for bge-m3, derived from how dense cosines behave, not yet measured on labelled feedback: with
 * unrelated customer feedback at ≈ 0.5 and the same issue reworded at ≈ 0.7, a member sits ≈ √0.7 ≈ 0.84 from its
 * cluster's centroid and another issue's text ≈ 0.5 / 0.84 ≈ 0.6 from it; join and assign sit between the two.
 * Re-check them on the first real workspace that enables the backend.
 */
export const BGE_M3_THRESHOLDS: SimilarityThresholds = { join: 0.66, merge: 0.85, assign: 0.7 };

/** bge-m3 takes at most 100 texts per call. */
export const EMBED_BATCH_TEXTS = 100;
/**
 * Characters per text and per call. The model's window is 60,000 tokens per call; at a pessimistic 2 characters a
 * token, 100,000 characters stay inside it, and 2,000 characters per text is where a feedback's issue is stated.
 */
export const EMBED_TEXT_CHARS = 2_000;
export const EMBED_BATCH_CHARS = 100_000;
/** distilbert reads 512 tokens; the opening of a text carries its tone. */
export const SENTIMENT_TEXT_CHARS = 1_500;
export const AI_TIMEOUT_MS = 10_000;
/** Model calls in flight at once: a Worker may hold six connections open. */
const CONCURRENCY = 4;
/** Dimensions a sane embedding has; anything else is a broken answer. */
const MAX_DIMENSIONS = 4_096;

export interface WorkersAiOptions {
  /** Deadline per model call. */
  timeoutMs?: number;
  /** Texts per embedding call, at most `EMBED_BATCH_TEXTS`. */
  batchTexts?: number;
}

/** The embedder and the English sentiment model over one Workers AI binding. */
export function workersAiBackend(
  ai: AiBinding,
  options: WorkersAiOptions = {},
): { embedder: Embedder; sentiment: SentimentModel } {
  const timeoutMs = options.timeoutMs ?? AI_TIMEOUT_MS;
  const batchTexts = Math.min(options.batchTexts ?? EMBED_BATCH_TEXTS, EMBED_BATCH_TEXTS);
  return {
    embedder: {
      backend: "workers-ai",
      modelId: BGE_M3,
      thresholds: BGE_M3_THRESHOLDS,
      async embed(texts) {
        const prepared = texts.map((t) => truncateText(t, EMBED_TEXT_CHARS));
        const out: SparseVector[] = prepared.map(() => ({ terms: [], weights: [] }));
        const batches = embeddingBatches(prepared, batchTexts, EMBED_BATCH_CHARS);
        await forEachLimited(batches, CONCURRENCY, async (batch) => {
          const input = { text: batch.map((i) => prepared[i] as string), truncate_inputs: true };
          const rows = parseEmbeddings(await callModel(ai, BGE_M3, input, timeoutMs), batch.length);
          batch.forEach((index, k) => {
            out[index] = denseToSparse(rows[k] as number[]);
          });
        });
        return out;
      },
    },
    sentiment: {
      modelId: DISTILBERT_SST2,
      async score(texts, languages) {
        const out: Array<number | undefined> = texts.map(() => undefined);
        // SST-2 is English movie reviews: other languages keep the local lexicon's verdict.
        const english = texts.flatMap((text, i) =>
          languages[i] === "en" && text.trim().length > 0
            ? [{ i, text: truncateText(text, SENTIMENT_TEXT_CHARS) }]
            : [],
        );
        await forEachLimited(english, CONCURRENCY, async ({ i, text }) => {
          out[i] = parseSentiment(await callModel(ai, DISTILBERT_SST2, { text }, timeoutMs));
        });
        return out;
      },
    },
  };
}

/**
 * `text` trimmed and cut to at most `maxChars`, at a word boundary when one falls in the last fifth, never inside a
 * surrogate pair.
 */
export function truncateText(text: string, maxChars: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= maxChars) return trimmed;
  let end = maxChars;
  const space = trimmed.lastIndexOf(" ", maxChars);
  if (space >= maxChars * 0.8) end = space;
  else if (isHighSurrogate(trimmed.charCodeAt(end - 1))) end--;
  return trimmed.slice(0, end).trimEnd();
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * Indices of the non-empty texts, in order, grouped into calls of at most `maxTexts` texts and `maxChars`
 * characters (a longer text travels alone).
 */
export function embeddingBatches(texts: readonly string[], maxTexts: number, maxChars: number): number[][] {
  const batches: number[][] = [];
  let batch: number[] = [];
  let chars = 0;
  texts.forEach((text, i) => {
    if (text.length === 0) return;
    if (batch.length > 0 && (batch.length >= maxTexts || chars + text.length > maxChars)) {
      batches.push(batch);
      batch = [];
      chars = 0;
    }
    batch.push(i);
    chars += text.length;
  });
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** One model call with a deadline; a throw, a rejection or a timeout become `AiBackendError`. */
export async function callModel(ai: AiBinding, model: string, input: unknown, timeoutMs: number): Promise<unknown> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new AiBackendError("timeout", model, `no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    // `run` may throw synchronously; inside the async arrow that becomes a rejection the race sees.
    return await Promise.race([(async () => ai.run(model, input, { signal: controller.signal }))(), deadline]);
  } catch (error) {
    if (error instanceof AiBackendError) throw error;
    throw new AiBackendError("failed", model, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

// Older answers carry the vectors as `response`, newer ones as `data` (with `pooling`).
const ZEmbeddingAnswer = z.object({
  shape: z.array(z.number().int()).optional(),
  data: z.array(z.array(z.number())).optional(),
  response: z.array(z.array(z.number())).optional(),
  pooling: z.string().optional(),
});

/** The `expected` vectors of a bge-m3 answer, or `AiBackendError` when the answer is anything else. */
export function parseEmbeddings(answer: unknown, expected: number): number[][] {
  const invalid = (detail: string) => new AiBackendError("invalid-response", BGE_M3, detail);
  const parsed = ZEmbeddingAnswer.safeParse(answer);
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? "unexpected shape");
  const rows = parsed.data.data ?? parsed.data.response;
  if (!rows) throw invalid("no vectors");
  if (rows.length !== expected) throw invalid(`${rows.length} vectors for ${expected} texts`);
  const dimensions = rows[0]?.length ?? 0;
  if (dimensions === 0 || dimensions > MAX_DIMENSIONS) throw invalid(`${dimensions} dimensions`);
  if (rows.some((row) => row.length !== dimensions)) throw invalid("vectors of different lengths");
  const shape = parsed.data.shape;
  if (shape && (shape[0] !== expected || shape[1] !== dimensions)) throw invalid(`shape [${shape.join(", ")}]`);
  if (rows.some((row) => row.every((v) => v === 0))) throw invalid("a zero vector");
  return rows;
}

const ZClassification = z.array(z.object({ label: z.string(), score: z.number().min(0).max(1) })).min(1);

/** P(positive) − P(negative) from a distilbert answer, in [-1, 1]; `AiBackendError` for anything else. */
export function parseSentiment(answer: unknown): number {
  const parsed = ZClassification.safeParse(answer);
  if (!parsed.success) throw new AiBackendError("invalid-response", DISTILBERT_SST2, "not a list of {label, score}");
  const score = (label: string) => parsed.data.find((c) => c.label.toUpperCase() === label)?.score;
  const positive = score("POSITIVE");
  const negative = score("NEGATIVE");
  if (positive !== undefined && negative !== undefined) return clamp(positive - negative);
  if (positive !== undefined) return clamp(2 * positive - 1);
  if (negative !== undefined) return clamp(1 - 2 * negative);
  throw new AiBackendError("invalid-response", DISTILBERT_SST2, "neither POSITIVE nor NEGATIVE");
}

const clamp = (value: number) => Math.max(-1, Math.min(1, value));

/** Runs `task` over `items` with at most `limit` in flight; the first failure rejects and starts no further tasks. */
async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
