/**
 * The burst ledger: nothing accepted is lost or counted twice. A burst of signed Standard Webhooks deliveries goes
 * through the real webhook route (10% redelivered by the "provider"); a simulated Cloudflare Queue hands them to the
 * real consumer in batches of 100, delivers 10% of its messages twice, retries with the consumer's delays, counts
 * attempts and dead-letters after max_retries (5, wrangler.toml); the consumer's D1 fails 20% of its writes; the cron
 * sweep runs every 5 simulated minutes. A few payloads fail every attempt, so the dead-letter path runs for real. Then
 * a ledger read from D1 must balance: accepted = stored + dead-lettered, no item twice, rollups and customer counts
 * equal to the items. Quick: ~500 deliveries; full (`npm run test:full`): 10,000, and the ledger is printed.
 */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { createDb, type replay } from "@firebreak/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { handleDeliveryBatch, sweepStuckDeliveries } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { createStandardSource, postStandardDelivery, sendSigned } from "./standard-webhooks.ts";
import { coarseRollupsAgree } from "./stored-items.ts";

const FULL = env.PROOF_SCALE === "full";
const DELIVERIES = FULL ? 10_000 : 500;
/** Kept under the webhook rate limit (600 requests / 10 s per source) with the redeliveries included. */
const PER_SOURCE = 250;
/** Deliveries whose stored payload no longer decrypts: every attempt fails, so they must end dead-lettered. */
const POISONED = FULL ? 25 : 5;
const MAX_RETRIES = 5;
const BATCH_SIZE = 100;
const SEND_CONCURRENCY = 50;

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);

