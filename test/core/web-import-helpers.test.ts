import { describe, expect, it } from "vitest";
import { mappingProblem } from "../../apps/web/src/lib/import/fields.ts";
import { formatBytes, formatDuration, formatEta, formatScore } from "../../apps/web/src/lib/import/format.ts";
import { measureProgress } from "../../apps/web/src/lib/import/progress.ts";
import {
  MAX_CELL_CHARS,
  mappedColumns,
  pickColumns,
  rowChars,
  toWireRow,
} from "../../apps/web/src/lib/import/wire-row.ts";

describe("toWireRow", () => {
  it("flattens nested objects to dotted columns and joins arrays of plain values", () => {
    expect(
      toWireRow({ id: 7, ok: true, none: null, customer: { email: "a@b.dk", plan: { tier: "gold" } }, tags: ["a", 1] }),
    ).toEqual({ id: 7, ok: true, none: null, "customer.email": "a@b.dk", "customer.plan.tier": "gold", tags: "a,1" });
  });

  it("keeps deeper structures as JSON text, caps long cells and drops non-finite numbers", () => {
    const row = toWireRow({ list: [{ a: 1 }], long: "x".repeat(MAX_CELL_CHARS + 5), n: Number.NaN });
    expect(row.list).toBe('[{"a":1}]');
    expect((row.long as string).length).toBe(MAX_CELL_CHARS);
    expect(row.n).toBeNull();
  });
});

describe("mappedColumns / pickColumns", () => {
  it("sends only the columns the mapping reads", () => {
    const columns = mappedColumns({ columns: { externalId: "Id", text: "Body", title: "Body" } });
    expect(columns).toEqual(["Id", "Body"]);
    expect(pickColumns({ Id: "1", Body: "hi", Secret: "not needed" }, columns)).toEqual({ Id: "1", Body: "hi" });
    expect(pickColumns({ Id: "1" }, columns)).toEqual({ Id: "1" });
  });

  it("estimates a row's JSON size", () => {
    expect(rowChars({ a: "x".repeat(100) })).toBeGreaterThan(100);
  });
});

describe("measureProgress", () => {
  it("extrapolates rows and time left from the bytes behind the acknowledged rows", () => {
    const p = measureProgress({ totalBytes: 1000, bytesDone: 250, rowsDone: 50, elapsedMs: 2000, finished: false });
    expect(p).toEqual({ percent: 25, rowsDone: 50, rowsTotal: 200, rowsPerSecond: 25, etaSeconds: 6 });
  });

  it("reads 100% only when finished, and knows nothing before the first chunk", () => {
    expect(
      measureProgress({ totalBytes: 10, bytesDone: 10, rowsDone: 3, elapsedMs: 10, finished: false }).percent,
    ).toBe(99);
    expect(
      measureProgress({ totalBytes: 10, bytesDone: 10, rowsDone: 3, elapsedMs: 10, finished: true }),
    ).toMatchObject({
      percent: 100,
      rowsTotal: 3,
      etaSeconds: 0,
    });
    expect(measureProgress({ totalBytes: 10, bytesDone: 0, rowsDone: 0, elapsedMs: 0, finished: false })).toEqual({
      percent: 0,
      rowsDone: 0,
      rowsTotal: null,
      rowsPerSecond: 0,
      etaSeconds: null,
    });
  });
});

describe("mappingProblem", () => {
  it("asks for an id, then for text or a score", () => {
    expect(mappingProblem({ columns: {} })).toMatch(/id/);
    expect(mappingProblem({ columns: { externalId: "Id" } })).toMatch(/text column, a score column/);
    expect(mappingProblem({ columns: { externalId: "Id", score: "Rating" } })).toBeNull();
  });
});

describe("formatting", () => {
  it("formats sizes, times left and scores", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3 GB");
    expect(formatEta(null)).toBe("estimating…");
    expect(formatEta(42.4)).toBe("42 s");
    expect(formatEta(95)).toBe("1 min 35 s");
    expect(formatEta(7300)).toBe("2 h 1 min");
    expect(formatDuration(350)).toBe("under a second");
    expect(formatDuration(95_000)).toBe("1 min 35 s");
    expect(formatScore(1, "thumbs")).toMatch(/Good/);
    expect(formatScore(0, "thumbs")).toMatch(/Bad/);
    expect(formatScore(4.5, "csat5")).toBe("4.5/5");
    expect(formatScore(null, "nps")).toBe("–");
  });
});
