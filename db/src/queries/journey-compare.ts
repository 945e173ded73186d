/**
 * Current state against its future state: stages and touchpoints matched by the copy's origin, each change marked,
 * and the current touchpoints' friction from the map query, so a team sees which hotspots the redesign removes.
 * Re-exported by `journeys.ts`.
 * @module
 */
import {
  type ComparedStage,
  type CompareTouchpoint,
  compareJourneys,
  type TouchpointChange,
} from "@firebreak/core/journey";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client.ts";
import { journeys } from "../schema/index.ts";
import { structureQueries } from "./journey-structure.ts";
import { type DayRange, getJourneyMap } from "./map.ts";

/** A touchpoint on either side; `friction` and `itemCount` are the current state's, in the range. */
export interface ComparedTouchpointInfo extends CompareTouchpoint {
  key: string;
  friction: number | null;
  itemCount: number;
}

export interface JourneyComparison {
  current: { id: string; name: string };
  future: { id: string; name: string; description: string };
  range: DayRange & { days: number };
  stages: ComparedStage<ComparedTouchpointInfo>[];
  counts: Record<"added" | "removed" | "moved" | "renamed" | "humanMoment", number>;
  /** Current touchpoints with friction ≥ `HOTSPOT_MIN` that the future state drops, worst first. */
  hotspotsRemoved: ComparedTouchpointInfo[];
  /** Current hotspots that the future state keeps, worst first. */
  hotspotsKept: ComparedTouchpointInfo[];
}

/** Friction at which a touchpoint counts as a hotspot: the "elevated" step of the map's scale. */
export const HOTSPOT_MIN = 40;

export type ComparisonOutcome =
  | { ok: true; comparison: JourneyComparison }
  | { ok: false; problem: "not_found" | "no_future" | "no_current" };

/**
 * Compares a future state with the journey it was copied from. `journeyId` may name either side: a current journey
 * is compared with its newest future state that is not archived.
 */
export async function compare(
  db: Db,
  workspaceId: string,
  journeyId: string,
  range: DayRange,
): Promise<ComparisonOutcome> {
  const [[journey], [newestFuture]] = await db.batch([
    db
      .select({ id: journeys.id, state: journeys.state, basedOnJourneyId: journeys.basedOnJourneyId })
      .from(journeys)
      .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, journeyId))),
    db
      .select({ id: journeys.id })
      .from(journeys)
      .where(
        and(
          eq(journeys.workspaceId, workspaceId),
          eq(journeys.basedOnJourneyId, journeyId),
          isNull(journeys.archivedAt),
        ),
      )
      .orderBy(desc(journeys.createdAt))
      .limit(1),
  ]);
  if (!journey) return { ok: false, problem: "not_found" };
  const futureId = journey.state === "future" ? journey.id : newestFuture?.id;
  if (!futureId) return { ok: false, problem: "no_future" };
  const currentId = journey.state === "future" ? journey.basedOnJourneyId : journey.id;
  const [map, future] = await Promise.all([
    currentId ? getJourneyMap(db, workspaceId, currentId, range) : null,
    futureStructure(db, workspaceId, futureId),
  ]);
  if (!map) return { ok: false, problem: "no_current" };
  if (!future.journey) return { ok: false, problem: "not_found" };

  const current = map.stages.map((stage) => ({
    id: stage.id,
    name: stage.name,
    touchpoints: stage.touchpoints.map(
      (t): ComparedTouchpointInfo => ({
        id: t.id,
        key: t.key,
        name: t.name,
        stageId: stage.id,
        channel: t.channel,
        isHumanMoment: t.humanMoment === "confirmed",
        humanMomentReason: t.humanMomentReason,
        friction: t.counters.itemCount > 0 ? t.friction.score : null,
        itemCount: t.counters.itemCount,
      }),
    ),
  }));
  const compared = compareJourneys(current, future.stages);
  const rows = compared.flatMap((s) => s.touchpoints);
  const has = (change: TouchpointChange) => rows.filter((r) => r.changes.includes(change)).length;
  const hotspots = rows
    .filter((r) => r.current && (r.current.friction ?? 0) >= HOTSPOT_MIN)
    .sort((a, b) => (b.current?.friction ?? 0) - (a.current?.friction ?? 0));
  return {
    ok: true,
    comparison: {
      current: { id: map.journey.id, name: map.journey.name },
      future: future.journey,
      range: map.range,
      stages: compared,
      counts: {
        added: has("added"),
        removed: has("removed"),
        moved: has("moved"),
        renamed: has("renamed"),
        humanMoment: has("human-moment"),
      },
      hotspotsRemoved: hotspots.filter((r) => !r.future).flatMap((r) => (r.current ? [r.current] : [])),
      hotspotsKept: hotspots.filter((r) => r.future).flatMap((r) => (r.current ? [r.current] : [])),
    },
  };
}

async function futureStructure(db: Db, workspaceId: string, journeyId: string) {
  const [[journey], stageRows, touchpointRows] = await db.batch([
    db
      .select({ id: journeys.id, name: journeys.name, description: journeys.description })
      .from(journeys)
      .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, journeyId))),
    ...structureQueries(db, workspaceId, journeyId),
  ]);
  return {
    journey,
    stages: stageRows.map((stage) => ({
      ...stage,
      touchpoints: touchpointRows
        .filter((t) => t.stageId === stage.id)
        .map((t): ComparedTouchpointInfo => ({ ...t, friction: null, itemCount: 0 })),
    })),
  };
}
