import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit.ts";

/** A writer whose batches finish only when the test says so, recording what each batch held. */
function controlledWriter() {
  const batches: number[][] = [];
  const gates: Array<() => void> = [];
  const write = async (items: number[]) => {
    batches.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
    return items.map((n) => n * 10);
  };
  const release = async () => {
    // Let pending continuations register before opening the oldest gate.
    await new Promise((r) => setTimeout(r, 0));
    gates.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { batches, write, release };
}

describe("GroupCommit", () => {
  it("writes alone when idle, then batches everyone who arrived during the write", async () => {
    const commit = new GroupCommit<number, number>({ maxBatch: 10, timeoutMs: 5_000 });
    const { batches, write, release } = controlledWriter();
    const first = commit.submit(1, write);
    const rest = [2, 3, 4].map((n) => commit.submit(n, write));
    await release();
    expect(await first).toBe(10);
    await release();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("caps batches at maxBatch and keeps arrival order", async () => {
    const commit = new GroupCommit<number, number>({ maxBatch: 2, timeoutMs: 5_000 });
    const { batches, write, release } = controlledWriter();
    const all = [1, 2, 3, 4, 5].map((n) => commit.submit(n, write));
    for (let i = 0; i < 3; i++) await release();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it("rejects every caller of a failed batch, and the next batch still runs", async () => {
    const commit = new GroupCommit<number, number>({ maxBatch: 10, timeoutMs: 5_000 });
    let calls = 0;
    const write = async (items: number[]) => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      if (items.includes(2)) throw new Error("database unavailable");
      return items;
    };
    const first = commit.submit(1, write);
    const failing = [2, 3].map((n) => commit.submit(n, write).catch((e: Error) => e.message));
    expect(await first).toBe(1);
    expect(await Promise.all(failing)).toEqual(["database unavailable", "database unavailable"]);
    expect(await commit.submit(4, write)).toBe(4);
    expect(calls).toBe(3);
  });

  it("never hangs behind a stuck leader: waiters write alone after the timeout, and the writer recovers", async () => {
    const commit = new GroupCommit<number, number>({ maxBatch: 10, timeoutMs: 20 });
    const written: number[][] = [];
    const stuck = (items: number[]) => {
      written.push(items);
      return new Promise<number[]>(() => {});
    };
    const quick = async (items: number[]) => {
      written.push(items);
      return items;
    };
    void commit.submit(1, stuck);
    const waiter = commit.submit(2, quick);
    expect(await waiter).toBe(2);
    // The stuck leader no longer blocks anyone.
    expect(await commit.submit(3, quick)).toBe(3);
    expect(written).toEqual([[1], [2], [3]]);
  });
});
