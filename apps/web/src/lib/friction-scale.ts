/**
 * The friction colour scale: five steps of the inferno palette (a viridis sibling), which stays ordered by lightness
 * for every common colour-vision deficiency and in greyscale. The number is always printed next to the colour. The
 * steps live in the core, so the exported SVG and PDF colour a score exactly as the map does.
 * @module
 */
export { FRICTION_LEVELS, type FrictionLevel, frictionLevel } from "@firebreak/core/exports/palette";
