import { env } from "cloudflare:test";
import { generateShareToken, hashSharePassword, MAX_FAILED_PASSWORDS, PASSWORD_LOCKOUT_MS } from "@firebreak/core";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as actionItems from "../../db/src/queries/action-items.ts";
import * as reviews from "../../db/src/queries/reviews.ts";
import * as shareLinks from "../../db/src/queries/share-links.ts";
import { getSharedJourney, getSharedSession } from "../../db/src/queries/share-view.ts";
import * as schema from "../../db/src/schema/index.ts";
import { addDays, customer, item, noon, RANGE, ready, resetWorkspaces, rollup, theme } from "./map-fixtures.ts";

const NOW = Date.parse("2026-11-23T10:00:00Z");
const DAY_MS = 86_400_000;
const by = { actor: "user:web", now: NOW };

async function makeLink(
  workspaceId = "ws_demo",
  extra: Partial<shareLinks.NewShareLink> = {},
): Promise<{ id: string; token: string; hash: string }> {
  const db = await ready();
  const { token, hash } = await generateShareToken();
  const outcome = await shareLinks.create(
    db,
    workspaceId,
    {
      kind: "journey",
      targetId: workspaceId === "ws_demo" ? "d_j" : "o_j",
      label: "Board pack",
      tokenHash: hash,
      passwordHash: null,
      embedOrigins: [],
      expiresAt: NOW + 30 * DAY_MS,
      range: null,
      ...extra,
    },
    by,
  );
  if (typeof outcome === "string") throw new Error(outcome);
  return { id: outcome.id, token, hash };
}

beforeEach(async () => {
  await env.DB.batch(
    ["share_links", "audit_log", "action_items", "agenda_items", "review_sessions"].map((table) =>
      env.DB.prepare(`delete from ${table}`),
    ),
  );
  await resetWorkspaces();
});

describe("making and listing links", () => {
  it("stores only the token's hash and audits without it", async () => {
    const { id, token, hash } = await makeLink();
    const db = await ready();
    const [row] = await db.select().from(schema.shareLinks).where(eq(schema.shareLinks.id, id));
    expect(row?.tokenHash).toBe(hash);
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    const [entry] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.targetId, id), eq(schema.auditLog.action, "share_link.created")));
    expect(entry).toMatchObject({ workspaceId: "ws_demo", actor: "user:web", targetType: "share_link" });
    expect(entry?.details).toMatchObject({ kind: "journey", targetId: "d_j", label: "Board pack", password: false });
    expect(JSON.stringify(entry)).not.toContain(token.slice(4));
    expect(JSON.stringify(entry)).not.toContain(hash);
  });

  it("refuses a target in another workspace, and lists only the workspace's own links", async () => {
    const db = await ready();
    const { hash } = await generateShareToken();
    const outcome = await shareLinks.create(
      db,
      "ws_demo",
      {
        kind: "journey",
        targetId: "o_j",
        label: "",
        tokenHash: hash,
        passwordHash: null,
        embedOrigins: [],
        expiresAt: NOW + DAY_MS,
        range: null,
      },
      by,
    );
    expect(outcome).toBe("target_not_found");
    const mine = await makeLink("ws_demo");
    await makeLink("ws_other");
    const listed = await shareLinks.list(db, "ws_demo");
    expect(listed.map((l) => l.id)).toEqual([mine.id]);
    expect(listed[0]).toMatchObject({ targetName: "Journey", hasPassword: false, viewCount: 0 });
    expect((await shareLinks.listFor(db, "ws_demo", "journey", "d_j")).map((l) => l.id)).toEqual([mine.id]);
    expect(await shareLinks.listFor(db, "ws_demo", "journey", "o_j")).toEqual([]);
  });
});

