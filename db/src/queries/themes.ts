/**
 * Themes (recurring issues) as people curate them: list, rename, describe, pin with keywords per language, merge,
 * split. Every change that moves items moves their rollup contributions in the same transaction, and is audited.
 * @module
 */
import { suggestKeywords, type ThemeDocument } from "@firebreak/core";
import { and, desc, eq, isNull, lt, ne, or, type SQL, sql } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { loadMovable, type MovableItem, moveStatements, placementOf } from "../pipelines/item-moves.ts";
import { feedbackItems, themeModels, themes, workspaces } from "../schema/index.ts";
import * as audit from "./audit.ts";
import { reassignRollups } from "./items.ts";

export type ThemeRow = typeof themes.$inferSelect;

/** What the API and the app show of a theme (its centroid is an implementation detail). */
export function toView(theme: ThemeRow) {
  const { centroid: _centroid, workspaceId: _workspaceId, ...view } = theme;
  return view;
}

/** Active themes (pinned first, then by items in the last re-clustering window); `all` adds merged and archived. */
export function list(db: Db, workspaceId: string, { all = false } = {}) {
  return db
    .select()
    .from(themes)
    .where(and(eq(themes.workspaceId, workspaceId), all ? undefined : eq(themes.status, "active")))
    .orderBy(desc(themes.pinned), desc(themes.itemCount), themes.id);
}

export function get(db: Db, workspaceId: string, themeId: string) {
  return db.query.themes.findFirst({ where: and(eq(themes.workspaceId, workspaceId), eq(themes.id, themeId)) });
}

/**
 * Workspaces whose themes are older than `maxAgeMs` (or were never built) and that have items, least recently built
 * first: the cron re-clusters a few per tick.
 */
export async function dueForRecluster(db: Db, now: number, maxAgeMs: number, limit: number) {
  const rows = await db
    .select({ workspaceId: workspaces.id })
    .from(workspaces)
    .leftJoin(themeModels, eq(themeModels.workspaceId, workspaces.id))
    .where(
      and(
        or(isNull(themeModels.builtAt), lt(themeModels.builtAt, now - maxAgeMs)),
        sql`EXISTS (SELECT 1 FROM feedback_items WHERE feedback_items.workspace_id = ${workspaces.id})`,
      ),
    )
    .orderBy(sql`coalesce(${themeModels.builtAt}, 0)`)
    .limit(limit);
  return rows.map((r) => r.workspaceId);
}

export interface ThemeChange {
  label?: string;
  description?: string;
  pinned?: boolean;
  keywords?: Record<string, string[]>;
  /** When the fix for this issue shipped (review sessions compare before and after). */
  fixShippedAt?: number | null;
}

/** Who did it, for the audit log: `token:<id>`, `user:<id>` or `system`. */
export interface Actor {
  actor: string;
  now: number;
}

/**
 * Renames, describes, pins or unpins a theme, or sets its keywords. A name a person gives sticks through
 * re-clustering. Pinning without keywords suggests them from the theme's items, per language.
 */
export async function update(
  db: Db,
  workspaceId: string,
  themeId: string,
  change: ThemeChange,
  { actor, now }: Actor,
): Promise<ThemeRow | undefined> {
  const theme = await get(db, workspaceId, themeId);
  if (!theme || theme.status === "merged") return undefined;
  let keywords = change.keywords;
  if (change.pinned && !keywords && Object.keys(theme.keywords).length === 0) {
    keywords = await suggestThemeKeywords(db, workspaceId, themeId);
  }
  const [updated] = await runBatch(db, [
    db
      .update(themes)
      .set({
        ...(change.label !== undefined ? { label: change.label, labelLocked: true } : {}),
        ...(change.description !== undefined ? { description: change.description } : {}),
        ...(change.pinned !== undefined ? { pinned: change.pinned } : {}),
        ...(keywords !== undefined ? { keywords } : {}),
        ...(change.fixShippedAt !== undefined ? { fixShippedAt: change.fixShippedAt } : {}),
        // A theme a person pins or names is theirs: it is never archived for going quiet.
        ...(change.pinned || change.label !== undefined ? { status: "active" as const } : {}),
        updatedAt: now,
      })
      .where(and(eq(themes.workspaceId, workspaceId), eq(themes.id, themeId)))
      .returning(),
    audit.entry(db, {
      workspaceId,
      actor,
      action: change.pinned === true ? "theme.pinned" : change.pinned === false ? "theme.unpinned" : "theme.updated",
      targetType: "theme",
      targetId: themeId,
      details: { ...change, ...(keywords ? { keywords } : {}) },
      at: now,
    }),
  ]);
  return (updated?.results as ThemeRow[] | undefined)?.[0] ?? get(db, workspaceId, themeId);
}

