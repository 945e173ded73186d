/**
 * An alert as a Slack incoming-webhook message: a Block Kit header, the severity and where it happened, the "why
 * flagged" reasons as a list, and a button to the app. `text` is the fallback shown in notifications.
 * @module
 */
import type { AlertSeverity, OutboundAlert } from "./alert.ts";

const SEVERITY_LABEL: Record<AlertSeverity, string> = {
  info: ":information_source: Info",
  warning: ":warning: Warning",
  critical: ":rotating_light: Critical",
};

/** Slack's mrkdwn treats these three as control characters; everything else is shown as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Slack caps a header at 150 characters and a section's text at 3000. */
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The message body for a Slack incoming webhook. */
export function slackMessage(alert: OutboundAlert) {
  const context = [
    `*${SEVERITY_LABEL[alert.severity]}*`,
    alert.touchpoint ? `Touchpoint: ${escapeMrkdwn(alert.touchpoint)}` : undefined,
    alert.theme ? `Theme: ${escapeMrkdwn(alert.theme)}` : undefined,
    `<!date^${Math.floor(alert.occurredAt / 1000)}^{date_short_pretty} {time}|${new Date(alert.occurredAt).toISOString()}>`,
  ].filter((c): c is string => c !== undefined);
  const reasons = alert.reasons.map((r) => `• *${escapeMrkdwn(r.label)}*: ${escapeMrkdwn(r.detail)}`).join("\n");
  return {
    text: clip(`[${alert.severity}] ${alert.title}`, 3000),
    blocks: [
      { type: "header", text: { type: "plain_text", text: clip(alert.title, 150), emoji: true } },
      { type: "context", elements: context.map((text) => ({ type: "mrkdwn", text })) },
      {
        type: "section",
        text: { type: "mrkdwn", text: clip(`*Why flagged*\n${reasons || "No details recorded."}`, 3000) },
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Open in Firebreak" },
            url: alert.link,
            style: "primary",
          },
        ],
      },
    ],
  };
}
