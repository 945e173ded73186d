/**
 * A workspace's playbooks as people configure them: create, change, enable, delete, each audited; their runs (the
 * audit trail of what each did and why). Every write is held to the human-moments policy: a customer-facing playbook
 * scoped to a human moment is refused (409) with the policy's reason, so it can never be switched on there.
 * @module
 */
import {
  ACTION_DESTINATION,
  newId,
  type Playbook,
  type PlaybookAction,
  type PlaybookActionInput,
  type PlaybookInput,
  type PlaybookPatch,
  type PlaybookTrigger,
  type PolicyHumanMoment,
  playbookDecision,
  ZPlaybookAction,
  ZPlaybookTrigger,
} from "@firebreak/core";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { destinations, journeys, playbookRuns, playbooks, stages, themes, touchpoints } from "../schema/index.ts";
import * as audit from "./audit.ts";
import * as destinationQueries from "./destinations.ts";
import { takesFeedback } from "./placement.ts";
import * as policy from "./policy.ts";

export type PlaybookRow = typeof playbooks.$inferSelect;
export type PlaybookRunRow = typeof playbookRuns.$inferSelect;

/** A playbook with its trigger and action parsed. */
export interface PlaybookView extends Playbook {
  touchpointId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Who is changing it; connecting a new destination needs the secrets key (and, in development, loopback). */
export type PlaybookActor = destinationQueries.DestinationActor;

export type PlaybookChange =
  | { ok: true; playbook: PlaybookView; signingSecret: string | null }
  | { ok: false; status: 400 | 404 | 409; message: string; humanMoment?: PolicyHumanMoment };

/** Parses a stored row; a row the current model cannot read is reported, never guessed at. */
export function toView(row: PlaybookRow): PlaybookView {
  return {
    id: row.id,
    name: row.name,
    trigger: ZPlaybookTrigger.parse(row.trigger),
    action: ZPlaybookAction.parse(row.action),
    customerFacing: row.customerFacing,
    enabled: row.enabled,
    touchpointId: row.touchpointId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt || row.createdAt,
  };
}

const scoped = (workspaceId: string, id: string) => and(eq(playbooks.workspaceId, workspaceId), eq(playbooks.id, id));

/** The workspace's playbooks, newest first. */
export async function list(db: Db, workspaceId: string): Promise<PlaybookView[]> {
  const rows = await db
    .select()
    .from(playbooks)
    .where(eq(playbooks.workspaceId, workspaceId))
    .orderBy(desc(playbooks.createdAt), desc(playbooks.id));
  return rows.map(toView);
}

/** The workspace's enabled playbooks: what the runner considers. */
export async function enabled(db: Db, workspaceId: string): Promise<PlaybookView[]> {
  const rows = await db
    .select()
    .from(playbooks)
    .where(and(eq(playbooks.workspaceId, workspaceId), eq(playbooks.enabled, true)));
  return rows.map(toView);
}

export async function get(db: Db, workspaceId: string, id: string): Promise<PlaybookView | undefined> {
  const [row] = await db.select().from(playbooks).where(scoped(workspaceId, id));
  return row ? toView(row) : undefined;
}

/** The human moment a customer-facing playbook scoped to `touchpointId` would act at, refused; `null` when allowed. */
async function refusal(db: Db, workspaceId: string, customerFacing: boolean, touchpointId: string | null) {
  if (!customerFacing || !touchpointId) return null;
  const content = await policy.content(db, workspaceId);
  const moment = content?.humanMoments.find((m) => m.touchpointId === touchpointId) ?? null;
  if (!moment) return null;
  const place = {
    touchpoint: { id: moment.touchpointId, name: moment.name },
    matchedBy: { kind: "touchpointId" as const, ruleId: null },
  };
  const decision = playbookDecision({ customerFacing }, place, moment);
  return decision.decision === "deny" ? { message: decision.reason, humanMoment: moment } : null;
}

/** A 400 when the trigger's scope is not the workspace's. */
async function checkScope(db: Db, workspaceId: string, trigger: PlaybookTrigger): Promise<string | null> {
  if (trigger.touchpointId) {
    const [found] = await db
      .select({ id: touchpoints.id })
      .from(touchpoints)
      .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, trigger.touchpointId)));
    if (!found) return "trigger.touchpointId: no such touchpoint in this workspace";
  }
  if (trigger.themeId) {
    const [found] = await db
      .select({ id: themes.id })
      .from(themes)
      .where(and(eq(themes.workspaceId, workspaceId), eq(themes.id, trigger.themeId)));
    if (!found) return "trigger.themeId: no such recurring issue in this workspace";
  }
  return null;
}