/** A small deterministic generator, so a failing run can be repeated exactly. */
function lcg(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const WRITE = /^\s*(insert|update|delete|replace|with)\b/i;
type Statement = ReturnType<D1Database["prepare"]>;

/**
 * A D1 whose writes fail at `rate`: whole batches, and single write statements (`run`, `all`, `first`, `raw`, as
 * UPDATE … RETURNING claims are). Reads pass, so what is tested is the consumer's handling of failed writes. With
 * `only`, just the write statements it matches fail, alone or with the batch that carries them.
 */
function flakyD1(
  d1: D1Database,
  rate: number,
  random: () => number,
  stats: { injected: number },
  only?: RegExp,
): D1Database {
  const originals = new WeakMap<object, Statement>();
  const queries = new WeakMap<object, string>();
  // With `only`, a batch fails as a whole when one of its statements is one to fail, as D1 rolls back a batch.
  const targeted = (statement: Statement) => {
    const query = queries.get(statement) ?? "";
    return WRITE.test(query) && (only?.test(query) ?? false);
  };
  const fail = () => {
    stats.injected++;
    return Promise.reject(new Error("D1_ERROR: injected write failure"));
  };
  const wrap = (statement: Statement, query: string): Statement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        if (property === "bind") return (...values: unknown[]) => wrap(target.bind(...values), query);
        const value = Reflect.get(target, property, target);
        if (typeof value !== "function") return value;
        if (
          ["run", "all", "first", "raw"].includes(String(property)) &&
          WRITE.test(query) &&
          (only?.test(query) ?? true)
        ) {
          return (...args: unknown[]) => (random() < rate ? fail() : value.apply(target, args));
        }
        return value.bind(target);
      },
    });
    originals.set(proxy, statement);
    queries.set(proxy, query);
    return proxy;
  };
  return new Proxy(d1, {
    get(target, property) {
      if (property === "prepare") return (query: string) => wrap(target.prepare(query), query);
      if (property === "batch") {
        return (statements: Statement[]) =>
          (!only || statements.some(targeted)) && random() < rate
            ? fail()
            : target.batch(statements.map((s) => originals.get(s) ?? s));
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

interface Message {
  id: string;
  deliveryId: string;
  attempts: number;
  visibleAt: number;
}

let ws: TestWorkspace;
const accepted: string[] = [];
let duplicates = 0;
const handedOff: string[] = [];

/** The producer binding the webhook route sends to: captured, so the simulated queue below delivers them. */
const producer: replay.DeliveryQueue = {
  sendBatch: async (messages: Iterable<{ body: replay.DeliveryMessage }>) => {
    for (const m of messages) handedOff.push(m.body.deliveryId);
  },
};

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "burst");
  const sources: Array<{ id: string; secret: string }> = [];
  for (let i = 0; i < Math.ceil(DELIVERIES / PER_SOURCE); i++) sources.push(await createStandardSource(app, ws));
  const sendEnv = { ...env, DELIVERIES: producer } as unknown as Env;
  // Every delivery once, then 10% of them again with the same webhook-id: the provider's redelivery, sent after
  // the originals were answered (the chunks run one after another).
  const sends: Array<{ n: number; redelivery: boolean }> = [];
  for (let n = 0; n < DELIVERIES; n++) sends.push({ n, redelivery: false });
  for (let n = 0; n < DELIVERIES; n += 10) sends.push({ n, redelivery: true });
  for (let i = 0; i < sends.length; i += SEND_CONCURRENCY) {
    await Promise.all(
      sends.slice(i, i + SEND_CONCURRENCY).map(async ({ n, redelivery }) => {
        const source = sources[Math.floor(n / PER_SOURCE)] as { id: string; secret: string };
        const body = JSON.stringify({
          type: "feedback.created",
          timestamp: "2026-11-20T09:58:00Z",
          data: {
            id: `burst-${n}`,
            comment: `Order ${n} arrived ${n % 3 === 0 ? "late and damaged" : "on time, thanks"}`,
            score: n % 11,
            scale: "nps",
            customer: { id: `cust-${n % 97}` },
          },
        });
        const messageId = `msg_burst_${n}`;
        const res = await sendSigned(app, source, messageId, body, sendEnv);
        const answer = (await res.json()) as { status: string; deliveryId: string };
        if (redelivery) {
          expect(res.status, JSON.stringify(answer)).toBe(200);
          expect(answer.status).toBe("duplicate");
          duplicates++;
        } else {
          expect(res.status, JSON.stringify(answer)).toBe(202);
          accepted.push(answer.deliveryId);
        }
      }),
    );
  }
  // The hand-off runs in waitUntil; give it a moment to land.
  await vi.waitFor(() => expect(new Set(handedOff).size).toBe(accepted.length), { timeout: 10_000 });
}, 600_000);

afterAll(() => {
  vi.useRealTimers();
});

describe(`a burst of ${DELIVERIES} deliveries through a flaky D1 and an at-least-once queue`, () => {
  it("balances: accepted = stored + dead-lettered, nothing twice, rollups and customers equal the items", async () => {
    expect(accepted).toHaveLength(DELIVERIES);
    expect(new Set(accepted).size).toBe(DELIVERIES);

    // Payloads that no longer decrypt (a corrupted row): the per-delivery failure no retry can fix.
    const poisoned = accepted.filter((_, i) => i % Math.floor(DELIVERIES / POISONED) === 3).slice(0, POISONED);
    for (const id of poisoned) {
      await env.DB.prepare(
        "UPDATE raw_payloads SET body = 'v1:corrupted:corrupted' WHERE id = (SELECT raw_payload_id FROM deliveries WHERE id = ?)",
      )
        .bind(id)
        .run();
    }

    const random = lcg(42);
    const stats = { injected: 0 };
    const flakyEnv = { ...env, DB: flakyD1(env.DB, 0.2, random, stats) };
    let clock = Date.now();
    let sequence = 0;
    const message = (deliveryId: string, visibleAt: number): Message => ({
      id: `m${sequence++}`,
      deliveryId,
      attempts: 1,
      visibleAt,
    });
    // At-least-once: every hand-off is a message, and 10% of them arrive a second time, up to half a minute later.
    let queue: Message[] = handedOff.map((id) => message(id, clock));
    for (const m of queue.slice()) if (random() < 0.1) queue.push(message(m.deliveryId, clock + random() * 30_000));
    const queuedTwice = queue.length - handedOff.length;

    let deadLetterQueue = 0;
    let batches = 0;
    let sweeps = 0;
    let nextSweep = clock + 5 * 60_000;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      for (let guard = 0; guard < 10_000; guard++) {
        const ready = queue.filter((m) => m.visibleAt <= clock).slice(0, BATCH_SIZE);
        if (ready.length === 0) {
          const nextVisible = Math.min(...queue.map((m) => m.visibleAt));
          if (queue.length > 0 && nextVisible < nextSweep) {
            clock = nextVisible;
            continue;
          }
          // The cron sweep: re-enqueues deliveries left failed or stranded in a lost claim.
          clock = nextSweep;
          nextSweep += 5 * 60_000;
          vi.setSystemTime(clock);
          const found: string[] = [];
          const cronQueue: replay.DeliveryQueue = {
            sendBatch: async (ms: Iterable<{ body: replay.DeliveryMessage }>) => {
              for (const m of ms) found.push(m.body.deliveryId);
            },
          };
          await sweepStuckDeliveries({ ...flakyEnv, DELIVERIES: cronQueue } as unknown as Env, clock).catch(() => {});
          sweeps++;
          for (const id of found) queue.push(message(id, clock));
          if (queue.length === 0) break;
          continue;
        }
        const readyIds = new Set(ready.map((m) => m.id));
        queue = queue.filter((m) => !readyIds.has(m.id));
        vi.setSystemTime(clock);
        const batch = createMessageBatch<replay.DeliveryMessage>(
          "firebreak-deliveries",
          ready.map((m) => ({
            id: m.id,
            timestamp: new Date(clock),
            attempts: m.attempts,
            body: { deliveryId: m.deliveryId },
          })),
        );
        let threw = false;
        await handleDeliveryBatch(batch, flakyEnv).catch(() => {
          threw = true;
        });
        batches++;
        const result = await getQueueResult(batch, createExecutionContext());
        const acked = new Set(result.explicitAcks);
        const retries = new Map(result.retryMessages.map((r) => [r.msgId, r.delaySeconds ?? 0]));
        for (const m of ready) {
          // A handler that throws retries whatever it did not settle, like the platform does.
          const retried = retries.has(m.id) || (threw && !acked.has(m.id)) || result.retryBatch.retry;
          if (!retried) continue;
          if (m.attempts > MAX_RETRIES) {
            deadLetterQueue++;
            continue;
          }
          queue.push({ ...m, attempts: m.attempts + 1, visibleAt: clock + (retries.get(m.id) ?? 0) * 1000 });
        }
        clock += 1000;
      }
    } finally {
      vi.useRealTimers();
      errors.mockRestore();
      warnings.mockRestore();
    }
    expect(queue).toEqual([]);
    expect(stats.injected).toBeGreaterThan(0);

    const ledger = await ledgerOf(ws.workspaceId);
    const { deadLetteredIds: _ids, ...printed } = ledger;
    if (FULL) {
      console.log(
        JSON.stringify(
          {
            deliveries: DELIVERIES,
            duplicates,
            queuedTwice,
            batches,
            sweeps,
            deadLetterQueue,
            injected: stats.injected,
            ...printed,
          },
          null,
          2,
        ),
      );
    }
    expect(duplicates).toBe(DELIVERIES / 10);
    expect(ledger.receipts).toBe(accepted.length);
    expect(ledger.duplicateReceipts).toBe(duplicates);
    expect(ledger.stranded).toBe(0);
    expect(ledger.processed + ledger.deadLettered).toBe(accepted.length);
    // Exactly the poisoned ones are dead letters, and each went through the queue's dead-letter path.
    expect(ledger.deadLetteredIds.sort()).toEqual([...poisoned].sort());
    expect(deadLetterQueue).toBeGreaterThanOrEqual(POISONED);
    expect(ledger.items).toBe(ledger.processed);
    expect(ledger.items).toBe(ledger.distinctExternalIds);
    expect(ledger.itemsOfProcessed).toBe(ledger.processed);
    expect(ledger.deliveryItemCount).toBe(ledger.items);
    expect(ledger.rewrites).toBe(0);
    expect(ledger.rollupItems).toBe(ledger.items);
    await coarseRollupsAgree(ws.workspaceId);
    expect(ledger.customerItems).toBe(ledger.items);
  }, 900_000);
});

