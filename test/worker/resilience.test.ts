import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import type { replay } from "@firebreak/db";
import { createDb, schema } from "@firebreak/db";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { handleDeliveryBatch } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW } from "../helpers/fixtures.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const call = (path: string, init: RequestInit = {}) => app.request(path, init, env, createExecutionContext());

let source: { id: string; secret: string };
let workspaceId: string;

beforeAll(async () => {
  const ws = await makeWorkspace(env.DB, "resilience");
  workspaceId = ws.workspaceId;
  const res = await call("/api/v1/sources", {
    method: "POST",
    headers: { authorization: `Bearer ${ws.token}`, "content-type": "application/json" },
    body: JSON.stringify({ provider: "standard-webhooks", name: "Fuzzed" }),
  });
  source = (await res.json()) as { id: string; secret: string };
});

function signedHeaders(body: string, id: string) {
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(NOW / 1000)),
    "webhook-signature": new Webhook(source.secret).sign(id, new Date(NOW), body),
  };
}

describe("no input yields a 5xx", () => {
  it("holds for random bodies, content types, headers and paths", async () => {
    const jsonish = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify({ type: "feedback.created", data: v })),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.nat(200).map((n) => "[".repeat(n) + "]".repeat(n)),
    );
    await fc.assert(
      fc.asyncProperty(
        jsonish,
        fc.constantFrom(
          "application/json",
          "text/plain",
          "application/x-www-form-urlencoded",
          "",
          "application/vnd.x+json",
        ),
        fc.boolean(),
        fc.constantFrom(
          `/webhooks/standard-webhooks/${source.id}`,
          "/webhooks/standard-webhooks/x",
          "/webhooks/%00/%ff",
          "/api/v1/sources",
        ),
        async (body, contentType, sign, path) => {
          const headers: Record<string, string> = sign ? signedHeaders(body, crypto.randomUUID()) : {};
          headers["content-type"] = contentType;
          const res = await call(path, { method: "POST", headers, body });
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            const payload = (await res.json()) as { error: { code: string; message: string; requestId: string } };
            expect(typeof payload.error.code).toBe("string");
            expect(payload.error.requestId).toBeTruthy();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** A D1 whose batches fail at random: the queue consumer must retry without losing or doubling anything. */
function flakyD1(d1: D1Database, failureRate: number, random: () => number): D1Database {
  return new Proxy(d1, {
    get(target, prop, receiver) {
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) =>
          random() < failureRate ? Promise.reject(new Error("injected D1 failure")) : target.batch(statements);
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("the queue consumer under D1 failures and redeliveries", () => {
  it("stores every accepted delivery exactly once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const body = JSON.stringify({
        type: "feedback.created",
        data: {
          id: `burst-${i}`,
          comment: `Order ${i} arrived late`,
          score: i % 11,
          scale: "nps",
          customer: { id: `c${i % 7}` },
        },
      });
      const res = await call(`/webhooks/standard-webhooks/${source.id}`, {
        method: "POST",
        headers: signedHeaders(body, `burst-msg-${i}`),
        body,
      });
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { deliveryId: string }).deliveryId);
    }

    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const flakyEnv = { ...env, DB: flakyD1(env.DB, 0.2, random) };
    // Every message is delivered at least once, 10% of them twice, and retried until acked, like the queue does.
    let pending = ids.flatMap((id, i) => (i % 10 === 0 ? [id, id] : [id]));
    for (let round = 1; pending.length > 0 && round <= 30; round++) {
      const batch = createMessageBatch<replay.DeliveryMessage>(
        "firebreak-deliveries",
        pending.map((deliveryId, i) => ({
          id: `${round}-${i}`,
          timestamp: new Date(NOW),
          attempts: round,
          body: { deliveryId },
        })),
      );
      await handleDeliveryBatch(batch, flakyEnv);
      const result = await getQueueResult(batch, createExecutionContext());
      const retried = new Set(result.retryMessages.map((m) => m.msgId));
      pending = pending.filter((_, i) => retried.has(`${round}-${i}`));
    }
    expect(pending).toEqual([]);

    const [items] = await db
      .select({ n: sql<number>`count(*)`, distinct: sql<number>`count(distinct external_id)` })
      .from(schema.feedbackItems)
      .where(eq(schema.feedbackItems.sourceId, source.id));
    expect(items).toEqual({ n: 60, distinct: 60 });
    const [rolled] = await db
      .select({ n: sql<number>`sum(item_count)` })
      .from(schema.dailyRollups)
      .where(eq(schema.dailyRollups.sourceId, source.id));
    expect(rolled?.n).toBe(60);
    const statuses = await db
      .select({ status: schema.deliveries.status, n: sql<number>`count(*)` })
      .from(schema.deliveries)
      .where(eq(schema.deliveries.workspaceId, workspaceId))
      .groupBy(schema.deliveries.status);
    expect(statuses.find((s) => s.status === "processed")?.n).toBe(60);
    // Customers share the items' transaction, so failed attempts never inflate their counts.
    const [customers] = await db
      .select({ n: sql<number>`coalesce(sum(item_count), 0)` })
      .from(schema.customers)
      .where(eq(schema.customers.workspaceId, workspaceId));
    expect(customers?.n).toBe(60);
  });
});
