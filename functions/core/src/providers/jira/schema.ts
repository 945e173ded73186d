/**
 * The Jira Cloud / Jira Service Management webhook fields Firebreak reads (shared/docs/providers.md §11).
 * Descriptions and comment bodies are plain strings or Atlassian Document Format trees, so they stay `unknown` here
 * and are flattened by the normalizer.
 * @module
 */
import { z } from "zod";

const ZId = z.union([z.string().trim().min(1).max(100), z.number().int()]).transform(String);
const ZTime = z.string().max(100);

/**
 * A Jira user. `accountType` is `atlassian` for people, `customer` for JSM portal customers and `app` for apps and
 * bots, "Automation for Jira" among them (Jira Cloud REST API, the User resource).
 */
const ZUser = z.object({
  accountId: z.string().max(200).nullish(),
  emailAddress: z.string().max(320).nullish(),
  displayName: z.string().max(200).nullish(),
  accountType: z.string().max(50).nullish(),
});

export const ZJiraIssue = z.object({
  id: ZId,
  self: z.string().max(2000).nullish(),
  key: z.string().max(100).nullish(),
  fields: z
    .object({
      summary: z.string().nullish(),
      description: z.unknown().optional(),
      status: z.object({ name: z.string().max(100).nullish() }).nullish(),
      labels: z.array(z.string().max(255)).max(500).nullish(),
      reporter: ZUser.nullish(),
      created: ZTime.nullish(),
      updated: ZTime.nullish(),
    })
    .nullish(),
});

export const ZJiraComment = z.object({
  id: ZId,
  body: z.unknown().optional(),
  author: ZUser.nullish(),
  created: ZTime.nullish(),
  updated: ZTime.nullish(),
  /** Jira Service Management: false for internal comments, which the customer never sees. */
  jsdPublic: z.boolean().nullish(),
});

export const ZJiraWebhook = z.object({
  webhookEvent: z.string().min(1).max(200),
  timestamp: z.number().finite().nonnegative().nullish(),
  /** Who caused the event: an automation rule's actor is an `app` user. */
  user: ZUser.nullish(),
  issue: ZJiraIssue,
  comment: ZJiraComment.nullish(),
});

export type JiraIssue = z.infer<typeof ZJiraIssue>;
export type JiraComment = z.infer<typeof ZJiraComment>;
export type JiraWebhook = z.infer<typeof ZJiraWebhook>;
export type JiraUser = z.infer<typeof ZUser>;
