import { describe, expect, it } from "vitest";
import { FakeAI } from "./fake-ai.ts";
import { AiBackendError } from "./ports.ts";
import {
  BGE_M3,
  DISTILBERT_SST2,
  EMBED_BATCH_CHARS,
  EMBED_BATCH_TEXTS,
  EMBED_TEXT_CHARS,
  embeddingBatches,
  parseEmbeddings,
  parseSentiment,
  truncateText,
  workersAiBackend,
} from "./workers-ai.ts";

const sentTexts = (fake: FakeAI) => fake.callsTo(BGE_M3).map((c) => (c.input as { text: string[] }).text);
const norm = (weights: readonly number[]) => Math.sqrt(weights.reduce((s, w) => s + w * w, 0));

async function rejection(promise: Promise<unknown>): Promise<AiBackendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AiBackendError);
  return error as AiBackendError;
}

describe("bge-m3 embedder", () => {
  it("sends at most 100 texts per call and returns one unit vector per text, in order", async () => {
    const fake = new FakeAI();
    const { embedder } = workersAiBackend(fake);
    const texts = Array.from({ length: 250 }, (_, i) => `Parcel number ${i} arrived late`);
    const vectors = await embedder.embed(texts);

    expect(sentTexts(fake).map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(sentTexts(fake).flat()).toEqual(texts);
    expect(vectors).toHaveLength(250);
    for (const vector of vectors) expect(norm(vector.weights)).toBeCloseTo(1, 9);
    // The same text gives the same vector, wherever it sat in a batch.
    const again = await embedder.embed([texts[170] as string]);
    expect(again[0]).toEqual(vectors[170]);
    expect(embedder).toMatchObject({ backend: "workers-ai", modelId: BGE_M3 });
  });

  it("keeps each call inside the character budget and cuts long texts at a word boundary", async () => {
    const fake = new FakeAI();
    const { embedder } = workersAiBackend(fake);
    const long = `${"The refund never arrived and nobody answers the phone. ".repeat(100)}END`;
    await embedder.embed(Array.from({ length: 120 }, () => long));

    for (const batch of sentTexts(fake)) {
      expect(batch.length).toBeLessThanOrEqual(EMBED_BATCH_TEXTS);
      expect(batch.reduce((s, t) => s + t.length, 0)).toBeLessThanOrEqual(EMBED_BATCH_CHARS);
    }
    const sent = sentTexts(fake)[0]?.[0] as string;
    expect(sent.length).toBeLessThanOrEqual(EMBED_TEXT_CHARS);
    expect(sent.length).toBeGreaterThan(EMBED_TEXT_CHARS * 0.8);
    expect(long.startsWith(sent)).toBe(true);
    // Cut between words: the next character of the original is the space the cut fell on.
    expect(long[sent.length]).toBe(" ");
    expect(fake.callsTo(BGE_M3)[0]?.input).toMatchObject({ truncate_inputs: true });
  });

  it("sends no empty texts and gives them the empty vector", async () => {
    const fake = new FakeAI();
    const vectors = await workersAiBackend(fake).embedder.embed(["", "Charged twice", "   "]);
    expect(sentTexts(fake)).toEqual([["Charged twice"]]);
    expect(vectors[0]).toEqual({ terms: [], weights: [] });
    expect(vectors[2]).toEqual({ terms: [], weights: [] });
    expect(vectors[1]?.terms.length).toBeGreaterThan(0);
    expect(await workersAiBackend(fake).embedder.embed([])).toEqual([]);
  });

  it("gives nearby vectors to paraphrases that share words, in any language", async () => {
    const { embedder } = workersAiBackend(new FakeAI());
    const [a, b, c, d, e] = await embedder.embed([
      "My parcel arrived five days late",
      "The parcel arrived late again",
      "I was charged twice for one order",
      "Meine Rückerstattung ist noch nicht da",
      "Rückerstattung noch immer nicht erhalten",
    ]);
    const cos = (x = a, y = b) => {
      const map = new Map(y?.terms.map((t, i) => [t, y.weights[i] as number]));
      return (x?.terms ?? []).reduce((s, t, i) => s + (x?.weights[i] as number) * (map.get(t) ?? 0), 0);
    };
    expect(cos(a, b)).toBeGreaterThan(cos(a, c) + 0.1);
    expect(cos(d, e)).toBeGreaterThan(cos(d, c) + 0.1);
  });

  it("turns a throwing model into AiBackendError('failed') with the cause", async () => {
    const error = await rejection(workersAiBackend(new FakeAI({ failure: "throw" })).embedder.embed(["late"]));
    expect(error.failure).toBe("failed");
    expect(error.model).toBe(BGE_M3);
    expect((error.cause as Error).message).toContain("5xx");
  });

  it("gives up on a model that does not answer within the deadline and aborts the call", async () => {
    const fake = new FakeAI({ failure: "hang" });
    let aborted = false;
    const original = fake.run.bind(fake);
    fake.run = (model, input, options) => {
      (options as { signal: AbortSignal }).signal.addEventListener("abort", () => {
        aborted = true;
      });
      return original(model, input, options);
    };
    const started = Date.now();
    const error = await rejection(workersAiBackend(fake, { timeoutMs: 30 }).embedder.embed(["late"]));
    expect(error.failure).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(aborted).toBe(true);
  });

  it.each([
    ["garbage", "invalid-response"],
    ["wrong-count", "invalid-response"],
  ] as const)("rejects an answer in the wrong shape (%s)", async (failure, expected) => {
    const error = await rejection(workersAiBackend(new FakeAI({ failure })).embedder.embed(["late", "refund"]));
    expect(error.failure).toBe(expected);
  });

  it("stops sending batches after one fails", async () => {
    const fake = new FakeAI({ failure: "throw" });
    await rejection(workersAiBackend(fake).embedder.embed(Array.from({ length: 1_000 }, (_, i) => `text ${i}`)));
    // Four calls are in flight at once; none starts after the first failure.
    expect(fake.callsTo(BGE_M3).length).toBeLessThanOrEqual(4);
  });
});

describe("parseEmbeddings", () => {
  const row = (seed: number) => Array.from({ length: 4 }, (_, i) => seed + i);

  it("accepts the newer {data, shape, pooling} and the older {response, shape} answers", () => {
    expect(parseEmbeddings({ shape: [2, 4], data: [row(1), row(2)], pooling: "cls" }, 2)).toEqual([row(1), row(2)]);
    expect(parseEmbeddings({ shape: [1, 4], response: [row(3)] }, 1)).toEqual([row(3)]);
    expect(parseEmbeddings({ data: [row(3)] }, 1)).toEqual([row(3)]);
  });

  it.each([
    ["no vectors", { shape: [1, 4] }],
    ["a count that does not match", { data: [row(1)] }],
    ["ragged rows", { data: [row(1), [1, 2]] }],
    ["a shape that disagrees", { shape: [2, 8], data: [row(1), row(2)] }],
    ["non-numbers", { data: [row(1), ["a", "b", "c", "d"]] }],
    ["a zero vector", { data: [row(1), [0, 0, 0, 0]] }],
    ["an async request id", { request_id: "abc" }],
    ["null", null],
  ])("rejects %s", (_, answer) => {
    expect(() => parseEmbeddings(answer, 2)).toThrow(AiBackendError);
  });
});

describe("distilbert sentiment", () => {
  it("asks the model about English texts only; other languages have no opinion", async () => {
    const fake = new FakeAI();
    const { sentiment } = workersAiBackend(fake);
    const scores = await sentiment.score(
      ["Terrible, the parcel is still missing", "Pakken kom aldrig", "Great and fast service, thanks", ""],
      ["en", "da", "en", "en"],
    );
    expect(fake.callsTo(DISTILBERT_SST2).map((c) => c.input)).toEqual([
      { text: "Terrible, the parcel is still missing" },
      { text: "Great and fast service, thanks" },
    ]);
    expect(scores[0]).toBeLessThan(-0.5);
    expect(scores[1]).toBeUndefined();
    expect(scores[2]).toBeGreaterThan(0.5);
    expect(scores[3]).toBeUndefined();
  });

  it("fails as a whole when any call fails, so the local scores stand", async () => {
    const fake = new FakeAI({ failure: "garbage", failModel: DISTILBERT_SST2 });
    const error = await rejection(workersAiBackend(fake).sentiment.score(["bad", "good"], ["en", "en"]));
    expect(error).toMatchObject({ failure: "invalid-response", model: DISTILBERT_SST2 });
  });

  it("reads P(positive) − P(negative) from either label order, or from one label", () => {
    expect(
      parseSentiment([
        { label: "NEGATIVE", score: 0.9 },
        { label: "POSITIVE", score: 0.1 },
      ]),
    ).toBeCloseTo(-0.8);
    expect(
      parseSentiment([
        { label: "POSITIVE", score: 0.7 },
        { label: "NEGATIVE", score: 0.3 },
      ]),
    ).toBeCloseTo(0.4);
    expect(parseSentiment([{ label: "NEGATIVE", score: 0.75 }])).toBeCloseTo(-0.5);
    expect(() => parseSentiment([{ label: "LABEL_0", score: 0.75 }])).toThrow(AiBackendError);
    expect(() => parseSentiment([{ label: "POSITIVE", score: 1.5 }])).toThrow(AiBackendError);
    expect(() => parseSentiment({ label: "POSITIVE", score: 0.5 })).toThrow(AiBackendError);
  });
});

describe("truncateText and embeddingBatches", () => {
  it("never splits a surrogate pair, and trims", () => {
    const text = `${"a".repeat(9)}😀tail`;
    expect(truncateText(text, 10)).toBe("a".repeat(9));
    expect(truncateText("  short  ", 10)).toBe("short");
  });

  it("sends a text longer than the call budget alone", () => {
    expect(embeddingBatches(["aa", "b".repeat(50), "cc", "", "dd"], 3, 10)).toEqual([[0], [1], [2, 4]]);
  });
});
