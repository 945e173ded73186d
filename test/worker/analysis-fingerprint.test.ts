import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { analysisFingerprint } from "../../db/src/queries/workspaces.ts";
import { insert, ready, resetWorkspaces } from "./map-fixtures.ts";

beforeEach(async () => {
  await resetWorkspaces();
  await env.DB.prepare("delete from touchpoint_rules").run();
});

describe("analysisFingerprint", () => {
  it("changes when a touchpoint or rule changes, so ingest reloads its context at once, and not otherwise", async () => {
    const db = await ready();
    const first = await analysisFingerprint(db, "ws_demo");
    expect(await analysisFingerprint(db, "ws_demo")).toBe(first);

    // Another workspace's change leaves this one's fingerprint alone.
    await env.DB.prepare("update touchpoints set updated_at = 99 where workspace_id = 'ws_other'").run();
    expect(await analysisFingerprint(db, "ws_demo")).toBe(first);

    await env.DB.prepare("update touchpoints set is_human_moment = 1, updated_at = 50 where id = 'd_a'").run();
    const afterEdit = await analysisFingerprint(db, "ws_demo");
    expect(afterEdit).not.toBe(first);

    insert("touchpoint_rules", {
      id: "r1",
      workspace_id: "ws_demo",
      touchpoint_id: "d_a",
      priority: 0,
      kind: "tag",
      match: '["vip"]',
      created_at: 10,
    });
    await ready();
    const afterRule = await analysisFingerprint(db, "ws_demo");
    expect(afterRule).not.toBe(afterEdit);

    await env.DB.prepare("update touchpoint_rules set enabled = 0 where id = 'r1'").run();
    expect(await analysisFingerprint(db, "ws_demo")).not.toBe(afterRule);
  });
});
