/**
 * The outbound sender: delivers due messages to destinations from the cron, in a bounded batch. Every URL is checked
 * by the SSRF guard before any request (a refusal is logged, never sent); requests time out, and redirects are not
 * followed (a 3xx is a final failure), so a receiver cannot bounce us to an unsafe target. Webhooks are signed with
 * the destination's Standard Webhooks secret; the message id is the delivery id, the same on every retry. Playbook
 * tickets go through the same queue: a Zendesk destination's message becomes a ticket through the `TicketCreator`.
 * @module
 */
import {
  ALERT_EVENT,
  ALERT_EVENTS,
  type AttemptResult,
  alertEmail,
  alertWebhookBody,
  checkTarget,
  decryptSecret,
  type FetchLike,
  nextStep,
  type OutboundAlert,
  parsePlaybookBody,
  playbookSlackMessage,
  slackMessage,
  ticketFor,
  type ZendeskCredentials,
  ZendeskTicketCreator,
} from "@firebreak/core";
import type { EmailSender } from "@firebreak/core/email";
import { signOutbound } from "@firebreak/core/outbound/standard-webhooks";
import { createDb, type Db, outbound } from "@firebreak/db";

/** Deliveries per cron tick; what is left waits for the next tick (every 5 minutes). */
const DEFAULT_BATCH = 50;
/** Requests in flight at once. */
const CONCURRENCY = 5;
const DEFAULT_TIMEOUT_MS = 10_000;
/** A claimed delivery is not due again before this, so a sweep that dies strands nothing for long. */
const LEASE_MS = 5 * 60_000;
/** Log errors are for people: keep them short. */
const MAX_ERROR = 300;

export interface OutboundRunOptions {
  /** The Worker passes its own `fetch`; tests a receiver of theirs. */
  fetch: FetchLike;
  email: EmailSender;
  /** Development only (`OUTBOUND_ALLOW_LOOPBACK=on`): loopback targets pass the SSRF guard. */
  allowLoopback?: boolean;
  now?: () => number;
  random?: () => number;
  batchSize?: number;
  timeoutMs?: number;
}

export interface OutboundRunResult {
  claimed: number;
  outcomes: Record<outbound.AttemptRecord["outcome"], number>;
}

/** Queues an alert for each of the workspace's `destinationIds`; ids that are not the workspace's are skipped. */
export async function queueAlert(
  db: Db,
  workspaceId: string,
  destinationIds: readonly string[],
  alert: OutboundAlert,
  now: number,
) {
  const body = alertWebhookBody(alert);
  const queued = await Promise.all(
    destinationIds.map((destinationId) =>
      outbound.enqueue(db, workspaceId, {
        destinationId,
        eventType: ALERT_EVENT,
        alertId: alert.id,
        payload: body,
        now,
      }),
    ),
  );
  return queued.filter((q) => q !== undefined);
}

type Sent = { result: AttemptResult; error?: string } | { refused: string };

/** The body a destination kind receives for a stored payload; `undefined` when the kind cannot show this event. */
function alertOf(payload: string): OutboundAlert | undefined {
  const parsed = JSON.parse(payload) as { type?: string; data?: OutboundAlert };
  return parsed.type && ALERT_EVENTS.includes(parsed.type) ? parsed.data : undefined;
}