/** Sample sizes for keyword suggestions: enough to find the wording, small enough for one request. */
const SUGGEST_MEMBERS = 300;
const SUGGEST_OTHERS = 600;

async function suggestThemeKeywords(db: Db, workspaceId: string, themeId: string) {
  const columns = {
    id: feedbackItems.id,
    title: feedbackItems.title,
    text: feedbackItems.text,
    language: feedbackItems.language,
  };
  const [members, others] = await db.batch([
    db
      .select(columns)
      .from(feedbackItems)
      .where(and(eq(feedbackItems.workspaceId, workspaceId), eq(feedbackItems.themeId, themeId)))
      .orderBy(desc(feedbackItems.occurredAt))
      .limit(SUGGEST_MEMBERS),
    db
      .select(columns)
      .from(feedbackItems)
      .where(
        and(
          eq(feedbackItems.workspaceId, workspaceId),
          or(isNull(feedbackItems.themeId), ne(feedbackItems.themeId, themeId)),
          eq(feedbackItems.isTest, false),
        ),
      )
      .orderBy(desc(feedbackItems.occurredAt))
      .limit(SUGGEST_OTHERS),
  ]);
  return suggestKeywords(members.map(asDocument), others.map(asDocument));
}

const asDocument = (row: { id: string; title: string | null; text: string; language: string }): ThemeDocument => ({
  id: row.id,
  text: row.title ? `${row.title}. ${row.text}` : row.text,
  language: row.language,
});

/**
 * Merges `fromId` into `intoId`: its items, rollups and keywords move over, it is marked merged (pointing at the
 * survivor, as do themes merged into it earlier), and re-clustering keeps the two together from then on.
 */
export async function merge(
  db: Db,
  workspaceId: string,
  fromId: string,
  intoId: string,
  { actor, now }: Actor,
): Promise<{ ok: true; moved: number } | { ok: false; problem: "not_found" | "same" }> {
  if (fromId === intoId) return { ok: false, problem: "same" };
  const [from, into] = await Promise.all([get(db, workspaceId, fromId), get(db, workspaceId, intoId)]);
  if (!from || !into || from.status === "merged" || into.status === "merged")
    return { ok: false, problem: "not_found" };
  const keywords = mergeKeywords(into.keywords, from.keywords);
  const results = await runBatch(db, [
    sql`UPDATE feedback_items SET theme_id = ${intoId} WHERE workspace_id = ${workspaceId} AND theme_id = ${fromId}`,
    ...reassignRollups(workspaceId, "theme_id", fromId, intoId),
    db
      .update(themes)
      .set({ itemCount: sql`${themes.itemCount} + ${from.itemCount}`, keywords, status: "active", updatedAt: now })
      .where(and(eq(themes.workspaceId, workspaceId), eq(themes.id, intoId))),
    db
      .update(themes)
      .set({ status: "merged", mergedIntoId: intoId, pinned: false, itemCount: 0, updatedAt: now })
      .where(and(eq(themes.workspaceId, workspaceId), or(eq(themes.id, fromId), eq(themes.mergedIntoId, fromId)))),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "theme.merged",
      targetType: "theme",
      targetId: fromId,
      details: { into: intoId },
      at: now,
    }),
  ]);
  return { ok: true, moved: results[0]?.meta.changes ?? 0 };
}

function mergeKeywords(a: Record<string, string[]>, b: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = { ...a };
  for (const [language, phrases] of Object.entries(b))
    out[language] = [...new Set([...(out[language] ?? []), ...phrases])];
  return out;
}

