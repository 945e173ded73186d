/** @module Alert rules, what they observe, and one open alert per condition. */
export * from "./conditions.ts";
export * from "./reconcile.ts";
export * from "./rules.ts";
