/**
 * Where alerts go. Targets (a Slack URL is a secret too) and webhook signing secrets are stored encrypted under
 * `SECRETS_KEY`, like sources' secrets; lists show only a hint. A webhook's signing secret is returned once, at creation;
 * a Zendesk account's API credentials never are.
 * @module
 */
import {
  ALERT_TEST_EVENT,
  alertWebhookBody,
  checkTarget,
  encryptSecret,
  generateWebhookSecret,
  newId,
  testAlert,
  ZENDESK_SUBDOMAIN,
  type ZendeskCredentials,
  zendeskBaseUrl,
} from "@firebreak/core";
import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { alertRules, destinations, outboundAttempts, outboundDeliveries } from "../schema/index.ts";
import * as audit from "./audit.ts";
import * as outbound from "./outbound.ts";

export type DestinationRow = typeof destinations.$inferSelect;
export type DestinationKind = DestinationRow["kind"];

/** A destination without its ciphertexts: what lists and pages may show. */
export type DestinationView = Omit<DestinationRow, "targetCiphertext" | "secretCiphertext">;

export function toView({ targetCiphertext: _t, secretCiphertext: _s, ...view }: DestinationRow): DestinationView {
  return view;
}

export interface NewDestination {
  kind: DestinationKind;
  name: string;
  /** The URL (slack, webhook), address (email) or Zendesk subdomain; none for the inbox. */
  target?: string;
  /** Add it to every alert rule of the workspace, so alerts reach it at once (rules name their destinations). */
  allRules?: boolean;
  /** Zendesk only: the API credentials, stored encrypted and never shown again. */
  zendesk?: ZendeskCredentials;
}

export interface DestinationActor {
  /** `user:<id>`, `token:<id>` or `system`. */
  actor: string;
  now: number;
  secretsKey: string;
  /** Development only: loopback targets pass (see `checkTarget`). */
  allowLoopback?: boolean;
}

export type Created =
  | { ok: true; destination: DestinationView; secret: string | null }
  | { ok: false; message: string };

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function hintFor(kind: DestinationKind, target: string): string {
  if (kind === "email") return `…@${target.split("@").pop() ?? ""}`;
  return new URL(target).host;
}

/**
 * Creates a destination after checking its target (the SSRF guard for URLs, a plausible address for email), and
 * audits it. A webhook gets a fresh `whsec_` signing secret, returned in plain text this once.
 */
export async function create(
  db: Db,
  workspaceId: string,
  input: NewDestination,
  by: DestinationActor,
): Promise<Created> {
  const given = input.target?.trim() ?? "";
  if (input.kind === "zendesk" && !ZENDESK_SUBDOMAIN.test(given))
    return { ok: false, message: "target: a Zendesk subdomain (the part before .zendesk.com)" };
  if (input.kind === "zendesk" && !(input.zendesk?.email && input.zendesk.apiToken))
    return { ok: false, message: "zendesk: an email and an API token are required" };
  const target = input.kind === "zendesk" ? zendeskBaseUrl(given) : given;
  if (input.kind === "inbox" && target) return { ok: false, message: "target: the inbox takes no target" };
  if (input.kind === "email" && !EMAIL.test(target)) return { ok: false, message: "target: not an email address" };
  if (input.kind === "slack" || input.kind === "webhook") {
    const check = checkTarget(target, { allowLoopback: by.allowLoopback });
    if (!check.ok) return { ok: false, message: `target: ${check.reason}` };
  }
  const secret = input.kind === "webhook" ? generateWebhookSecret() : null;
  const stored = input.kind === "zendesk" ? JSON.stringify(input.zendesk) : secret;
  const id = newId("dst", by.now);
  const row = {
    id,
    workspaceId,
    kind: input.kind,
    name: input.name,
    targetCiphertext: target ? await encryptSecret(target, by.secretsKey) : null,
    secretCiphertext: stored ? await encryptSecret(stored, by.secretsKey) : null,
    targetHint: target ? hintFor(input.kind, target) : null,
    createdAt: by.now,
  };
  const [[created]] = await db.batch([
    db.insert(destinations).values(row).returning(),
    ...(input.allRules
      ? [
          db
            .update(alertRules)
            .set({ destinationIds: sql`json_insert(${alertRules.destinationIds}, '$[#]', ${id})`, updatedAt: by.now })
            .where(eq(alertRules.workspaceId, workspaceId)),
        ]
      : []),
    audit.entry(db, {
      workspaceId,
      actor: by.actor,
      action: "destination.created",
      targetType: "destination",
      targetId: id,
      details: { kind: input.kind, ...(input.allRules ? { allRules: true } : {}) },
      at: by.now,
    }),
  ]);
  if (!created) throw new Error("destination insert returned no row");
  return { ok: true, destination: toView(created), secret };
}

/** The workspace's destinations, newest first, without secrets. */
export async function list(db: Db, workspaceId: string): Promise<DestinationView[]> {
  const rows = await db
    .select()
    .from(destinations)
    .where(eq(destinations.workspaceId, workspaceId))
    .orderBy(desc(destinations.createdAt), desc(destinations.id));
  return rows.map(toView);
}

/** One destination with its ciphertexts, for the sender. */
export function get(db: Db, workspaceId: string, id: string) {
  return db.query.destinations.findFirst({
    where: and(eq(destinations.workspaceId, workspaceId), eq(destinations.id, id)),
  });
}

