import { describe, expect, it } from "vitest";
import { type ByteSource, formatOf, type RowBatch, readBatches } from "../../apps/web/src/lib/import/read-file.ts";

const encoder = new TextEncoder();

/** A source that hands its bytes out in pieces of `piece` bytes, counting how many were pulled. */
function source(text: string, piece = 7): ByteSource & { pulled: () => number } {
  const bytes = encoder.encode(text);
  let pulled = 0;
  return {
    size: bytes.byteLength,
    pulled: () => pulled,
    stream: () => {
      let offset = 0;
      return new ReadableStream<Uint8Array<ArrayBuffer>>(
        {
          pull(controller) {
            if (offset >= bytes.byteLength) return controller.close();
            const next = bytes.slice(offset, offset + piece);
            offset += next.byteLength;
            pulled += next.byteLength;
            controller.enqueue(next);
          },
        },
        { highWaterMark: 0 },
      );
    },
  };
}

async function collect(file: ByteSource, format: "csv" | "jsonl", batchRows = 2): Promise<RowBatch[]> {
  const batches: RowBatch[] = [];
  for await (const batch of readBatches(file, { format, batchRows })) batches.push(batch);
  return batches;
}

describe("readBatches (CSV)", () => {
  it("streams rows in batches with their row numbers, quoted newlines and multibyte characters intact", async () => {
    // 3-byte "…" and 2-byte "ø" land across the 7-byte pieces; the BOM is dropped.
    const csv = '\uFEFFId,Description\n1,"Pakken kom for sent…\nigen"\n2,Søde folk\n\n3,"Say ""hi"""\n4,Æble\n5,ok\n';
    const file = source(csv);
    const batches = await collect(file, "csv");
    expect(batches.map((b) => b.rows.length)).toEqual([2, 2, 1]);
    expect(batches.flatMap((b) => b.rowNumbers)).toEqual([1, 2, 3, 4, 5]);
    expect(batches.flatMap((b) => b.rows)).toEqual([
      { Id: "1", Description: "Pakken kom for sent…\nigen" },
      { Id: "2", Description: "Søde folk" },
      { Id: "3", Description: 'Say "hi"' },
      { Id: "4", Description: "Æble" },
      { Id: "5", Description: "ok" },
    ]);
    expect(batches[0]?.fields).toEqual(["Id", "Description"]);
    const bytes = batches.map((b) => b.bytesRead);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(bytes.at(-1)).toBe(file.size);
  });

  it("keeps rows with more fields than the header, with a warning", async () => {
    const batches = await collect(source("Id,Text\n1,Fine, really\n2,ok\n"), "csv", 10);
    expect(batches[0]?.rows).toEqual([
      { Id: "1", Text: "Fine" },
      { Id: "2", Text: "ok" },
    ]);
    expect(batches[0]?.warnings).toEqual([{ row: 1, reason: expect.stringContaining("more fields than the header") }]);
  });

  it("reads no further than one batch ahead of the consumer, and stops reading when the loop breaks", async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `${i},"row ${i} with some padding text"`);
    const file = source(`Id,Text\n${lines.join("\n")}\n`, 64);
    const batches = readBatches(file, { format: "csv", batchRows: 10 });
    const first = await batches.next();
    expect(first.done).toBe(false);
    // Parsing runs at most one batch ahead: a small fraction of the file has been pulled.
    expect(file.pulled()).toBeLessThan(file.size / 10);
    await batches.return(undefined);
    const pulled = file.pulled();
    await new Promise((r) => setTimeout(r, 20));
    expect(file.pulled()).toBe(pulled);
  });

  it("knows the bytes behind each batch to within a small piece, even when the file arrives in one big read", async () => {
    const header = "Id,Text\n";
    const lines = Array.from({ length: 5000 }, (_, i) => `${i},"Pakken kom for sent, søde folk… række ${i}"\n`);
    const file = source(header + lines.join(""), 10 * 1024 * 1024);
    let rows = 0;
    for await (const batch of readBatches(file, { format: "csv", batchRows: 100 })) {
      rows += batch.rows.length;
      const behind = encoder.encode(header + lines.slice(0, rows).join("")).byteLength;
      expect(Math.abs(batch.bytesRead - behind)).toBeLessThan(20 * 1024);
    }
    expect(rows).toBe(5000);
  });

  it("cuts a batch early when its rows grow past the character budget", async () => {
    const long = "x".repeat(400);
    const csv = `Id,Text\n${Array.from({ length: 6 }, (_, i) => `${i},${long}`).join("\n")}\n`;
    const batches: RowBatch[] = [];
    for await (const batch of readBatches(source(csv, 100), { format: "csv", batchRows: 100, batchChars: 1000 })) {
      batches.push(batch);
    }
    expect(batches.map((b) => b.rows.length)).toEqual([3, 3]);
  });

  it("handles a file with only a header row", async () => {
    const batches = await collect(source("Id,Text\n"), "csv");
    expect(batches.flatMap((b) => b.rows)).toEqual([]);
  });
});

describe("readBatches (JSONL)", () => {
  it("flattens records, numbers rows, and reports lines that are not JSON objects", async () => {
    const jsonl = [
      '{"id":"a","text":"Søren was great","customer":{"email":"s@example.dk"},"tags":["vip","dk"]}',
      "",
      "{not json",
      '{"id":"b","score":4}\r',
      "[1,2]",
      '{"id":"c","text":"…last line without newline"}',
    ].join("\n");
    const batches = await collect(source(jsonl, 5), "jsonl");
    const rows = batches.flatMap((b) => b.rows);
    expect(rows).toEqual([
      { id: "a", text: "Søren was great", "customer.email": "s@example.dk", tags: "vip,dk" },
      { id: "b", score: 4 },
      { id: "c", text: "…last line without newline" },
    ]);
    expect(batches.flatMap((b) => b.rowNumbers)).toEqual([1, 3, 5]);
    expect(batches.flatMap((b) => b.problems)).toEqual([
      { row: 2, reason: "not valid JSON" },
      { row: 4, reason: "not a JSON object" },
    ]);
    expect(batches.at(-1)?.fields).toEqual(["id", "text", "customer.email", "tags", "score"]);
  });
});

describe("formatOf", () => {
  it("reads .jsonl and .ndjson as JSON Lines, the rest as CSV", () => {
    expect(formatOf("export.JSONL")).toBe("jsonl");
    expect(formatOf("export.ndjson")).toBe("jsonl");
    expect(formatOf("export.csv")).toBe("csv");
    expect(formatOf("export.tsv")).toBe("csv");
  });
});
