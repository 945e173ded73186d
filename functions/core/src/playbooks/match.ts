/**
 * Whether a playbook answers an alert event, and whether it may: a customer-facing playbook never acts at a human
 * moment. The policy decision is the human-moments policy's own (`decide`), so bots asking the policy API and
 * Firebreak's own playbooks are held to the same rule with the same reason.
 * @module
 */
import type { AlertKind } from "../alerts/rules.ts";
import type { OutboundAlert } from "../outbound/alert.ts";
import { decide, type PolicyDecision, type PolicyHumanMoment, type PolicyPlace } from "../policy.ts";
import { atLeast, type Playbook, type PlaybookChange } from "./model.ts";

/** An alert that opened or got worse: what playbooks react to. */
export interface AlertEvent extends OutboundAlert {
  kind: AlertKind;
  touchpointId: string | null;
  themeId: string | null;
  change: PlaybookChange;
}

export type Match = { matched: true } | { matched: false; reason: string };

/**
 * Whether the event meets the playbook's trigger; when not, the first condition it misses, in words.
 * @example matches(playbook, { ...alert, kind: "spike", severity: "info", change: "opened" }) // { matched: false, … }
 */
export function matches(playbook: Pick<Playbook, "trigger">, event: AlertEvent): Match {
  const { trigger } = playbook;
  if (!trigger.kinds.includes(event.kind))
    return { matched: false, reason: `it does not react to ${event.kind} alerts` };
  if (!atLeast(event.severity, trigger.minSeverity))
    return { matched: false, reason: `the alert is ${event.severity}, below ${trigger.minSeverity}` };
  if (trigger.touchpointId && trigger.touchpointId !== event.touchpointId)
    return { matched: false, reason: "the alert is about another touchpoint" };
  if (trigger.themeId && trigger.themeId !== event.themeId)
    return { matched: false, reason: "the alert is about another recurring issue" };
  if (!trigger.on.includes(event.change))
    return {
      matched: false,
      reason: `it does not react to alerts that ${event.change === "opened" ? "open" : "get worse"}`,
    };
  return { matched: true };
}

/**
 * The policy's decision for the playbook's action where the event happened (or, when configuring, where the playbook
 * is scoped): an automated outbound message, customer-facing or not as the playbook says.
 */
export function playbookDecision(
  playbook: Pick<Playbook, "customerFacing">,
  place: PolicyPlace,
  humanMoment: PolicyHumanMoment | null,
): PolicyDecision {
  return decide({ kind: "outbound_message", customerFacing: playbook.customerFacing }, place, humanMoment);
}
