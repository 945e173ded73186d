/**
 * Acting on what was ingested: alert evaluation and escalation to humans. As a batch of items is processed, workspaces
 * whose new items carry an escalation cue or were handled by automation get their follow-ups created and their
 * item-level rules evaluated at once; the cron evaluates every rule of each workspace every 15 minutes (resolving what
 * cleared), catches up follow-ups a failed hook missed, and retries the emails telling owners about their follow-ups.
 * @module
 */
import type { EmailSender } from "@firebreak/core/email";
import { alertEvaluation, alertRules, createDb, type Db, followUps, playbookRuns } from "@firebreak/db";

/** Windowed rules are evaluated this often per workspace. */
export const EVALUATE_EVERY_MS = 15 * 60_000;
/** Workspaces evaluated per cron tick; the rest wait for the next tick, oldest evaluation first. */
const WORKSPACES_PER_TICK = 10;
/** Follow-ups are made for items that occurred within this: an old complaint backfilled from a CSV needs no task. */
export const FOLLOW_UP_WINDOW_MS = 7 * 86_400_000;
const NOTICES_PER_TICK = 50;

export interface ActOptions {
  appUrl: string;
  email: EmailSender;
  now?: number;
}

/** What one workspace's evaluation did, for the log and the tests. */
export interface ActOutcome {
  workspaceId: string;
  followUps: number;
  notified: alertEvaluation.NotifiedAlert[];
  resolved: number;
  /** What the playbooks did about the notified alerts. */
  playbookRuns: playbookRuns.RunRecord[];
}

/**
 * After items were written: follow-ups and item-level alerts for these workspaces. Never throws: the items are
 * already stored, and the cron catches up whatever this misses.
 */
export async function actOnNewItems(db: Db, workspaceIds: Iterable<string>, options: ActOptions) {
  const now = options.now ?? Date.now();
  const outcomes: ActOutcome[] = [];
  for (const workspaceId of workspaceIds) {
    try {
      outcomes.push(await act(db, workspaceId, "items", { ...options, now }));
      await sendFollowUpNotices(db, options, now, workspaceId);
    } catch (error) {
      logError(`alerts after processing (${workspaceId})`, error);
    }
  }
  return outcomes;
}

/** The cron: full evaluations of the workspaces that are due, then the follow-up notices still owed. */
export async function runScheduledAlerts(db: Db, options: ActOptions) {
  const now = options.now ?? Date.now();
  const outcomes: ActOutcome[] = [];
  try {
    for (const workspaceId of await alertEvaluation.claimDueWorkspaces(
      db,
      now,
      EVALUATE_EVERY_MS,
      WORKSPACES_PER_TICK,
    )) {
      try {
        outcomes.push(await act(db, workspaceId, "full", { ...options, now }));
      } catch (error) {
        logError(`alert evaluation (${workspaceId})`, error);
      }
    }
    await sendFollowUpNotices(db, options, now);
  } catch (error) {
    logError("scheduled alerts", error);
  }
  return outcomes;
}

/** The Worker's cron entry. */
export function runScheduledAlertsFor(env: Pick<Env, "DB" | "APP_URL">, email: EmailSender) {
  return runScheduledAlerts(createDb(env.DB), { appUrl: env.APP_URL, email });
}

async function act(db: Db, workspaceId: string, scope: "full" | "items", options: ActOptions & { now: number }) {
  await alertRules.ensureDefaults(db, workspaceId, options.now);
  const created = await followUps.createDue(db, workspaceId, options.now - FOLLOW_UP_WINDOW_MS, options.now);
  const evaluation = await alertEvaluation.evaluate(db, workspaceId, {
    now: options.now,
    scope,
    appUrl: options.appUrl,
  });
  const runs = await runPlaybooks(db, workspaceId, evaluation.notified, options.now);
  const outcome = {
    workspaceId,
    followUps: created.length,
    notified: evaluation.notified,
    resolved: evaluation.resolved,
    playbookRuns: runs,
  };
  if (created.length || evaluation.notified.length || evaluation.resolved) {
    console.log(
      JSON.stringify({
        level: "info",
        message: "alerts evaluated",
        scope,
        workspaceId,
        followUps: created.length,
        notified: evaluation.notified.map((a) => `${a.change}:${a.kind}`),
        resolved: evaluation.resolved,
        playbooks: runs.map((r) => `${r.outcome}:${r.playbookId}`),
      }),
    );
  }
  return outcome;
}

/**
 * Runs the playbooks for each alert that opened or got worse. A failure is logged and never undoes the evaluation:
 * the alerts and their notifications are already stored.
 */
async function runPlaybooks(db: Db, workspaceId: string, notified: alertEvaluation.NotifiedAlert[], now: number) {
  const runs: playbookRuns.RunRecord[] = [];
  for (const alert of notified) {
    try {
      runs.push(...(await playbookRuns.runPlaybooksForEvent(db, workspaceId, alert, { now })));
    } catch (error) {
      logError(`playbooks for alert ${alert.id}`, error);
    }
  }
  return runs;
}

/** Emails owners about their new follow-ups; a follow-up with nobody to write to is marked told (it is in the app). */
async function sendFollowUpNotices(db: Db, { email, appUrl }: ActOptions, now: number, workspaceId?: string) {
  for (const notice of await followUps.pendingNotices(db, NOTICES_PER_TICK, workspaceId)) {
    try {
      if (notice.email) {
        await email.send({
          to: notice.email,
          subject: `[Firebreak] A customer needs a person at ${notice.touchpointName ?? "a human moment"}`,
          text: [
            `${notice.touchpointName ?? "A human moment"} is marked as a human moment: no automation answers here.`,
            `A follow-up is assigned to ${notice.assignee ?? "you"}. Why:`,
            ...notice.reasons.map((r) => `- ${r}`),
            "",
            "What the customer wrote (personal data removed):",
            notice.itemText.slice(0, 600),
            "",
            `Open your follow-ups: ${new URL("/follow-ups", appUrl).href}`,
          ].join("\n"),
        });
      }
      await followUps.recordNotice(db, notice.id, "sent", now);
    } catch (error) {
      await followUps.recordNotice(db, notice.id, "failed", now);
      logError(`follow-up notice ${notice.id}`, error);
    }
  }
}

function logError(what: string, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(JSON.stringify({ level: "error", message: `${what}: ${message}` }));
}
