/**
 * Where items sit on the journey, as people decide it: touchpoint rules (evaluated in priority order at ingest) and
 * manual moves (kept through re-analysis, and teaching the learned fallback at the next re-clustering).
 * @module
 */
import {
  countRuleMatches,
  newId,
  placeOnTouchpoint,
  preparePlacement,
  type RuleDraft,
  type RuleSample,
  suggestRules,
} from "@firebreak/core";
import { and, asc, count, desc, eq, gte, isNull, not, sql } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { loadMovable, MOVABLE_COLUMNS, moveStatements, placementOf } from "../pipelines/item-moves.ts";
import { feedbackItems, journeys, sources, stages, touchpointRules, touchpoints } from "../schema/index.ts";
import * as audit from "./audit.ts";
import type { Actor } from "./themes.ts";

export type RuleRow = typeof touchpointRules.$inferSelect;
export type RuleInput = Pick<RuleRow, "touchpointId" | "priority" | "kind" | "language" | "match" | "enabled">;

/**
 * The journeys feedback can be placed on (joined on `journeys`): active current-state ones. A future state is a
 * redesign with no feedback of its own; an archived journey is put away, so rules, source defaults and hints pointing
 * at its touchpoints place nothing until it is restored (the items already there stay).
 */
export function takesFeedback() {
  return sql`(${journeys.state} = 'current' and ${journeys.archivedAt} is null)`;
}

/** What placement reads of a rule (`TouchpointRule`). */
export const RULE_FIELDS = {
  id: touchpointRules.id,
  touchpointId: touchpointRules.touchpointId,
  priority: touchpointRules.priority,
  kind: touchpointRules.kind,
  language: touchpointRules.language,
  match: touchpointRules.match,
};

/** The touchpoint, if it belongs to the workspace. */
function touchpoint(db: Db, workspaceId: string, touchpointId: string) {
  return db.query.touchpoints.findFirst({
    columns: { id: true },
    where: and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, touchpointId)),
  });
}

/** The touchpoint, if it is the workspace's and its journey takes feedback. */
async function placeable(db: Db, workspaceId: string, touchpointId: string) {
  const [row] = await db
    .select({ id: touchpoints.id })
    .from(touchpoints)
    .innerJoin(journeys, and(eq(journeys.id, touchpoints.journeyId), takesFeedback()))
    .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, touchpointId)));
  return row;
}

/**
 * Moves items to a touchpoint by hand. The placement is `manual`: re-analysis keeps it, and the next re-clustering
 * learns from it. Items of other workspaces (or erased ones) are ignored; returns how many moved, or `null` when
 * the touchpoint is not the workspace's or its journey takes no feedback (archived, or a future state).
 */
export async function moveItems(
  db: Db,
  workspaceId: string,
  itemIds: readonly string[],
  touchpointId: string,
  { actor, now }: Actor,
): Promise<number | null> {
  const [target, items] = await Promise.all([
    placeable(db, workspaceId, touchpointId),
    loadMovable(db, workspaceId, itemIds),
  ]);
  if (!target) return null;
  const to = { touchpointId, touchpointMethod: "manual" as const, touchpointConfidence: 1 };
  await runBatch(db, [
    ...moveStatements(
      workspaceId,
      items.map((item) => ({ item, to: { ...placementOf(item), ...to } })),
    ),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "item.moved",
      targetType: "touchpoint",
      targetId: touchpointId,
      details: { items: items.map((i) => ({ id: i.id, from: i.touchpointId })) },
      at: now,
    }),
  ]);
  return items.length;
}

function rule(db: Db, workspaceId: string, ruleId: string) {
  return db.query.touchpointRules.findFirst({
    columns: { id: true },
    where: and(eq(touchpointRules.workspaceId, workspaceId), eq(touchpointRules.id, ruleId)),
  });
}

export function listRules(db: Db, workspaceId: string) {
  return db
    .select()
    .from(touchpointRules)
    .where(eq(touchpointRules.workspaceId, workspaceId))
    .orderBy(asc(touchpointRules.priority), asc(touchpointRules.createdAt));
}

/** Creates a rule; `null` when its touchpoint is not the workspace's. */
export async function createRule(db: Db, workspaceId: string, input: RuleInput, { actor, now }: Actor) {
  if (!(await touchpoint(db, workspaceId, input.touchpointId))) return null;
  const id = newId("rul", now);
  // Drizzle's own batch, so the returned row is mapped (camelCase, JSON and boolean columns) like any read.
  const [inserted] = await db.batch([
    db
      .insert(touchpointRules)
      .values({ id, workspaceId, ...input, createdAt: now })
      .returning(),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "rule.created",
      targetType: "rule",
      targetId: id,
      details: { ...input },
      at: now,
    }),
  ]);
  return inserted[0] ?? null;
}

