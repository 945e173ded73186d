/**
 * Words and numbers of the review components: agenda kinds, verdicts, p-values, rates and deltas, so a session page,
 * a shared view and a printed pack say the same thing.
 * @module
 */
import type { AgendaKind, ChangeVerdict } from "@firebreak/core/reviews/index";

export const KIND_LABELS: Record<AgendaKind, string> = {
  theme: "Recurring issue",
  touchpoint_worse: "Got worse",
  human_moment: "Human moment",
  shipped_fix: "Shipped fix",
  carried_action: "Carried over",
};

export const VERDICT_LABELS: Record<ChangeVerdict, string> = {
  fewer: "Fewer tickets",
  more: "More tickets",
  no_clear_change: "No clear change",
  too_early: "Too early to tell",
};

export const STATUS_WORDS: Record<string, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  dropped: "Dropped",
};

export const TREND_WORDS: Record<string, string> = {
  new: "new",
  rising: "rising",
  falling: "falling",
  steady: "steady",
};

export const percent = (share: number) => `${Math.round(share * 100)}%`;
export const perDay = (rate: number) => `${rate < 10 ? rate.toFixed(1) : Math.round(rate)}/day`;
export const signed = (n: number, digits = 0) => `${n > 0 ? "+" : n < 0 ? "−" : "±"}${Math.abs(n).toFixed(digits)}`;
export const points = (delta: number) => `${signed(delta)} pts`;
export const shareDelta = (delta: number) => `${signed(delta * 100, 1)} pts`;

/** A p-value as people read it. */
export function formatP(p: number): string {
  if (p < 0.001) return "p < 0.001";
  return `p = ${p < 0.01 ? p.toPrecision(2) : p.toFixed(2)}`;
}

export function formatDay(day: string | null): string {
  if (!day) return "—";
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

const SECTIONS: { key: string; title: string; kind: AgendaKind }[] = [
  { key: "issues", title: "Top recurring issues", kind: "theme" },
  { key: "worse", title: "Touchpoints that got worse", kind: "touchpoint_worse" },
  { key: "human", title: "Human moments trending negative", kind: "human_moment" },
  { key: "fixes", title: "Shipped fixes", kind: "shipped_fix" },
  { key: "carried", title: "Carried-over action items", kind: "carried_action" },
];

/** The agenda in the meeting's order of sections, each with its items; empty sections left out. */
export function agendaSections<T extends { kind: AgendaKind }>(agenda: readonly T[]) {
  return SECTIONS.map((section) => ({ ...section, items: agenda.filter((item) => item.kind === section.kind) })).filter(
    (section) => section.items.length > 0,
  );
}
