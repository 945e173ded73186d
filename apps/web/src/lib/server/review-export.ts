/**
 * A review session's downloads: the review pack (its agenda with the frozen figures, notes and decisions, the journey
 * map over the period reviewed, and the action items) and the action items as CSV. The words and numbers come from
 * the review components' `format.ts`, so the pack says what the meeting screen said.
 * @module
 */

import { redact } from "@firebreak/core/analysis/redact";
import type { MapExportInput } from "@firebreak/core/exports/map-layout";
import type { ReviewAgendaItem, ReviewFigure, ReviewPackInput } from "@firebreak/core/exports/review-pack";
import type { AgendaEntry, FixBeforeAfter } from "@firebreak/core/reviews/index";
import type { ActionItemView } from "@firebreak/db/queries/action-items";
import type { AgendaItemView, SessionView } from "@firebreak/db/queries/reviews";
import {
  formatDay,
  formatP,
  KIND_LABELS,
  percent,
  perDay,
  points,
  STATUS_WORDS,
  shareDelta,
  TREND_WORDS,
  VERDICT_LABELS,
} from "$lib/components/review/format";
import { csv, csvDay } from "./csv.ts";

function beforeAfterLines(fix: FixBeforeAfter): ReviewAgendaItem["beforeAfter"] {
  const verdict = `${VERDICT_LABELS[fix.theme.verdict]}${fix.theme.verdict === "too_early" ? "" : ` (${formatP(fix.theme.pValue)})`}`;
  return [
    { label: `Fix shipped ${formatDay(fix.fixDay)}: ${verdict}`, before: "before", after: "after" },
    ...[fix.theme, ...fix.touchpoints].map((row, i) => ({
      label: i === 0 ? `Issue: ${row.name}` : row.name,
      before: perDay(row.before.perDay),
      after: row.after.days > 0 ? perDay(row.after.perDay) : "—",
    })),
  ];
}

function agendaItem(item: AgendaItemView): ReviewAgendaItem {
  const kind = KIND_LABELS[item.kind];
  const record = { notes: item.notes ? [item.notes] : [], decisions: item.decision ? [item.decision] : [] };
  const figures = (...list: [string, string][]): ReviewFigure[] => [
    { label: "Kind", value: kind },
    ...list.map(([label, value]) => ({ label, value })),
  ];
  // The view keeps kind and snapshot side by side; paired again they narrow together.
  const entry = { kind: item.kind, snapshot: item.snapshot } as AgendaEntry;
  switch (entry.kind) {
    case "theme": {
      const s = entry.snapshot;
      return {
        title: `#${s.rank} ${s.label}`,
        figures: figures(
          ["Friction contribution", percent(s.contribution)],
          ["Tickets (90 days)", s.itemCount.toLocaleString("en")],
          ["Negative", percent(s.negativeShare)],
          ["Trend (30 days)", `${TREND_WORDS[s.trend.direction]}: ${perDay(s.trend.recentPerDay)}`],
          ["Where", s.touchpoints.map((t) => t.name).join(", ") || "—"],
        ),
        beforeAfter: s.beforeAfter ? beforeAfterLines(s.beforeAfter) : [],
        ...record,
      };
    }
    case "touchpoint_worse":
    case "human_moment": {
      const s = entry.snapshot;
      return {
        title: s.name,
        figures: figures(
          ["Friction score", `${s.before.score} → ${s.now.score} (${points(s.delta)})`],
          ["Negative share", `${percent(s.now.negativeShare)} (${shareDelta(s.negativeShareDelta)})`],
          ["Items", `${s.before.itemCount} → ${s.now.itemCount}`],
          ["Journey", s.journeyName],
        ),
        beforeAfter: [],
        ...record,
      };
    }
    case "shipped_fix":
      return {
        title: entry.snapshot.label,
        figures: figures(),
        beforeAfter: beforeAfterLines(entry.snapshot.beforeAfter),
        ...record,
      };
    case "carried_action": {
      const s = entry.snapshot;
      return {
        title: s.title,
        figures: figures(
          ["Owner", s.ownerName ?? "No owner"],
          ["Due", formatDay(s.dueDate)],
          ["Status", `${STATUS_WORDS[s.status]}${s.overdue ? ", overdue" : ""}`],
        ),
        beforeAfter: [],
        ...record,
      };
    }
  }
}

/** The review pack of a session with the journey maps it reviewed (over its period). */
export function reviewPackInput(view: SessionView, workspace: string, maps: MapExportInput[]): ReviewPackInput {
  const started = view.session.startedAt;
  return {
    title: view.session.title,
    period: view.session.period,
    workspace,
    heldOn: started ? new Date(started).toISOString().slice(0, 10) : null,
    agenda: view.agenda.map(agendaItem),
    actions: view.actionItems.map((a) => ({
      title: a.title,
      owner: a.ownerName,
      due: a.dueDate,
      status: STATUS_WORDS[a.status] ?? a.status,
    })),
    maps,
  };
}

/** Action items as CSV: what (redacted, as everything that leaves the app), who, when, where from, and its state. */
export function actionItemsCsv(items: ActionItemView[]): string {
  const fields = ["Action", "Owner", "Due", "Status", "Overdue", "Issue", "Touchpoint", "Session", "Created", "Done"];
  return csv(
    fields,
    items.map((a) => [
      redact(a.title).text,
      a.ownerName ?? "",
      a.dueDate ?? "",
      STATUS_WORDS[a.status] ?? a.status,
      a.overdue ? "yes" : "",
      a.theme?.label ?? "",
      a.touchpoint?.name ?? "",
      a.session?.title ?? "",
      csvDay(a.createdAt),
      csvDay(a.doneAt),
    ]),
  );
}
