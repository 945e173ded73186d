import { createExecutionContext, env } from "cloudflare:test";
import type { NormalizedFeedback } from "@firebreak/core";
import { LATE, PASSWORD, REFUND } from "@firebreak/core/themes/fixtures";
import { createDb, schema } from "@firebreak/db";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { addSource, countsAgree, feedback, store } from "./stored-items.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);

function call(ws: TestWorkspace, path: string, method = "GET", body?: unknown) {
  return app.request(
    path,
    {
      method,
      headers: { authorization: `Bearer ${ws.token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
    env,
    createExecutionContext(),
  );
}

async function themeOf(externalId: string) {
  const row = await db.query.feedbackItems.findFirst({ where: eq(schema.feedbackItems.externalId, externalId) });
  return row!;
}

describe("themes, rules and manual moves through the API", () => {
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let sourceId: string;

  beforeAll(async () => {
    ws = await makeWorkspace(env.DB, "themes");
    other = await makeWorkspace(env.DB, "other");
    sourceId = await addSource(ws);
    const list: NormalizedFeedback[] = [];
    for (let round = 0; round < 3; round++) {
      for (const text of LATE)
        list.push(feedback(text, { touchpointHint: "delivery-tracking", customerId: `c${round}` }));
      for (const text of REFUND) list.push(feedback(text, { customerId: `r${round}` }));
      for (const text of PASSWORD) list.push(feedback(text, { touchpointHint: "checkout-payment" }));
    }
    await store(ws, sourceId, list);
  });

  it("re-clusters into recurring issues, labelled in customers' words, with rollups that match the items", async () => {
    const res = await call(ws, "/api/v1/themes/recluster", "POST");
    expect(res.status).toBe(200);
    const summary = (await res.json()) as { themes: number; created: number; items: number };
    expect(summary.items).toBe(39);
    expect(summary.themes).toBeGreaterThanOrEqual(3);
    const { data } = (await (await call(ws, "/api/v1/themes")).json()) as {
      data: Array<{ id: string; label: string }>;
    };
    const labels = data.map((t) => t.label.toLowerCase()).join(" | ");
    expect(labels).toMatch(/parcel|late/);
    expect(labels).toMatch(/refund/);
    expect(labels).toMatch(/password|reset/);
    expect(JSON.stringify(data)).not.toContain("centroid");
    await countsAgree(ws.workspaceId);
    // The same customer on the same issue within 14 days is a repeat contact.
    const repeats = await db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM feedback_items WHERE workspace_id = ${ws.workspaceId} AND repeat_of_item_id IS NOT NULL`,
    );
    expect(repeats[0]!.n).toBeGreaterThan(0);
  });

  it("keeps theme ids, and a name a person gave, through re-clustering", async () => {
    const before = (await (await call(ws, "/api/v1/themes")).json()) as { data: Array<{ id: string; label: string }> };
    const refund = before.data.find((t) => /refund/i.test(t.label))!;
    const renamed = await call(ws, `/api/v1/themes/${refund.id}`, "PATCH", { label: "Refunds after returns" });
    expect(renamed.status).toBe(200);
    const again = (await (await call(ws, "/api/v1/themes/recluster", "POST")).json()) as { created: number };
    expect(again.created).toBe(0);
    const after = (await (await call(ws, "/api/v1/themes")).json()) as { data: Array<{ id: string; label: string }> };
    expect(after.data.map((t) => t.id).sort()).toEqual(before.data.map((t) => t.id).sort());
    expect(after.data.find((t) => t.id === refund.id)?.label).toBe("Refunds after returns");
  });

  it("merges one theme into another, moving items and rollups, and splits items off again as a pinned theme", async () => {
    const { data } = (await (await call(ws, "/api/v1/themes")).json()) as {
      data: Array<{ id: string; label: string }>;
    };
    const refund = data.find((t) => /refund/i.test(t.label))!;
    const late = data.find((t) => /parcel|late/i.test(t.label))!;
    const merged = await call(ws, `/api/v1/themes/${refund.id}/merge`, "POST", { into: late.id });
    expect(merged.status).toBe(200);
    expect(((await merged.json()) as { movedItems: number }).movedItems).toBeGreaterThan(0);
    await countsAgree(ws.workspaceId);
    expect((await call(ws, `/api/v1/themes/${refund.id}/merge`, "POST", { into: late.id })).status).toBe(404);
    expect((await call(ws, `/api/v1/themes/${late.id}/merge`, "POST", { into: late.id })).status).toBe(400);

    const refundItems = await db.all<{ id: string }>(
      sql`SELECT id FROM feedback_items WHERE workspace_id = ${ws.workspaceId} AND text LIKE '%refund%'`,
    );
    const split = await call(ws, `/api/v1/themes/${late.id}/split`, "POST", {
      itemIds: refundItems.map((r) => r.id),
      label: "Refund missing",
    });
    expect(split.status).toBe(201);
    const { theme } = (await split.json()) as {
      theme: { id: string; pinned: boolean; keywords: Record<string, string[]> };
    };
    expect(theme.pinned).toBe(true);
    expect(theme.keywords.en?.join(" ")).toMatch(/refund/i);
    await countsAgree(ws.workspaceId);
    // Pinned: re-clustering cannot fold it back.
    await call(ws, "/api/v1/themes/recluster", "POST");
    const stillSplit = await db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM feedback_items WHERE workspace_id = ${ws.workspaceId} AND theme_id = ${theme.id}`,
    );
    expect(stillSplit[0]!.n).toBe(refundItems.length);
    await countsAgree(ws.workspaceId);
  });

  it("places new items by rule, then by the fallback learned from placed items", async () => {
    const before = feedback("My discount codes were refused at checkout");
    await store(ws, sourceId, [before]);
    expect(await themeOf(before.externalId)).toMatchObject({ touchpointMethod: "unassigned" });
    const missing = await call(ws, "/api/v1/touchpoint-rules", "POST", {
      touchpointId: other.touchpointIds.delivery,
      kind: "keyword",
      match: ["voucher"],
    });
    expect(missing.status).toBe(400);
    const created = await call(ws, "/api/v1/touchpoint-rules", "POST", {
      touchpointId: ws.touchpointIds.checkout,
      kind: "keyword",
      language: "en",
      match: ["discount codes"],
    });
    expect(created.status).toBe(201);
    const rule = (await created.json()) as { id: string };
    const byRule = feedback("The discount code was rejected at checkout");
    // Learned from the hinted parcel items at the last re-clustering: no rule, no hint, no default.
    const byFallback = feedback("My parcel is late and the courier never came");
    const nowhere = feedback("Lovely colours, thank you");
    await store(ws, sourceId, [byRule, byFallback, nowhere]);
    expect(await themeOf(byRule.externalId)).toMatchObject({
      touchpointId: ws.touchpointIds.checkout,
      touchpointMethod: "rule",
    });
    expect(await themeOf(byFallback.externalId)).toMatchObject({
      touchpointId: ws.touchpointIds.delivery,
      touchpointMethod: "fallback",
    });
    expect(await themeOf(nowhere.externalId)).toMatchObject({ touchpointId: null, touchpointMethod: "unassigned" });
    // A rule made today places the window's unassigned items at the next re-clustering.
    await call(ws, "/api/v1/themes/recluster", "POST");
    expect(await themeOf(before.externalId)).toMatchObject({
      touchpointId: ws.touchpointIds.checkout,
      touchpointMethod: "rule",
    });
    await countsAgree(ws.workspaceId);

    const list = (await (await call(ws, "/api/v1/touchpoint-rules")).json()) as { data: unknown[] };
    expect(list.data).toHaveLength(1);
    expect((await call(other, `/api/v1/touchpoint-rules/${rule.id}`, "DELETE")).status).toBe(404);
    expect((await call(ws, `/api/v1/touchpoint-rules/${rule.id}`, "PATCH", { enabled: false })).status).toBe(200);
    expect((await call(ws, `/api/v1/touchpoint-rules/${rule.id}`, "DELETE")).status).toBe(204);
  });

  it("moves items by hand, keeps the move through re-analysis, and never across workspaces", async () => {
    const item = await themeOf("ext_1");
    const moved = await call(ws, "/api/v1/items/move", "POST", {
      itemIds: [item.id],
      touchpointId: ws.touchpointIds.checkout,
    });
    expect(moved.status).toBe(200);
    expect(await themeOf("ext_1")).toMatchObject({
      touchpointId: ws.touchpointIds.checkout,
      touchpointMethod: "manual",
    });
    await countsAgree(ws.workspaceId);

    const foreign = await call(other, "/api/v1/items/move", "POST", {
      itemIds: [item.id],
      touchpointId: other.touchpointIds.delivery,
    });
    expect(((await foreign.json()) as { movedItems: number }).movedItems).toBe(0);
    expect(
      (await call(other, "/api/v1/items/move", "POST", { itemIds: [item.id], touchpointId: ws.touchpointIds.delivery }))
        .status,
    ).toBe(404);
    const { data } = (await (await call(ws, "/api/v1/themes")).json()) as { data: Array<{ id: string }> };
    expect((await call(other, `/api/v1/themes/${data[0]!.id}`)).status).toBe(404);
    expect((await call(other, `/api/v1/themes/${data[0]!.id}`, "PATCH", { label: "x" })).status).toBe(404);
    expect((await call(ws, `/api/v1/themes/${data[0]!.id}`, "PATCH", {})).status).toBe(400);
  });
});
