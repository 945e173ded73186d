/** @module All D1 access: the client and the query modules, imported as namespaces. */
export { createDb, type Db, runBatch } from "./client.ts";
export { reclusterWorkspace } from "./pipelines/recluster.ts";
export * as replay from "./pipelines/replay.ts";
export * as sourceChanges from "./pipelines/sources.ts";
export * as audit from "./queries/audit.ts";
export * as deliveries from "./queries/deliveries.ts";
export * as enrichment from "./queries/enrichment.ts";
export * as feedback from "./queries/feedback.ts";
export * as imports from "./queries/imports.ts";
export * as items from "./queries/items.ts";
export * as placement from "./queries/placement.ts";
export * as sources from "./queries/sources.ts";
export * as themes from "./queries/themes.ts";
export * as tokens from "./queries/tokens.ts";
export * as workspaces from "./queries/workspaces.ts";
export * as schema from "./schema/index.ts";
