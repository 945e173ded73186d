/** @module The read-only display of a review session: reused by the meeting page, shared views and printed packs. */
export { default as ActionItemList } from "./ActionItemList.svelte";
export { default as AgendaItem } from "./AgendaItem.svelte";
export { default as BeforeAfter } from "./BeforeAfter.svelte";
export * from "./format.ts";
export { default as ProgressSummary } from "./ProgressSummary.svelte";
