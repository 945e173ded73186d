/**
 * Running playbooks: for an alert that opened or got worse, every enabled playbook whose trigger matches records a
 * run and, when it may act, queues its message in the outbound queue (with the run's id), so the cron sender signs,
 * retries and logs it like any alert. A customer-facing playbook whose alert is at a human moment is refused and the
 * refusal recorded, never sent: Firebreak holds its own automation to the policy it publishes. A dry run decides the
 * same way, records a dry-run run and sends nothing.
 * @module
 */
import {
  type AlertEvent,
  matches,
  newId,
  PLAYBOOK_EVENT,
  type PlaybookMessage,
  type PolicyHumanMoment,
  playbookDecision,
  playbookMessage,
  playbookSlackMessage,
  playbookWebhookBody,
  ticketFor,
} from "@firebreak/core";
import { type BatchStatement, type Db, runBatch } from "../client.ts";
import * as alertQueries from "../queries/alerts.ts";
import * as destinationQueries from "../queries/destinations.ts";
import { enqueueStatement } from "../queries/outbound.ts";
import * as playbookQueries from "../queries/playbooks.ts";
import * as policy from "../queries/policy.ts";
import { playbookRuns } from "../schema/index.ts";

type PlaybookView = playbookQueries.PlaybookView;
type Outcome = playbookQueries.PlaybookRunRow["outcome"];

/** The human moment a refusal names, as runs keep it. */
export interface MomentSummary {
  touchpointId: string;
  name: string;
  reason: string;
  owner: string;
}

/** What a run decided: the outcome and its reason, and what it sent (or would send) where. */
export interface Decision {
  outcome: Outcome;
  reason: string;
  humanMoment?: MomentSummary;
  destination?: { id: string; name: string; kind: string; hint: string | null };
  message?: PlaybookMessage;
}

/** What the runner reads once per event: the workspace's destinations, and its human moments when needed. */
class RunContext {
  private moments?: Promise<Map<string, PolicyHumanMoment>>;
  private destinations?: Promise<Map<string, destinationQueries.DestinationView>>;
  private readonly db: Db;
  private readonly workspaceId: string;
  constructor(db: Db, workspaceId: string) {
    this.db = db;
    this.workspaceId = workspaceId;
  }

  humanMoment(touchpointId: string | null) {
    if (!touchpointId) return Promise.resolve(null);
    this.moments ??= policy
      .content(this.db, this.workspaceId)
      .then((c) => new Map((c?.humanMoments ?? []).map((m) => [m.touchpointId, m])));
    return this.moments.then((m) => m.get(touchpointId) ?? null);
  }

  destination(id: string) {
    this.destinations ??= destinationQueries
      .list(this.db, this.workspaceId)
      .then((l) => new Map(l.map((d) => [d.id, d])));
    return this.destinations.then((d) => d.get(id));
  }
}

/** Decides what a playbook does about an event it matched, without writing anything. */
async function decide(playbook: PlaybookView, event: AlertEvent, runId: string, ctx: RunContext): Promise<Decision> {
  const moment = await ctx.humanMoment(event.touchpointId);
  const place = {
    touchpoint: event.touchpointId
      ? { id: event.touchpointId, name: moment?.name ?? event.touchpoint ?? event.touchpointId }
      : null,
    matchedBy: { kind: event.touchpointId ? ("touchpointId" as const) : ("none" as const), ruleId: null },
  };
  const policyDecision = playbookDecision(playbook, place, moment);
  if (policyDecision.decision === "deny" && moment) {
    const humanMoment = {
      touchpointId: moment.touchpointId,
      name: moment.name,
      reason: moment.reason,
      owner: moment.owner,
    };
    return { outcome: "refused", reason: policyDecision.reason, humanMoment };
  }
  const destination = await ctx.destination(playbook.action.destinationId);
  if (!destination) return { outcome: "failed", reason: "Its destination was deleted: choose another." };
  const summary = { id: destination.id, name: destination.name, kind: destination.kind, hint: destination.targetHint };
  if (!destination.enabled)
    return { outcome: "skipped", reason: `The destination “${destination.name}” is disabled.`, destination: summary };
  return {
    outcome: "executed",
    reason: policyDecision.reason,
    destination: summary,
    message: playbookMessage(playbook, event, runId),
  };
}

function detailOf(event: AlertEvent, decision: Decision, deliveryId?: string) {
  return {
    alert: { id: event.id, title: event.title, severity: event.severity, kind: event.kind, change: event.change },
    reason: decision.reason,
    ...(decision.humanMoment ? { humanMoment: decision.humanMoment } : {}),
    ...(decision.destination ? { destination: decision.destination } : {}),
    ...(deliveryId ? { deliveryId } : {}),
  };
}

/** One playbook's run for an event. */
export interface RunRecord {
  playbookId: string;
  runId: string;
  outcome: Outcome;
  reason: string;
  deliveryId: string | null;
}

/**
 * Runs the workspace's enabled playbooks that match the event: each records a run, and those that may act queue
 * their message, all in one batch (a run is never recorded without its delivery, nor the reverse).
 */
