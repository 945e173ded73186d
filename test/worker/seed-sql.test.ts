import { env } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../db/src/client.ts";
import { dailyRollups } from "../../db/src/schema/index.ts";
import { insertStatements } from "../../db/src/seed/sql.ts";

describe("insertStatements through D1's exec", () => {
  it("loads rows exactly, including quotes, newlines and SQL-looking text, within D1's statement limit", async () => {
    const tricky = "it's\nline two'); DROP TABLE daily_rollups; --";
    const rows = Array.from({ length: 40 }, (_, i) => ({
      workspaceId: tricky,
      day: "2026-11-20",
      touchpointId: `tp${i}`,
      themeId: "",
      sourceId: "s",
      itemCount: i,
      sentimentSum: -0.25,
    }));
    const statements = insertStatements(dailyRollups, rows, 2_000);
    expect(statements.length).toBeGreaterThan(1);
    for (const statement of statements) {
      expect(statement.length).toBeLessThanOrEqual(2_000);
      // D1's exec splits on newlines, so each statement must sit on one line.
      expect(statement.includes("\n")).toBe(false);
    }
    await env.DB.exec(statements.join("\n"));

    const db = createDb(env.DB);
    const read = await db.select().from(dailyRollups).where(eq(dailyRollups.workspaceId, tricky));
    expect(read).toHaveLength(40);
    const row = await db.query.dailyRollups.findFirst({
      where: and(eq(dailyRollups.workspaceId, tricky), eq(dailyRollups.touchpointId, "tp7")),
    });
    expect(row).toMatchObject({ itemCount: 7, negativeCount: 0, sentimentSum: -0.25, themeId: "" });
  });
});
