/**
 * The kinds of destination alerts go to, in words for the app and the API, and the development switch that lets a
 * destination point at this machine.
 * @module
 */

/** The kinds alerts go to, made on the destinations page and through `/api/v1/destinations`. */
export const DESTINATION_KINDS = ["inbox", "slack", "webhook", "email"] as const;
/** Every kind stored: the alert kinds and the help desks playbooks open tickets in (made with their playbook). */
export const STORED_DESTINATION_KINDS = [...DESTINATION_KINDS, "zendesk"] as const;
export type DestinationKindName = (typeof STORED_DESTINATION_KINDS)[number];

/** Each kind: its label, what it does, and what its target is (none for the inbox; a ticket desk's is set up apart). */
export const DESTINATION_KIND_INFO: Record<
  DestinationKindName,
  { label: string; description: string; target: { label: string; placeholder: string } | null }
> = {
  inbox: {
    label: "Inbox",
    description: "Alerts stay in Firebreak's alert inbox; nothing leaves the app.",
    target: null,
  },
  slack: {
    label: "Slack",
    description: "A message with the reasons and an “Open in Firebreak” button, through a Slack incoming webhook.",
    target: { label: "Incoming webhook URL", placeholder: "https://hooks.slack.com/services/…" },
  },
  webhook: {
    label: "Webhook",
    description: "A JSON POST signed with Standard Webhooks, to your own endpoint.",
    target: { label: "Endpoint URL", placeholder: "https://example.com/hooks/firebreak" },
  },
  email: {
    label: "Email",
    description: "A plain-text email with the reasons and a link.",
    target: { label: "Email address", placeholder: "cx-leads@example.com" },
  },
  zendesk: {
    label: "Zendesk",
    description: "Tickets a playbook opens through the Zendesk API (added with the playbook; alerts never go here).",
    target: null,
  },
};

/**
 * Whether outbound targets may be loopback (`OUTBOUND_ALLOW_LOOPBACK=on`, set only by `npm start`): only when asked
 * for, and never in production. Both Workers read it the same way.
 */
export function loopbackAllowed(vars: { OUTBOUND_ALLOW_LOOPBACK?: string; ENVIRONMENT?: string }): boolean {
  return vars.OUTBOUND_ALLOW_LOOPBACK === "on" && vars.ENVIRONMENT !== "production";
}
