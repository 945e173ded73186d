/**
 * The friction colour scale: five steps of the inferno palette (a viridis sibling), which stays ordered by lightness
 * for every common colour-vision deficiency and in greyscale. The number is always printed next to the colour.
 * @module
 */

export interface FrictionLevel {
  step: 0 | 1 | 2 | 3 | 4;
  label: string;
  /** Inclusive lower bound of the step's score range. */
  min: number;
  max: number;
}

export const FRICTION_LEVELS: readonly FrictionLevel[] = [
  { step: 0, label: "Calm", min: 0, max: 19 },
  { step: 1, label: "Low", min: 20, max: 39 },
  { step: 2, label: "Elevated", min: 40, max: 59 },
  { step: 3, label: "High", min: 60, max: 79 },
  { step: 4, label: "Severe", min: 80, max: 100 },
];

/** The colour step for a 0–100 score. */
export function frictionLevel(score: number): FrictionLevel {
  const step = Math.min(4, Math.max(0, Math.floor(score / 20)));
  return FRICTION_LEVELS[step] as FrictionLevel;
}
