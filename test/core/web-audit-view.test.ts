import { describe, expect, it } from "vitest";
import { auditQueryString, parseAuditQuery } from "../../apps/web/src/lib/server/audit-query.ts";
import {
  actionGroups,
  actorLabel,
  describeAction,
  detailFields,
  targetView,
} from "../../apps/web/src/lib/server/audit-view.ts";

const names = {
  users: new Map([["usr_1", { name: "Olga Owner", email: "olga@example.com" }]]),
  tokens: new Map([["tok_1", { name: "Warehouse sync", prefix: "fbk_AbCdEfGh" }]]),
};

describe("audit entries in words", () => {
  it("describes known actions, and later ones from their name", () => {
    expect(describeAction("source.secret_rotated")).toBe("Rotated a source's signing secret");
    expect(describeAction("api_token.created")).toBe("Created an API token");
    expect(describeAction("member.role_changed")).toBe("Changed someone's role");
    expect(describeAction("share_link.created")).toBe("Shared a read-only link");
    expect(describeAction("widget_link.created")).toBe("Created (widget link)");
  });

  it("groups the filter's actions by kind, labelled", () => {
    const groups = actionGroups(["source.created", "api_token.revoked", "source.paused", "erasure.completed"]);
    expect(groups.map((g) => [g.kind, g.label, g.actions.map((a) => a.value)])).toEqual([
      ["api_token", "API tokens", ["api_token.revoked"]],
      ["erasure", "Erasure", ["erasure.completed"]],
      ["source", "Sources", ["source.created", "source.paused"]],
    ]);
  });

  it("names actors: people, tokens, the web app before sign-in, the system, and those no longer known", () => {
    expect(actorLabel("user:usr_1", names)).toBe("Olga Owner (olga@example.com)");
    expect(actorLabel("token:tok_1", names)).toBe("API token “Warehouse sync” (fbk_AbCdEfGh…)");
    expect(actorLabel("user:web", names)).toBe("Web app (before sign-in)");
    expect(actorLabel("system", names)).toBe("Firebreak");
    expect(actorLabel("system:demo", names)).toBe("Demo setup");
    expect(actorLabel("token:tok_gone", names)).toBe("A deleted API token (tok_gone)");
    expect(actorLabel("user:usr_gone", names)).toBe("A former member (usr_gone)");
  });

  it("links targets that still exist, names the gone ones from the entry, and never links rules", () => {
    const source = { targetType: "source", targetId: "src_1", details: {} };
    expect(targetView(source, { name: "Zendesk" })).toEqual({
      type: "Source",
      label: "Zendesk",
      href: "/sources/src_1",
      gone: false,
    });
    expect(targetView({ ...source, details: { name: "Old survey" } }, undefined)).toEqual({
      type: "Source",
      label: "Old survey",
      href: null,
      gone: true,
    });
    expect(
      targetView({ targetType: "stage", targetId: "st_1", details: {} }, { name: "Delivery", parentId: "jr_1" }),
    ).toMatchObject({ href: "/journeys/jr_1/edit" });
    expect(targetView({ targetType: "rule", targetId: "rul_1", details: {} }, undefined)).toEqual({
      type: "Placement rule",
      label: "rul_1",
      href: null,
      gone: false,
    });
    expect(targetView({ targetType: "journey", targetId: null, details: {} }, undefined)).toBeNull();
  });

  it("renders details as labelled fields: times, yes/no, lists, nesting, long lists cut", () => {
    const fields = detailFields({
      name: "Warehouse sync",
      scopes: ["read", "write"],
      expiresAt: Date.parse("2026-12-01T09:30:00Z"),
      pinned: true,
      movedTo: null,
      items: Array.from({ length: 12 }, (_, i) => ({ id: `it_${i}`, from: "tp_a" })),
      keywords: { en: ["refund"], da: [] },
    });
    expect(fields.map((f) => f.label)).toEqual([
      "Name",
      "Scopes",
      "Expires",
      "Pinned",
      "Moved to",
      "Items",
      "Keywords",
    ]);
    expect(fields[1]?.value).toEqual({ kind: "text", text: "read, write" });
    expect(fields[2]?.value).toEqual({ kind: "text", text: "1 Dec 2026, 09:30 UTC" });
    expect(fields[3]?.value).toEqual({ kind: "text", text: "yes" });
    expect(fields[4]?.value).toEqual({ kind: "text", text: "none" });
    const items = fields[5]?.value;
    expect(items?.kind).toBe("list");
    if (items?.kind === "list") {
      expect(items.items).toHaveLength(11);
      expect(items.items[0]).toEqual({
        kind: "fields",
        fields: [
          { label: "Id", value: { kind: "text", text: "it_0" } },
          { label: "From", value: { kind: "text", text: "tp_a" } },
        ],
      });
      expect(items.items[10]).toEqual({ kind: "text", text: "and 2 more" });
    }
    expect(fields[6]?.value).toEqual({
      kind: "fields",
      fields: [
        { label: "En", value: { kind: "text", text: "refund" } },
        { label: "Da", value: { kind: "text", text: "none" } },
      ],
    });
  });
});

describe("the audit page's URL", () => {
  const parse = (query: string) => parseAuditQuery(new URLSearchParams(query));

  it("reads filters, makes the end date inclusive, and treats empty fields as any", () => {
    const query = parse("action=source&actor=user%3Aweb&from=2026-11-01&to=2026-11-20&before=");
    expect(query).toEqual({
      ok: true,
      filter: {
        action: "source",
        actor: "user:web",
        from: Date.parse("2026-11-01T00:00:00Z"),
        to: Date.parse("2026-11-21T00:00:00Z"),
      },
      before: undefined,
      values: { action: "source", actor: "user:web", from: "2026-11-01", to: "2026-11-20" },
    });
    expect(parse("action=&actor=&from=&to=")).toMatchObject({ ok: true, filter: {} });
  });

  it("reads the cursor and writes it back with the filters", () => {
    const query = parse("action=api_token.created&before=1795483832880.aud_01abc");
    expect(query).toMatchObject({ ok: true, before: { at: 1795483832880, id: "aud_01abc" } });
    if (query.ok) {
      expect(auditQueryString(query.values, { at: 1, id: "aud_x" })).toBe("?action=api_token.created&before=1.aud_x");
      expect(auditQueryString({ action: "", actor: "", from: "", to: "" })).toBe("");
    }
  });

  it("refuses malformed filters with a reason", () => {
    expect(parse("from=2026-13-45")).toEqual({ ok: false, message: "That date does not exist." });
    expect(parse("from=yesterday")).toEqual({ ok: false, message: "Dates are YYYY-MM-DD." });
    expect(parse("from=2026-11-20&to=2026-11-01")).toEqual({
      ok: false,
      message: "The start date is after the end date.",
    });
    expect(parse("before=abc")).toMatchObject({ ok: false });
    expect(parse("action=DROP%20TABLE")).toEqual({ ok: false, message: "Unknown action." });
  });
});
