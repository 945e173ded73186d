/** @module What the playbook form shows: a saved playbook, a fresh one, or what was just submitted (and refused). */
import type { PlaybookAction, PlaybookTrigger } from "@firebreak/core/playbooks/model";
import type { FormValues } from "./PlaybookForm.svelte";

export const FRESH: FormValues = {
  name: "",
  kinds: ["repeat_surge"],
  minSeverity: "warning",
  touchpointId: "",
  themeId: "",
  on: ["opened"],
  actionKind: "webhook",
  destinationId: "new",
  note: "",
  priority: "normal",
  tags: "",
  customerFacing: false,
  enabled: false,
};

/** A saved playbook's settings. */
export function fromPlaybook(p: {
  name: string;
  trigger: PlaybookTrigger;
  action: PlaybookAction;
  customerFacing: boolean;
  enabled: boolean;
}): FormValues {
  return {
    name: p.name,
    kinds: p.trigger.kinds,
    minSeverity: p.trigger.minSeverity,
    touchpointId: p.trigger.touchpointId ?? "",
    themeId: p.trigger.themeId ?? "",
    on: p.trigger.on,
    actionKind: p.action.kind,
    destinationId: p.action.destinationId,
    note: p.action.note ?? "",
    priority: p.action.kind === "ticket" ? p.action.priority : "normal",
    tags: p.action.kind === "ticket" ? p.action.tags.join(", ") : "",
    customerFacing: p.customerFacing,
    enabled: p.enabled,
  };
}

/** The submitted form's text fields over `base`; a checkbox group ticked once comes back as its one value. */
export function fromSubmitted(values: Record<string, unknown> | undefined, base: FormValues): FormValues {
  if (!values) return base;
  const text = (key: keyof FormValues) => (typeof values[key] === "string" ? (values[key] as string) : undefined);
  const one = (key: "kinds" | "on") => (typeof values[key] === "string" ? [values[key] as string] : base[key]);
  return {
    ...base,
    name: text("name") ?? base.name,
    kinds: one("kinds"),
    minSeverity: text("minSeverity") ?? base.minSeverity,
    touchpointId: text("touchpointId") ?? "",
    themeId: text("themeId") ?? "",
    on: one("on"),
    actionKind: text("actionKind") ?? base.actionKind,
    destinationId: text("destinationId") ?? base.destinationId,
    note: text("note") ?? "",
    priority: text("priority") ?? base.priority,
    tags: text("tags") ?? "",
    customerFacing: values.customerFacing === "on",
    enabled: values.enabled === "on",
  };
}

/** The human moment a refusal names, and why the form was refused: what `PlaybookForm` shows above its fields. */
export interface Refusal {
  message: string;
  fields?: Record<string, string>;
  humanMoment?: { name: string; journey: string; stage: string; reason: string; owner: string } | null;
}

/** A create or update action's refusal, if that is what it answered. */
export function refusalOf(outcome: Record<string, unknown> | null): Refusal | null {
  if (!outcome || typeof outcome.message !== "string" || !outcome.message) return null;
  const details = outcome.details as { humanMoment?: Refusal["humanMoment"] } | undefined;
  return {
    message: outcome.message,
    fields: outcome.fields as Record<string, string> | undefined,
    humanMoment: details?.humanMoment ?? null,
  };
}