/** Every figure of the ledger, read from D1 for the workspace. */
async function ledgerOf(workspaceId: string) {
  const one = async (query: ReturnType<typeof sql>) => Number((await db.get<{ n: number | null }>(query))?.n ?? 0);
  const byStatus = await db.all<{ status: string; n: number }>(
    sql`SELECT status, count(*) AS n FROM deliveries WHERE workspace_id = ${workspaceId} GROUP BY status`,
  );
  const status = (s: string) => byStatus.find((r) => r.status === s)?.n ?? 0;
  const deadLettered = await db.all<{ id: string }>(
    sql`SELECT id FROM deliveries WHERE workspace_id = ${workspaceId} AND status = 'dead_lettered'`,
  );
  return {
    receipts: await one(
      sql`SELECT count(*) AS n FROM deliveries WHERE workspace_id = ${workspaceId} AND status NOT IN ('duplicate', 'rejected')`,
    ),
    duplicateReceipts: status("duplicate"),
    processed: status("processed"),
    deadLettered: status("dead_lettered"),
    stranded: status("queued") + status("processing") + status("failed"),
    deadLetteredIds: deadLettered.map((r) => r.id),
    items: await one(sql`SELECT count(*) AS n FROM feedback_items WHERE workspace_id = ${workspaceId}`),
    distinctExternalIds: await one(
      sql`SELECT count(DISTINCT source_id || '|' || external_id) AS n FROM feedback_items WHERE workspace_id = ${workspaceId}`,
    ),
    itemsOfProcessed: await one(
      sql`SELECT count(DISTINCT d.id) AS n FROM deliveries d JOIN feedback_items i ON i.delivery_id = d.id
          WHERE d.workspace_id = ${workspaceId} AND d.status = 'processed'`,
    ),
    // A link is written when a stored item is written again: a delivery that was processed twice.
    rewrites: await one(sql`SELECT count(*) AS n FROM item_deliveries WHERE workspace_id = ${workspaceId}`),
    deliveryItemCount: await one(
      sql`SELECT sum(item_count) AS n FROM deliveries WHERE workspace_id = ${workspaceId} AND status = 'processed'`,
    ),
    rollupItems: await one(sql`SELECT sum(item_count) AS n FROM daily_rollups WHERE workspace_id = ${workspaceId}`),
    customerItems: await one(sql`SELECT sum(item_count) AS n FROM customers WHERE workspace_id = ${workspaceId}`),
  };
}

