/**
 * Where alerts go. Targets (a Slack URL is a secret too) and webhook signing secrets are stored encrypted under
 * `SECRETS_KEY`, like sources' secrets; lists show only a hint. A webhook's signing secret is returned once, at creation;
 * a Zendesk account's API credentials never are.
 * @module
 */
import {
  checkTarget,
  encryptSecret,
  generateWebhookSecret,
  newId,
  ZENDESK_SUBDOMAIN,
  type ZendeskCredentials,
  zendeskBaseUrl,
} from "@firebreak/core";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { destinations } from "../schema/index.ts";
import * as audit from "./audit.ts";

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
    audit.entry(db, {
      workspaceId,
      actor: by.actor,
      action: "destination.created",
      targetType: "destination",
      targetId: id,
      details: { kind: input.kind },
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
