/**
 * Jira Cloud / Jira Service Management webhooks → an item for the issue and one for a new comment under it.
 * The idempotency key is the `X-Atlassian-Webhook-Identifier` header, which stays the same across retries.
 * @module
 */
import { type AutomationClue, automationTagsFor, detectAutomation } from "../../analysis/automation.ts";
import type { NormalizedFeedback } from "../../model.ts";
import { parseJson } from "../json.ts";
import { parseProviderTime } from "../time.ts";
import type { ParseContext, ParseResult, RawDelivery } from "../types.ts";
import { type JiraComment, type JiraIssue, type JiraUser, type JiraWebhook, ZJiraWebhook } from "./schema.ts";

const CHANNEL = "jira-service-management";
const ISSUE_EVENTS = new Set(["jira:issue_created", "jira:issue_updated"]);
const COMMENT_CREATED = "comment_created";

export function parseJira(delivery: RawDelivery, context: ParseContext): ParseResult {
  const json = parseJson(delivery.text);
  if (!json.ok) return { kind: "invalid", status: 400, reason: json.reason };
  const event = webhookEventOf(json.value);
  if (!ISSUE_EVENTS.has(event) && event !== COMMENT_CREATED) {
    return { kind: "invalid", status: 422, reason: `unsupported webhook event "${event.slice(0, 100)}"` };
  }
  const parsed = ZJiraWebhook.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: "invalid", status: 422, reason: `${issue?.path.join(".") || "body"}: ${issue?.message}` };
  }
  const webhook = parsed.data;
  const eventId = delivery.headers["x-atlassian-webhook-identifier"] || undefined;
  const eventTime = parseProviderTime(webhook.timestamp ?? undefined) ?? context.receivedAt;
  const handledBy = detectAutomation(
    { provider: "Jira", clues: automationClues(webhook), tags: webhook.issue.fields?.labels ?? [] },
    automationTagsFor(context.settings),
  );
  const marked = (items: NormalizedFeedback[]) => (handledBy ? items.map((item) => ({ ...item, handledBy })) : items);

  if (event === COMMENT_CREATED) {
    // An app's comment is the automation's own words, not the customer's: it marks the issue instead.
    if (isApp(webhook.comment?.author)) {
      return { kind: "events", eventId, items: marked([issueItem(webhook.issue, eventTime)]) };
    }
    const comment = webhook.comment
      ? commentItem(webhook.comment, webhook.issue, eventTime)
      : "comment_created without a comment";
    if (typeof comment === "string") return { kind: "invalid", status: 422, reason: comment };
    return { kind: "events", eventId, items: marked([comment]) };
  }
  return { kind: "events", eventId, items: marked(issueEventItems(webhook, eventTime)) };
}

/** An app (Automation for Jira, a bot) wrote the comment or caused the event. */
function automationClues(webhook: JiraWebhook): AutomationClue[] {
  const named = (user: JiraUser | null | undefined) => (user?.displayName ? ` '${user.displayName}'` : "");
  if (isApp(webhook.comment?.author)) {
    const author = webhook.comment?.author;
    return [{ kind: "automation", evidence: `comment by app${named(author)} (author.accountType = app)` }];
  }
  if (isApp(webhook.user)) {
    const event = webhook.webhookEvent;
    return [{ kind: "automation", evidence: `${event} by app${named(webhook.user)} (user.accountType = app)` }];
  }
  return [];
}

function isApp(user: JiraUser | null | undefined): boolean {
  return user?.accountType === "app";
}

function webhookEventOf(value: unknown): string {
  const event =
    typeof value === "object" && value !== null ? (value as { webhookEvent?: unknown }).webhookEvent : undefined;
  return typeof event === "string" ? event : "(none)";
}

/** The issue, plus the comment when the update is `issue_commented` (Jira's other way of reporting comments). */
function issueEventItems(webhook: JiraWebhook, eventTime: number): NormalizedFeedback[] {
  const items = [issueItem(webhook.issue, eventTime)];
  const comment =
    webhook.comment && !isApp(webhook.comment.author) && commentItem(webhook.comment, webhook.issue, eventTime);
  if (comment && typeof comment !== "string") items.push(comment);
  return items;
}

