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

/**
 * The event type of a test sent by hand from a destination's page or the API: shaped like an alert, so every kind
 * renders it, but typed apart so a receiver's automation can ignore it.
 */
export const ALERT_TEST_EVENT = "alert.test";

/** The event types a destination renders as an alert (Slack, email); anything else is a webhook's alone. */
export const ALERT_EVENTS: readonly string[] = [ALERT_EVENT, ALERT_TEST_EVENT];

/** The JSON body of a signed webhook for an alert (the Standard Webhooks `type`/`timestamp`/`data` envelope). */
export function alertWebhookBody(alert: OutboundAlert, type: string = ALERT_EVENT): string {
  return JSON.stringify({ type, timestamp: new Date(alert.occurredAt).toISOString(), data: alert });
}

/** A clearly labelled test alert whose link opens the destination's delivery log in the app. */
export function testAlert(id: string, link: string, now: number): OutboundAlert {
  return {
    id,
    title: "Test alert from Firebreak",
    severity: "info",
    reasons: [
      {
        label: "Test",
        detail: "Sent by hand to check this destination. Nothing happened in your feedback; no action is needed.",
      },
    ],
    link,
    occurredAt: now,
  };
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