type Resolved = { ok: true; action: PlaybookAction; signingSecret: string | null } | { ok: false; message: string };

/** The stored action: its destination checked (the workspace's, of the kind the action sends through) or made now. */
async function resolveAction(
  db: Db,
  workspaceId: string,
  input: PlaybookActionInput,
  playbookName: string,
  by: PlaybookActor,
): Promise<Resolved> {
  const kind = ACTION_DESTINATION[input.kind];
  const { connect, destinationId, ...rest } = input;
  if (destinationId) {
    const [found] = await db
      .select({ kind: destinations.kind })
      .from(destinations)
      .where(and(eq(destinations.workspaceId, workspaceId), eq(destinations.id, destinationId)));
    if (!found) return { ok: false, message: "action.destinationId: no such destination in this workspace" };
    if (found.kind !== kind)
      return { ok: false, message: `action.destinationId: a ${input.kind} action needs a ${kind} destination` };
    return { ok: true, action: ZPlaybookAction.parse({ ...rest, destinationId }), signingSecret: null };
  }
  if (!connect) return { ok: false, message: "action: give either destinationId or connect" };
  const created = await destinationQueries.create(
    db,
    workspaceId,
    "url" in connect
      ? { kind, name: connect.name ?? playbookName, target: connect.url }
      : {
          kind,
          name: connect.name ?? `Zendesk (${connect.subdomain})`,
          target: connect.subdomain,
          zendesk: { email: connect.email, apiToken: connect.apiToken },
        },
    by,
  );
  if (!created.ok) return { ok: false, message: `action.connect.${created.message}` };
  return {
    ok: true,
    action: ZPlaybookAction.parse({ ...rest, destinationId: created.destination.id }),
    signingSecret: created.secret,
  };
}

/**
 * Creates a playbook (disabled unless asked) after checking its scope and destination, and the policy: a
 * customer-facing playbook scoped to a human moment is refused with the reason. A destination to `connect` is made
 * only once the rest passed; a webhook's signing secret is returned this once.
 */
export async function create(
  db: Db,
  workspaceId: string,
  input: PlaybookInput,
  by: PlaybookActor,
): Promise<PlaybookChange> {
  const scope = await checkScope(db, workspaceId, input.trigger);
  if (scope) return { ok: false, status: 400, message: scope };
  const refused = await refusal(db, workspaceId, input.customerFacing, input.trigger.touchpointId);
  if (refused) return { ok: false, status: 409, ...refused };
  const resolved = await resolveAction(db, workspaceId, input.action, input.name, by);
  if (!resolved.ok) return { ok: false, status: 400, message: resolved.message };
  const id = newId("pbk", by.now);
  const [[row]] = await db.batch([
    db
      .insert(playbooks)
      .values({
        id,
        workspaceId,
        name: input.name,
        trigger: input.trigger,
        action: resolved.action,
        customerFacing: input.customerFacing,
        touchpointId: input.trigger.touchpointId,
        enabled: input.enabled,
        createdAt: by.now,
        updatedAt: by.now,
      })
      .returning(),
    entry(db, workspaceId, id, "created", by, {
      name: input.name,
      action: resolved.action.kind,
      customerFacing: input.customerFacing,
      enabled: input.enabled,
    }),
  ]);
  if (!row) throw new Error("playbook insert returned no row");
  return { ok: true, playbook: toView(row), signingSecret: resolved.signingSecret };
}

/**
 * Changes a playbook. Refused (409) when the result is customer-facing and scoped to a human moment, unless the
 * change only switches it off or renames a playbook that stays off: those never bring it nearer to acting.
 */
export async function update(
  db: Db,
  workspaceId: string,
  id: string,
  patch: PlaybookPatch,
  by: PlaybookActor,
): Promise<PlaybookChange> {
  const current = await get(db, workspaceId, id);
  if (!current) return { ok: false, status: 404, message: "No such playbook in this workspace." };
  const trigger = patch.trigger ?? current.trigger;
  const customerFacing = patch.customerFacing ?? current.customerFacing;
  const isEnabled = patch.enabled ?? current.enabled;
  if (patch.trigger) {
    const scope = await checkScope(db, workspaceId, trigger);
    if (scope) return { ok: false, status: 400, message: scope };
  }
  const reshaped = patch.trigger !== undefined || patch.customerFacing !== undefined;
  if (isEnabled || reshaped) {
    const refused = await refusal(db, workspaceId, customerFacing, trigger.touchpointId);
    if (refused) return { ok: false, status: 409, ...refused };
  }
  let action = current.action;
  let signingSecret: string | null = null;
  if (patch.action) {
    const resolved = await resolveAction(db, workspaceId, patch.action, patch.name ?? current.name, by);
    if (!resolved.ok) return { ok: false, status: 400, message: resolved.message };
    action = resolved.action;
    signingSecret = resolved.signingSecret;
  }
  const [[row]] = await db.batch([
    db
      .update(playbooks)
      .set({
        name: patch.name ?? current.name,
        trigger,
        action,
        customerFacing,
        touchpointId: trigger.touchpointId,
        enabled: isEnabled,
        updatedAt: by.now,
      })
      .where(scoped(workspaceId, id))
      .returning(),
    entry(db, workspaceId, id, "updated", by, {
      changed: Object.keys(patch),
      ...(patch.enabled !== undefined && patch.enabled !== current.enabled ? { enabled: patch.enabled } : {}),
    }),
  ]);
  if (!row) return { ok: false, status: 404, message: "No such playbook in this workspace." };
  return { ok: true, playbook: toView(row), signingSecret };
}

