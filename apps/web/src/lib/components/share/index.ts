/** @module Sharing a read-only link: the Share control, the link shown once, the page's list of its links. */
export { shareFormState } from "./form-state.ts";
export { default as ShareControl } from "./ShareControl.svelte";
export { default as SharedOnce } from "./SharedOnce.svelte";
export { default as ShareLinksSection } from "./ShareLinksSection.svelte";
