/** @module Firebreak's whole D1 schema. */
export * from "./auth.ts";
export * from "./feedback.ts";
export * from "./ingestion.ts";
export * from "./journeys.ts";
export * from "./operations.ts";
export * from "./reviews.ts";
