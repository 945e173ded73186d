import { analyzeItem, createAnalysisContext, type NormalizedFeedback, type PreparedItem } from "@firebreak/core";
import { describe, expect, it } from "vitest";
import { customerIdFor, emptyPlanState, linkedCustomers, planCustomers, planItemRows } from "./rows.ts";

const CONTEXT = { ...createAnalysisContext({ languages: ["en"], touchpoints: [] }), defaultTouchpointId: null };
const TARGET = { workspaceId: "ws_a", deliveryId: null, receivedAt: 10_000 };

function item(externalId: string, at: number, text: string, customer?: string): PreparedItem {
  const feedback: NormalizedFeedback = {
    externalId,
    kind: "ticket",
    channel: "email",
    text,
    scale: "none",
    tags: [],
    occurredAt: 1_000,
    revisionAt: at,
  };
  return { analyzed: analyzeItem(feedback, CONTEXT), customerKeyHash: customer, customerEmailHash: undefined };
}

function plan(items: PreparedItem[]) {
  const planned = planCustomers("ws_a", items);
  const state = emptyPlanState(new Map([...planned].map(([key, row]) => [key, row.id])));
  const rows = planItemRows(TARGET, "src_a", items, state);
  return { rows, state, customers: linkedCustomers(planned, rows, state.updates) };
}

describe("planItemRows", () => {
  it("keeps the latest version of an item sent twice in one batch, whatever the order, with the other as history", () => {
    const { rows, state } = plan([item("t1", 2_000, "Still broken, updated"), item("t1", 1_500, "")]);
    expect(rows).toHaveLength(1);
    expect(state.updates).toEqual([
      { id: rows[0]?.id, set: expect.objectContaining({ text: "Still broken, updated" }) },
    ]);
    expect(state.revisions).toHaveLength(1);
    // The rollups count the item once.
    expect([...state.rollups.values()].reduce((n, r) => n + (r.itemCount ?? 0), 0)).toBe(1);
  });

  it("skips a repeated version, and counts a customer once per item, not per version", () => {
    const { rows, state, customers } = plan([
      item("t1", 1_500, "Hello", "k1"),
      item("t1", 1_500, "Hello", "k1"),
      item("t1", 1_800, "Hello again", "k1"),
    ]);
    expect(rows).toHaveLength(1);
    expect(state.updates).toHaveLength(1);
    expect(customers).toEqual([expect.objectContaining({ id: customerIdFor("k1"), itemCount: 1 })]);
  });

  it("starts enrichment afresh for a newer version, even of an item once marked unavailable", () => {
    const { state } = plan([item("t1", 1_500, ""), item("t1", 1_800, "")]);
    expect(state.updates[0]?.set).toMatchObject({
      enrichmentAttempts: 0,
      enrichmentNextAt: null,
      enrichmentError: null,
      enrichmentUnavailableAt: null,
    });
  });

  it("links a customer a later version names when the item had none, and counts it then", () => {
    const { rows, state, customers } = plan([item("t1", 1_500, "Preview"), item("t1", 1_800, "Details", "k2")]);
    expect(rows[0]?.customerId).toBeNull();
    expect(state.updates[0]?.set.customerId).toBe(customerIdFor("k2"));
    expect(customers).toEqual([expect.objectContaining({ id: customerIdFor("k2"), itemCount: 1 })]);
  });

  it("links every delivery that carried another version of an item, newer or not, so erasure finds their payloads", () => {
    const versions = [
      { ...item("t1", 1_500, "First", "k1"), deliveryId: "dlv_1" },
      { ...item("t1", 1_800, "Edited", "k1"), deliveryId: "dlv_2" },
      { ...item("t1", 1_500, "First", "k1"), deliveryId: "dlv_3" },
      { ...item("t2", 1_500, "Seen once", "k1"), deliveryId: "dlv_4" },
    ];
    const { rows, state } = plan(versions);
    const t1 = rows.find((r) => r.externalId === "t1");
    expect(t1?.deliveryId).toBe("dlv_1");
    expect(state.updates[0]?.set.deliveryId).toBe("dlv_2");
    // dlv_3 (a repeat of the first version) changed nothing but still held the customer; t2 needs no link row.
    expect([...state.deliveryLinks.values()].map((l) => [l.itemId, l.deliveryId]).sort()).toEqual(
      [
        [t1?.id, "dlv_1"],
        [t1?.id, "dlv_2"],
        [t1?.id, "dlv_3"],
      ].sort(),
    );
  });
});