/** Changes a rule; `undefined` when there is no such rule, `null` when the new touchpoint is not the workspace's. */
export async function updateRule(
  db: Db,
  workspaceId: string,
  ruleId: string,
  change: Partial<RuleInput>,
  { actor, now }: Actor,
) {
  if (!(await rule(db, workspaceId, ruleId))) return undefined;
  if (change.touchpointId && !(await touchpoint(db, workspaceId, change.touchpointId))) return null;
  const [updated] = await db.batch([
    db
      .update(touchpointRules)
      .set(change)
      .where(and(eq(touchpointRules.workspaceId, workspaceId), eq(touchpointRules.id, ruleId)))
      .returning(),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "rule.updated",
      targetType: "rule",
      targetId: ruleId,
      details: { ...change },
      at: now,
    }),
  ]);
  return updated[0];
}

/** Deletes a rule; false when there was none. */
export async function deleteRule(db: Db, workspaceId: string, ruleId: string, { actor, now }: Actor) {
  if (!(await rule(db, workspaceId, ruleId))) return false;
  const [deleted] = await runBatch(db, [
    db.delete(touchpointRules).where(and(eq(touchpointRules.workspaceId, workspaceId), eq(touchpointRules.id, ruleId))),
    audit.entry(db, { workspaceId, actor, action: "rule.deleted", targetType: "rule", targetId: ruleId, at: now }),
  ]);
  return (deleted?.meta.changes ?? 0) > 0;
}

/**
 * Why an unassigned item was not placed, when that is a journey taking no feedback: a rule or its source's default
 * points at a touchpoint of an archived journey or a future state.
 */
export interface ParkedReason {
  via: "rule" | "default";
  touchpoint: string;
  journey: string;
  why: "archived" | "future";
}

/**
 * The newest items no rule, hint, default, fallback or person has placed: the "Unassigned" inbox, each with the
 * `parked` reason when a rule or its source's default would have placed it on a journey that takes no feedback.
 */
export async function unassigned(db: Db, workspaceId: string, limit = 50) {
  const where = and(
    eq(feedbackItems.workspaceId, workspaceId),
    isNull(feedbackItems.touchpointId),
    isNull(feedbackItems.erasedAt),
    // A test item is nobody's work: its source page shows it.
    eq(feedbackItems.isTest, false),
  );
  const parkedWhere = and(eq(touchpoints.workspaceId, workspaceId), not(takesFeedback()));
  const [items, [total], parked, parkedRules] = await db.batch([
    db
      .select({
        ...RULE_COLUMNS,
        sentimentLabel: feedbackItems.sentimentLabel,
        occurredAt: feedbackItems.occurredAt,
        handledBy: feedbackItems.handledBy,
        sourceName: sources.name,
        defaultTouchpointId: sources.defaultTouchpointId,
      })
      .from(feedbackItems)
      .innerJoin(sources, eq(sources.id, feedbackItems.sourceId))
      .where(where)
      .orderBy(desc(feedbackItems.occurredAt), desc(feedbackItems.id))
      .limit(limit),
    db.select({ n: count() }).from(feedbackItems).where(where),
    db
      .select({
        id: touchpoints.id,
        key: touchpoints.key,
        // Aliased: D1's batch answers rows keyed by column name, and both tables have `name`.
        name: sql<string>`${touchpoints.name}`.as("touchpoint_name"),
        journey: sql<string>`${journeys.name}`.as("journey_name"),
        state: sql<"current" | "future">`${journeys.state}`.as("journey_state"),
      })
      .from(touchpoints)
      .innerJoin(journeys, eq(journeys.id, touchpoints.journeyId))
      .where(parkedWhere),
    db
      .select(RULE_FIELDS)
      .from(touchpointRules)
      .innerJoin(touchpoints, eq(touchpoints.id, touchpointRules.touchpointId))
      .innerJoin(journeys, eq(journeys.id, touchpoints.journeyId))
      .where(and(parkedWhere, eq(touchpointRules.enabled, true))),
  ]);
  // Placement as ingest runs it, over the parked touchpoints alone: what would have placed the item there.
  const context = preparePlacement(parked, parkedRules);
  const byId = new Map(parked.map((t) => [t.id, t]));
  const reason = (item: (typeof items)[number]): ParkedReason | null => {
    const placed = placeOnTouchpoint(asRuleSample(item), item.defaultTouchpointId, context);
    const target = placed.touchpointId ? byId.get(placed.touchpointId) : undefined;
    if (!target || (placed.method !== "rule" && placed.method !== "default")) return null;
    const why = target.state === "future" ? "future" : "archived";
    return { via: placed.method, touchpoint: target.name, journey: target.journey, why };
  };
  return {
    items: items.map((item) => ({
      id: item.id,
      title: item.title,
      text: item.text,
      language: item.language,
      sentimentLabel: item.sentimentLabel,
      occurredAt: item.occurredAt,
      sourceName: item.sourceName,
      handledBy: item.handledBy,
      parked: parked.length > 0 ? reason(item) : null,
    })),
    total: total?.n ?? 0,
  };
}