/** Deletes a playbook and its runs; its queued deliveries stay in the destination's log. False when there is none. */
export async function remove(db: Db, workspaceId: string, id: string, by: { actor: string; now: number }) {
  const current = await get(db, workspaceId, id);
  if (!current) return false;
  await db.batch([
    db.delete(playbooks).where(scoped(workspaceId, id)),
    entry(db, workspaceId, id, "deleted", by, { name: current.name }),
  ]);
  return true;
}

function entry(
  db: Db,
  workspaceId: string,
  id: string,
  action: "created" | "updated" | "deleted",
  by: { actor: string; now: number },
  details: Record<string, unknown>,
) {
  return audit.entry(db, {
    workspaceId,
    actor: by.actor,
    action: `playbook.${action}`,
    targetType: "playbook",
    targetId: id,
    details,
    at: by.now,
  });
}

/** One playbook's runs, newest first: the audit trail of what it did, refused or would have done. */
export function runs(db: Db, workspaceId: string, playbookId: string, limit = 50) {
  return db
    .select()
    .from(playbookRuns)
    .where(and(eq(playbookRuns.workspaceId, workspaceId), eq(playbookRuns.playbookId, playbookId)))
    .orderBy(desc(playbookRuns.createdAt), desc(playbookRuns.id))
    .limit(Math.min(limit, 200));
}

/** The latest `perPlaybook` runs of each of these playbooks, for lists. */
export async function recentRuns(db: Db, workspaceId: string, playbookIds: readonly string[], perPlaybook = 3) {
  const byPlaybook = new Map<string, PlaybookRunRow[]>();
  if (playbookIds.length === 0) return byPlaybook;
  const rows = await db
    .select()
    .from(playbookRuns)
    .where(eq(playbookRuns.workspaceId, workspaceId))
    .orderBy(desc(playbookRuns.createdAt), desc(playbookRuns.id))
    // Bound, not exact: a playbook whose runs are all older than the workspace's latest 500 shows none here.
    .limit(500);
  const wanted = new Set(playbookIds);
  for (const row of rows) {
    if (!wanted.has(row.playbookId)) continue;
    const list = byPlaybook.get(row.playbookId) ?? [];
    if (list.length < perPlaybook) list.push(row);
    byPlaybook.set(row.playbookId, list);
  }
  return byPlaybook;
}

/** The destinations a playbook can send through, without secrets, for the form and the lists. */
export async function destinationChoices(db: Db, workspaceId: string) {
  const rows = await destinationQueries.list(db, workspaceId);
  return rows.filter((d) => d.kind === "webhook" || d.kind === "slack" || d.kind === "zendesk");
}

/** The touchpoints a trigger can be scoped to (current journeys, in map order), human moments marked with why. */
export function touchpointChoices(db: Db, workspaceId: string) {
  return db
    .select({
      id: touchpoints.id,
      name: touchpoints.name,
      journey: journeys.name,
      stage: stages.name,
      isHumanMoment: touchpoints.isHumanMoment,
      humanMomentReason: touchpoints.humanMomentReason,
      humanMomentOwner: touchpoints.humanMomentOwner,
    })
    .from(touchpoints)
    .innerJoin(stages, and(eq(stages.id, touchpoints.stageId), eq(stages.workspaceId, workspaceId)))
    .innerJoin(
      journeys,
      and(eq(journeys.id, touchpoints.journeyId), eq(journeys.workspaceId, workspaceId), takesFeedback()),
    )
    .where(eq(touchpoints.workspaceId, workspaceId))
    .orderBy(asc(journeys.position), asc(stages.position), asc(touchpoints.position), asc(touchpoints.id));
}
