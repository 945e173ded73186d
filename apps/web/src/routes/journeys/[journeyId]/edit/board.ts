/**
 * The editor board's optimistic reordering: the same dense "remove, then insert at index" rule the server applies
 * (`moveTo`), so the page shows the final order before the server confirms it.
 * @module
 */
import { moveTo } from "@firebreak/core/journey";

interface Item {
  id: string;
}

interface Column<T extends Item> {
  id: string;
  touchpoints: T[];
}

/** `stages` with touchpoint `id` moved to `index` of stage `stageId`. */
export function moveCard<T extends Item, S extends Column<T>>(
  stages: S[],
  id: string,
  stageId: string,
  index: number,
): S[] {
  const card = stages.flatMap((s) => s.touchpoints).find((t) => t.id === id);
  if (!card) return stages;
  return stages.map((stage) => {
    const rest = stage.touchpoints.filter((t) => t.id !== id);
    if (stage.id !== stageId) return { ...stage, touchpoints: rest };
    const order = moveTo(
      rest.map((t) => t.id),
      id,
      index,
    );
    const byId = new Map([...rest, card].map((t) => [t.id, t]));
    return { ...stage, touchpoints: order.map((tid) => byId.get(tid) as T) };
  });
}

/** `stages` with stage `id` moved to `index`. */
export function moveColumn<S extends Item>(stages: S[], id: string, index: number): S[] {
  const byId = new Map(stages.map((s) => [s.id, s]));
  return moveTo(
    stages.map((s) => s.id),
    id,
    index,
  ).map((sid) => byId.get(sid) as S);
}

/** A keyboard move (Alt + arrow) of a card: where it goes, or `null` at an edge. */
export function keyboardTarget<T extends Item>(
  stages: Column<T>[],
  id: string,
  key: string,
): { stageId: string; index: number } | null {
  const s = stages.findIndex((stage) => stage.touchpoints.some((t) => t.id === id));
  const stage = stages[s];
  if (!stage) return null;
  const index = stage.touchpoints.findIndex((t) => t.id === id);
  if (key === "ArrowUp") return index > 0 ? { stageId: stage.id, index: index - 1 } : null;
  if (key === "ArrowDown") return index < stage.touchpoints.length - 1 ? { stageId: stage.id, index: index + 1 } : null;
  const neighbour = stages[key === "ArrowLeft" ? s - 1 : key === "ArrowRight" ? s + 1 : -1];
  return neighbour ? { stageId: neighbour.id, index: Math.min(index, neighbour.touchpoints.length) } : null;
}