export async function runPlaybooksForEvent(
  db: Db,
  workspaceId: string,
  event: AlertEvent,
  { now }: { now: number },
): Promise<RunRecord[]> {
  const candidates = (await playbookQueries.enabled(db, workspaceId)).filter((p) => matches(p, event).matched);
  if (candidates.length === 0) return [];
  const ctx = new RunContext(db, workspaceId);
  const statements: BatchStatement[] = [];
  const records: RunRecord[] = [];
  for (const playbook of candidates) {
    const runId = newId("pbr", now);
    let decision: Decision;
    try {
      decision = await decide(playbook, event, runId, ctx);
    } catch (error) {
      decision = { outcome: "failed", reason: error instanceof Error ? error.message : String(error) };
    }
    const deliveryId = decision.outcome === "executed" ? newId("obd", now) : undefined;
    statements.push(
      db.insert(playbookRuns).values({
        id: runId,
        workspaceId,
        playbookId: playbook.id,
        dryRun: false,
        alertId: event.id,
        outcome: decision.outcome,
        detail: detailOf(event, decision, deliveryId),
        createdAt: now,
      }),
    );
    if (deliveryId && decision.message) {
      statements.push(
        enqueueStatement(db, workspaceId, deliveryId, {
          destinationId: playbook.action.destinationId,
          eventType: PLAYBOOK_EVENT,
          alertId: event.id,
          playbookRunId: runId,
          payload: playbookWebhookBody(decision.message),
          now,
        }),
      );
    }
    records.push({
      playbookId: playbook.id,
      runId,
      outcome: decision.outcome,
      reason: decision.reason,
      deliveryId: deliveryId ?? null,
    });
  }
  await runBatch(db, statements);
  return records;
}

/** Where a dry run's event came from. */
export type DryRunSource = "alert" | "latest" | "sample";

/** A dry run's answer: the decision, and what would be sent where (rendered as that destination receives it). */
export interface DryRun {
  runId: string;
  source: DryRunSource;
  event: AlertEvent;
  matched: boolean;
  decision: Decision;
  wouldSend: { destination: NonNullable<Decision["destination"]>; eventType: string; body: unknown } | null;
}

/** The body a destination kind receives, for people to read. */
function rendered(kind: string, message: PlaybookMessage): unknown {
  if (kind === "slack") return playbookSlackMessage(message);
  if (kind === "zendesk") return { ticket: ticketFor(message) };
  return JSON.parse(playbookWebhookBody(message));
}

/**
 * Decides what the playbook would do about an event (enabled or not), records the dry run in its trail, and sends
 * nothing.
 */
export async function dryRun(
  db: Db,
  workspaceId: string,
  playbook: PlaybookView,
  { event, source }: { event: AlertEvent; source: DryRunSource },
  { now }: { now: number },
): Promise<DryRun> {
  const runId = newId("pbr", now);
  const match = matches(playbook, event);
  const decision: Decision = match.matched
    ? await decide(playbook, event, runId, new RunContext(db, workspaceId))
    : { outcome: "skipped", reason: `The trigger does not match: ${match.reason}.` };
  await db.insert(playbookRuns).values({
    id: runId,
    workspaceId,
    playbookId: playbook.id,
    dryRun: true,
    alertId: source === "sample" ? null : event.id,
    outcome: decision.outcome,
    detail: { ...detailOf(event, decision), source },
    createdAt: now,
  });
  const wouldSend =
    decision.outcome === "executed" && decision.destination && decision.message
      ? {
          destination: decision.destination,
          eventType: PLAYBOOK_EVENT,
          body: rendered(decision.destination.kind, decision.message),
        }
      : null;
  return { runId, source, event, matched: match.matched, decision, wouldSend };
}

/** A stored alert as the event it was when it opened. */
export function eventOf(alert: alertQueries.ListedAlert, appUrl: string): AlertEvent {
  return {
    id: alert.id,
    title: alert.title,
    severity: alert.severity,
    reasons: alert.reasons,
    link: new URL(`/alerts/${alert.id}`, appUrl).href,
    occurredAt: alert.lastSeenAt || alert.openedAt,
    touchpoint: alert.touchpointName,
    theme: alert.themeName,
    kind: alert.kind,
    touchpointId: alert.touchpointId,
    themeId: alert.themeId,
    change: "opened",
  };
}

/**
 * The event a dry run tries: the named alert (`undefined` when it is not the workspace's), else the newest alert the
 * trigger matches, else a sample made from the trigger itself.
 */
export async function dryRunEvent(
  db: Db,
  workspaceId: string,
  playbook: PlaybookView,
  { alertId, appUrl, now }: { alertId?: string; appUrl: string; now: number },
): Promise<{ event: AlertEvent; source: DryRunSource } | undefined> {
  if (alertId) {
    const alert = await alertQueries.get(db, workspaceId, alertId);
    return alert ? { event: eventOf(alert, appUrl), source: "alert" } : undefined;
  }
  const recent = await alertQueries.list(db, workspaceId, { limit: 100 });
  for (const alert of recent.alerts) {
    const event = eventOf(alert, appUrl);
    const change = playbook.trigger.on[0] ?? "opened";
    if (matches(playbook, { ...event, change }).matched) return { event: { ...event, change }, source: "latest" };
  }
  const { trigger } = playbook;
  const kind = trigger.kinds[0] ?? "spike";
  return {
    source: "sample",
    event: {
      id: "alt_sample",
      title: "Sample alert: what this playbook would receive",
      severity: trigger.minSeverity,
      reasons: [{ label: "Sample", detail: "A made-up alert matching the trigger, for the dry run only." }],
      link: new URL("/alerts", appUrl).href,
      occurredAt: now,
      touchpoint: null,
      theme: null,
      kind,
      touchpointId: trigger.touchpointId,
      themeId: trigger.themeId,
      change: trigger.on[0] ?? "opened",
    },
  };
}
