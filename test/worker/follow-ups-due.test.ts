import { env } from "cloudflare:test";
import { createDb, followUps, schema } from "@firebreak/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { addSource, feedback, store } from "./stored-items.ts";

const db = createDb(env.DB);
const HOUR = 3_600_000;
/** More than two of the insert's 10-row chunks: 12 rows a statement would bind 108 parameters, over D1's 100. */
const DUE = 23;

let ws: TestWorkspace;

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "follow-ups-due");
  const sourceId = await addSource(ws);
  await db
    .update(schema.touchpoints)
    .set({ isHumanMoment: true, humanMomentReason: "Payment trouble needs a person", humanMomentOwner: "Billing" })
    .where(eq(schema.touchpoints.id, ws.touchpointIds.checkout));
  const angry = Array.from({ length: DUE }, (_, i) =>
    feedback(`Awful. I want to speak to a manager about payment ${i} or I will cancel.`, {
      touchpointHint: ws.touchpointIds.checkout,
      occurredAt: NOW - (i + 1) * HOUR,
    }),
  );
  await store(ws, sourceId, angry);
});

describe("follow-ups for a backlog of due items", () => {
  it("creates one for each of 23 due items in one call, and none twice", async () => {
    const created = await followUps.createDue(db, ws.workspaceId, NOW - 7 * 24 * HOUR, NOW);
    expect(created).toHaveLength(DUE);
    const listed = await followUps.list(db, ws.workspaceId, { status: "open" });
    expect(listed).toHaveLength(DUE);
    expect(new Set(listed.map((f) => f.itemId)).size).toBe(DUE);
    expect(listed.every((f) => f.assignee === "Billing" && f.reasons.length > 0)).toBe(true);
    expect(await followUps.createDue(db, ws.workspaceId, NOW - 7 * 24 * HOUR, NOW)).toEqual([]);
  });
});
