/**
 * The ports an optional model backend plugs into. Redaction, language detection and the rule engines always run
 * locally; what a backend may add is an embedding space for themes and a second opinion on sentiment. Each port
 * fails loudly (`AiBackendError`) so the caller can keep the local result.
 * @module
 */
import type { SparseVector } from "../themes/vectors.ts";

export type EmbeddingBackend = "local" | "workers-ai";

/** Cosines that mean "the same issue" in one embedding space; dense models score unrelated texts far above 0. */
export interface SimilarityThresholds {
  /** A vector joins a cluster whose centroid is at least this close (re-clustering's leader pass). */
  join: number;
  /** Two clusters whose centroids are at least this close merge. */
  merge: number;
  /** A new item at ingest joins the nearest theme at least this close. */
  assign: number;
}

/** Turns redacted texts into unit-length vectors; vectors from different `backend`/`modelId`s are never compared. */
export interface Embedder {
  backend: EmbeddingBackend;
  modelId: string;
  /** Calibrated for this model; without them, re-clustering uses `DENSE_CLUSTER_OPTIONS`. */
  thresholds?: SimilarityThresholds;
  /** One vector per text, in order; an empty text gets an empty vector. */
  embed(texts: readonly string[]): Promise<SparseVector[]>;
}

/** A text-only sentiment model. */
export interface SentimentModel {
  modelId: string;
  /**
   * A score in [-1, 1] per text (`languages[i]` is the text's language), or `undefined` where the model has no
   * opinion, e.g. a language it was not trained on: the local result then stands.
   */
  score(texts: readonly string[], languages: readonly string[]): Promise<Array<number | undefined>>;
}

/** What a model backend offers; either port may be missing. */
export interface NlpBackend {
  embedder?: Embedder;
  sentiment?: SentimentModel;
}

/**
 * The part of the Workers AI binding this code calls, structurally, so the core needs no Cloudflare import and a
 * test can bind a fake.
 */
export interface AiBinding {
  run(model: string, input: unknown, options?: unknown): Promise<unknown>;
}

export type AiFailure = "timeout" | "invalid-response" | "failed";

/** A model call that timed out, answered in a shape we do not accept, or threw. */
export class AiBackendError extends Error {
  override readonly name = "AiBackendError";
  readonly failure: AiFailure;
  readonly model: string;

  // Plain fields, not parameter properties: `node` runs the core's TypeScript by stripping types (`npm run eval`).
  constructor(failure: AiFailure, model: string, detail: string, options?: { cause?: unknown }) {
    super(`${model}: ${failure}: ${detail}`, options);
    this.failure = failure;
    this.model = model;
  }
}
