/**
 * Proactive playbooks: when an alert opens or gets worse (the trigger), do one thing (the action): a signed webhook
 * to an automation tool, a Slack message, or a ticket through a provider's API. The shapes are zod schemas, so the
 * API, the settings page and the runner validate one model.
 * @module
 */
import { z } from "zod";
import { ALERT_RULE_KINDS, ALERT_SEVERITIES, KIND_LABELS, type Severity } from "../alerts/rules.ts";

export const PLAYBOOK_CHANGES = ["opened", "worsened"] as const;
export type PlaybookChange = (typeof PLAYBOOK_CHANGES)[number];

export const PLAYBOOK_ACTION_KINDS = ["webhook", "slack", "ticket"] as const;
export type PlaybookActionKind = (typeof PLAYBOOK_ACTION_KINDS)[number];

export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

const id = z.string().min(1).max(64);

export const ZPlaybookTrigger = z
  .strictObject({
    kinds: z
      .array(z.enum(ALERT_RULE_KINDS))
      .min(1)
      .max(ALERT_RULE_KINDS.length)
      .meta({ description: "The alert kinds that trigger it." }),
    minSeverity: z.enum(ALERT_SEVERITIES).default("warning").meta({ description: "Alerts below this are ignored." }),
    touchpointId: id.nullable().default(null).meta({ description: "Only alerts at this touchpoint; null: any." }),
    themeId: id.nullable().default(null).meta({ description: "Only alerts about this recurring issue; null: any." }),
    on: z
      .array(z.enum(PLAYBOOK_CHANGES))
      .min(1)
      .default(["opened"])
      .meta({ description: "`opened` (a new alert) and/or `worsened` (an open alert notified again)." }),
  })
  .meta({ id: "PlaybookTrigger" });
export type PlaybookTrigger = z.output<typeof ZPlaybookTrigger>;

const note = z
  .string()
  .trim()
  .max(1000)
  .optional()
  .meta({ description: "Added to what is sent: what the receiver should do." });

export const ZPlaybookAction = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("webhook"), destinationId: id, note }),
    z.strictObject({ kind: z.literal("slack"), destinationId: id, note }),
    z.strictObject({
      kind: z.literal("ticket"),
      destinationId: id.meta({ description: "A `zendesk` destination (the API credentials, stored encrypted)." }),
      priority: z.enum(TICKET_PRIORITIES).default("normal"),
      tags: z
        .array(
          z
            .string()
            .trim()
            .regex(/^[a-z0-9_-]{1,40}$/i, "tags are letters, digits, _ and -"),
        )
        .max(10)
        .default([]),
      note,
    }),
  ])
  .meta({ id: "PlaybookAction" });
export type PlaybookAction = z.output<typeof ZPlaybookAction>;

/** The destination kind each action sends through. */
export const ACTION_DESTINATION: Record<PlaybookActionKind, "webhook" | "slack" | "zendesk"> = {
  webhook: "webhook",
  slack: "slack",
  ticket: "zendesk",
};

/** A playbook as the matcher, the policy guard and the renderer read it. */
export interface Playbook {
  id: string;
  name: string;
  trigger: PlaybookTrigger;
  action: PlaybookAction;
  /** Whether the customer would see what it does (an email or message sent by the automation tool, say). */
  customerFacing: boolean;
  enabled: boolean;
}

/** What `customerFacing` means, for the form and the API docs. */
export const CUSTOMER_FACING_HELP =
  "Tick this when the action reaches the customer: the automation tool emails or messages them, or the ticket is public to them. Firebreak never runs a customer-facing playbook at a human moment: a person handles those.";

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** Whether `severity` is at least `min`. */
export function atLeast(severity: Severity, min: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[min];
}

const ACTION_WORDS: Record<PlaybookActionKind, string> = {
  webhook: "send a signed webhook",
  slack: "post to Slack",
  ticket: "open a Zendesk ticket",
};

const list = (words: string[]) =>
  words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;

/**
 * The playbook in words, for lists: "When a Spike or Escalation cue alert (warning or worse) opens → send a signed
 * webhook to Zapier".
 */
export function describePlaybook(
  playbook: Pick<Playbook, "trigger" | "action">,
  names: { touchpoint?: string | null; theme?: string | null; destination?: string | null } = {},
): string {
  const { trigger, action } = playbook;
  const kinds = list(trigger.kinds.map((k) => KIND_LABELS[k].label));
  const severity = trigger.minSeverity === "critical" ? "critical" : `${trigger.minSeverity} or worse`;
  const where = [
    names.touchpoint ? ` at “${names.touchpoint}”` : "",
    names.theme ? ` about “${names.theme}”` : "",
  ].join("");
  const when = list(trigger.on.map((c) => (c === "opened" ? "opens" : "gets worse")));
  const to = names.destination ? ` via “${names.destination}”` : "";
  return `When a ${kinds} alert (${severity})${where} ${when} → ${ACTION_WORDS[action.kind]}${to}`;
}