describe("a duplicate queue message whose batch cannot claim", () => {
  it("leaves the delivery another batch processed as processed, even on its last attempt", async () => {
    const source = await createStandardSource(app, ws, "Claims");
    const sendEnv = { ...env, DELIVERIES: producer } as unknown as Env;
    const deliveryId = await postStandardDelivery(
      app,
      source,
      "msg_claim_1",
      { id: "msg_claim_1", comment: "Late parcel" },
      sendEnv,
    );
    await handleDeliveryBatch(batchOf([{ id: "first", deliveryId, attempts: 1 }]), env);
    const status = async () =>
      (await db.get<{ status: string }>(sql`SELECT status FROM deliveries WHERE id = ${deliveryId}`))?.status;
    expect(await status()).toBe("processed");

    // The claim (UPDATE … RETURNING) fails; marking the failure would still succeed.
    const claimsFail = { ...env, DB: flakyD1(env.DB, 1, Math.random, { injected: 0 }, /returning/i) };
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const batch = batchOf([{ id: "again", deliveryId, attempts: MAX_RETRIES + 1 }]);
    await handleDeliveryBatch(batch, claimsFail);
    errors.mockRestore();
    expect((await getQueueResult(batch, createExecutionContext())).retryMessages).toHaveLength(1);
    expect(await status()).toBe("processed");
  });
});

function batchOf(messages: Array<{ id: string; deliveryId: string; attempts: number }>) {
  return createMessageBatch<replay.DeliveryMessage>(
    "firebreak-deliveries",
    messages.map((m) => ({
      id: m.id,
      timestamp: new Date(NOW),
      attempts: m.attempts,
      body: { deliveryId: m.deliveryId },
    })),
  );
}
