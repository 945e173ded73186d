/**
 * What an alert looks like on its way out: one input type that every destination kind renders (a Slack message, a
 * signed webhook body, an email). The alert rules fill it in.
 * @module
 */

import type { Severity } from "../alerts/rules.ts";

export type AlertSeverity = Severity;

/** An alert as destinations see it. */
export interface OutboundAlert {
  id: string;
  title: string;
  severity: AlertSeverity;
  /** The "why flagged" breakdown: each reason a short label and a sentence of detail. */
  reasons: { label: string; detail: string }[];
  /** Where the alert opens in the web app (absolute URL). */
  link: string;
  /** When the condition was seen, ms since the epoch. */
  occurredAt: number;
  touchpoint?: string | null;
  theme?: string | null;
}

/** The event type of an alert's outbound message. */
export const ALERT_EVENT = "alert.triggered";

/** The JSON body of a signed webhook for an alert (the Standard Webhooks `type`/`timestamp`/`data` envelope). */
export function alertWebhookBody(alert: OutboundAlert): string {
  return JSON.stringify({ type: ALERT_EVENT, timestamp: new Date(alert.occurredAt).toISOString(), data: alert });
}

/** An alert as a plain-text email. */
export function alertEmail(alert: OutboundAlert, to: string) {
  const where = [alert.touchpoint && `Touchpoint: ${alert.touchpoint}`, alert.theme && `Theme: ${alert.theme}`];
  return {
    to,
    subject: `[Firebreak ${alert.severity}] ${alert.title}`,
    text: [
      alert.title,
      ...where.filter((w): w is string => Boolean(w)),
      "",
      "Why flagged:",
      ...alert.reasons.map((r) => `- ${r.label}: ${r.detail}`),
      "",
      `Open in Firebreak: ${alert.link}`,
    ].join("\n"),
  };
}
