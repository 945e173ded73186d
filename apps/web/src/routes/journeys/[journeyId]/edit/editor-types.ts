/** Shapes the editor's components pass each other. */

/** A move of a touchpoint: to `index` in stage `stageId`, in the dense order the server keeps. */
export interface Move {
  stageId: string;
  index: number;
}

/** The stage beside a touchpoint's own, for "move left/right". */
export interface Neighbour {
  id: string;
  name: string;
  count: number;
}

/** A touchpoint items can be moved to. */
export interface Choice {
  id: string;
  name: string;
  stage: string;
  journey: string;
}
