/**
 * A review session's agenda, built from figures the queries read: the top recurring issues ranked by friction
 * contribution, touchpoints that got worse since the previous session, human moments trending negative, shipped fixes
 * with their before/after, and open action items carried over. Each entry carries its snapshot: every figure the
 * meeting shows, so freezing the agenda is storing these objects.
 * @module
 */
import type { FixBeforeAfter } from "./before-after.ts";

export const AGENDA_ISSUE_LIMIT = 10;
/** A touchpoint is "worse" when its 0–100 friction score rose by at least this much between the two periods. */
export const WORSE_MIN_POINTS = 5;
/** Human moments are held to a lower bar: a smaller rise, or a rise in the negative share alone. */
export const HUMAN_MOMENT_MIN_POINTS = 2;
export const HUMAN_MOMENT_MIN_NEGATIVE_RISE = 0.05;
/** Below this many items in the session's period a score change is noise, not a trend. */
export const AGENDA_MIN_ITEMS = 5;
export const AGENDA_WORSE_LIMIT = 5;

export type AgendaKind = "theme" | "touchpoint_worse" | "human_moment" | "shipped_fix" | "carried_action";

/** One recurring issue over the 90 days ending at the period's last day, as read from the rollups. */
export interface IssueFigures {
  themeId: string;
  label: string;
  itemCount: number;
  negativeCount: number;
  /** Summed item friction (each item in [0, 1]). */
  friction: number;
  trend: { direction: "new" | "rising" | "falling" | "steady"; recentPerDay: number; previousPerDay: number };
  touchpoints: { id: string; name: string }[];
  fixDay: string | null;
}

/** A touchpoint's score in the session's period and in the period compared with. */
export interface TouchpointFigures {
  id: string;
  name: string;
  journeyName: string;
  humanMoment: { owner: string | null } | null;
  now: PeriodFigures;
  before: PeriodFigures;
}

export interface PeriodFigures {
  score: number;
  itemCount: number;
  negativeShare: number;
}

/** An action item still open (or in progress) from an earlier session. */
export interface CarriedAction {
  id: string;
  title: string;
  ownerName: string | null;
  dueDate: string | null;
  status: "open" | "in_progress";
  sessionTitle: string | null;
}

export interface ThemeSnapshot {
  rank: number;
  label: string;
  itemCount: number;
  negativeShare: number;
  friction: number;
  /** This issue's share of all friction in scope over the window: see `frictionContribution`. */
  contribution: number;
  frictionPerItem: number;
  trend: IssueFigures["trend"];
  touchpoints: { id: string; name: string }[];
  window: { from: string; to: string };
  fixDay: string | null;
  beforeAfter: FixBeforeAfter | null;
}

export interface TouchpointSnapshot {
  name: string;
  journeyName: string;
  owner: string | null;
  now: PeriodFigures;
  before: PeriodFigures;
  delta: number;
  negativeShareDelta: number;
  comparedWith: { from: string; to: string };
}

export interface ShippedFixSnapshot {
  label: string;
  fixDay: string;
  beforeAfter: FixBeforeAfter;
}

export interface CarriedActionSnapshot {
  title: string;
  ownerName: string | null;
  dueDate: string | null;
  status: CarriedAction["status"];
  sessionTitle: string | null;
  overdue: boolean;
}

export type AgendaEntry =
  | { kind: "theme"; refId: string; snapshot: ThemeSnapshot }
  | { kind: "touchpoint_worse"; refId: string; snapshot: TouchpointSnapshot }
  | { kind: "human_moment"; refId: string; snapshot: TouchpointSnapshot }
  | { kind: "shipped_fix"; refId: string; snapshot: ShippedFixSnapshot }
  | { kind: "carried_action"; refId: string; snapshot: CarriedActionSnapshot };

export interface AgendaInput {
  /** The day the agenda is built, for overdue checks. */
  today: string;
  /** The 90-day window the issues were read over. */
  window: { from: string; to: string };
  /** The period touchpoints' "before" figures come from. */
  comparedWith: { from: string; to: string };
  /** All friction in scope over the window, themed or not: the denominator of the contribution. */
  totalFriction: number;
  issues: IssueFigures[];
  touchpoints: TouchpointFigures[];
  fixes: FixBeforeAfter[];
  carried: CarriedAction[];
}

/**
 * Friction contribution: an issue's summed item friction as a share of all friction in scope over the same 90 days.
 * Each item's friction already weighs how bad it was (negative tone, a low score, an escalation), so the sum is
 * volume × severity, and the share is what would be gone if the issue vanished: 200 mild complaints and 60 furious
 * ones land on one scale, and neither raw volume nor average anger alone can put a rare outrage above a daily fire.
 */
