import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { claimForProcessing } from "../../db/src/queries/deliveries.ts";
import { writeAnalyzed } from "../../db/src/queries/items.ts";
import { insert, ready, resetWorkspaces } from "./map-fixtures.ts";

function delivery(id: string, workspaceId: string, status = "processing") {
  insert("deliveries", {
    id,
    workspace_id: workspaceId,
    source_id: `src_${workspaceId}`,
    provider: "zendesk",
    dedupe_key: id,
    status,
    http_status: 202,
    received_at: 1_000,
    claimed_at: 5_000,
  });
}

const row = (id: string) =>
  env.DB.prepare("select status, item_count, process_ms, processed_at, reason from deliveries where id = ?")
    .bind(id)
    .first();

beforeEach(async () => {
  await env.DB.prepare("delete from deliveries").run();
  await resetWorkspaces();
});

describe("marking a write's deliveries processed in one statement", () => {
  it("gives each delivery its own item count and time, and touches no other workspace's delivery", async () => {
    for (const id of ["a1", "a2", "a3"]) delivery(id, "ws_demo");
    // Same id shape in the other workspace: the list names ids, the workspace bounds them.
    delivery("o1", "ws_other");
    const db = await ready();

    await writeAnalyzed(
      db,
      {
        workspaceId: "ws_demo",
        sourceId: "src_ws_demo",
        deliveryId: null,
        receivedAt: 2_000,
        completeDeliveries: [
          { id: "a1", itemCount: 3, processMs: 40 },
          { id: "a3", itemCount: 0, processMs: 7 },
          { id: "o1", itemCount: 9, processMs: 9 },
        ],
      },
      [],
    );

    expect(await row("a1")).toMatchObject({ status: "processed", item_count: 3, process_ms: 40, reason: null });
    expect(await row("a3")).toMatchObject({ status: "processed", item_count: 0, process_ms: 7 });
    expect((await row("a1"))?.processed_at).toBeGreaterThan(0);
    expect(await row("a2")).toMatchObject({ status: "processing", item_count: 0, process_ms: null });
    expect(await row("o1")).toMatchObject({ status: "processing", item_count: 0, process_ms: null });
  });
});

describe("claiming and loading a batch in one round trip", () => {
  it("loads only the deliveries this claim won, with their payloads", async () => {
    delivery("q1", "ws_demo", "queued");
    delivery("f1", "ws_demo", "failed");
    delivery("p1", "ws_demo", "processed");
    // Held by another consumer within the TTL (claimed at 5,000; now is 10,000).
    delivery("h1", "ws_demo", "processing");
    insert("raw_payloads", {
      id: "raw_q1",
      workspace_id: "ws_demo",
      content_type: "application/json",
      headers: '{"x-test":"1"}',
      body: "ciphertext",
      size_bytes: 10,
      received_at: 1_000,
    });
    const db = await ready();
    await env.DB.prepare("update deliveries set raw_payload_id = 'raw_q1' where id = 'q1'").run();

    const loaded = await claimForProcessing(db, ["q1", "f1", "p1", "h1", "missing"], 10_000);
    expect(loaded.map((l) => l.delivery.id).sort()).toEqual(["f1", "q1"]);
    expect(loaded.find((l) => l.delivery.id === "q1")?.payload).toEqual({
      headers: { "x-test": "1" },
      body: "ciphertext",
    });
    expect(loaded.find((l) => l.delivery.id === "f1")?.payload).toBeNull();
    expect(await row("p1")).toMatchObject({ status: "processed" });

    // The same ids again: nothing left to win.
    expect(await claimForProcessing(db, ["q1", "f1"], 10_001)).toEqual([]);
    // A claim past the TTL is taken over.
    expect((await claimForProcessing(db, ["h1"], 5_000 + 60_001)).map((l) => l.delivery.id)).toEqual(["h1"]);
  });
});
