/** @module The audit log: who did what to which object, per workspace; written with each change, read by owners. */
import { newId } from "@firebreak/core";
import { and, desc, eq, exists, gte, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import {
  actionItems,
  apiTokens,
  auditLog,
  deliveries,
  destinations,
  journeys,
  members,
  reviewSessions,
  segments,
  sources,
  stages,
  themes,
  touchpoints,
  users,
} from "../schema/index.ts";

export interface AuditEntry {
  workspaceId: string;
  /** `user:<id>`, `token:<id>` or `system`. */
  actor: string;
  action: string;
  targetType: string;
  targetId?: string;
  details?: Record<string, unknown>;
  at: number;
}

/** The insert statement, so callers can put it in the same batch as the change it records. */
export function entry(db: Db, { at, targetId, details, ...rest }: AuditEntry) {
  return db
    .insert(auditLog)
    .values({ id: newId("aud", at), ...rest, targetId: targetId ?? null, details: details ?? {}, createdAt: at });
}

/** The workspace's latest entries of `actions`, newest first. */
export function latest(db: Db, workspaceId: string, actions: readonly string[], limit = 10) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, workspaceId), inArray(auditLog.action, [...actions])))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
}

export interface AuditFilter {
  /** An exact action (`source.secret_rotated`), or a kind: what comes before the dot (`source`). */
  action?: string;
  actor?: string;
  /** Entries at or after this instant (ms). */
  from?: number;
  /** Entries before this instant (ms). */
  to?: number;
}

/** Where a page of entries continues: strictly older than this entry, in `(created_at, id)` order. */
export interface AuditCursor {
  at: number;
  id: string;
}

/**
 * A kind as a range of actions rather than `LIKE 'kind.%'`, which SQLite's case-insensitive LIKE cannot serve from
 * the `(workspace_id, action, created_at)` index: every action of the kind sorts between `kind.` and `kind/`.
 */
function actionIs(action: string): SQL | undefined {
  if (action.includes(".")) return eq(auditLog.action, action);
  return and(gte(auditLog.action, `${action}.`), lt(auditLog.action, `${action}/`));
}

/** A page of the workspace's audit log, newest first, filtered; keyset-paginated by `before`. */
export function list(db: Db, workspaceId: string, filter: AuditFilter, page: { before?: AuditCursor; limit: number }) {
  const { before } = page;
  return db
    .select({
      id: auditLog.id,
      actor: auditLog.actor,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.workspaceId, workspaceId),
        filter.action ? actionIs(filter.action) : undefined,
        filter.actor ? eq(auditLog.actor, filter.actor) : undefined,
        filter.from === undefined ? undefined : gte(auditLog.createdAt, filter.from),
        filter.to === undefined ? undefined : lt(auditLog.createdAt, filter.to),
        before
          ? or(lt(auditLog.createdAt, before.at), and(eq(auditLog.createdAt, before.at), lt(auditLog.id, before.id)))
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(page.limit);
}

/** Every action and every actor in the workspace's log, for the filters (each read from its own index). */
export async function filterChoices(db: Db, workspaceId: string) {
  const [actions, actors] = await Promise.all([
    db
      .selectDistinct({ value: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.workspaceId, workspaceId))
      .orderBy(auditLog.action),
    db
      .selectDistinct({ value: auditLog.actor })
      .from(auditLog)
      .where(eq(auditLog.workspaceId, workspaceId))
      .orderBy(auditLog.actor),
  ]);
  return { actions: actions.map((r) => r.value), actors: actors.map((r) => r.value) };
}

export interface ActorNames {
  users: Map<string, { name: string; email: string }>;
  tokens: Map<string, { name: string; prefix: string }>;
}

/**
 * Names for `user:<id>` and `token:<id>` actors. Users are not workspace rows, so only users who appear as actors in
 * this workspace's log are read: a workspace never learns about anyone else.
 */
export async function actorNames(db: Db, workspaceId: string, actors: readonly string[]): Promise<ActorNames> {
  const idsOf = (kind: string) =>
    [...new Set(actors.filter((a) => a.startsWith(`${kind}:`)).map((a) => a.slice(kind.length + 1)))].filter(Boolean);
  const userIds = idsOf("user");
  const tokenIds = idsOf("token");
  const [userRows, tokenRows] = await Promise.all([
    userIds.length === 0
      ? []
      : db
          .select({ id: users.id, name: users.name, email: users.email })
          .from(users)
          .where(
            and(
              inArray(users.id, userIds),
              exists(
                db
                  .select({ one: sql`1` })
                  .from(auditLog)
                  .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.actor, sql`'user:' || ${users.id}`))),
              ),
            ),
          ),
    tokenIds.length === 0
      ? []
      : db
          .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix })
          .from(apiTokens)
          .where(and(eq(apiTokens.workspaceId, workspaceId), inArray(apiTokens.id, tokenIds))),
  ]);
  return {
    users: new Map(userRows.map((u) => [u.id, { name: u.name, email: u.email }])),
    tokens: new Map(tokenRows.map((t) => [t.id, { name: t.name, prefix: t.prefix }])),
  };
}