function issueItem(issue: JiraIssue, eventTime: number): NormalizedFeedback {
  const fields = issue.fields;
  return {
    externalId: issue.id,
    kind: "ticket",
    channel: CHANNEL,
    title: fields?.summary?.trim() || undefined,
    text: documentText(fields?.description),
    scale: "none",
    customerEmail: fields?.reporter?.emailAddress || undefined,
    customerId: fields?.reporter?.accountId || undefined,
    ...issueFacts(issue),
    // An issue keeps the date it was raised; each later event is a new revision of it.
    occurredAt: parseProviderTime(fields?.created) ?? eventTime,
    revisionAt: parseProviderTime(fields?.updated) ?? eventTime,
  };
}

/** The comment as an item under its issue, or why it is not feedback. */
function commentItem(comment: JiraComment, issue: JiraIssue, eventTime: number): NormalizedFeedback | string {
  if (comment.jsdPublic === false) return "internal comment, not visible to the customer";
  const text = documentText(comment.body);
  if (!text) return "comment has no text";
  return {
    externalId: comment.id,
    parentExternalId: issue.id,
    kind: "ticket",
    channel: CHANNEL,
    text,
    scale: "none",
    customerEmail: comment.author?.emailAddress || undefined,
    customerId: comment.author?.accountId || undefined,
    ...issueFacts(issue),
    occurredAt: parseProviderTime(comment.created) ?? eventTime,
    revisionAt: parseProviderTime(comment.updated) ?? parseProviderTime(issue.fields?.updated) ?? eventTime,
  };
}

function issueFacts(issue: JiraIssue) {
  return {
    tags: issue.fields?.labels ?? [],
    status: issue.fields?.status?.name?.trim().toLowerCase() || undefined,
    url: browseUrl(issue),
  };
}

/** `https://acme.atlassian.net/rest/api/2/issue/10001` + `SUP-42` → `https://acme.atlassian.net/browse/SUP-42`. */
function browseUrl(issue: JiraIssue): string | undefined {
  const self = issue.self ?? "";
  const restAt = self.indexOf("/rest/");
  if (!issue.key || restAt < 0 || !/^https?:\/\/[^/\s]+/i.test(self)) return undefined;
  return `${self.slice(0, restAt)}/browse/${encodeURIComponent(issue.key)}`;
}

/** ADF nodes that end a line of text. */
const BLOCK_NODES = new Set([
  "paragraph",
  "heading",
  "blockquote",
  "codeBlock",
  "listItem",
  "panel",
  "tableRow",
  "rule",
  "mediaSingle",
  "expand",
]);

/** A description or comment body as plain text: strings as they are, Atlassian Document Format flattened. */
export function documentText(value: unknown): string {
  const text = typeof value === "string" ? value : adfText(value);
  return text
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function adfText(node: unknown): string {
  if (typeof node !== "object" || node === null) return "";
  const { type, text, attrs, content } = node as { type?: unknown; text?: unknown; attrs?: unknown; content?: unknown };
  if (type === "text") return typeof text === "string" ? text : "";
  if (type === "hardBreak") return "\n";
  if (type === "mention" || type === "emoji" || type === "inlineCard") return inlineAttrText(type, attrs);
  const children = Array.isArray(content) ? content.map(adfText).join("") : "";
  if (type === "tableCell" || type === "tableHeader") return `${children.trim()} `;
  return typeof type === "string" && BLOCK_NODES.has(type) ? `${children}\n` : children;
}

function inlineAttrText(type: string, attrs: unknown): string {
  if (typeof attrs !== "object" || attrs === null) return "";
  const { text, shortName, url } = attrs as { text?: unknown; shortName?: unknown; url?: unknown };
  const value = type === "inlineCard" ? url : (text ?? shortName);
  return typeof value === "string" ? value : "";
}
