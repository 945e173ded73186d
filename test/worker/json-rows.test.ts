import { env } from "cloudflare:test";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb, runBatch } from "../../db/src/client.ts";
import { insertFromJson } from "../../db/src/json-rows.ts";
import { dailyRollups, workspaces } from "../../db/src/schema/index.ts";

describe("insertFromJson", () => {
  it("writes thousands of rows in a few statements, exactly, whatever the text holds", async () => {
    const db = createDb(env.DB);
    const tricky = "it's \"quoted\"\nline two'); DROP TABLE daily_rollups; -- ✓ 🧯 \u0000end";
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      workspaceId: tricky,
      day: "2026-11-20",
      touchpointId: `tp${i}`,
      themeId: "",
      sourceId: "s",
      itemCount: i,
      sentimentSum: -0.25,
      frictionSum: 1e-9,
    }));
    const statements = insertFromJson(dailyRollups, rows);
    expect(statements.length).toBeLessThanOrEqual(2);
    await runBatch(db, statements);

    const [count] = await db
      .select({ n: sql<number>`count(*)` })
      .from(dailyRollups)
      .where(eq(dailyRollups.workspaceId, tricky));
    expect(count?.n).toBe(3000);
    const row = await db.query.dailyRollups.findFirst({
      where: and(eq(dailyRollups.workspaceId, tricky), eq(dailyRollups.touchpointId, "tp2999")),
    });
    expect(row).toMatchObject({
      itemCount: 2999,
      negativeCount: 0,
      sentimentSum: -0.25,
      frictionSum: 1e-9,
      themeId: "",
    });
  });

  it("stores JSON columns as JSON text and booleans as integers, as Drizzle reads them back", async () => {
    const db = createDb(env.DB);
    await runBatch(
      db,
      insertFromJson(workspaces, [
        { id: "ws_json", name: "J", slug: "json-rows", languages: ["da", "de"], isDemo: true, createdAt: new Date(0) },
      ]),
    );
    const ws = await db.query.workspaces.findFirst({ where: eq(workspaces.id, "ws_json") });
    expect(ws).toMatchObject({ languages: ["da", "de"], isDemo: true, country: "DK" });
  });
});
