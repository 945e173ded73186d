/**
 * Monthly friction-review sessions: create one for a period (and optionally one journey), preview its agenda live
 * while it is a draft, start it (which freezes the agenda and the progress section: every figure shown is stored, so
 * later data never rewrites what was discussed), take notes and decisions per agenda item, mark fixes shipped, close
 * it. `sessionView` is the one read model of a session, plain JSON, for the meeting page and any read-only view.
 * Every change commits with its audit entry; every statement filters by workspace.
 * @module
 */
import {
  type AgendaEntry,
  type AgendaKind,
  buildAgenda,
  buildProgress,
  type DayPeriod,
  dayOf,
  defaultPeriod,
  frictionContribution,
  type Progress,
  precedingPeriod,
  sessionTitle,
  startOfDay,
} from "@firebreak/core/reviews/index";
import { and, asc, desc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { users } from "../schema/auth.ts";
import { themes } from "../schema/feedback.ts";
import { journeys } from "../schema/journeys.ts";
import { actionItems, agendaItems, reviewSessions } from "../schema/reviews.ts";
import type { ActionItemView } from "./action-items.ts";
import * as actions from "./action-items.ts";
import * as audit from "./audit.ts";
import { agendaFigures } from "./review-figures.ts";
import type { Actor } from "./themes.ts";
import * as themeQueries from "./themes.ts";

export type SessionStatus = "draft" | "in_progress" | "closed";

type SessionRow = typeof reviewSessions.$inferSelect;

export interface SessionSummary {
  id: string;
  title: string;
  status: SessionStatus;
  journey: { id: string; name: string } | null;
  period: DayPeriod;
  createdAt: number;
  startedAt: number | null;
  closedAt: number | null;
  actionCount: number;
  unfinishedCount: number;
}

const periodOf = (row: Pick<SessionRow, "periodStart" | "periodEnd">): DayPeriod => ({
  from: dayOf(row.periodStart),
  to: dayOf(row.periodEnd),
});

const scoped = (workspaceId: string, id: string) =>
  and(eq(reviewSessions.workspaceId, workspaceId), eq(reviewSessions.id, id));

/** The workspace's sessions, newest first, with their action items counted. */
export async function list(db: Db, workspaceId: string): Promise<SessionSummary[]> {
  const rows = await db
    .select({
      id: reviewSessions.id,
      title: reviewSessions.title,
      status: reviewSessions.status,
      journeyId: reviewSessions.journeyId,
      journeyName: journeys.name,
      periodStart: reviewSessions.periodStart,
      periodEnd: reviewSessions.periodEnd,
      createdAt: reviewSessions.createdAt,
      startedAt: reviewSessions.startedAt,
      closedAt: reviewSessions.closedAt,
      actionCount: sql<number>`(select count(*) from ${actionItems} where ${actionItems.workspaceId} = ${workspaceId} and ${actionItems.sessionId} = ${reviewSessions.id})`,
      unfinishedCount: sql<number>`(select count(*) from ${actionItems} where ${actionItems.workspaceId} = ${workspaceId} and ${actionItems.sessionId} = ${reviewSessions.id} and ${actionItems.status} in ('open', 'in_progress'))`,
    })
    .from(reviewSessions)
    .leftJoin(journeys, and(eq(journeys.id, reviewSessions.journeyId), eq(journeys.workspaceId, workspaceId)))
    .where(eq(reviewSessions.workspaceId, workspaceId))
    .orderBy(desc(reviewSessions.createdAt), desc(reviewSessions.id));
  return rows.map(({ journeyId, journeyName, periodStart, periodEnd, ...row }) => ({
    ...row,
    journey: journeyId ? { id: journeyId, name: journeyName ?? "" } : null,
    period: periodOf({ periodStart, periodEnd }),
  }));
}

/** One session of the workspace, or `undefined`. */
export async function get(db: Db, workspaceId: string, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(reviewSessions).where(scoped(workspaceId, id));
  return row;
}

export interface SessionInput {
  /** Default: the previous calendar month. */
  period?: DayPeriod;
  /** Default: every current journey. */
  journeyId?: string | null;
  title?: string;
}

/**
 * Creates a draft session. Its previous session is the workspace's latest one that started, so the next session's
 * progress and "got worse" compare with what was last discussed.
 */
export async function create(
  db: Db,
  workspaceId: string,
  input: SessionInput,
  by: Actor,
): Promise<{ ok: true; id: string } | { ok: false; problem: "journey" | "period" }> {
  const period = input.period ?? defaultPeriod(by.now);
  if (period.to < period.from) return { ok: false, problem: "period" };
  if (input.journeyId) {
    const [journey] = await db
      .select({ id: journeys.id })
      .from(journeys)
      .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, input.journeyId)));
    if (!journey) return { ok: false, problem: "journey" };
  }
  const [previous] = await db
    .select({ id: reviewSessions.id })
    .from(reviewSessions)
    .where(and(eq(reviewSessions.workspaceId, workspaceId), isNotNull(reviewSessions.startedAt)))
    .orderBy(desc(reviewSessions.startedAt))
    .limit(1);
  const id = newSessionId(by.now);
  const title = input.title?.trim() || sessionTitle(period);
  await runBatch(db, [
    db.insert(reviewSessions).values({
      id,
      workspaceId,
      title,
      journeyId: input.journeyId ?? null,
      periodStart: startOfDay(period.from),
      periodEnd: startOfDay(period.to),
      status: "draft",
      previousSessionId: previous?.id ?? null,
      createdBy: by.actor,
      createdAt: by.now,
      updatedAt: by.now,
    }),
    audit.entry(db, {
      workspaceId,
      actor: by.actor,
      action: "review.created",
      targetType: "review_session",
      targetId: id,
      details: { title, period, journeyId: input.journeyId ?? null },
      at: by.now,
    }),
  ]);
  return { ok: true, id };
}

