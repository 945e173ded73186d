import { describe, expect, it } from "vitest";
import { RequestFailure } from "../../apps/web/src/lib/import/client.ts";
import type { ChunkResponse, ColumnMapping, ImportJob } from "../../apps/web/src/lib/import/types.ts";
import { runUpload } from "../../apps/web/src/lib/import/upload.ts";

const MAPPING: ColumnMapping = {
  columns: { externalId: "Id", text: "Text" },
  kind: "ticket",
  channel: "email",
  scale: "none",
  tagSeparator: ",",
};

const job = (status: ImportJob["status"] = "pending"): ImportJob => ({
  id: "imp_1",
  sourceId: "src_1",
  fileName: "export.csv",
  format: "csv",
  status,
  totalRows: 0,
  processedRows: 0,
  failedRows: 0,
  error: null,
  createdAt: 0,
  finishedAt: null,
});

interface Call {
  url: string;
  body: { rows?: Array<Record<string, unknown>> } & Record<string, unknown>;
}

/** A fake server: refuses rows whose text is "bad", counts ids seen before as duplicates. */
function fakeServer(options: { failOnce?: number; failWith?: number } = {}) {
  const calls: Call[] = [];
  const seen = new Set<string>();
  let failures = 0;
  const fetcher = (async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body));
    calls.push({ url, body });
    if (url.endsWith("/rows") && options.failWith && failures < (options.failOnce ?? Infinity)) {
      failures++;
      return Response.json(
        { error: { code: "x", message: "overloaded", requestId: "r1" } },
        { status: options.failWith },
      );
    }
    if (url.endsWith("/complete")) return Response.json(job("done"));
    if (url.endsWith("/cancel")) return Response.json({ ...job("failed"), error: "cancelled" });
    if (!url.endsWith("/rows")) return Response.json(job(), { status: 201 });
    const result: ChunkResponse = { inserted: 0, updated: 0, skipped: 0, failed: 0, failures: [] };
    body.rows.forEach((row: Record<string, string>, index: number) => {
      if (row.Text === "bad") {
        result.failed++;
        result.failures.push({ index, reason: "row has neither text nor a score" });
      } else if (seen.has(row.Id as string)) result.skipped++;
      else {
        seen.add(row.Id as string);
        result.inserted++;
      }
    });
    return Response.json(result);
  }) as unknown as typeof fetch;
  return { calls, fetch: fetcher };
}

const csv = (rows: number, bad: number[] = []) =>
  new Blob([
    `Id,Text,Unused\n${Array.from({ length: rows }, (_, i) => `${i + 1},${bad.includes(i + 1) ? "bad" : `row ${i + 1}`},x`).join("\n")}\n`,
  ]);

