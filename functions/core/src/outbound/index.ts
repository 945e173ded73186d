/**
 * Outbound delivery of alerts: target safety, secrets, Slack messages, retries. Signing is imported by path
 * (`outbound/standard-webhooks`), so the web app never bundles the library.
 * @module
 */
export * from "./alert.ts";
export * from "./destination.ts";
export * from "./retry.ts";
export * from "./secret.ts";
export * from "./slack.ts";
export * from "./target.ts";