/** What a split needs: the items to move, a name for the new theme and its id. */
export interface SplitInput {
  itemIds: readonly string[];
  label: string;
  newId: string;
}

type SplitResult = { ok: true; theme: ThemeRow; moved: number };

/**
 * Splits the chosen items off `themeId` into a new theme named `label`. The new theme is pinned with keywords
 * suggested from those items, so re-clustering cannot fold it back.
 */
export async function split(
  db: Db,
  workspaceId: string,
  themeId: string,
  input: SplitInput,
  by: Actor,
): Promise<SplitResult | { ok: false; problem: "not_found" | "no_items" }> {
  const theme = await get(db, workspaceId, themeId);
  if (!theme || theme.status === "merged") return { ok: false, problem: "not_found" };
  const items = (await loadMovable(db, workspaceId, input.itemIds)).filter((i) => i.themeId === themeId);
  if (items.length === 0) return { ok: false, problem: "no_items" };
  const contrast = and(eq(feedbackItems.workspaceId, workspaceId), eq(feedbackItems.themeId, themeId));
  return splitOff(db, workspaceId, items, contrast, input, by, { action: "theme.split", targetId: themeId });
}

/**
 * Splits picked items, whatever theme each has (or none), into a new pinned theme named `label`, with keywords that
 * set them apart from the workspace's recent feedback. `no_items` when none of the items is the workspace's.
 */
export async function splitSelection(
  db: Db,
  workspaceId: string,
  input: SplitInput,
  by: Actor,
): Promise<SplitResult | { ok: false; problem: "no_items" }> {
  const items = await loadMovable(db, workspaceId, input.itemIds);
  if (items.length === 0) return { ok: false, problem: "no_items" };
  return splitOff(db, workspaceId, items, eq(feedbackItems.workspaceId, workspaceId), input, by, {
    action: "theme.created_from_items",
    targetId: input.newId,
  });
}

async function splitOff(
  db: Db,
  workspaceId: string,
  items: MovableItem[],
  contrast: SQL | undefined,
  input: SplitInput,
  { actor, now }: Actor,
  record: { action: string; targetId: string },
): Promise<SplitResult> {
  const chosen = new Set(items.map((i) => i.id));
  const rest = await db
    .select({
      id: feedbackItems.id,
      title: feedbackItems.title,
      text: feedbackItems.text,
      language: feedbackItems.language,
    })
    .from(feedbackItems)
    .where(contrast)
    .orderBy(desc(feedbackItems.occurredAt))
    .limit(SUGGEST_OTHERS);
  const keywords = suggestKeywords(items.map(asDocument), rest.filter((r) => !chosen.has(r.id)).map(asDocument));
  const created: typeof themes.$inferInsert = {
    id: input.newId,
    workspaceId,
    label: input.label,
    labelLocked: true,
    pinned: true,
    keywords,
    itemCount: items.length,
    firstSeenAt: Math.min(...items.map((i) => i.occurredAt)),
    lastSeenAt: Math.max(...items.map((i) => i.occurredAt)),
    createdAt: now,
    updatedAt: now,
  };
  const leaving = new Map<string, number>();
  for (const { themeId } of items) if (themeId) leaving.set(themeId, (leaving.get(themeId) ?? 0) + 1);
  await runBatch(db, [
    db.insert(themes).values(created),
    ...moveStatements(
      workspaceId,
      items.map((item) => ({ item, to: { ...placementOf(item), themeId: input.newId, repeatOfItemId: null } })),
    ),
    ...[...leaving].map(([themeId, n]) =>
      db
        .update(themes)
        .set({ itemCount: sql`max(0, ${themes.itemCount} - ${n})`, updatedAt: now })
        .where(and(eq(themes.workspaceId, workspaceId), eq(themes.id, themeId))),
    ),
    audit.entry(db, {
      workspaceId,
      actor,
      action: record.action,
      targetType: "theme",
      targetId: record.targetId,
      details: { into: input.newId, from: [...leaving.keys()], items: items.length },
      at: now,
    }),
  ]);
  return { ok: true, theme: (await get(db, workspaceId, input.newId)) as ThemeRow, moved: items.length };
}