describe("runUpload", () => {
  it("creates the import, sends mapped columns in chunks, reports progress, and completes", async () => {
    const server = fakeServer();
    const progress: number[] = [];
    const report = await runUpload({
      file: csv(12, [5]),
      fileName: "export.csv",
      format: "csv",
      mapping: MAPPING,
      baseUrl: "/sources/src_1/imports",
      fetch: server.fetch,
      chunkRows: 5,
      onProgress: (p) => progress.push(p.percent),
    });
    const urls = server.calls.map((c) => c.url);
    expect(urls).toEqual([
      "/sources/src_1/imports",
      "/sources/src_1/imports/imp_1/rows",
      "/sources/src_1/imports/imp_1/rows",
      "/sources/src_1/imports/imp_1/rows",
      "/sources/src_1/imports/imp_1/complete",
    ]);
    expect(server.calls[0]?.body).toMatchObject({ format: "csv", fileName: "export.csv", mapping: MAPPING });
    expect(server.calls[1]?.body.rows?.[0]).toEqual({ Id: "1", Text: "row 1" });
    expect(report.totals).toEqual({ rows: 12, inserted: 11, updated: 0, skipped: 0, failed: 1, warned: 0 });
    expect(report.failures).toEqual([{ row: 5, reason: "row has neither text nor a score" }]);
    expect(report.cancelled).toBe(false);
    expect(report.job.status).toBe("done");
    expect(progress.at(-1)).toBe(100);
    expect(progress.slice(0, -1).every((p) => p < 100)).toBe(true);
  });

  it("counts a second upload of the same rows as duplicates", async () => {
    const server = fakeServer();
    const upload = () =>
      runUpload({
        file: csv(4),
        fileName: "a.csv",
        format: "csv",
        mapping: MAPPING,
        baseUrl: "/i",
        fetch: server.fetch,
      });
    await upload();
    const again = await upload();
    expect(again.totals).toMatchObject({ inserted: 0, skipped: 4 });
  });

  it("keeps two chunks on their way, but never two that carry the same row id", async () => {
    let active = 0;
    let most = 0;
    const activeIds = new Set<string>();
    const clashes: string[] = [];
    const fetcher = (async (url: string, init: RequestInit) => {
      if (!url.endsWith("/rows")) return Response.json(job(url.endsWith("/complete") ? "done" : "pending"));
      const rows = JSON.parse(String(init.body)).rows as Array<{ Id: string }>;
      const ids = rows.map((r) => r.Id);
      for (const id of ids) if (activeIds.has(id)) clashes.push(id);
      for (const id of ids) activeIds.add(id);
      most = Math.max(most, ++active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      for (const id of ids) activeIds.delete(id);
      return Response.json({ inserted: rows.length, updated: 0, skipped: 0, failed: 0, failures: [] });
    }) as unknown as typeof fetch;
    // Chunks of 4: ids 1–4, 1–4 again (a second version of each row), 5–8, 9–12, 9–12, 13–16.
    const ids = [1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 9, 10, 11, 12, 13, 14, 15, 16];
    const file = new Blob([`Id,Text\n${ids.map((id) => `${id},text`).join("\n")}\n`]);
    const report = await runUpload({
      file,
      fileName: "a.csv",
      format: "csv",
      mapping: MAPPING,
      baseUrl: "/i",
      fetch: fetcher,
      chunkRows: 4,
    });
    expect(report.totals.rows).toBe(24);
    expect(most).toBe(2);
    expect(clashes).toEqual([]);
  });

  it("retries a chunk the server was too busy for", async () => {
    const server = fakeServer({ failWith: 503, failOnce: 1 });
    const report = await runUpload({
      file: csv(3),
      fileName: "a.csv",
      format: "csv",
      mapping: MAPPING,
      baseUrl: "/i",
      fetch: server.fetch,
      backoffMs: 1,
    });
    expect(report.totals.inserted).toBe(3);
  });

  it("cancels the import and rethrows when a chunk is refused", async () => {
    const server = fakeServer({ failWith: 400 });
    await expect(
      runUpload({
        file: csv(3),
        fileName: "a.csv",
        format: "csv",
        mapping: MAPPING,
        baseUrl: "/i",
        fetch: server.fetch,
      }),
    ).rejects.toBeInstanceOf(RequestFailure);
    expect(server.calls.at(-1)?.url).toBe("/i/imp_1/cancel");
  });

  it("stops after the chunk in flight when cancelled, and cancels the import", async () => {
    const server = fakeServer();
    const controller = new AbortController();
    const report = await runUpload({
      file: csv(20),
      fileName: "a.csv",
      format: "csv",
      mapping: MAPPING,
      baseUrl: "/i",
      fetch: server.fetch,
      chunkRows: 5,
      signal: controller.signal,
      onProgress: (_p, totals) => {
        if (totals.rows === 5) controller.abort();
      },
    });
    expect(report.cancelled).toBe(true);
    // The chunk in flight beside the first one lands; nothing is sent after the abort.
    expect(report.totals.rows).toBe(10);
    expect(server.calls.filter((c) => c.url.endsWith("/rows"))).toHaveLength(2);
    expect(server.calls.map((c) => c.url).at(-1)).toBe("/i/imp_1/cancel");
    expect(server.calls.at(-1)?.body).toEqual({ rowsSent: 10 });
  });
});
