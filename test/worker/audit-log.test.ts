import { env } from "cloudflare:test";
import { audit, createDb, runBatch, schema } from "@firebreak/db";
import { beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";

const db = createDb(env.DB);
const MINUTE = 60_000;

let ws: TestWorkspace;
let other: TestWorkspace;
let tokenId: string;

/** 30 entries: three actors, several kinds, and pairs recorded in the same millisecond (the keyset's tie-break). */
async function record(workspaceId: string, entries: Array<Omit<audit.AuditEntry, "workspaceId">>) {
  await runBatch(
    db,
    entries.map((e) => audit.entry(db, { ...e, workspaceId })),
  );
}

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "audited");
  other = await makeWorkspace(env.DB, "neighbour");
  tokenId = (await db.query.apiTokens.findFirst({
    where: (t, { eq }) => eq(t.workspaceId, ws.workspaceId),
  }))!.id;
  await db.insert(schema.users).values([
    { id: "usr_owner", name: "Olga Owner", email: "olga@example.com" },
    { id: "usr_stranger", name: "Stan Stranger", email: "stan@example.com" },
  ]);
  await db.insert(schema.members).values([
    { id: "mem_owner", organizationId: ws.workspaceId, userId: "usr_owner", role: "owner" },
    { id: "mem_stranger", organizationId: other.workspaceId, userId: "usr_stranger", role: "owner" },
  ]);
  const actors = ["user:usr_owner", `token:${tokenId}`, "user:web"];
  const actions = [
    "source.created",
    "source.secret_rotated",
    "journey.updated",
    "sources_x.made_up",
    "api_token.revoked",
  ];
  await record(
    ws.workspaceId,
    Array.from({ length: 30 }, (_, i) => ({
      actor: actors[i % 3] as string,
      action: actions[i % 5] as string,
      targetType: "journey",
      targetId: ws.journeyId,
      details: { n: i },
      // Two entries per minute, both in the same millisecond.
      at: NOW - Math.floor(i / 2) * MINUTE,
    })),
  );
  await record(other.workspaceId, [
    { actor: "user:usr_stranger", action: "source.created", targetType: "source", targetId: "src_x", at: NOW },
  ]);
});

const allPages = async (filter: audit.AuditFilter, limit: number) => {
  const seen: Array<{ id: string; createdAt: number }> = [];
  let before: audit.AuditCursor | undefined;
  for (;;) {
    const page = await audit.list(db, ws.workspaceId, filter, { before, limit });
    seen.push(...page);
    const last = page.at(-1);
    if (page.length < limit || !last) return seen;
    before = { at: last.createdAt, id: last.id };
  }
};

describe("audit.list", () => {
  it("pages newest first through every entry exactly once, same-millisecond entries included", async () => {
    const seen = await allPages({}, 7);
    expect(seen).toHaveLength(30);
    expect(new Set(seen.map((e) => e.id)).size).toBe(30);
    const order = seen.map((e) => [e.createdAt, e.id] as const);
    const sorted = [...order].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : -1));
    expect(order).toEqual(sorted);
  });

  it("filters by an exact action, or a kind without catching look-alike kinds", async () => {
    const rotated = await allPages({ action: "source.secret_rotated" }, 50);
    expect(rotated).toHaveLength(6);
    const sources = await audit.list(db, ws.workspaceId, { action: "source" }, { limit: 50 });
    expect(new Set(sources.map((e) => e.action))).toEqual(new Set(["source.created", "source.secret_rotated"]));
  });

  it("filters by actor and by a date range, and combines filters", async () => {
    const byOwner = await audit.list(db, ws.workspaceId, { actor: "user:usr_owner" }, { limit: 50 });
    expect(byOwner).toHaveLength(10);
    expect(byOwner.every((e) => e.actor === "user:usr_owner")).toBe(true);
    const lastFiveMinutes = await audit.list(
      db,
      ws.workspaceId,
      { from: NOW - 4 * MINUTE, to: NOW + 1 },
      { limit: 50 },
    );
    expect(lastFiveMinutes).toHaveLength(10);
    const both = await audit.list(
      db,
      ws.workspaceId,
      { actor: "user:web", action: "journey", from: NOW - 14 * MINUTE, to: NOW + 1 },
      { limit: 50 },
    );
    expect(both.map((e) => [e.actor, e.action])).toEqual([
      ["user:web", "journey.updated"],
      ["user:web", "journey.updated"],
    ]);
  });

  it("never shows another workspace's entries", async () => {
    const mine = await audit.list(db, ws.workspaceId, { actor: "user:usr_stranger" }, { limit: 50 });
    expect(mine).toEqual([]);
    const theirs = await audit.list(db, other.workspaceId, {}, { limit: 50 });
    expect(theirs.map((e) => e.actor)).toEqual(["user:usr_stranger"]);
  });

  it("serves the action and actor filters from their indexes", async () => {
    const plan = async (where: string, ...params: unknown[]) =>
      (
        await env.DB.prepare(`EXPLAIN QUERY PLAN SELECT id FROM audit_log WHERE ${where} ORDER BY created_at DESC`)
          .bind(...params)
          .all<{ detail: string }>()
      ).results
        .map((r) => r.detail)
        .join(" | ");
    expect(
      await plan("workspace_id = ? AND action >= ? AND action < ?", ws.workspaceId, "source.", "source/"),
    ).toContain("audit_log_ws_action_time_idx");
    expect(await plan("workspace_id = ? AND actor = ?", ws.workspaceId, "user:web")).toContain(
      "audit_log_ws_actor_time_idx",
    );
  });
});

