/**
 * What a shared link shows to someone without an account. A journey map: its hotspots and friction scores with each
 * touchpoint's "why flagged" parts and a few of its newest negative verbatims. A review session: its frozen agenda
 * with every figure, notes, decisions, before/after, progress and action items (owner names are the team's).
 * Nothing that names a customer or leads into the app: no customer, item, source or delivery ids, no provider links,
 * no touchpoint owners on the map. Verbatims were redacted at ingest and are redacted again here, so an item that
 * reached D1 some other way still cannot leak an email or number; a session's free text (notes, decisions, action
 * titles, typed by the team during the meeting) was never redacted, so every text field of it goes through the same
 * redactor on the way out.
 * @module
 */
import { redact } from "@firebreak/core/analysis/redact";
import type {
  CarriedActionSnapshot,
  FixBeforeAfter,
  Progress,
  ShippedFixSnapshot,
  ThemeSnapshot,
  TouchpointSnapshot,
} from "@firebreak/core/reviews/index";
import { and, desc, eq, gte, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { feedbackItems } from "../schema/feedback.ts";
import { touchpoints } from "../schema/journeys.ts";
import type { ActionItemView } from "./action-items.ts";
import { getJourneyMap } from "./map.ts";
import { type DayRange, planRange, type RangePlan } from "./map-range.ts";
import { type AgendaItemView, type SessionView, sessionView } from "./reviews.ts";

/** Verbatims per touchpoint: enough to hear the customer, few enough for a page a stakeholder reads. */
export const SHARED_VERBATIMS = 3;

export interface SharedVerbatim {
  /** Redacted at ingest and again for the share. */
  text: string;
  title: string | null;
  score: number | null;
  scale: string;
  sentiment: number;
  channel: string;
  /** The UTC day only: a timestamp to the millisecond could single out one person's message. */
  day: string;
}

/** The text with every email, phone, card, IBAN and national id replaced by its kind, as ingest does. */
function clean(text: string): string {
  return redact(text).text;
}

/**
 * The journey as shared, for a range; null when the journey is not in the workspace. Two reads at once: the map's
 * batch, and one statement with each touchpoint's newest negative verbatims (`newestNegatives`).
 */
export async function getSharedJourney(db: Db, workspaceId: string, journeyId: string, range: DayRange) {
  const [map, negatives] = await Promise.all([
    getJourneyMap(db, workspaceId, journeyId, range),
    newestNegatives(db, workspaceId, journeyId, planRange(range)),
  ]);
  if (!map) return null;
  const verbatimsOf = new Map(
    negatives.map(({ touchpointId, verbatims }) => [
      touchpointId,
      (JSON.parse(verbatims) as VerbatimRow[])
        // json_group_array keeps the rows' order in practice, which SQL does not promise.
        .sort((a, b) => b[6] - a[6])
        .map(
          ([text, title, score, scale, sentiment, channel, occurredAt]): SharedVerbatim => ({
            text: clean(text),
            title: title === null ? null : clean(title),
            score,
            scale,
            sentiment,
            channel,
            day: new Date(occurredAt).toISOString().slice(0, 10),
          }),
        ),
    ]),
  );

  return {
    journey: { name: map.journey.name, description: map.journey.description },
    range: map.range,
    totals: {
      itemCount: map.totals.counters.itemCount,
      negativeShare: map.totals.negativeShare,
      averageSentiment: map.totals.averageSentiment,
      spikeCount: map.totals.spikeCount,
      topFriction: map.totals.topFriction && { name: map.totals.topFriction.name, score: map.totals.topFriction.score },
    },
    stages: map.stages.map((stage) => ({
      id: stage.id,
      name: stage.name,
      touchpoints: stage.touchpoints.map((t) => ({
        id: t.id,
        key: t.key,
        name: t.name,
        channel: t.channel,
        humanMoment: t.humanMoment,
        averageSentiment: t.averageSentiment,
        activeRepeatChains: t.activeRepeatChains,
        friction: t.friction,
        counters: {
          itemCount: t.counters.itemCount,
          repeatCount: t.counters.repeatCount,
          escalationCount: t.counters.escalationCount,
        },
        spike: { spike: t.spike.spike, rateRatio: t.spike.rateRatio },
        series: t.series.map(({ days, itemCount, negativeCount }) => ({ days, itemCount, negativeCount })),
        verbatims: verbatimsOf.get(t.id) ?? [],
      })),
    })),
    recurringIssues: map.recurringIssues.issues.slice(0, 10).map((issue) => ({
      label: clean(issue.label),
      itemCount: issue.itemCount,
      negativeShare: issue.negativeShare,
    })),
  };
}

export type SharedJourney = NonNullable<Awaited<ReturnType<typeof getSharedJourney>>>;

/** A verbatim as `newestNegatives` packs it. */
type VerbatimRow = [
  text: string,
  title: string | null,
  score: number | null,
  scale: string,
  sentiment: number,
  channel: string,
  occurredAt: number,
];

/**
 * Per touchpoint of the journey, its `SHARED_VERBATIMS` newest negative items in range as one JSON array, each read
 * newest first on the items' touchpoint × time index. One statement rather than one per touchpoint: 80 statements
 * in a batch cost D1 more than the reads themselves.
 */
function newestNegatives(db: Db, workspaceId: string, journeyId: string, plan: RangePlan) {
  const newest = db
    .select({
      text: feedbackItems.text,
      title: feedbackItems.title,
      score: feedbackItems.score,
      scale: feedbackItems.scale,
      sentiment: feedbackItems.sentiment,
      channel: feedbackItems.channel,
      occurredAt: feedbackItems.occurredAt,
    })
    .from(feedbackItems)
    .where(
      and(
        eq(feedbackItems.workspaceId, workspaceId),
        eq(feedbackItems.touchpointId, touchpoints.id),
        gte(feedbackItems.occurredAt, plan.fromMs),
        lt(feedbackItems.occurredAt, plan.toExclusiveMs),
        isNull(feedbackItems.erasedAt),
        eq(feedbackItems.sentimentLabel, "negative"),
      ),
    )
    .orderBy(desc(feedbackItems.occurredAt))
    .limit(SHARED_VERBATIMS)
    .as("newest");
  const packed = sql<string>`(select json_group_array(json_array(${newest.text}, ${newest.title}, ${newest.score},
    ${newest.scale}, ${newest.sentiment}, ${newest.channel}, ${newest.occurredAt})) from ${newest})`;
  return db
    .select({ touchpointId: touchpoints.id, verbatims: packed.as("verbatims") })
    .from(touchpoints)
    .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.journeyId, journeyId)));
}