/**
 * Every touchpoint of the workspace's active current-state journeys with its journey and stage, in map order: the
 * choices for a move (future states carry no feedback).
 */
export function touchpointChoices(db: Db, workspaceId: string) {
  return db
    .select({
      id: touchpoints.id,
      name: touchpoints.name,
      stage: stages.name,
      journey: journeys.name,
      isHumanMoment: touchpoints.isHumanMoment,
    })
    .from(touchpoints)
    .innerJoin(stages, eq(stages.id, touchpoints.stageId))
    .innerJoin(journeys, eq(journeys.id, touchpoints.journeyId))
    .where(and(eq(touchpoints.workspaceId, workspaceId), takesFeedback()))
    .orderBy(asc(journeys.position), asc(stages.position), asc(touchpoints.position));
}

/** Items a rule draft is previewed on: the newest of the window (a rule is stemmed per item, so this is bounded). */
const PREVIEW_SAMPLE = 2000;
/** Other feedback the selection's keywords are contrasted with. */
const CONTRAST_SAMPLE = 600;

export interface RuleDraftPreview extends RuleDraft {
  /** Of the previewed items (`sampled`, the newest of `total` in the window), how many the draft would place. */
  matched: number;
  sampled: number;
  total: number;
}

/**
 * Rule drafts from picked items (keywords common to them, a shared tag or source), each previewed on the window's
 * newest items since `sinceMs`. Items of other workspaces are ignored; no drafts when none of the items is left.
 */
export async function draftRules(
  db: Db,
  workspaceId: string,
  itemIds: readonly string[],
  sinceMs: number,
): Promise<RuleDraftPreview[]> {
  const inWindow = and(
    eq(feedbackItems.workspaceId, workspaceId),
    gte(feedbackItems.occurredAt, sinceMs),
    isNull(feedbackItems.erasedAt),
    eq(feedbackItems.isTest, false),
  );
  const [selected, [window, [total]]] = await Promise.all([
    loadMovable(db, workspaceId, itemIds),
    db.batch([
      db
        .select(RULE_COLUMNS)
        .from(feedbackItems)
        .where(inWindow)
        .orderBy(desc(feedbackItems.occurredAt))
        .limit(PREVIEW_SAMPLE),
      db.select({ n: count() }).from(feedbackItems).where(inWindow),
    ]),
  ]);
  const sample = window.map(asRuleSample);
  return suggestRules(selected.map(asRuleSample), sample.slice(0, CONTRAST_SAMPLE)).map((draft) => ({
    ...draft,
    matched: countRuleMatches(draft, sample),
    sampled: sample.length,
    total: total?.n ?? 0,
  }));
}

const { id, sourceId, tags, channel, title, text, language } = MOVABLE_COLUMNS;
/** What a rule reads of an item. */
const RULE_COLUMNS = { id, sourceId, tags, channel, title, text, language };

/** An item as ingest's placement reads it: the title and the text together. */
function asRuleSample(item: {
  id: string;
  sourceId: string;
  tags: string[] | null;
  channel: string | null;
  title: string | null;
  text: string;
  language: string;
}): RuleSample {
  return {
    id: item.id,
    sourceId: item.sourceId,
    tags: item.tags ?? [],
    channel: item.channel ?? "",
    text: item.title ? `${item.title}. ${item.text}` : item.text,
    language: item.language,
  };
}

/** The priority that puts a new rule before every existing one (rules are checked in ascending priority). */
export async function firstPriority(db: Db, workspaceId: string): Promise<number> {
  const [first] = await db
    .select({ priority: touchpointRules.priority })
    .from(touchpointRules)
    .where(eq(touchpointRules.workspaceId, workspaceId))
    .orderBy(asc(touchpointRules.priority))
    .limit(1);
  return first ? Math.max(0, first.priority - 1) : 100;
}
