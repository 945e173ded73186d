/**
 * The human-moments policy: what bots and routing engines read to keep automation away from the moments a CX lead
 * marked "never automate", and the decision for one action there. An automated, customer-facing action at a human
 * moment is denied with a reason that names the moment; a person's follow-up, and anything the customer never sees,
 * is allowed. The shapes are zod schemas so the API validates and documents them from one place.
 * @module
 */
import { z } from "zod";
import { sha256Hex } from "./crypto.ts";

/** The policy document's format; bumped when its shape changes incompatibly. */
export const POLICY_FORMAT = 1;

export const POLICY_ACTION_KINDS = [
  "automated_reply",
  "bot",
  "macro",
  "auto_close",
  "survey",
  "outbound_message",
  "human_followup",
] as const;
export type PolicyActionKind = (typeof POLICY_ACTION_KINDS)[number];

/** What each kind is, to word a reason. */
const ACTION_WORDS: Record<PolicyActionKind, string> = {
  automated_reply: "an automated reply",
  bot: "a bot",
  macro: "a macro",
  auto_close: "closing automatically",
  survey: "an automated survey",
  outbound_message: "an automated outbound message",
  human_followup: "a human follow-up",
};

export const ZPolicyAction = z
  .strictObject({
    kind: z
      .enum(POLICY_ACTION_KINDS)
      .meta({ description: "What would act. Every kind but `human_followup` is automated." }),
    customerFacing: z
      .boolean()
      .meta({ description: "Whether the customer would see it (a reply, a message, a closed ticket)." }),
  })
  .meta({ id: "PolicyAction" });
export type PolicyAction = z.infer<typeof ZPolicyAction>;

/** Automated: anything a person does not do themselves. */
export function isAutomated(kind: PolicyActionKind): boolean {
  return kind !== "human_followup";
}

const ZSourceRef = z
  .object({ id: z.string(), provider: z.string(), name: z.string() })
  .meta({ id: "PolicySource", description: "A Firebreak source (one provider connection)." });

const ZKeywordRule = z
  .object({
    language: z.string().nullable().meta({ description: "The language the phrases are in; null: any." }),
    phrases: z.array(z.string()),
  })
  .meta({ id: "PolicyKeywords", description: "Phrases whose words, all present (stemmed), identify the moment." });

export const ZHumanMomentAttributes = z
  .object({
    sources: z.array(ZSourceRef).meta({
      description: "Sources whose feedback lands here: by default (the source's default touchpoint) or by a rule.",
    }),
    tags: z.array(z.string()),
    intents: z.array(ZKeywordRule).meta({ description: "Keyword rules: the phrases that name the customer's intent." }),
    channels: z.array(z.string()),
    surveyQuestions: z.array(z.string()).meta({ description: "Survey question ids a rule places here." }),
  })
  .meta({ id: "HumanMomentAttributes", description: "What identifies the moment, straight from its placement rules." });
export type HumanMomentAttributes = z.infer<typeof ZHumanMomentAttributes>;

export const ZPolicyHumanMoment = z
  .object({
    touchpointId: z.string(),
    key: z.string().meta({ description: "The touchpoint's stable key within the workspace." }),
    name: z.string(),
    journey: z.object({ id: z.string(), name: z.string() }),
    stage: z.object({ id: z.string(), name: z.string() }),
    reason: z.string().meta({ description: "Why a person must handle it, as the lead wrote it." }),
    owner: z.string().meta({ description: "Who answers for it." }),
    since: z.number().int().nullable().meta({ description: "When it was marked (epoch ms)." }),
    attributes: ZHumanMomentAttributes,
  })
  .meta({ id: "HumanMoment" });
export type PolicyHumanMoment = z.infer<typeof ZPolicyHumanMoment>;

export const ZHumanMomentPolicy = z
  .object({
    format: z.literal(POLICY_FORMAT),
    version: z.string().meta({ description: "A hash of the policy's content (the ETag's value): changes with it." }),
    workspace: z.object({ id: z.string(), name: z.string() }),
    generatedAt: z.string().meta({ description: "When this copy was read (ISO 8601); not part of `version`." }),
    humanMoments: z.array(ZPolicyHumanMoment),
  })
  .meta({
    id: "HumanMomentPolicy",
    description:
      "Every human moment on the workspace's current journeys (archived ones left out), in map order. Never start an automated, customer-facing action at one.",
  });
export type HumanMomentPolicy = z.infer<typeof ZHumanMomentPolicy>;

/** The policy's content, without when it was read. */
export type PolicyContent = Omit<HumanMomentPolicy, "version" | "generatedAt" | "format">;

/**
 * The policy document. `version` hashes everything but `generatedAt`, so it (and the ETag made from it) stays the same
 * across reads while nothing in the policy changed.
 */
export async function policyDocument(content: PolicyContent, now: number): Promise<HumanMomentPolicy> {
  const version = (await sha256Hex(JSON.stringify({ format: POLICY_FORMAT, ...content }))).slice(0, 32);
  return {
    format: POLICY_FORMAT,
    version,
    workspace: content.workspace,
    generatedAt: new Date(now).toISOString(),
    humanMoments: content.humanMoments,
  };
}

export const ZPolicyAttributes = z
  .strictObject({
    sourceId: z.string().min(1).max(64).optional(),
    channel: z.string().min(1).max(40).optional(),
    tags: z.array(z.string().min(1).max(100)).max(50).optional(),
    text: z.string().max(20_000).optional(),
    language: z
      .string()
      .regex(/^[a-z]{2}$/, "a two-letter language code")
      .optional()
      .meta({ description: "The text's language (for keyword rules); the workspace's first language when left out." }),
  })
  .meta({ id: "PolicyAttributes", description: "What you know of the conversation; placed by the workspace's rules." });
