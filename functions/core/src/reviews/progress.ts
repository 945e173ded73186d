/**
 * How the next session opens: what became of the last session's action items, how the issues and touchpoints it
 * discussed moved since (the frozen figures then against the figures now), and what came back: shipped fixes whose
 * volume rose again, and issues back in the top ten after having left it.
 * @module
 */
import { type AgendaKind, isOverdue } from "./agenda.ts";
import { BEFORE_AFTER_DAYS, BEFORE_AFTER_MIN_DAYS, compareWindows, type WindowCounters } from "./before-after.ts";
import { addDays, type DayPeriod, daysIn, laterDay } from "./days.ts";

export type ActionStatus = "open" | "in_progress" | "done" | "dropped";

export interface ActionLine {
  id: string;
  title: string;
  ownerName: string | null;
  dueDate: string | null;
  status: ActionStatus;
  /** Epoch ms when it was marked done. */
  doneAt: number | null;
}

export interface PreviousSession {
  id: string;
  title: string;
  /** When it started (its agenda froze); action items done after this count as progress. */
  startedAt: number | null;
  /** Its stored agenda; only the figures progress compares are read from the snapshots. */
  agenda: { kind: AgendaKind; refId: string; snapshot: Record<string, unknown> }[];
}

/** Now-figures of the things the previous agenda discussed. */
export interface CurrentFigures {
  /** Top ten theme ids now, in rank order. */
  topThemeIds: string[];
  themes: Map<string, { label: string; itemCount: number; contribution: number }>;
  touchpoints: Map<string, { name: string; score: number; itemCount: number }>;
}

/** A fix's volume in the N days after it against the latest N days, for "did it come back?". */
export interface FixRebound {
  themeId: string;
  label: string;
  fixDay: string;
  after: WindowCounters;
  recent: WindowCounters;
}

export interface ProgressInput {
  today: string;
  previous: PreviousSession;
  /** The previous session's action items and the ones it carried over. */
  actions: ActionLine[];
  current: CurrentFigures;
  /** Themes that were in the top ten of any session before the previous one. */
  earlierTopThemeIds: ReadonlySet<string>;
  /** Themes with a shipped fix (whether or not they were discussed). */
  fixedThemeIds: ReadonlySet<string>;
  rebounds: FixRebound[];
}

export interface AgendaDelta {
  kind: "theme" | "touchpoint_worse" | "human_moment";
  refId: string;
  label: string;
  /** What was measured: a theme's friction contribution (share) or a touchpoint's 0–100 score. */
  unit: "contribution" | "score";
  was: number;
  /** `null` when the theme left the top issues' reach entirely (no items in the window now). */
  now: number | null;
  change: number | null;
}

export interface CameBack {
  themeId: string;
  label: string;
  reason: "volume_rose" | "reentered_top";
  /** Per-day volumes behind `volume_rose`. */
  afterPerDay?: number;
  recentPerDay?: number;
  pValue?: number;
}

export interface Progress {
  previous: { id: string; title: string };
  actions: { done: ActionLine[]; overdue: ActionLine[]; open: ActionLine[]; dropped: ActionLine[] };
  deltas: AgendaDelta[];
  cameBack: CameBack[];
}

/**
 * The windows behind "volume rose again": the N days right after the fix (what it achieved), and the latest N days
 * up to yesterday, starting no earlier than the day after those. `null` until both hold at least a week.
 */
export function reboundWindows(
  fixDay: string,
  today: string,
  windowDays = BEFORE_AFTER_DAYS,
): { after: DayPeriod; recent: DayPeriod } | null {
  const after = { from: addDays(fixDay, 1), to: addDays(fixDay, windowDays) };
  const yesterday = addDays(today, -1);
  const latestFrom = addDays(today, -windowDays);
  const dayAfterAfter = addDays(after.to, 1);
  const recent = { from: laterDay(latestFrom, dayAfterAfter), to: yesterday };
  if (daysIn(recent) < BEFORE_AFTER_MIN_DAYS) return null;
  return { after, recent };
}

/** The opening "progress since last session" section. */
export function buildProgress(input: ProgressInput): Progress {
  const actions: Progress["actions"] = { done: [], overdue: [], open: [], dropped: [] };
  for (const action of input.actions) {
    if (action.status === "done") {
      // Done before the last session started is old news: it was reported there.
      if (input.previous.startedAt === null || (action.doneAt ?? 0) >= input.previous.startedAt)
        actions.done.push(action);
    } else if (action.status === "dropped") actions.dropped.push(action);
    else if (isOverdue(action.dueDate, action.status, input.today)) actions.overdue.push(action);
    else actions.open.push(action);
  }

  const deltas: AgendaDelta[] = [];
  for (const item of input.previous.agenda) {
    if (item.kind === "theme") {
      const snapshot = item.snapshot as unknown as { label: string; contribution: number };
      const now = input.current.themes.get(item.refId);
      const value = now ? now.contribution : null;
      deltas.push({
        kind: "theme",
        refId: item.refId,
        label: now?.label ?? snapshot.label,
        unit: "contribution",
        was: snapshot.contribution,
        now: value,
        change: value === null ? null : value - snapshot.contribution,
      });
    } else if (item.kind === "touchpoint_worse" || item.kind === "human_moment") {
      const snapshot = item.snapshot as unknown as { name: string; now: { score: number } };
      const now = input.current.touchpoints.get(item.refId);
      deltas.push({
        kind: item.kind,
        refId: item.refId,
        label: now?.name ?? snapshot.name,
        unit: "score",
        was: snapshot.now.score,
        now: now ? now.score : null,
        change: now ? now.score - snapshot.now.score : null,
      });
    }
  }

  const cameBack: CameBack[] = [];
  for (const rebound of input.rebounds) {
    const windows = reboundWindows(rebound.fixDay, input.today);
    if (!windows) continue;
    const compared = compareWindows(daysIn(windows.after), rebound.after, daysIn(windows.recent), rebound.recent);
    if (compared.verdict === "more") {
      cameBack.push({
        themeId: rebound.themeId,
        label: rebound.label,
        reason: "volume_rose",
        afterPerDay: compared.before.perDay,
        recentPerDay: compared.after.perDay,
        pValue: compared.pValue,
      });
    }
  }
  const previousTop = new Set(input.previous.agenda.filter((i) => i.kind === "theme").map((i) => i.refId));
  const rebounded = new Set(cameBack.map((c) => c.themeId));
  for (const themeId of input.current.topThemeIds) {
    const wasGone = !previousTop.has(themeId);
    const hadBeenThere = input.earlierTopThemeIds.has(themeId) || input.fixedThemeIds.has(themeId);
    if (wasGone && hadBeenThere && !rebounded.has(themeId)) {
      cameBack.push({
        themeId,
        label: input.current.themes.get(themeId)?.label ?? themeId,
        reason: "reentered_top",
      });
    }
  }
  return { previous: { id: input.previous.id, title: input.previous.title }, actions, deltas, cameBack };
}