/** Deletes a destination (its queued deliveries and log go with it) and audits it; false when there is none. */
export async function remove(db: Db, workspaceId: string, id: string, by: { actor: string; now: number }) {
  const existing = await get(db, workspaceId, id);
  if (!existing) return false;
  await db.batch([
    db.delete(destinations).where(and(eq(destinations.workspaceId, workspaceId), eq(destinations.id, id))),
    // Rules that named it stop naming it, so they stay valid to save.
    db
      .update(alertRules)
      .set({
        destinationIds: sql`(SELECT json_group_array(value) FROM json_each(${alertRules.destinationIds}) WHERE value != ${id})`,
      })
      .where(
        and(
          eq(alertRules.workspaceId, workspaceId),
          sql`EXISTS (SELECT 1 FROM json_each(${alertRules.destinationIds}) WHERE value = ${id})`,
        ),
      ),
    audit.entry(db, {
      workspaceId,
      actor: by.actor,
      action: "destination.deleted",
      targetType: "destination",
      targetId: id,
      details: { kind: existing.kind },
      at: by.now,
    }),
  ]);
  return true;
}

/** What may change on a destination: its target and secret stay as created (delete and add one to change them). */
export interface DestinationChange {
  name?: string;
  enabled?: boolean;
}

/**
 * Renames, enables or disables one of the workspace's destinations and audits it; `undefined` when there is none. A
 * disabled destination gets no new alerts, and the sender refuses what was already queued for it.
 */
export async function update(
  db: Db,
  workspaceId: string,
  id: string,
  change: DestinationChange,
  by: { actor: string; now: number },
): Promise<DestinationView | undefined> {
  const existing = await get(db, workspaceId, id);
  if (!existing) return undefined;
  const action =
    change.enabled === undefined || change.enabled === existing.enabled
      ? "destination.updated"
      : change.enabled
        ? "destination.enabled"
        : "destination.disabled";
  const [[updated]] = await db.batch([
    db
      .update(destinations)
      .set(change)
      .where(and(eq(destinations.workspaceId, workspaceId), eq(destinations.id, id)))
      .returning(),
    audit.entry(db, {
      workspaceId,
      actor: by.actor,
      action,
      targetType: "destination",
      targetId: id,
      details: { ...change },
      at: by.now,
    }),
  ]);
  return updated && toView(updated);
}

export type TestSent =
  | { ok: true; delivery: outbound.OutboundDeliveryRow }
  | { ok: false; status: 404 | 409; message: string };

/**
 * Queues a clearly labelled test alert (`alert.test`) to one of the workspace's destinations through the real outbound
 * queue, so it is signed, sent, retried and logged like any alert. `appUrl` makes its link open the delivery log.
 */
export async function sendTest(
  db: Db,
  workspaceId: string,
  id: string,
  by: { actor: string; now: number; appUrl: string },
): Promise<TestSent> {
  const existing = await get(db, workspaceId, id);
  if (!existing) return { ok: false, status: 404, message: "No such destination in this workspace." };
  if (!existing.enabled)
    return { ok: false, status: 409, message: "The destination is disabled: enable it to send a test." };
  if (existing.kind === "zendesk")
    return {
      ok: false,
      status: 409,
      message: "A Zendesk destination only opens playbooks' tickets: try it with the playbook's dry run.",
    };
  const link = `${by.appUrl.replace(/\/$/, "")}/settings/destinations/${encodeURIComponent(id)}`;
  const payload = alertWebhookBody(testAlert(newId("test", by.now), link, by.now), ALERT_TEST_EVENT);
  const delivery = await outbound.enqueue(db, workspaceId, {
    destinationId: id,
    eventType: ALERT_TEST_EVENT,
    payload,
    now: by.now,
  });
  if (!delivery) return { ok: false, status: 404, message: "No such destination in this workspace." };
  await audit.entry(db, {
    workspaceId,
    actor: by.actor,
    action: "destination.tested",
    targetType: "destination",
    targetId: id,
    details: { deliveryId: delivery.id },
    at: by.now,
  });
  return { ok: true, delivery };
}

/** A destination's recent traffic: deliveries of the last `since` window by status, and its latest attempt. */
export interface DestinationActivity {
  delivered: number;
  failed: number;
  pending: number;
  last: { outcome: outbound.OutboundAttemptRow["outcome"]; at: number } | null;
}

/** Each of the workspace's destinations' activity since `since` (ms), by destination id. */
export async function activity(db: Db, workspaceId: string, since: number): Promise<Map<string, DestinationActivity>> {
  const [counts, latest] = await db.batch([
    db
      .select({
        destinationId: outboundDeliveries.destinationId,
        status: outboundDeliveries.status,
        count: sql<number>`count(*)`,
      })
      .from(outboundDeliveries)
      .where(and(eq(outboundDeliveries.workspaceId, workspaceId), gte(outboundDeliveries.createdAt, since)))
      .groupBy(outboundDeliveries.destinationId, outboundDeliveries.status),
    // The newest attempt per destination: with max(), SQLite takes the bare `outcome` from the row holding the max.
    db
      .select({
        destinationId: outboundAttempts.destinationId,
        outcome: outboundAttempts.outcome,
        at: sql<number>`max(${outboundAttempts.at})`,
      })
      .from(outboundAttempts)
      .where(eq(outboundAttempts.workspaceId, workspaceId))
      .groupBy(outboundAttempts.destinationId),
  ]);
  const out = new Map<string, DestinationActivity>();
  const of = (id: string) => {
    const entry = out.get(id) ?? { delivered: 0, failed: 0, pending: 0, last: null };
    out.set(id, entry);
    return entry;
  };
  for (const row of counts) {
    // A refusal is a failure to the reader: nothing arrived.
    const bucket = row.status === "refused" ? "failed" : row.status;
    of(row.destinationId)[bucket] += Number(row.count);
  }
  for (const row of latest) of(row.destinationId).last = { outcome: row.outcome, at: Number(row.at) };
  return out;
}
