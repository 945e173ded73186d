/**
 * Where recurring issues occur along a journey: one row per issue, one cell per stage, each cell the issue's items
 * at that stage's touchpoints and their share of the issue's items on this journey. Pure, for the theme explorer.
 * @module
 */

interface OutlineStage {
  id: string;
  name: string;
  touchpoints: { id: string; name: string }[];
}

interface IssuePlaces {
  themeId: string;
  itemCount: number;
  touchpoints: { id: string; name: string; itemCount: number }[];
}

export interface MatrixCell {
  stageId: string;
  itemCount: number;
  /** Of the issue's items on this journey, in [0, 1]. */
  share: number;
  /** The stage's touchpoints where the issue occurs, most items first. */
  touchpoints: { id: string; name: string; itemCount: number }[];
}

export interface MatrixRow<T extends IssuePlaces> {
  issue: T;
  cells: MatrixCell[];
  /** The stage with the most of this issue's items, where a fix would matter most. */
  hottestStageId: string | null;
}

/** Places each issue's touchpoint counts in its stage's column. */
export function issueMatrix<T extends IssuePlaces>(stages: OutlineStage[], issues: T[]): MatrixRow<T>[] {
  const stageOf = new Map(stages.flatMap((stage) => stage.touchpoints.map((t) => [t.id, stage.id] as const)));
  return issues.map((issue) => {
    const onJourney = issue.touchpoints.filter((t) => stageOf.has(t.id));
    const total = onJourney.reduce((n, t) => n + t.itemCount, 0);
    const cells = stages.map((stage) => {
      const here = onJourney.filter((t) => stageOf.get(t.id) === stage.id).sort((a, b) => b.itemCount - a.itemCount);
      const itemCount = here.reduce((n, t) => n + t.itemCount, 0);
      return { stageId: stage.id, itemCount, share: total > 0 ? itemCount / total : 0, touchpoints: here };
    });
    const hottest = cells.reduce<MatrixCell | null>(
      (best, c) => (c.itemCount > (best?.itemCount ?? 0) ? c : best),
      null,
    );
    return { issue, cells, hottestStageId: hottest?.stageId ?? null };
  });
}
