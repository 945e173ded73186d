/** @module Firebreak's pure core. */
export * from "./analysis/analyze.ts";
export { withThemePrior } from "./analysis/sentiment.ts";
export * from "./analysis/touchpoint.ts";
export * from "./backfill/mapping.ts";
export * from "./backfill/presets.ts";
export * from "./crypto.ts";
export * from "./enrichment/index.ts";
export * from "./friction.ts";
export * from "./group-commit.ts";
export * from "./ids.ts";
export * from "./model.ts";
export * from "./nlp/index.ts";
export * from "./providers/index.ts";
export * from "./themes/assign.ts";
export * from "./themes/cluster.ts";
export * from "./themes/rebuild.ts";
export * from "./themes/reconcile.ts";
