/**
 * The demo's review history: last month's session, run through the same queries as the web app (created, started so
 * its agenda froze as of that day, notes and decisions, action items, closed), and the fix it decided on marked as
 * shipped a week later, so `npm start` opens on a workspace whose next review has progress and a before/after to show.
 * @module
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import * as actionItems from "../queries/action-items.ts";
import * as reviews from "../queries/reviews.ts";
import { touchpointThemeDays } from "../schema/feedback.ts";
import { touchpoints } from "../schema/journeys.ts";
import { DEMO_FIXED_TOUCHPOINT_KEY, demoReviewTimeline } from "./review-timeline.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Seeds the history; `ownerUserId` is the demo's CX lead, who ran the session and owns most actions. */
export async function seedReviewHistory(db: Db, workspaceId: string, ownerUserId: string, now: number): Promise<void> {
  const { startedAt, fixAt } = demoReviewTimeline(now);
  const by = (at: number) => ({ actor: `user:${ownerUserId}`, now: at });
  const created = await reviews.create(db, workspaceId, {}, by(startedAt - 2 * DAY_MS));
  if (!created.ok) throw new Error(`demo review: ${created.problem}`);
  const sessionId = created.id;
  await reviews.start(db, workspaceId, sessionId, by(startedAt));

  const keys = [DEMO_FIXED_TOUCHPOINT_KEY, "delivery-carrier-handover", "checkout-payment", "support-chatbot"];
  const places = await db
    .select({ id: touchpoints.id, key: touchpoints.key })
    .from(touchpoints)
    .where(and(eq(touchpoints.workspaceId, workspaceId), inArray(touchpoints.key, keys)));
  const touchpointOf = (key: string) => places.find((p) => p.key === key)?.id ?? null;
  const fixedTheme = await busiestTheme(db, workspaceId, touchpointOf(DEMO_FIXED_TOUCHPOINT_KEY));

  const view = await reviews.sessionView(db, workspaceId, sessionId, startedAt);
  const agendaOf = (themeId: string | null) => view?.agenda.find((a) => a.refId === themeId && a.id)?.id ?? null;
  const first = view?.agenda.find((a) => a.kind === "theme");
  const at = (minutes: number) => startedAt + minutes * 60_000;
  if (first?.id) {
    await reviews.saveNotes(
      db,
      workspaceId,
      sessionId,
      first.id,
      {
        notes: "Mostly one carrier in the north; agents already apologise with a voucher, which costs us twice.",
        decision: "Review the carrier's SLA and show honest delivery dates at checkout.",
      },
      by(at(12)),
    );
  }
  const fixedItem = agendaOf(fixedTheme);
  if (fixedItem) {
    await reviews.saveNotes(
      db,
      workspaceId,
      sessionId,
      fixedItem,
      {
        notes: "The tracking page polls the carrier once a day; customers see 'label created' for days and write in.",
        decision: "Switch tracking to the carrier's live API in the next release.",
      },
      by(at(25)),
    );
  }
  const plan = [
    {
      title: "Switch tracking to the carrier's live API",
      dueDate: day(fixAt),
      themeId: fixedTheme,
      touchpointId: touchpointOf(DEMO_FIXED_TOUCHPOINT_KEY),
      agendaItemId: fixedItem,
      status: "done" as const,
      changedAt: fixAt + 10 * HOUR_MS,
    },
    {
      title: "Review the carrier's delivery SLA",
      dueDate: day(startedAt + 14 * DAY_MS),
      themeId: first?.refId ?? null,
      touchpointId: touchpointOf("delivery-carrier-handover"),
      agendaItemId: first?.id ?? null,
      status: "in_progress" as const,
      changedAt: startedAt + 5 * DAY_MS,
    },
    {
      title: "Stop double charges on payment retries",
      dueDate: day(now + 10 * DAY_MS),
      themeId: null,
      touchpointId: touchpointOf("checkout-payment"),
      agendaItemId: null,
      status: "open" as const,
      changedAt: null,
    },
    {
      title: "Let the chatbot hand over after two loops",
      dueDate: day(startedAt + 21 * DAY_MS),
      themeId: null,
      touchpointId: touchpointOf("support-chatbot"),
      agendaItemId: null,
      status: "dropped" as const,
      changedAt: startedAt + 9 * DAY_MS,
    },
  ];
  for (const [i, { status, changedAt, ...input }] of plan.entries()) {
    const added = await actionItems.create(
      db,
      workspaceId,
      sessionId,
      { ...input, owner: ownerUserId },
      by(at(30 + i)),
    );
    if (added.ok && changedAt !== null) await actionItems.update(db, workspaceId, added.id, { status }, by(changedAt));
  }
  await reviews.close(db, workspaceId, sessionId, by(at(55)));
  if (fixedTheme) await reviews.setFixShipped(db, workspaceId, fixedTheme, day(fixAt), by(fixAt + 9 * HOUR_MS));
}

/** The theme with the most items at a touchpoint: where the planted issue landed after clustering. */
async function busiestTheme(db: Db, workspaceId: string, touchpointId: string | null): Promise<string | null> {
  if (!touchpointId) return null;
  const t = touchpointThemeDays;
  const [row] = await db
    .select({ themeId: t.themeId })
    .from(t)
    .where(and(eq(t.workspaceId, workspaceId), eq(t.touchpointId, touchpointId), sql`${t.themeId} != ''`))
    .groupBy(t.themeId)
    .orderBy(desc(sql`sum(${t.itemCount})`))
    .limit(1);
  return row?.themeId ?? null;
}
