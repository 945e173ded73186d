/**
 * The human-moments policy's reads: every human moment on the workspace's journeys that take feedback, with the rules
 * and sources that identify it, and where a policy check lands, placed by the same rule engine ingest uses.
 * @module
 */
import {
  decide,
  momentAttributes,
  type PolicyAttributes,
  type PolicyCheckRequest,
  type PolicyContent,
  type PolicyDecision,
  type PolicyPlace,
  placeOnTouchpoint,
  preparePlacement,
} from "@firebreak/core";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { journeys, sources, stages, touchpointRules, touchpoints, workspaces } from "../schema/index.ts";
import { RULE_FIELDS, takesFeedback } from "./placement.ts";

const enabledRules = (db: Db, workspaceId: string) =>
  db
    .select(RULE_FIELDS)
    .from(touchpointRules)
    .where(and(eq(touchpointRules.workspaceId, workspaceId), eq(touchpointRules.enabled, true)))
    .orderBy(asc(touchpointRules.priority), asc(touchpointRules.createdAt), asc(touchpointRules.id));

/**
 * The policy's content: the workspace and its human moments (on active current-state journeys, in map order), each
 * with what identifies it. `undefined` when there is no such workspace.
 */
export async function content(db: Db, workspaceId: string): Promise<PolicyContent | undefined> {
  // The joined read stays out of the batch: D1's batch keys its rows by column name, so the three `id` and `name`
  // columns of touchpoint, journey and stage would collide there.
  const [moments, [[workspace], rules, sourceRows]] = await Promise.all([
    db
      .select({
        id: touchpoints.id,
        key: touchpoints.key,
        name: touchpoints.name,
        journeyId: journeys.id,
        journeyName: journeys.name,
        stageId: stages.id,
        stageName: stages.name,
        reason: touchpoints.humanMomentReason,
        owner: touchpoints.humanMomentOwner,
        since: touchpoints.humanMomentSetAt,
      })
      .from(touchpoints)
      .innerJoin(stages, and(eq(stages.id, touchpoints.stageId), eq(stages.workspaceId, workspaceId)))
      .innerJoin(
        journeys,
        and(eq(journeys.id, touchpoints.journeyId), eq(journeys.workspaceId, workspaceId), takesFeedback()),
      )
      .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.isHumanMoment, true)))
      .orderBy(asc(journeys.position), asc(stages.position), asc(touchpoints.position), asc(touchpoints.id)),
    db.batch([
      db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId)),
      enabledRules(db, workspaceId),
      db
        .select({
          id: sources.id,
          provider: sources.provider,
          name: sources.name,
          defaultTouchpointId: sources.defaultTouchpointId,
        })
        .from(sources)
        .where(eq(sources.workspaceId, workspaceId))
        .orderBy(asc(sources.createdAt), asc(sources.id)),
    ]),
  ]);
  if (!workspace) return undefined;
  return {
    workspace,
    humanMoments: moments.map((m) => ({
      touchpointId: m.id,
      key: m.key,
      name: m.name,
      journey: { id: m.journeyId, name: m.journeyName },
      stage: { id: m.stageId, name: m.stageName },
      reason: m.reason ?? "",
      owner: m.owner ?? "",
      since: m.since,
      attributes: momentAttributes(m.id, rules, sourceRows),
    })),
  };
}

/** The touchpoint a check names, if it is the workspace's (on any journey). */
export async function placeById(db: Db, workspaceId: string, touchpointId: string): Promise<PolicyPlace | undefined> {
  const row = await db.query.touchpoints.findFirst({
    columns: { id: true, name: true },
    where: and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, touchpointId)),
  });
  return row && { touchpoint: row, matchedBy: { kind: "touchpointId", ruleId: null } };
}

/**
 * Where a conversation with these attributes lands: the workspace's enabled rules in priority order, then the
 * source's default touchpoint, exactly as ingest places an item (`placeOnTouchpoint`). The learned fallback is left
 * out on purpose: a policy must follow from rules a consumer can read in the policy document.
 */
export async function placeByAttributes(
  db: Db,
  workspaceId: string,
  attributes: PolicyAttributes,
): Promise<PolicyPlace> {
  const [[workspace], refs, rules, sourceRow] = await db.batch([
    db.select({ languages: workspaces.languages }).from(workspaces).where(eq(workspaces.id, workspaceId)),
    db
      .select({ id: touchpoints.id, key: touchpoints.key, name: touchpoints.name })
      .from(touchpoints)
      .innerJoin(journeys, and(eq(journeys.id, touchpoints.journeyId), takesFeedback()))
      .where(eq(touchpoints.workspaceId, workspaceId)),
    enabledRules(db, workspaceId),
    db
      .select({ defaultTouchpointId: sources.defaultTouchpointId })
      .from(sources)
      .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, attributes.sourceId ?? ""))),
  ]);
  const context = preparePlacement(refs, rules);
  const placed = placeOnTouchpoint(
    {
      sourceId: attributes.sourceId,
      tags: attributes.tags ?? [],
      channel: attributes.channel ?? "",
      text: attributes.text ?? "",
      language: attributes.language ?? workspace?.languages[0] ?? "en",
    },
    sourceRow[0]?.defaultTouchpointId,
    context,
  );
  const touchpoint = refs.find((r) => r.id === placed.touchpointId);
  if (!touchpoint) return { touchpoint: null, matchedBy: { kind: "none", ruleId: null } };
  return {
    touchpoint: { id: touchpoint.id, name: touchpoint.name },
    matchedBy: { kind: placed.method === "rule" ? "rule" : "default", ruleId: placed.ruleId ?? null },
  };
}

/**
 * Answers a policy check: places the request (a named touchpoint, or attributes placed as ingest would) and decides
 * the action there. The one decision the API's `POST /policy/check` and the web app's policy page both give;
 * `undefined` when the named touchpoint is not the workspace's.
 */
export async function check(
  db: Db,
  workspaceId: string,
  request: PolicyCheckRequest,
): Promise<PolicyDecision | undefined> {
  const place =
    "touchpointId" in request
      ? await placeById(db, workspaceId, request.touchpointId)
      : await placeByAttributes(db, workspaceId, request.attributes);
  if (!place) return undefined;
  const policy = await content(db, workspaceId);
  const moment = policy?.humanMoments.find((m) => m.touchpointId === place.touchpoint?.id) ?? null;
  return decide(request.action, place, moment);
}
