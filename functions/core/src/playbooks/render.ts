/**
 * What a playbook sends: one `playbook.triggered` body (the Standard Webhooks `type`/`timestamp`/`data` envelope)
 * stored in the outbound queue, which each destination kind renders: as is for a webhook, as a Slack message, as a
 * ticket. The alert inside is the alert event's own: title, severity, the "why flagged" reasons and the link.
 * @module
 */
import type { OutboundAlert } from "../outbound/alert.ts";
import { escapeMrkdwn, slackMessage } from "../outbound/slack.ts";
import type { AlertEvent } from "./match.ts";
import type { Playbook, PlaybookAction, TicketPriority } from "./model.ts";

/** The event type of a playbook's outbound message. */
export const PLAYBOOK_EVENT = "playbook.triggered";

/** The `data` of a `playbook.triggered` body. */
export interface PlaybookMessage {
  playbook: { id: string; name: string; customerFacing: boolean };
  runId: string;
  action: PlaybookAction;
  alert: OutboundAlert & { kind: AlertEvent["kind"]; change: AlertEvent["change"] };
}

/** The message a run sends. */
export function playbookMessage(
  playbook: Pick<Playbook, "id" | "name" | "customerFacing" | "action">,
  event: AlertEvent,
  runId: string,
): PlaybookMessage {
  const { touchpointId: _t, themeId: _th, ...alert } = event;
  return {
    playbook: { id: playbook.id, name: playbook.name, customerFacing: playbook.customerFacing },
    runId,
    action: playbook.action,
    alert,
  };
}

/** The JSON body stored and sent (signed) to a webhook. */
export function playbookWebhookBody(message: PlaybookMessage): string {
  return JSON.stringify({
    type: PLAYBOOK_EVENT,
    timestamp: new Date(message.alert.occurredAt).toISOString(),
    data: message,
  });
}

/** The message in a stored body, or `undefined` when it is another event. */
export function parsePlaybookBody(payload: string): PlaybookMessage | undefined {
  const parsed = JSON.parse(payload) as { type?: string; data?: PlaybookMessage };
  return parsed.type === PLAYBOOK_EVENT ? parsed.data : undefined;
}

/** The alert's Slack message, with the playbook named and its note under the reasons. */
export function playbookSlackMessage(message: PlaybookMessage) {
  const base = slackMessage(message.alert);
  const extra = [
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: `Playbook: *${escapeMrkdwn(message.playbook.name)}*` }],
    },
    ...(message.action.note
      ? [{ type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(message.action.note) } }]
      : []),
  ];
  return { text: base.text, blocks: [...base.blocks.slice(0, -1), ...extra, ...base.blocks.slice(-1)] };
}

/** A ticket as any provider takes it. */
export interface Ticket {
  subject: string;
  body: string;
  tags: string[];
  priority: TicketPriority;
}

/** The ticket a playbook opens: the alert's title, why it was flagged, the note and the link. */
export function ticketFor(message: PlaybookMessage): Ticket {
  const { alert, action } = message;
  return {
    subject: `[Firebreak ${alert.severity}] ${alert.title}`.slice(0, 250),
    body: [
      ...(action.note ? [action.note, ""] : []),
      alert.title,
      ...(alert.touchpoint ? [`Touchpoint: ${alert.touchpoint}`] : []),
      ...(alert.theme ? [`Recurring issue: ${alert.theme}`] : []),
      "",
      "Why flagged:",
      ...alert.reasons.map((r) => `- ${r.label}: ${r.detail}`),
      "",
      `Open in Firebreak: ${alert.link}`,
      `(Opened by the Firebreak playbook “${message.playbook.name}”.)`,
    ].join("\n"),
    tags: ["firebreak", ...(action.kind === "ticket" ? action.tags : [])],
    priority: action.kind === "ticket" ? action.priority : "normal",
  };
}
