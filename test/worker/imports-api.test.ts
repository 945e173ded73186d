import { createExecutionContext, env } from "cloudflare:test";
import { createDb, imports, schema } from "@firebreak/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const call = (path: string, init: RequestInit = {}) => app.request(path, init, env, createExecutionContext());
const api = (token: string, path: string, method = "GET", body?: unknown) =>
  call(path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

let ws: TestWorkspace;
let other: TestWorkspace;
let sourceId: string;

const zendeskRow = (id: number, extra: Record<string, string> = {}) => ({
  Id: String(id),
  Subject: `Ticket ${id}`,
  Description: id % 2 ? "Parcel arrived five days late, call me on +45 20 12 34 56" : "Thanks, all sorted!",
  "Satisfaction Score": id % 2 ? "Bad" : "Good",
  "Created at": "2026-10-03 09:14:55",
  Tags: "delivery late",
  Status: "Solved",
  ...extra,
});

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "imports");
  other = await makeWorkspace(env.DB, "imports-other");
  const res = await api(ws.token, "/api/v1/sources", "POST", {
    provider: "standard-webhooks",
    name: "Zendesk backfill",
  });
  sourceId = ((await res.json()) as { id: string }).id;
});

describe("CSV backfill over the API", () => {
  it("detects the Zendesk export, imports rows through the pipeline, dedupes a re-sent chunk, tracks progress", async () => {
    const created = await api(ws.token, `/api/v1/sources/${sourceId}/imports`, "POST", {
      format: "csv",
      fileName: "zendesk-export.csv",
      headers: Object.keys(zendeskRow(1)),
    });
    expect(created.status).toBe(201);
    const job = (await created.json()) as { id: string; preset: string };
    expect(job.preset).toBe("zendesk");

    const rows = [...Array.from({ length: 10 }, (_, i) => zendeskRow(i + 1)), { Id: "", Description: "no id" }];
    const first = await api(ws.token, `/api/v1/imports/${job.id}/rows`, "POST", { rows });
    expect(await first.json()).toMatchObject({
      inserted: 10,
      failed: 1,
      failures: [{ index: 10, reason: expect.stringMatching(/missing id/) }],
    });
    const again = await api(ws.token, `/api/v1/imports/${job.id}/rows`, "POST", { rows: rows.slice(0, 10) });
    expect(await again.json()).toMatchObject({ inserted: 0, skipped: 10 });

    const items = await db.select().from(schema.feedbackItems).where(eq(schema.feedbackItems.sourceId, sourceId));
    expect(items).toHaveLength(10);
    expect(items.find((i) => i.externalId === "1")).toMatchObject({
      score: 0,
      scale: "thumbs",
      sentimentLabel: "negative",
      redactions: { phone: 1 },
    });
    expect(items.every((i) => !i.text.includes("20 12 34 56"))).toBe(true);

    const progress = (await (await api(ws.token, `/api/v1/imports/${job.id}`)).json()) as Record<
      string,
      number | string
    >;
    expect(progress).toMatchObject({ status: "running", processedRows: 20, failedRows: 1, totalRows: 21 });
    const done = await api(ws.token, `/api/v1/imports/${job.id}/complete`, "POST");
    expect(await done.json()).toMatchObject({ status: "done" });
    expect((await api(ws.token, `/api/v1/imports/${job.id}/rows`, "POST", { rows })).status).toBe(409);
  });

  it("refuses unknown headers without a mapping, oversized chunks, and other workspaces", async () => {
    const unknown = await api(ws.token, `/api/v1/sources/${sourceId}/imports`, "POST", {
      format: "csv",
      fileName: "x.csv",
      headers: ["foo", "bar"],
    });
    expect(unknown.status).toBe(400);
    const created = await api(ws.token, `/api/v1/sources/${sourceId}/imports`, "POST", {
      format: "jsonl",
      fileName: "x.jsonl",
      preset: "intercom",
    });
    const { id } = (await created.json()) as { id: string };
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ "Conversation ID": String(i) }));
    expect((await api(ws.token, `/api/v1/imports/${id}/rows`, "POST", { rows: tooMany })).status).toBe(400);
    expect((await api(other.token, `/api/v1/imports/${id}`)).status).toBe(404);
    expect(
      (await api(other.token, `/api/v1/imports/${id}/rows`, "POST", { rows: [{ "Conversation ID": "1" }] })).status,
    ).toBe(404);
    expect(
      (
        await api(other.token, `/api/v1/sources/${sourceId}/imports`, "POST", {
          format: "csv",
          fileName: "y",
          preset: "zendesk",
        })
      ).status,
    ).toBe(404);
  });
});

describe("the analysis context a backfill keeps between chunks", () => {
  it("reaches the next chunk when a rule or the workspace's languages change", async () => {
    const created = await api(ws.token, `/api/v1/sources/${sourceId}/imports`, "POST", {
      format: "csv",
      fileName: "rules-between-chunks.csv",
      headers: Object.keys(zendeskRow(1)),
    });
    const job = (await created.json()) as { id: string };
    const send = (ids: number[]) =>
      api(ws.token, `/api/v1/imports/${job.id}/rows`, "POST", { rows: ids.map((i) => zendeskRow(i)) });
    const placed = async (externalId: string) =>
      (
        await db
          .select({ touchpointId: schema.feedbackItems.touchpointId, method: schema.feedbackItems.touchpointMethod })
          .from(schema.feedbackItems)
          .where(eq(schema.feedbackItems.externalId, externalId))
      ).find(Boolean);

    expect((await send([101])).status).toBe(200);
    expect(await placed("101")).not.toMatchObject({ method: "rule" });

    await env.DB.prepare(
      "insert into touchpoint_rules (id, workspace_id, touchpoint_id, priority, kind, match, created_at) values (?, ?, ?, 0, 'tag', '[\"late\"]', ?)",
    )
      .bind("rule_between_chunks", ws.workspaceId, ws.touchpointIds.checkout, NOW)
      .run();
    expect((await send([102])).status).toBe(200);
    expect(await placed("102")).toEqual({ touchpointId: ws.touchpointIds.checkout, method: "rule" });

    // Danish only: the English text is no longer detected as English.
    await env.DB.prepare(`update workspaces set languages = '["da"]' where id = ?`).bind(ws.workspaceId).run();
    expect((await send([103])).status).toBe(200);
    const [latest] = await db
      .select({ language: schema.feedbackItems.language })
      .from(schema.feedbackItems)
      .where(eq(schema.feedbackItems.externalId, "103"));
    expect(latest?.language).not.toBe("en");
    await env.DB.prepare(`update workspaces set languages = '["en"]' where id = ?`).bind(ws.workspaceId).run();
  });
});

describe("a cancelled import", () => {
  it("refuses further chunks, like a finished one", async () => {
    const created = await api(ws.token, `/api/v1/sources/${sourceId}/imports`, "POST", {
      format: "csv",
      fileName: "cancelled.csv",
      preset: "zendesk",
    });
    const job = (await created.json()) as { id: string };
    expect((await api(ws.token, `/api/v1/imports/${job.id}/rows`, "POST", { rows: [zendeskRow(500)] })).status).toBe(
      200,
    );
    await imports.cancel(db, ws.workspaceId, job.id, NOW, "cancelled in the web app");
    const after = await api(ws.token, `/api/v1/imports/${job.id}/rows`, "POST", { rows: [zendeskRow(501)] });
    expect(after.status).toBe(409);
    expect(await after.json()).toMatchObject({ error: { code: "conflict" } });
  });
});