export function frictionContribution(issueFriction: number, totalFriction: number): number {
  return totalFriction > 0 ? Math.min(1, issueFriction / totalFriction) : 0;
}

/**
 * The agenda in meeting order: issues by contribution, then worse touchpoints and human moments (largest rise first),
 * then shipped fixes that left the top ten, then carried-over action items (earliest due first).
 */
export function buildAgenda(input: AgendaInput): AgendaEntry[] {
  const fixesByTheme = new Map(input.fixes.map((f) => [f.themeId, f]));
  const issues = [...input.issues]
    .sort((a, b) => b.friction - a.friction || a.themeId.localeCompare(b.themeId))
    .slice(0, AGENDA_ISSUE_LIMIT);
  const themeEntries: AgendaEntry[] = issues.map((issue, i) => ({
    kind: "theme",
    refId: issue.themeId,
    snapshot: {
      rank: i + 1,
      label: issue.label,
      itemCount: issue.itemCount,
      negativeShare: issue.itemCount > 0 ? issue.negativeCount / issue.itemCount : 0,
      friction: issue.friction,
      contribution: frictionContribution(issue.friction, input.totalFriction),
      frictionPerItem: issue.itemCount > 0 ? issue.friction / issue.itemCount : 0,
      trend: issue.trend,
      touchpoints: issue.touchpoints,
      window: input.window,
      fixDay: issue.fixDay,
      beforeAfter: fixesByTheme.get(issue.themeId) ?? null,
    },
  }));
  const inTop = new Set(issues.map((i) => i.themeId));

  const snapshotOf = (t: TouchpointFigures): TouchpointSnapshot => ({
    name: t.name,
    journeyName: t.journeyName,
    owner: t.humanMoment?.owner ?? null,
    now: t.now,
    before: t.before,
    delta: t.now.score - t.before.score,
    negativeShareDelta: t.now.negativeShare - t.before.negativeShare,
    comparedWith: input.comparedWith,
  });
  const byRise = (a: TouchpointSnapshot, b: TouchpointSnapshot) =>
    b.delta - a.delta || b.negativeShareDelta - a.negativeShareDelta || a.name.localeCompare(b.name);
  const enough = (t: TouchpointFigures) => t.now.itemCount >= AGENDA_MIN_ITEMS;
  const humanMoments = input.touchpoints
    .filter((t) => t.humanMoment && enough(t))
    .map((t) => ({ id: t.id, s: snapshotOf(t) }))
    .filter(({ s }) => s.delta >= HUMAN_MOMENT_MIN_POINTS || s.negativeShareDelta >= HUMAN_MOMENT_MIN_NEGATIVE_RISE)
    .sort((a, b) => byRise(a.s, b.s));
  const worse = input.touchpoints
    .filter((t) => !t.humanMoment && enough(t))
    .map((t) => ({ id: t.id, s: snapshotOf(t) }))
    .filter(({ s }) => s.delta >= WORSE_MIN_POINTS)
    .sort((a, b) => byRise(a.s, b.s))
    .slice(0, AGENDA_WORSE_LIMIT);

  const fixes: AgendaEntry[] = input.fixes
    .filter((f) => !inTop.has(f.themeId))
    .sort((a, b) => b.fixDay.localeCompare(a.fixDay) || a.themeId.localeCompare(b.themeId))
    .map((f) => ({
      kind: "shipped_fix",
      refId: f.themeId,
      snapshot: { label: f.label, fixDay: f.fixDay, beforeAfter: f },
    }));

  const carried: AgendaEntry[] = [...input.carried]
    .sort((a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || a.id.localeCompare(b.id))
    .map((a) => ({
      kind: "carried_action",
      refId: a.id,
      snapshot: {
        title: a.title,
        ownerName: a.ownerName,
        dueDate: a.dueDate,
        status: a.status,
        sessionTitle: a.sessionTitle,
        overdue: isOverdue(a.dueDate, a.status, input.today),
      },
    }));

  return [
    ...themeEntries,
    ...worse.map(({ id, s }): AgendaEntry => ({ kind: "touchpoint_worse", refId: id, snapshot: s })),
    ...humanMoments.map(({ id, s }): AgendaEntry => ({ kind: "human_moment", refId: id, snapshot: s })),
    ...fixes,
    ...carried,
  ];
}

/** An unfinished action item whose due day has passed (due today is not overdue yet). */
export function isOverdue(dueDate: string | null, status: string, today: string): boolean {
  return dueDate !== null && (status === "open" || status === "in_progress") && dueDate < today;
}