async function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  options: OutboundRunOptions,
): Promise<Sent> {
  try {
    const response = await options.fetch(url.href, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Firebreak-Webhooks/1", ...headers },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    // Only the status matters; the body is discarded unread so the connection is freed.
    await response.body?.cancel();
    const result: AttemptResult = {
      kind: "response",
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
    };
    if (response.status >= 300 && response.status < 400)
      return { result, error: `redirect to ${response.headers.get("location") ?? "?"} not followed` };
    return { result, error: response.ok ? undefined : `HTTP ${response.status}` };
  } catch (error) {
    return unanswered(error);
  }
}

/** A request that got no answer: timed out, or the network failed. */
function unanswered(error: unknown): Sent {
  const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
  const message = error instanceof Error ? error.message : String(error);
  return { result: { kind: timedOut ? "timeout" : "network_error" }, error: timedOut ? "timed out" : message };
}

async function send(claim: outbound.Claimed, env: Env, options: OutboundRunOptions): Promise<Sent> {
  const { delivery, destination } = claim;
  if (!destination.enabled) return { refused: "destination is disabled" };
  if (destination.kind === "inbox") return { result: { kind: "response", status: 200 } };
  if (!destination.targetCiphertext) return { refused: "destination has no target" };
  const target = await decryptSecret(destination.targetCiphertext, env.SECRETS_KEY);
  if (destination.kind === "email") {
    const alert = alertOf(delivery.payload);
    if (!alert) return { refused: `email cannot show ${delivery.eventType} events` };
    await options.email.send(alertEmail(alert, target));
    return { result: { kind: "response", status: 200 } };
  }
  // Checked at every attempt, not only at creation: the rules may have tightened since.
  const check = checkTarget(target, { allowLoopback: options.allowLoopback });
  if (!check.ok) return { refused: `unsafe target: ${check.reason}` };
  if (destination.kind === "slack") {
    const alert = alertOf(delivery.payload);
    const playbook = alert ? undefined : parsePlaybookBody(delivery.payload);
    const message = alert ? slackMessage(alert) : playbook && playbookSlackMessage(playbook);
    if (!message) return { refused: `Slack cannot show ${delivery.eventType} events` };
    return post(check.url, {}, JSON.stringify(message), options);
  }
  if (destination.kind === "zendesk") return openTicket(claim, check.url, env, options);
  if (!destination.secretCiphertext) return { refused: "webhook destination has no signing secret" };
  const secret = await decryptSecret(destination.secretCiphertext, env.SECRETS_KEY);
  const now = options.now?.() ?? Date.now();
  const signed = signOutbound(secret, delivery.id, now, delivery.payload);
  return post(check.url, { ...signed }, delivery.payload, options);
}

/** A playbook's ticket, opened through the help desk's API with the destination's stored credentials. */
async function openTicket(claim: outbound.Claimed, baseUrl: URL, env: Env, options: OutboundRunOptions): Promise<Sent> {
  const message = parsePlaybookBody(claim.delivery.payload);
  if (!message) return { refused: `Zendesk cannot show ${claim.delivery.eventType} events` };
  if (!claim.destination.secretCiphertext) return { refused: "Zendesk destination has no credentials" };
  const credentials = JSON.parse(
    await decryptSecret(claim.destination.secretCiphertext, env.SECRETS_KEY),
  ) as ZendeskCredentials;
  const creator = new ZendeskTicketCreator(baseUrl.origin, credentials, options.fetch);
  try {
    const attempt = await creator.create(ticketFor(message), {
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    return { result: attempt.result, error: attempt.error };
  } catch (error) {
    return unanswered(error);
  }
}

async function deliverOne(db: Db, claim: outbound.Claimed, env: Env, options: OutboundRunOptions) {
  const now = options.now ?? Date.now;
  const started = now();
  const startedAt = performance.now();
  let sent: Sent;
  try {
    sent = await send(claim, env, options);
  } catch (error) {
    // A key or payload problem repeats on every attempt, so it fails the delivery at once.
    sent = { refused: `cannot send: ${error instanceof Error ? error.message : String(error)}` };
  }
  const durationMs = Math.round(performance.now() - startedAt);
  if ("refused" in sent) {
    await outbound.recordAttempt(db, claim.delivery, {
      outcome: "refused",
      durationMs,
      error: sent.refused.slice(0, MAX_ERROR),
      at: started,
    });
    return "refused" as const;
  }
  const step = nextStep(claim.delivery.attempts + 1, sent.result, started, options.random);
  const outcome = step.final ? (step.delivered ? "delivered" : "failed") : "retry";
  await outbound.recordAttempt(db, claim.delivery, {
    outcome,
    responseStatus: sent.result.kind === "response" ? sent.result.status : null,
    durationMs,
    error: sent.error?.slice(0, MAX_ERROR) ?? null,
    nextAttemptAt: step.final ? null : started + step.retryInMs,
    at: started,
  });
  return outcome;
}

/** Claims due deliveries of every workspace and sends them, a few at a time; what happened to each, counted. */
export async function deliverDueOutbound(env: Env, options: OutboundRunOptions): Promise<OutboundRunResult> {
  const db = createDb(env.DB);
  const now = options.now?.() ?? Date.now();
  const claimed = await outbound.claimDue(db, now, options.batchSize ?? DEFAULT_BATCH, LEASE_MS);
  const outcomes = { delivered: 0, retry: 0, failed: 0, refused: 0 };
  let next = 0;
  const worker = async () => {
    while (next < claimed.length) {
      const claim = claimed[next++];
      if (claim) outcomes[await deliverOne(db, claim, env, options)]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, worker));
  return { claimed: claimed.length, outcomes };
}