function newSessionId(now: number): string {
  const random = crypto.getRandomValues(new Uint8Array(8));
  const tail = [...random].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `rvw_${now.toString(36)}${tail}`;
}

/** An agenda row's id: derived from the session and position, so starting one session twice collides and fails. */
const agendaItemId = (sessionId: string, position: number) =>
  `agi_${sessionId.slice(4)}_${String(position).padStart(3, "0")}`;

interface LiveAgenda {
  agenda: AgendaEntry[];
  progress: Progress | null;
  asOf: string;
}

/** The agenda and progress a session would freeze if it started at `now`. */
export async function liveAgenda(db: Db, workspaceId: string, session: SessionRow, now: number): Promise<LiveAgenda> {
  const today = dayOf(now);
  const period = periodOf(session);
  const previous = session.previousSessionId ? await get(db, workspaceId, session.previousSessionId) : undefined;
  const comparedWith = previous ? periodOf(previous) : precedingPeriod(period);
  const [figures, carried] = await Promise.all([
    agendaFigures(db, workspaceId, session.journeyId, period, comparedWith, today),
    actions.list(db, workspaceId, { status: "unfinished" }, today),
  ]);
  const { rebounds, ...agendaInput } = figures;
  const agenda = buildAgenda({
    ...agendaInput,
    carried: carried
      .filter((a) => a.session?.id !== session.id)
      .map((a) => ({
        id: a.id,
        title: a.title,
        ownerName: a.ownerName,
        dueDate: a.dueDate,
        status: a.status as "open" | "in_progress",
        sessionTitle: a.session?.title ?? null,
      })),
  });
  if (!previous?.startedAt) return { agenda, progress: null, asOf: today };

  const previousAgenda = await db
    .select({ kind: agendaItems.kind, refId: agendaItems.refId, snapshot: agendaItems.snapshot })
    .from(agendaItems)
    .where(and(eq(agendaItems.workspaceId, workspaceId), eq(agendaItems.sessionId, previous.id)))
    .orderBy(asc(agendaItems.position));
  const carriedIntoPrevious = previousAgenda.filter((i) => i.kind === "carried_action").map((i) => i.refId);
  const [previousActions, carriedActions, earlier] = await Promise.all([
    actions.list(db, workspaceId, { sessionId: previous.id }, today),
    actions.list(db, workspaceId, { ids: carriedIntoPrevious }, today),
    db
      .selectDistinct({ refId: agendaItems.refId })
      .from(agendaItems)
      .innerJoin(
        reviewSessions,
        and(eq(reviewSessions.id, agendaItems.sessionId), eq(reviewSessions.workspaceId, workspaceId)),
      )
      .where(
        and(
          eq(agendaItems.workspaceId, workspaceId),
          eq(agendaItems.kind, "theme"),
          lt(reviewSessions.createdAt, previous.createdAt),
        ),
      ),
  ]);
  const topThemeIds = agenda.filter((e) => e.kind === "theme").map((e) => e.refId);
  const progress = buildProgress({
    today,
    previous: {
      id: previous.id,
      title: previous.title,
      startedAt: previous.startedAt,
      agenda: previousAgenda,
    },
    actions: [...previousActions, ...carriedActions].map((a) => ({
      id: a.id,
      title: a.title,
      ownerName: a.ownerName,
      dueDate: a.dueDate,
      status: a.status,
      doneAt: a.doneAt,
    })),
    current: {
      topThemeIds,
      themes: new Map(
        figures.issues.map((i) => [
          i.themeId,
          {
            label: i.label,
            itemCount: i.itemCount,
            contribution: frictionContribution(i.friction, figures.totalFriction),
          },
        ]),
      ),
      touchpoints: new Map(
        figures.touchpoints.map((t) => [t.id, { name: t.name, score: t.now.score, itemCount: t.now.itemCount }]),
      ),
    },
    earlierTopThemeIds: new Set(earlier.map((e) => e.refId)),
    fixedThemeIds: new Set(figures.fixes.map((f) => f.themeId)),
    rebounds,
  });
  return { agenda, progress, asOf: today };
}