describe("viewing by token hash", () => {
  it("counts each view with its time in the one update, and finds nothing for an unknown hash", async () => {
    const { id, hash } = await makeLink();
    const db = await ready();
    const first = await shareLinks.view(db, hash, NOW + 1000);
    expect(first.state).toBe("shown");
    if (first.state === "shown") expect(first.link).toMatchObject({ id, viewCount: 1, lastViewedAt: NOW + 1000 });
    const second = await shareLinks.view(db, hash, NOW + 2000);
    if (second.state === "shown") expect(second.link.viewCount).toBe(2);
    expect(second.state).toBe("shown");
    expect(await shareLinks.view(db, (await generateShareToken()).hash, NOW)).toEqual({ state: "unknown" });
  });

  it("answers revoked at once, and expired from the expiry on, counting neither", async () => {
    const revoked = await makeLink();
    const expiring = await makeLink("ws_demo", { expiresAt: NOW + DAY_MS });
    const db = await ready();
    expect(await shareLinks.revoke(db, "ws_other", revoked.id, by)).toBe("not_found");
    expect((await shareLinks.view(db, revoked.hash, NOW)).state).toBe("shown");
    expect(await shareLinks.revoke(db, "ws_demo", revoked.id, by)).toBe("revoked");
    expect(await shareLinks.revoke(db, "ws_demo", revoked.id, by)).toBe("already_revoked");
    expect((await shareLinks.view(db, revoked.hash, NOW + 1)).state).toBe("revoked");

    expect((await shareLinks.view(db, expiring.hash, NOW + DAY_MS - 1)).state).toBe("shown");
    expect((await shareLinks.view(db, expiring.hash, NOW + DAY_MS)).state).toBe("expired");

    const rows = await db.select().from(schema.shareLinks);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.viewCount]))).toEqual({ [revoked.id]: 1, [expiring.id]: 1 });
    const [entry] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.targetId, revoked.id), eq(schema.auditLog.action, "share_link.revoked")));
    expect(entry?.workspaceId).toBe("ws_demo");
  });

  it("holds a password link back until unlocked, then counts the view", async () => {
    const { id, hash } = await makeLink("ws_demo", { passwordHash: await hashSharePassword("open sesame", 1000) });
    const db = await ready();
    const outcome = await shareLinks.view(db, hash, NOW);
    expect(outcome.state).toBe("password");
    if (outcome.state === "password") expect(outcome.link.viewCount).toBe(0);
    expect((await shareLinks.countView(db, id, NOW + 5))?.viewCount).toBe(1);
    await shareLinks.revoke(db, "ws_demo", id, by);
    expect(await shareLinks.countView(db, id, NOW + 6)).toBeNull();
  });

  it("locks a link after too many wrong passwords, and counts again after the lock", async () => {
    const { id } = await makeLink("ws_demo", { passwordHash: await hashSharePassword("open sesame", 1000) });
    const db = await ready();
    for (let attempt = 1; attempt < MAX_FAILED_PASSWORDS; attempt++) {
      expect(await shareLinks.failPassword(db, id, NOW)).toBeNull();
    }
    expect(await shareLinks.failPassword(db, id, NOW)).toBe(NOW + PASSWORD_LOCKOUT_MS);
    const [row] = await db.select().from(schema.shareLinks).where(eq(schema.shareLinks.id, id));
    expect(row).toMatchObject({ failedPasswords: 0, lockedUntil: NOW + PASSWORD_LOCKOUT_MS });
    // After the lock, a wrong password counts from one again without locking at once.
    expect(await shareLinks.failPassword(db, id, NOW + PASSWORD_LOCKOUT_MS + 1)).toBeNull();
    await shareLinks.clearPasswordFailures(db, id);
    const [cleared] = await db.select().from(schema.shareLinks).where(eq(schema.shareLinks.id, id));
    expect(cleared?.failedPasswords).toBe(0);
  });
});

describe("the shared journey's read model", () => {
  it("shows hotspots and redacted verbatims, even of text that bypassed ingest redaction, and no identifiers", async () => {
    const day = "2026-11-20";
    customer("ws_demo", "cus_planted");
    rollup("ws_demo", "d_a", day, 4);
    item("itm_planted", "d_a", noon(day), {
      text: "Refund never came, write to planted.person@example.com or call +45 20 12 34 56",
      title: "From planted.person@example.com",
      customer_id: "cus_planted",
      url: "https://support.example.com/tickets/4711",
    });
    item("itm_positive", "d_a", noon(day) - 1000, { sentiment_label: "positive", text: "All good" });
    item("itm_other_ws", "o_a", noon(day), { workspace_id: "ws_other", text: "other.workspace@example.com" });
    const db = await ready();

    const shared = await getSharedJourney(db, "ws_demo", "d_j", RANGE);
    expect(shared).not.toBeNull();
    const html = JSON.stringify(shared);
    expect(html).not.toContain("planted.person@example.com");
    expect(html).not.toContain("20 12 34 56");
    expect(html).not.toContain("itm_planted");
    expect(html).not.toContain("cus_planted");
    expect(html).not.toContain("tickets/4711");
    expect(html).not.toContain("Support d"); // the source's name
    expect(html).not.toContain("other.workspace");
    expect(html).not.toContain("All good"); // only negative verbatims are shown

    const a = shared?.stages.flatMap((s) => s.touchpoints).find((t) => t.key === "a");
    expect(a?.counters.itemCount).toBe(4);
    expect(a?.friction.parts.length).toBeGreaterThan(0);
    expect(a?.verbatims).toEqual([
      {
        text: "Refund never came, write to [email] or call [phone]",
        title: "From [email]",
        score: null,
        scale: expect.any(String),
        sentiment: -0.8,
        channel: "chat",
        day,
      },
    ]);
    expect(await getSharedJourney(db, "ws_demo", "o_j", RANGE)).toBeNull();
  });

  it("keeps at most three verbatims per touchpoint, newest first", async () => {
    const day = "2026-11-20";
    for (let i = 0; i < 5; i++) item(`itm_${i}`, "d_b", noon(day) + i * 1000, { text: `complaint ${i}` });
    const db = await ready();
    const shared = await getSharedJourney(db, "ws_demo", "d_j", RANGE);
    const b = shared?.stages.flatMap((s) => s.touchpoints).find((t) => t.key === "b");
    expect(b?.verbatims.map((v) => v.text)).toEqual(["complaint 4", "complaint 3", "complaint 2"]);
  });
});

