/**
 * Proactive playbooks: when an alert opens or gets worse (the trigger), do one thing (the action): a signed webhook
 * to an automation tool, a Slack message, or a ticket through a provider's API. The shapes are zod schemas, so the
 * API, the settings page and the runner validate one model.
 * @module
 */
import { z } from "zod";
import { ALERT_RULE_KINDS, ALERT_SEVERITIES, KIND_LABELS, type Severity } from "../alerts/rules.ts";
import { ZENDESK_SUBDOMAIN } from "./tickets.ts";

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

const ticketFields = {
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
};
const destinationId = id.meta({
  description: "The destination it sends through: a `webhook`, a `slack` or (for tickets) a `zendesk` destination.",
});

export const ZPlaybookAction = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("webhook"), destinationId, note }),
    z.strictObject({ kind: z.literal("slack"), destinationId, note }),
    z.strictObject({ kind: z.literal("ticket"), destinationId, ...ticketFields, note }),
  ])
  .meta({ id: "PlaybookAction" });
export type PlaybookAction = z.output<typeof ZPlaybookAction>;

const connectName = z.string().trim().min(1).max(120).optional();
/** A new webhook or Slack destination, made with the playbook: the URL is stored encrypted. */
export const ZConnectUrl = z
  .strictObject({ name: connectName, url: z.string().trim().min(1).max(2000) })
  .meta({ id: "PlaybookConnectUrl", description: "A new destination for this URL (public https only)." });
/** A new Zendesk destination, made with the playbook: the email and token are stored encrypted, never returned. */
export const ZConnectZendesk = z
  .strictObject({
    name: connectName,
    subdomain: z.string().trim().regex(ZENDESK_SUBDOMAIN, "the part before .zendesk.com"),
    email: z.email().max(200),
    apiToken: z.string().trim().min(8).max(200),
  })
  .meta({ id: "PlaybookConnectZendesk", description: "A Zendesk account: the agent's email and an API token." });

/** An action as written through the API or the form: an existing destination, or a new one to connect. */
export const ZPlaybookActionInput = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("webhook"),
      destinationId: destinationId.optional(),
      connect: ZConnectUrl.optional(),
      note,
    }),
    z.strictObject({
      kind: z.literal("slack"),
      destinationId: destinationId.optional(),
      connect: ZConnectUrl.optional(),
      note,
    }),
    z.strictObject({
      kind: z.literal("ticket"),
      destinationId: destinationId.optional(),
      connect: ZConnectZendesk.optional(),
      ...ticketFields,
      note,
    }),
  ])
  .refine((a) => Boolean(a.destinationId) !== Boolean(a.connect), {
    message: "give either destinationId or connect",
    path: ["destinationId"],
  })
  .meta({ id: "PlaybookActionInput" });
export type PlaybookActionInput = z.output<typeof ZPlaybookActionInput>;

const playbookFields = {
  name: z.string().trim().min(1).max(120),
  trigger: ZPlaybookTrigger,
  action: ZPlaybookActionInput,
  customerFacing: z.boolean().meta({ description: "Whether the customer sees what the action leads to." }),
};
const enabled = z.boolean();

export const ZPlaybookInput = z
  .strictObject({
    ...playbookFields,
    enabled: enabled.default(false).meta({ description: "Off by default: try it with a dry run first." }),
  })
  .meta({ id: "PlaybookCreate" });
export type PlaybookInput = z.output<typeof ZPlaybookInput>;

// Built without defaults: a field left out of a change keeps its value.
export const ZPlaybookPatch = z
  .strictObject({ ...playbookFields, enabled })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change" })
  .meta({
    id: "PlaybookPatch",
    description: "Fields left out keep their values; `trigger` and `action` are replaced whole.",
  });
export type PlaybookPatch = z.output<typeof ZPlaybookPatch>;

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
  const article = /^[aeiou]/i.test(kinds) ? "an" : "a";
  return `When ${article} ${kinds} alert (${severity})${where} ${when} → ${ACTION_WORDS[action.kind]}${to}`;
}
