/**
 * A deterministic stand-in for the Workers AI binding, so batching, parsing, fallback and the embedding-based
 * themes run offline. Embeddings are hashed character trigrams (any language, no stemming: paraphrases that share
 * words land close, translations do not) plus one shared "domain" dimension that lifts every cosine the way real
 * sentence embeddings do (unrelated ≈ 0.5, reworded ≈ 0.7–0.85), so the bge-m3 thresholds apply. Sentiment is a
 * tiny English word list answered in distilbert's `[{label, score}]` shape.
 * @module
 */
import type { AiBinding } from "./ports.ts";
import { BGE_M3, DISTILBERT_SST2 } from "./workers-ai.ts";

/** How the fake misbehaves: throws, never answers (until aborted), or answers in the wrong shape. */
export type FakeAiFailure = "throw" | "hang" | "garbage" | "wrong-count";

export interface FakeAiCall {
  model: string;
  input: unknown;
}

export interface FakeAiOptions {
  dimensions?: number;
  /** Misbehave on every call, or only on calls to `failModel`. */
  failure?: FakeAiFailure;
  failModel?: string;
}

const NEGATIVE = new Set(
  "late never broken terrible awful worst bad wrong missing damaged rude cancel refund waiting still slow useless angry disappointed".split(
    " ",
  ),
);
const POSITIVE = new Set(
  "great good love fast thanks thank excellent happy helpful perfect easy friendly quick".split(" "),
);

export class FakeAI implements AiBinding {
  readonly calls: FakeAiCall[] = [];
  readonly dimensions: number;
  failure: FakeAiFailure | undefined;
  failModel: string | undefined;

  constructor(options: FakeAiOptions = {}) {
    this.dimensions = options.dimensions ?? 1024;
    this.failure = options.failure;
    this.failModel = options.failModel;
  }

  /** Calls made to `model`. */
  callsTo(model: string): FakeAiCall[] {
    return this.calls.filter((c) => c.model === model);
  }

  async run(model: string, input: unknown, options?: unknown): Promise<unknown> {
    this.calls.push({ model, input });
    if (this.failure && (!this.failModel || this.failModel === model)) return this.misbehave(this.failure, options);
    if (model === BGE_M3) {
      const { text } = input as { text: string | string[] };
      const texts = Array.isArray(text) ? text : [text];
      const data = texts.map((t) => this.embedOne(t));
      return { shape: [data.length, this.dimensions], data, pooling: "cls" };
    }
    if (model === DISTILBERT_SST2) return classify((input as { text: string }).text);
    throw new Error(`FakeAI: no model ${model}`);
  }

  /** The vector the fake gives `text`, before the backend scales it to unit length. */
  embedOne(text: string): number[] {
    const letters = text
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
    const padded = ` ${letters} `;
    let grams = 0;
    const vector = new Array<number>(this.dimensions).fill(0);
    for (let i = 0; i + 3 <= padded.length; i++) {
      const gram = padded.slice(i, i + 3);
      if (gram.trim().length < 2) continue;
      const h = fnv1a(gram);
      // Dimension 0 is the shared domain; the sign halves the bias of hash collisions.
      const dimension = 1 + (h % (this.dimensions - 1));
      vector[dimension] = (vector[dimension] as number) + (h & 0x80000000 ? -1 : 1);
      grams++;
    }
    const norm = Math.sqrt(vector.reduce((s, c) => s + c * c, 0)) || 1;
    for (let i = 1; i < this.dimensions; i++) vector[i] = (vector[i] as number) / norm;
    vector[0] = grams > 0 ? 1 : 0.01;
    return vector;
  }

  private misbehave(failure: FakeAiFailure, options: unknown): Promise<unknown> {
    switch (failure) {
      case "throw":
        return Promise.reject(new Error("FakeAI: 5xx from the model"));
      case "garbage":
        return Promise.resolve({ result: "<html>Bad gateway</html>" });
      case "wrong-count":
        return Promise.resolve({ shape: [1, this.dimensions], data: [this.embedOne("one")] });
      case "hang": {
        const signal = (options as { signal?: AbortSignal } | undefined)?.signal;
        return new Promise((_, reject) => signal?.addEventListener("abort", () => reject(new Error("aborted"))));
      }
    }
  }
}

function classify(text: string): Array<{ label: string; score: number }> {
  let balance = 0;
  for (const word of text.toLowerCase().split(/[^a-z']+/)) {
    if (NEGATIVE.has(word)) balance--;
    else if (POSITIVE.has(word)) balance++;
  }
  const positive = 1 / (1 + Math.exp(-1.5 * balance));
  const pair = [
    { label: "NEGATIVE", score: 1 - positive },
    { label: "POSITIVE", score: positive },
  ];
  return pair.sort((a, b) => b.score - a.score);
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