/**
 * Starts a draft session: the agenda as it stands now and the progress section are stored in one batch with the
 * status change and its audit entry. `null` when the session is not the workspace's, `false` when it is not a draft.
 */
export async function start(
  db: Db,
  workspaceId: string,
  id: string,
  by: Actor,
): Promise<{ items: number } | false | null> {
  const session = await get(db, workspaceId, id);
  if (!session) return null;
  if (session.status !== "draft") return false;
  const { agenda, progress, asOf } = await liveAgenda(db, workspaceId, session, by.now);
  try {
    await runBatch(db, [
      db
        .update(reviewSessions)
        .set({ status: "in_progress", startedAt: by.now, progress: { ...progress, asOf }, updatedAt: by.now })
        .where(and(scoped(workspaceId, id), eq(reviewSessions.status, "draft"))),
      ...agenda.map((entry, position) =>
        db.insert(agendaItems).values({
          id: agendaItemId(id, position),
          workspaceId,
          sessionId: id,
          position,
          kind: entry.kind,
          refId: entry.refId,
          snapshot: { ...entry.snapshot, asOf } as Record<string, unknown>,
        }),
      ),
      audit.entry(db, {
        workspaceId,
        actor: by.actor,
        action: "review.started",
        targetType: "review_session",
        targetId: id,
        details: { agendaItems: agenda.length, asOf },
        at: by.now,
      }),
    ]);
  } catch (error) {
    // Someone else started it a moment earlier: their agenda rows took these ids and the batch rolled back.
    if (String(error).includes("UNIQUE")) return false;
    throw error;
  }
  return { items: agenda.length };
}

/** Saves an agenda item's notes and decision while its session is in progress. */
export async function saveNotes(
  db: Db,
  workspaceId: string,
  sessionId: string,
  itemId: string,
  input: { notes: string; decision: string },
  by: Actor,
): Promise<"saved" | "not_in_progress" | null> {
  const session = await get(db, workspaceId, sessionId);
  if (!session) return null;
  const [item] = await db
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(
      and(eq(agendaItems.workspaceId, workspaceId), eq(agendaItems.sessionId, sessionId), eq(agendaItems.id, itemId)),
    );
  if (!item) return null;
  if (session.status !== "in_progress") return "not_in_progress";
  await runBatch(db, [
    db
      .update(agendaItems)
      .set(input)
      .where(and(eq(agendaItems.workspaceId, workspaceId), eq(agendaItems.id, itemId))),
    db.update(reviewSessions).set({ updatedAt: by.now }).where(scoped(workspaceId, sessionId)),
    audit.entry(db, {
      workspaceId,
      actor: by.actor,
      action: "review.notes_saved",
      targetType: "review_session",
      targetId: sessionId,
      details: { agendaItemId: itemId, ...input },
      at: by.now,
    }),
  ]);
  return "saved";
}

/** Closes a session in progress. `null` when not the workspace's, `false` when it is not in progress. */
export async function close(db: Db, workspaceId: string, id: string, by: Actor): Promise<boolean | null> {
  const session = await get(db, workspaceId, id);
  if (!session) return null;
  if (session.status !== "in_progress") return false;
  await runBatch(db, [
    db
      .update(reviewSessions)
      .set({ status: "closed", closedAt: by.now, updatedAt: by.now })
      .where(and(scoped(workspaceId, id), eq(reviewSessions.status, "in_progress"))),
    audit.entry(db, {
      workspaceId,
      actor: by.actor,
      action: "review.closed",
      targetType: "review_session",
      targetId: id,
      at: by.now,
    }),
  ]);
  return true;
}

/**
 * Sets (a `YYYY-MM-DD` day) or clears (`null`) the day a theme's fix shipped; audited as a theme update.
 * `false` when the theme is not the workspace's (or was merged away).
 */
export async function setFixShipped(
  db: Db,
  workspaceId: string,
  themeId: string,
  day: string | null,
  by: Actor,
): Promise<boolean> {
  const change = { fixShippedAt: day === null ? null : startOfDay(day) };
  return (await themeQueries.update(db, workspaceId, themeId, change, by)) !== undefined;
}

export interface AgendaItemView {
  /** `null` while the session is a draft: the agenda is a live preview, not yet stored. */
  id: string | null;
  position: number;
  kind: AgendaKind;
  refId: string;
  snapshot: AgendaEntry["snapshot"];
  notes: string;
  decision: string;
  /** Action items decided on this item; for a carried-over item, the item itself as it stands now. */
  actions: ActionItemView[];
}