describe("the shared review session's read model", () => {
  const OCTOBER = { from: "2026-10-01", to: "2026-10-31" };
  const EMAIL = "planted.customer@example.com";

  /** A session of the workspace with one recurring issue on its agenda; started unless `draft`. */
  async function session(workspaceId: string, prefix: string, draft = false) {
    theme(workspaceId, `${prefix}_thm`, "Parcel late");
    for (let day = "2026-09-01"; day <= "2026-11-20"; day = addDays(day, 1)) {
      rollup(workspaceId, `${prefix}_a`, day, 4, { theme_id: `${prefix}_thm`, friction_sum: 2 });
    }
    const db = await ready();
    const created = await reviews.create(db, workspaceId, { period: OCTOBER, title: "October review" }, by);
    if (!created.ok) throw new Error(created.problem);
    if (!draft) expect(await reviews.start(db, workspaceId, created.id, by)).toMatchObject({ items: 1 });
    return created.id;
  }

  it("redacts a planted email and phone in notes, decision and action titles, and shows the figures", async () => {
    const id = await session("ws_demo", "d");
    const db = await ready();
    const [agendaItem] = (await reviews.sessionView(db, "ws_demo", id, NOW))?.agenda ?? [];
    expect(agendaItem?.id).toBeTruthy();
    const itemId = agendaItem?.id as string;
    await reviews.saveNotes(
      db,
      "ws_demo",
      id,
      itemId,
      { notes: `Customer ${EMAIL} called from +45 20 12 34 56 twice`, decision: `Reply to ${EMAIL} personally` },
      by,
    );
    const action = await actionItems.create(
      db,
      "ws_demo",
      id,
      {
        title: `Call back +45 20 12 34 56 (${EMAIL})`,
        owner: null,
        dueDate: "2026-12-01",
        themeId: "d_thm",
        touchpointId: "d_a",
        agendaItemId: itemId,
      },
      by,
    );
    expect(action.ok).toBe(true);

    const shared = await getSharedSession(db, "ws_demo", id, NOW);
    const json = JSON.stringify(shared);
    expect(json).not.toContain(EMAIL);
    expect(json).not.toContain("20 12 34 56");
    expect(json).not.toContain(id); // nothing names the session's own id either
    expect(shared?.session).toMatchObject({ title: "October review", status: "in_progress", period: OCTOBER });
    const [shown] = shared?.agenda ?? [];
    expect(shown).toMatchObject({
      kind: "theme",
      notes: "Customer [email] called from [phone] twice",
      decision: "Reply to [email] personally",
    });
    expect(shown?.snapshot).toMatchObject({ label: "Parcel late", rank: 1, itemCount: expect.any(Number) });
    expect(shown?.actions.map((a) => a.title)).toEqual(["Call back [phone] ([email])"]);
    expect(shared?.actionItems).toEqual([
      expect.objectContaining({ title: "Call back [phone] ([email])", ownerId: null, session: null }),
    ]);
  });

  it("refuses to share a draft, and another workspace's session can be neither shared nor viewed", async () => {
    const started = await session("ws_demo", "d");
    const draft = await reviews.create(await ready(), "ws_demo", { period: OCTOBER }, by);
    if (!draft.ok) throw new Error(draft.problem);
    const db = await ready();
    const link = (targetId: string) => ({
      kind: "session" as const,
      targetId,
      label: "",
      tokenHash: crypto.randomUUID(),
      passwordHash: null,
      embedOrigins: [],
      expiresAt: NOW + DAY_MS,
      range: null,
    });
    expect(await shareLinks.create(db, "ws_demo", link(draft.id), by)).toBe("session_not_started");
    expect(await getSharedSession(db, "ws_demo", draft.id, NOW)).toBeNull();
    expect(await shareLinks.create(db, "ws_other", link(started), by)).toBe("target_not_found");
    expect(await getSharedSession(db, "ws_other", started, NOW)).toBeNull();

    const made = await shareLinks.create(db, "ws_demo", link(started), by);
    expect(made).toMatchObject({ id: expect.any(String) });
    expect((await shareLinks.listFor(db, "ws_demo", "session", started)).map((l) => l.targetName)).toEqual([
      "October review",
    ]);
    expect(await shareLinks.listFor(db, "ws_other", "session", started)).toEqual([]);
  });
});
