/**
 * The friction scale and the colours exports draw with, as literal values: an exported SVG or PDF cannot read the
 * app's CSS variables, so these mirror the light scheme of `apps/web/src/app.css` (the app's own scale reads its
 * levels from here). Five steps of the inferno palette, ordered by lightness for every common colour-vision
 * deficiency and in greyscale; the score is always printed beside the colour.
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

export interface Swatch {
  fill: string;
  ink: string;
}

/** `--heat-N` and `--heat-N-ink` of app.css, by step. */
export const HEAT: readonly Swatch[] = [
  { fill: "#fcffa4", ink: "#2b2600" },
  { fill: "#fbb61a", ink: "#2b1a00" },
  { fill: "#ed6925", ink: "#1f0c00" },
  { fill: "#bc3754", ink: "#ffffff" },
  { fill: "#57106e", ink: "#ffffff" },
];

/** A touchpoint without feedback in the range (`.heat-none`: `--surface-3` and `--text-3`). */
export const NO_DATA: Swatch = { fill: "#eef0f4", ink: "#646c7e" };

/** The light scheme's neutrals. */
export const INK = {
  page: "#ffffff",
  surface: "#f9fafb",
  stage: "#eef0f4",
  border: "#c9ced7",
  text1: "#151a24",
  text2: "#4a5264",
  text3: "#646c7e",
  accent: "#3347c9",
  human: "#1d3f91",
} as const;

/** The swatch a touchpoint is drawn with. */
export function swatchFor(score: number, itemCount: number): Swatch {
  return itemCount === 0 ? NO_DATA : (HEAT[frictionLevel(score).step] as Swatch);
}
