/** @module Monthly friction-review sessions: agenda, before/after of shipped fixes, progress since last session. */
export * from "./agenda.ts";
export * from "./before-after.ts";
export * from "./days.ts";
export * from "./progress.ts";