const cleanOrNull = (text: string | null) => (text === null ? null : clean(text));
const cleanNamed = <T extends { name: string }>(row: T): T => ({ ...row, name: clean(row.name) });

function cleanFix(fix: FixBeforeAfter): FixBeforeAfter {
  return {
    ...fix,
    label: clean(fix.label),
    theme: cleanNamed(fix.theme),
    touchpoints: fix.touchpoints.map(cleanNamed),
  };
}

/** An agenda entry's frozen figures with every text in them redacted; numbers and days as they were. */
function cleanSnapshot(kind: AgendaItemView["kind"], snapshot: AgendaItemView["snapshot"]): AgendaItemView["snapshot"] {
  if (kind === "theme") {
    const s = snapshot as ThemeSnapshot;
    return {
      ...s,
      label: clean(s.label),
      touchpoints: s.touchpoints.map(cleanNamed),
      beforeAfter: s.beforeAfter && cleanFix(s.beforeAfter),
    };
  }
  if (kind === "touchpoint_worse" || kind === "human_moment") {
    const s = snapshot as TouchpointSnapshot;
    return { ...s, name: clean(s.name), journeyName: clean(s.journeyName), owner: cleanOrNull(s.owner) };
  }
  if (kind === "shipped_fix") {
    const s = snapshot as ShippedFixSnapshot;
    return { ...s, label: clean(s.label), beforeAfter: cleanFix(s.beforeAfter) };
  }
  const s = snapshot as CarriedActionSnapshot;
  return {
    ...s,
    title: clean(s.title),
    ownerName: cleanOrNull(s.ownerName),
    sessionTitle: cleanOrNull(s.sessionTitle),
  };
}

/** An action item as shared: its text redacted, without the owner's account id or the session it came from. */
function cleanAction(action: ActionItemView): ActionItemView {
  return {
    ...action,
    title: clean(action.title),
    ownerId: null,
    ownerName: cleanOrNull(action.ownerName),
    theme: action.theme && { ...action.theme, label: clean(action.theme.label) },
    touchpoint: action.touchpoint && cleanNamed(action.touchpoint),
    session: null,
  };
}

function cleanProgress(progress: Progress): Progress {
  const lines = (list: Progress["actions"]["done"]) =>
    list.map((line) => ({ ...line, title: clean(line.title), ownerName: cleanOrNull(line.ownerName) }));
  return {
    previous: { ...progress.previous, title: clean(progress.previous.title) },
    actions: {
      done: lines(progress.actions.done),
      overdue: lines(progress.actions.overdue),
      open: lines(progress.actions.open),
      dropped: lines(progress.actions.dropped),
    },
    deltas: progress.deltas.map((delta) => ({ ...delta, label: clean(delta.label) })),
    cameBack: progress.cameBack.map((back) => ({ ...back, label: clean(back.label) })),
  };
}

/**
 * A started review session as shared: the stored agenda with its figures, notes and decisions, before/after,
 * progress and action items, every free-text field redacted. Null when the session is not the workspace's, and
 * for a draft too: its agenda is a live preview (recomputed from rollups on each view, which a public page should
 * not trigger) that nobody has discussed yet.
 */
export async function getSharedSession(db: Db, workspaceId: string, sessionId: string, now = Date.now()) {
  const view = await sessionView(db, workspaceId, sessionId, now);
  if (!view?.frozen) return null;
  return sharedSessionOf(view);
}

/**
 * A session's read model with every free-text field redacted (titles, names, notes, decisions, action items, the
 * text in snapshots and progress), in the same shape: for whatever leaves the app, the shared view and the pack.
 */
export function redactSessionView(view: SessionView): SessionView {
  const { session } = view;
  return {
    ...view,
    session: {
      ...session,
      title: clean(session.title),
      journey: session.journey && cleanNamed(session.journey),
      previousSession: session.previousSession && {
        ...session.previousSession,
        title: clean(session.previousSession.title),
      },
    },
    agenda: view.agenda.map(
      (item): AgendaItemView => ({
        ...item,
        snapshot: cleanSnapshot(item.kind, item.snapshot),
        notes: clean(item.notes),
        decision: clean(item.decision),
        actions: item.actions.map(cleanAction),
      }),
    ),
    actionItems: view.actionItems.map(cleanAction),
    progress: view.progress && cleanProgress(view.progress),
  };
}

/** What the shared page gets: the redacted view without ids or people that lead into the app. */
function sharedSessionOf(view: SessionView) {
  const { session, asOf, agenda, actionItems, progress, fixDays } = redactSessionView(view);
  return {
    session: {
      title: session.title,
      status: session.status,
      journeyName: session.journey?.name ?? null,
      period: session.period,
      startedAt: session.startedAt,
      closedAt: session.closedAt,
    },
    asOf,
    agenda,
    actionItems,
    progress,
    fixDays,
  };
}

export type SharedSession = ReturnType<typeof sharedSessionOf>;
