/** @module Outbound delivery of alerts: target safety, signing, Slack messages, retries. */
export * from "./alert.ts";
export * from "./retry.ts";
export * from "./slack.ts";
export * from "./standard-webhooks.ts";
export * from "./target.ts";