describe("audit names and targets", () => {
  it("offers the workspace's own actions and actors as filter choices", async () => {
    const choices = await audit.filterChoices(db, ws.workspaceId);
    expect(choices.actions).toEqual([
      "api_token.revoked",
      "journey.updated",
      "source.created",
      "source.secret_rotated",
      "sources_x.made_up",
    ]);
    expect(choices.actors.sort()).toEqual([`token:${tokenId}`, "user:usr_owner", "user:web"].sort());
  });

  it("names users who acted in the workspace and its own tokens, nobody else", async () => {
    const otherToken = (await db.query.apiTokens.findFirst({
      where: (t, { eq }) => eq(t.workspaceId, other.workspaceId),
    }))!.id;
    const names = await audit.actorNames(db, ws.workspaceId, [
      "user:usr_owner",
      "user:usr_stranger",
      `token:${tokenId}`,
      `token:${otherToken}`,
      "user:web",
      "system",
    ]);
    expect([...names.users.keys()]).toEqual(["usr_owner"]);
    expect(names.users.get("usr_owner")).toEqual({ name: "Olga Owner", email: "olga@example.com" });
    expect([...names.tokens.keys()]).toEqual([tokenId]);
  });

  it("finds targets that still exist in the workspace, with the journey of a stage", async () => {
    const stage = (await db.query.stages.findFirst({ where: (s, { eq }) => eq(s.workspaceId, ws.workspaceId) }))!;
    const theirStage = (await db.query.stages.findFirst({
      where: (s, { eq }) => eq(s.workspaceId, other.workspaceId),
    }))!;
    const found = await audit.targets(db, ws.workspaceId, [
      { targetType: "journey", targetId: ws.journeyId },
      { targetType: "stage", targetId: stage.id },
      { targetType: "touchpoint", targetId: ws.touchpointIds.delivery },
      { targetType: "api_token", targetId: tokenId },
      { targetType: "member", targetId: "mem_owner" },
      { targetType: "member", targetId: "mem_stranger" },
      { targetType: "source", targetId: "src_deleted_long_ago" },
      { targetType: "journey", targetId: other.journeyId },
      { targetType: "stage", targetId: theirStage.id },
      { targetType: "rule", targetId: "rul_1" },
      { targetType: "journey", targetId: null },
    ]);
    expect(Object.fromEntries(found)).toEqual({
      [audit.targetKey("journey", ws.journeyId)]: { name: "Purchase" },
      [audit.targetKey("stage", stage.id)]: { name: "Delivery", parentId: ws.journeyId },
      [audit.targetKey("touchpoint", ws.touchpointIds.delivery)]: { name: "Delivery tracking" },
      [audit.targetKey("api_token", tokenId)]: { name: "test" },
      [audit.targetKey("member", "mem_owner")]: { name: "Olga Owner" },
    });
  });
});
