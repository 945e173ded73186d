/** @module Proactive playbooks: trigger → action, with the human-moments policy enforced. */
export * from "./match.ts";
export * from "./model.ts";
export * from "./render.ts";
export * from "./tickets.ts";