/** What an entry points at, when it still exists: its current name, and where it lives for those shown inside another. */
export interface AuditTarget {
  name: string;
  /** A stage's journey, a delivery's source: the page that shows it. */
  parentId?: string;
}

/** The target kinds the web app can link to, each read by id within the workspace. */
const TARGET_READERS: Record<
  string,
  (db: Db, workspaceId: string, ids: string[]) => Promise<Array<{ id: string } & AuditTarget>>
> = {
  source: (db, ws, ids) =>
    db
      .select({ id: sources.id, name: sources.name })
      .from(sources)
      .where(and(eq(sources.workspaceId, ws), inArray(sources.id, ids))),
  destination: (db, ws, ids) =>
    db
      .select({ id: destinations.id, name: destinations.name })
      .from(destinations)
      .where(and(eq(destinations.workspaceId, ws), inArray(destinations.id, ids))),
  journey: (db, ws, ids) =>
    db
      .select({ id: journeys.id, name: journeys.name })
      .from(journeys)
      .where(and(eq(journeys.workspaceId, ws), inArray(journeys.id, ids))),
  stage: (db, ws, ids) =>
    db
      .select({ id: stages.id, name: stages.name, parentId: stages.journeyId })
      .from(stages)
      .where(and(eq(stages.workspaceId, ws), inArray(stages.id, ids))),
  touchpoint: (db, ws, ids) =>
    db
      .select({ id: touchpoints.id, name: touchpoints.name })
      .from(touchpoints)
      .where(and(eq(touchpoints.workspaceId, ws), inArray(touchpoints.id, ids))),
  theme: (db, ws, ids) =>
    db
      .select({ id: themes.id, name: themes.label })
      .from(themes)
      .where(and(eq(themes.workspaceId, ws), inArray(themes.id, ids))),
  member: (db, ws, ids) =>
    db
      .select({ id: members.id, name: users.name })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(members.organizationId, ws), inArray(members.id, ids))),
  segment: (db, ws, ids) =>
    db
      .select({ id: segments.id, name: segments.name })
      .from(segments)
      .where(and(eq(segments.workspaceId, ws), inArray(segments.id, ids))),
  api_token: (db, ws, ids) =>
    db
      .select({ id: apiTokens.id, name: apiTokens.name })
      .from(apiTokens)
      .where(and(eq(apiTokens.workspaceId, ws), inArray(apiTokens.id, ids))),
  delivery: (db, ws, ids) =>
    db
      .select({ id: deliveries.id, name: deliveries.id, parentId: deliveries.sourceId })
      .from(deliveries)
      .where(and(eq(deliveries.workspaceId, ws), inArray(deliveries.id, ids))),
  review_session: (db, ws, ids) =>
    db
      .select({ id: reviewSessions.id, name: reviewSessions.title })
      .from(reviewSessions)
      .where(and(eq(reviewSessions.workspaceId, ws), inArray(reviewSessions.id, ids))),
  action_item: (db, ws, ids) =>
    db
      .select({ id: actionItems.id, name: actionItems.title })
      .from(actionItems)
      .where(and(eq(actionItems.workspaceId, ws), inArray(actionItems.id, ids))),
};

/** The key `targets` answers under. */
export const targetKey = (type: string, id: string) => `${type}:${id}`;

/**
 * The entries' targets that still exist in the workspace, keyed by `targetKey(type, id)`; one read per kind present.
 * Kinds without a reader (rules, kinds added later) are simply never linked.
 */
export async function targets(
  db: Db,
  workspaceId: string,
  refs: ReadonlyArray<{ targetType: string; targetId: string | null }>,
): Promise<Map<string, AuditTarget>> {
  const idsByType = new Map<string, Set<string>>();
  for (const { targetType, targetId } of refs) {
    if (!targetId || !TARGET_READERS[targetType]) continue;
    idsByType.set(targetType, (idsByType.get(targetType) ?? new Set()).add(targetId));
  }
  const found = await Promise.all(
    [...idsByType].map(async ([type, ids]) => {
      const rows = await (TARGET_READERS[type] as (typeof TARGET_READERS)[string])(db, workspaceId, [...ids]);
      return rows.map(({ id, ...target }) => [targetKey(type, id), target] as const);
    }),
  );
  return new Map(found.flat());
}
