import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../db/src/client.ts";
import * as segments from "../../db/src/queries/segments.ts";
import { insert, ready, resetWorkspaces } from "./map-fixtures.ts";

beforeEach(async () => {
  await resetWorkspaces();
  await env.DB.prepare("delete from segments").run();
});

const by = { actor: "user:web", now: Date.parse("2026-11-23T10:00:00Z") };
const input = {
  kind: "persona" as const,
  name: "Mette",
  description: "",
  filter: { attributes: { plan: ["box-monthly"] } },
};

describe("segments", () => {
  it("saves, lists, updates and deletes within the workspace, auditing each change", async () => {
    const db = await ready();
    const row = await segments.create(db, "ws_demo", input, by);
    expect((await segments.list(db, "ws_demo")).map((s) => s.name)).toEqual(["Mette"]);
    expect(await segments.update(db, "ws_demo", row.id, { ...input, name: "Mette (new)" }, by)).toBe(true);
    expect((await segments.get(db, "ws_demo", row.id))?.name).toBe("Mette (new)");
    expect(await segments.remove(db, "ws_demo", row.id, by)).toBe(true);
    const { results } = await env.DB.prepare(
      "select action from audit_log where workspace_id = 'ws_demo' and target_id = ? order by rowid",
    )
      .bind(row.id)
      .all();
    expect(results.map((r) => r.action)).toEqual(["persona.create", "persona.update", "persona.delete"]);
  });

  it("never reads or changes another workspace's segment", async () => {
    const db = await ready();
    const theirs = await segments.create(db, "ws_other", input, by);
    expect(await segments.get(db, "ws_demo", theirs.id)).toBeUndefined();
    expect(await segments.list(db, "ws_demo")).toEqual([]);
    expect(await segments.update(db, "ws_demo", theirs.id, { ...input, name: "hijacked" }, by)).toBe(false);
    expect(await segments.remove(db, "ws_demo", theirs.id, by)).toBe(false);
    expect((await segments.get(createDb(env.DB), "ws_other", theirs.id))?.name).toBe("Mette");
  });

  it("offers each attribute's values with their customer counts, from this workspace only", async () => {
    const customer = (workspaceId: string, id: string, attributes: Record<string, string>) =>
      insert("customers", {
        id,
        workspace_id: workspaceId,
        key_hash: id,
        attributes: JSON.stringify(attributes),
        first_seen_at: 0,
        last_seen_at: 0,
      });
    customer("ws_demo", "c1", { plan: "box", market: "DK" });
    customer("ws_demo", "c2", { plan: "box", market: "UK" });
    customer("ws_demo", "c3", { plan: "none" });
    customer("ws_other", "o1", { plan: "secret-plan" });
    const values = await segments.attributeValues(await ready(), "ws_demo");
    expect(values).toEqual({
      market: [
        { value: "DK", customers: 1 },
        { value: "UK", customers: 1 },
      ],
      plan: [
        { value: "box", customers: 2 },
        { value: "none", customers: 1 },
      ],
    });
  });
});