export type PolicyAttributes = z.infer<typeof ZPolicyAttributes>;

export const ZPolicyCheckRequest = z
  .union([
    z.strictObject({ touchpointId: z.string().min(1).max(64), action: ZPolicyAction }),
    z.strictObject({ attributes: ZPolicyAttributes, action: ZPolicyAction }),
  ])
  .meta({
    id: "PolicyCheckRequest",
    description: "A touchpoint by id, or a conversation's attributes to place on one, and the action you would take.",
  });
export type PolicyCheckRequest = z.infer<typeof ZPolicyCheckRequest>;

export const POLICY_MATCHES = ["touchpointId", "rule", "default", "none"] as const;
export type PolicyMatch = (typeof POLICY_MATCHES)[number];

export const ZPolicyDecision = z
  .object({
    decision: z.enum(["allow", "deny"]),
    reason: z.string(),
    humanMoment: ZPolicyHumanMoment.nullable().meta({ description: "The human moment that applies, if any." }),
    touchpointId: z.string().nullable().meta({ description: "Where the request was placed; null when nowhere." }),
    matchedBy: z.object({
      kind: z.enum(POLICY_MATCHES).meta({
        description: "`touchpointId` (named), `rule` (a placement rule), `default` (the source's default) or `none`.",
      }),
      ruleId: z.string().nullable(),
    }),
  })
  .meta({ id: "PolicyDecision" });
export type PolicyDecision = z.infer<typeof ZPolicyDecision>;

/** Where a check landed: the touchpoint (by name, for reasons) and how it was found. */
export interface PolicyPlace {
  touchpoint: { id: string; name: string } | null;
  matchedBy: PolicyDecision["matchedBy"];
}

/**
 * Allows or denies `action` where the check landed. Denied: an automated, customer-facing action at a human moment,
 * with a reason that names the moment, why it is one and who owns it.
 * @example decide({ kind: "bot", customerFacing: true }, place, moment).decision // "deny" at a human moment
 */
export function decide(
  action: PolicyAction,
  place: PolicyPlace,
  humanMoment: PolicyHumanMoment | null,
): PolicyDecision {
  const base = { humanMoment, touchpointId: place.touchpoint?.id ?? null, matchedBy: place.matchedBy };
  const what = ACTION_WORDS[action.kind];
  if (!humanMoment) {
    const where = place.touchpoint
      ? `“${place.touchpoint.name}” is not a human moment`
      : "the attributes place the conversation on no touchpoint, so no human moment applies";
    return { ...base, decision: "allow", reason: `Allowed: ${where}.` };
  }
  const at = `“${humanMoment.name}” (${humanMoment.journey.name} › ${humanMoment.stage.name})`;
  if (isAutomated(action.kind) && action.customerFacing) {
    return {
      ...base,
      decision: "deny",
      reason: `Denied: ${at} is a human moment, so ${what} must not face the customer here. ${humanMoment.reason} Hand it to ${humanMoment.owner}.`,
    };
  }
  const why = isAutomated(action.kind)
    ? `${what} that the customer never sees is allowed`
    : "a person following up is what it asks for";
  return { ...base, decision: "allow", reason: `Allowed: ${at} is a human moment, and ${why}.` };
}

/** A source as the policy names it, with its default touchpoint. */
export interface PolicySourceRow {
  id: string;
  provider: string;
  name: string;
  defaultTouchpointId: string | null;
}

/** A placement rule as the policy reads it (enabled ones only). */
export interface PolicyRuleRow {
  touchpointId: string;
  kind: "source" | "tag" | "question" | "keyword" | "channel";
  language: string | null;
  match: readonly string[];
}

/**
 * What identifies one touchpoint, from the rules that place feedback on it and the sources that default to it: sources
 * by default first, then by rule (each once, in the order found); tags, channels and questions deduplicated, keyword
 * rules as they are. A source rule naming a source that no longer exists names nothing.
 */
export function momentAttributes(
  touchpointId: string,
  rules: readonly PolicyRuleRow[],
  sources: readonly PolicySourceRow[],
): HumanMomentAttributes {
  const byId = new Map(sources.map((s) => [s.id.toLowerCase(), s]));
  const sourceIds = new Set<string>(sources.filter((s) => s.defaultTouchpointId === touchpointId).map((s) => s.id));
  const tags = new Set<string>();
  const channels = new Set<string>();
  const questions = new Set<string>();
  const intents: HumanMomentAttributes["intents"] = [];
  for (const rule of rules) {
    if (rule.touchpointId !== touchpointId) continue;
    const values = rule.match.map((m) => m.trim()).filter(Boolean);
    if (rule.kind === "source") {
      for (const v of values) {
        const source = byId.get(v.toLowerCase());
        if (source) sourceIds.add(source.id);
      }
    } else if (rule.kind === "tag") for (const v of values) tags.add(v);
    else if (rule.kind === "channel") for (const v of values) channels.add(v.toLowerCase());
    else if (rule.kind === "question") for (const v of values) questions.add(v);
    else intents.push({ language: rule.language, phrases: values });
  }
  const sourceList = [...sourceIds].map((id) => {
    const { provider, name } = byId.get(id.toLowerCase()) as PolicySourceRow;
    return { id, provider, name };
  });
  return {
    sources: sourceList,
    tags: [...tags],
    intents,
    channels: [...channels],
    surveyQuestions: [...questions],
  };
}
