import { describe, expect, it } from "vitest";
import { isBusy, retryWhenBusy } from "./client.ts";

const busy = () => new Error("D1_ERROR: database is locked: SQLITE_BUSY");

/** A stand-in D1 whose statements fail with the given errors, one per call, before succeeding. */
function fakeD1(failures: Error[]) {
  const calls = { all: 0, batch: 0 };
  const statement = {
    bind: () => statement,
    all: async () => {
      calls.all++;
      const failure = failures.shift();
      if (failure) throw failure;
      return { results: [{ one: 1 }], success: true, meta: {} };
    },
  };
  const batched: unknown[][] = [];
  const d1 = {
    prepare: () => statement,
    batch: async (statements: unknown[]) => {
      calls.batch++;
      batched.push(statements);
      const failure = failures.shift();
      if (failure) throw failure;
      return statements.map(() => ({ results: [], success: true, meta: {} }));
    },
  };
  return { d1: retryWhenBusy(d1 as unknown as D1Database), calls, batched, statement };
}

describe("retryWhenBusy", () => {
  it("runs a statement again while SQLite is busy, and returns its result", async () => {
    const { d1, calls } = fakeD1([busy(), busy()]);
    const result = await d1.prepare("select 1").bind().all();
    expect(result.results).toEqual([{ one: 1 }]);
    expect(calls.all).toBe(3);
  });

  it("gives up after six busy attempts, and never retries another error", async () => {
    const stuck = fakeD1(Array.from({ length: 10 }, busy));
    await expect(stuck.d1.prepare("select 1").all()).rejects.toThrow(/SQLITE_BUSY/);
    expect(stuck.calls.all).toBe(6);

    const broken = fakeD1([new Error("D1_ERROR: no such table: nope")]);
    await expect(broken.d1.prepare("select * from nope").all()).rejects.toThrow(/no such table/);
    expect(broken.calls.all).toBe(1);
  });

  it("retries a batch whole, handing D1 its own statements", async () => {
    const { d1, calls, batched, statement } = fakeD1([busy()]);
    await d1.batch([d1.prepare("insert 1").bind(1), d1.prepare("insert 2")]);
    expect(calls.batch).toBe(2);
    expect(batched[1]).toEqual([statement, statement]);
    expect(batched[1]?.every((s) => s === statement)).toBe(true);
  });

  it("recognises BUSY wrapped as a query error's cause, as Drizzle reports it", () => {
    expect(isBusy(new Error("Failed query: select 1", { cause: busy() }))).toBe(true);
    expect(isBusy(new Error("Failed query", { cause: new Error("constraint failed") }))).toBe(false);
  });
});