export interface SessionView {
  session: {
    id: string;
    title: string;
    status: SessionStatus;
    journey: { id: string; name: string } | null;
    period: DayPeriod;
    previousSession: { id: string; title: string } | null;
    createdAt: number;
    createdBy: string | null;
    startedAt: number | null;
    closedAt: number | null;
  };
  /** True once started: the agenda and progress below are the stored snapshot. */
  frozen: boolean;
  /** The day the figures were taken. */
  asOf: string;
  agenda: AgendaItemView[];
  /** Every action item decided in this session. */
  actionItems: ActionItemView[];
  progress: Progress | null;
  /** Fix days of the agenda's themes as they are now (a fix marked during the meeting shows at once). */
  fixDays: Record<string, string>;
}

/**
 * Everything a session page shows, as plain JSON: the session, its agenda (stored snapshot once started, else a live
 * preview as of `now`), notes, decisions, action items with owner names, before/after and progress.
 * `null` when the session is not the workspace's.
 */
export async function sessionView(
  db: Db,
  workspaceId: string,
  sessionId: string,
  now = Date.now(),
): Promise<SessionView | null> {
  const session = await get(db, workspaceId, sessionId);
  if (!session) return null;
  const today = dayOf(now);
  const [journey, previous, creator, sessionActions] = await Promise.all([
    session.journeyId
      ? db
          .select({ id: journeys.id, name: journeys.name })
          .from(journeys)
          .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, session.journeyId)))
          .then((r) => r[0] ?? null)
      : null,
    session.previousSessionId ? get(db, workspaceId, session.previousSessionId) : undefined,
    session.createdBy?.startsWith("user:")
      ? db
          .select({ name: users.name })
          .from(users)
          .where(eq(users.id, session.createdBy.slice(5)))
          .then((r) => r[0]?.name ?? null)
      : null,
    actions.list(db, workspaceId, { sessionId }, today),
  ]);

  let agenda: AgendaItemView[];
  let progress: Progress | null;
  let asOf: string;
  if (session.status === "draft") {
    const live = await liveAgenda(db, workspaceId, session, now);
    asOf = live.asOf;
    progress = live.progress;
    agenda = live.agenda.map((entry, position) => ({
      ...entry,
      id: null,
      position,
      notes: "",
      decision: "",
      actions: [],
    }));
  } else {
    const rows = await db
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.workspaceId, workspaceId), eq(agendaItems.sessionId, sessionId)))
      .orderBy(asc(agendaItems.position));
    const stored = (session.progress ?? null) as (Progress & { asOf?: string }) | null;
    asOf = stored?.asOf ?? dayOf(session.startedAt ?? now);
    progress = stored && "previous" in stored && stored.previous ? stored : null;
    const carriedIds = rows.filter((r) => r.kind === "carried_action").map((r) => r.refId);
    const carried = carriedIds.length > 0 ? await actions.list(db, workspaceId, { ids: carriedIds }, today) : [];
    agenda = rows.map((row) => ({
      id: row.id,
      position: row.position,
      kind: row.kind,
      refId: row.refId,
      snapshot: row.snapshot as unknown as AgendaEntry["snapshot"],
      notes: row.notes,
      decision: row.decision,
      actions:
        row.kind === "carried_action"
          ? carried.filter((a) => a.id === row.refId)
          : sessionActions.filter((a) => a.agendaItemId === row.id),
    }));
  }
  const themeIds = agenda.filter((a) => a.kind === "theme" || a.kind === "shipped_fix").map((a) => a.refId);
  const fixDays: Record<string, string> = {};
  for (const theme of await fixDaysOf(db, workspaceId, themeIds))
    fixDays[theme.id] = dayOf(theme.fixShippedAt as number);

  return {
    session: {
      id: session.id,
      title: session.title,
      status: session.status,
      journey,
      period: periodOf(session),
      previousSession: previous ? { id: previous.id, title: previous.title } : null,
      createdAt: session.createdAt,
      createdBy: creator,
      startedAt: session.startedAt,
      closedAt: session.closedAt,
    },
    frozen: session.status !== "draft",
    asOf,
    agenda,
    actionItems: sessionActions,
    progress,
    fixDays,
  };
}

async function fixDaysOf(db: Db, workspaceId: string, themeIds: string[]) {
  if (themeIds.length === 0) return [];
  return db
    .select({ id: themes.id, fixShippedAt: themes.fixShippedAt })
    .from(themes)
    .where(and(eq(themes.workspaceId, workspaceId), inArray(themes.id, themeIds), isNotNull(themes.fixShippedAt)));
}
