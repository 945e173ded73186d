/** @module The optional model backend: ports, the Workers AI implementation, and how its answers join local ones. */
export * from "./blend.ts";
export * from "./dense.ts";
export * from "./embedded-themes.ts";
export * from "./ports.ts";
export * from "./refine.ts";
export * from "./workers-ai.ts";
