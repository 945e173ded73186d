/**
 * The demo's feedback sources and how each provider shapes an item: kind, channel, scale, ids, links, tags and
 * status follow what the real provider sends, so the showroom looks like a connected helpdesk, not a fixture.
 * @module
 */
import type { ItemKind, Scale } from "../../../functions/core/src/model.ts";
import type { Random } from "../../../functions/core/src/random.ts";
import type { JourneySlug, Language, Market, Tone } from "./content-types.ts";

export type ProviderId =
  | "zendesk"
  | "freshdesk"
  | "intercom"
  | "trustpilot"
  | "google-business-profile"
  | "typeform"
  | "delighted"
  | "standard-webhooks";

export interface SourceSpec {
  id: string;
  provider: ProviderId;
  name: string;
  journey: JourneySlug;
  kind: ItemKind;
  /** Channels the provider's items arrive through, weighted. */
  channels: ReadonlyArray<readonly [string, number]>;
  /** The scale of a scored item. */
  scale: Exclude<Scale, "none">;
  /** Share of items that carry a score: every survey and review, only the CSAT-rated share of tickets. */
  scoredShare: number;
  /** Share of items whose payload includes the customer's email. */
  emailShare: number;
  /** Share of items that carry the provider's customer id (public reviews are often anonymous). */
  customerIdShare: number;
  /** Whether the payload states the language (a generic webhook does not; the pipeline detects it). */
  statesLanguage: boolean;
  /** Share of items with a title: ticket subjects, review headlines. */
  titleShare: number;
  /** Relative volume among the sources that cover a touchpoint. */
  volume: number;
  /** Stage slugs this source hears about; omitted = every stage of its journey. */
  stages?: readonly string[];
  /** Touchpoints this source hears about on top of `stages`, and where it dominates. */
  focus?: readonly string[];
}

const TICKET_CHANNELS = [
  ["email", 0.62],
  ["phone", 0.18],
  ["chat", 0.12],
  ["web", 0.08],
] as const;

export const SOURCE_SPECS: readonly SourceSpec[] = [
  {
    id: "src_demo_zendesk",
    provider: "zendesk",
    name: "Zendesk: Customer service",
    journey: "retail",
    kind: "ticket",
    channels: TICKET_CHANNELS,
    scale: "csat5",
    scoredShare: 0.22,
    emailShare: 0.6,
    customerIdShare: 1,
    statesLanguage: true,
    titleShare: 1,
    volume: 5,
    stages: ["browse", "checkout", "delivery", "support", "returns", "loyalty"],
  },
  {
    id: "src_demo_trustpilot",
    provider: "trustpilot",
    name: "Trustpilot: nordlyshome.dk",
    journey: "retail",
    kind: "review",
    channels: [["social", 1]],
    scale: "stars5",
    scoredShare: 1,
    emailShare: 0,
    customerIdShare: 0.7,
    statesLanguage: true,
    titleShare: 1,
    volume: 2.6,
  },
  {
    id: "src_demo_typeform_post_purchase",
    provider: "typeform",
    name: "Typeform: Post-purchase survey",
    journey: "retail",
    kind: "survey",
    channels: [["survey", 1]],
    scale: "nps",
    scoredShare: 1,
    emailShare: 0.25,
    customerIdShare: 1,
    statesLanguage: true,
    titleShare: 0,
    volume: 3,
    stages: ["discover", "browse", "checkout", "delivery"],
  },
  {
    id: "src_demo_google_showroom",
    provider: "google-business-profile",
    name: "Google reviews: Østerbro showroom",
    journey: "retail",
    kind: "review",
    channels: [["store", 1]],
    scale: "stars5",
    scoredShare: 1,
    emailShare: 0,
    customerIdShare: 0,
    statesLanguage: true,
    titleShare: 0,
    volume: 1,
    stages: [],
    focus: ["discover-showroom", "delivery-click-collect", "returns-exchange"],
  },
  {
    id: "src_demo_returns_portal",
    provider: "standard-webhooks",
    name: "Returns portal (webhook)",
    journey: "retail",
    kind: "message",
    channels: [["web", 1]],
    scale: "csat5",
    scoredShare: 0.8,
    emailShare: 0.4,
    customerIdShare: 1,
    statesLanguage: false,
    titleShare: 0,
    volume: 3,
    stages: ["returns"],
  },
  {
    id: "src_demo_delighted",
    provider: "delighted",
    name: "Delighted: Subscriber NPS",
    journey: "subscription",
    kind: "survey",
    channels: [
      ["email", 0.8],
      ["app", 0.2],
    ],
    scale: "nps",
    scoredShare: 1,
    emailShare: 0.5,
    customerIdShare: 1,
    statesLanguage: true,
    titleShare: 0,
    volume: 3,
    stages: ["signup", "onboarding", "first-box", "billing", "changes", "renewal"],
  },
  {
    id: "src_demo_intercom",
    provider: "intercom",
    name: "Intercom: In-app chat",
    journey: "subscription",
    kind: "message",
    channels: [
      ["chat", 0.55],
      ["app", 0.45],
    ],
    scale: "csat5",
    scoredShare: 0.25,
    emailShare: 0.4,
    customerIdShare: 1,
    statesLanguage: true,
    titleShare: 0,
    volume: 4,
  },
  {
    id: "src_demo_freshdesk",
    provider: "freshdesk",
    name: "Freshdesk: Subscriber care",
    journey: "subscription",
    kind: "ticket",
    channels: [
      ["email", 0.7],
      ["phone", 0.3],
    ],
    scale: "csat5",
    scoredShare: 0.2,
    emailShare: 0.6,
    customerIdShare: 1,
    statesLanguage: true,
    titleShare: 1,
    volume: 3,
  },
  {
    id: "src_demo_typeform_exit",
    provider: "typeform",
    name: "Typeform: Exit survey",
    journey: "subscription",
    kind: "survey",
    channels: [["survey", 1]],
    scale: "csat5",
    scoredShare: 1,
    emailShare: 0.3,
    customerIdShare: 1,
    statesLanguage: true,
    titleShare: 0,
    volume: 2,
    stages: ["cancellation"],
    focus: ["sub-exit-survey", "sub-cancel-flow"],
  },
];

/** What a provider needs to know about an item to tag it like the real thing. */
export interface TagContext {
  random: Random;
  channel: string;
  language: Language;
  market: Market;
  plan: string;
  tier: string;
  tone: Tone;
  stageTag: string;
  /** The planted issue's helpdesk tag, when the item belongs to one. */
  issueTag: string | undefined;
  escalated: boolean;
  repeatAttempt: number;
  /** True when the reviewer or respondent is known (invited review, identified survey). */
  identified: boolean;
}

export interface ProviderFormat {
  /** The provider's id for the item; `sequence` counts this source's items, oldest first. */
  externalId(sequence: number, random: Random, occurredAt: number): string;
  url(externalId: string): string;
  tags(context: TagContext): string[];
  status(ageMs: number, random: Random): string;
}

const DAY = 86_400_000;
const HEX = "0123456789abcdef";
const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const BASE64URL = `${ALNUM}ABCDEFGHIJKLMNOPQRSTUVWXYZ-_`;

/** Helpdesk numbering has gaps: not every ticket is feedback (spam, internal, merged). */
const ticketNumber = (base: number, sequence: number, random: Random) => base + sequence * 3 + random.int(0, 2);

const ticketStatus = (ageMs: number, random: Random) =>
  ageMs < 2 * DAY
    ? random.pick(["new", "open", "open"])
    : ageMs < 7 * DAY
      ? random.pick(["open", "pending", "solved", "solved"])
      : random.pick(["solved", "closed", "closed"]);

const defined = (tags: ReadonlyArray<string | false | undefined>): string[] =>
  tags.filter((tag): tag is string => typeof tag === "string" && tag.length > 0);

const RETURN_REASONS = ["changed_mind", "not_as_described", "too_small", "too_big", "damaged", "arrived_late"];

export const PROVIDER_FORMATS: Readonly<Record<ProviderId, ProviderFormat>> = {
  zendesk: {
    externalId: (sequence, random) => `zd-${ticketNumber(104_233, sequence, random)}`,
    url: (id) => `https://nordlys.zendesk.com/agent/tickets/${id.slice(3)}`,
    tags: (c) =>
      defined([
        c.stageTag,
        c.issueTag !== undefined && c.random.chance(0.8) && c.issueTag,
        `lang_${c.language}`,
        c.channel === "phone"
          ? "voice"
          : c.channel === "chat"
            ? "web_widget"
            : c.channel === "web"
              ? "web_form"
              : "email",
        c.tier === "vip" && "vip",
        c.escalated && "escalated",
        c.repeatAttempt > 1 && "reopened",
      ]),
    status: ticketStatus,
  },
  freshdesk: {
    externalId: (sequence, random) => `fd-${ticketNumber(58_213, sequence, random)}`,
    url: (id) => `https://nordlys.freshdesk.com/a/tickets/${id.slice(3)}`,
    tags: (c) =>
      defined([
        c.stageTag.replaceAll("_", " "),
        c.issueTag?.replaceAll("_", " "),
        c.plan,
        c.market,
        c.tier === "vip" && "VIP",
        c.escalated && "Escalation",
      ]),
    status: (ageMs, random) => {
      const status = ticketStatus(ageMs, random);
      return status === "solved" ? "Resolved" : status === "new" ? "Open" : status[0]?.toUpperCase() + status.slice(1);
    },
  },
  intercom: {
    externalId: (sequence, random) => `${215_400_000 + sequence * 7 + random.int(0, 6)}`,
    url: (id) => `https://app.intercom.com/a/inbox/nrdl7x2q/inbox/conversation/${id}`,
    tags: (c) =>
      defined([
        "subscription",
        c.stageTag,
        c.issueTag,
        c.channel === "app" ? "in-app" : "messenger",
        c.escalated && "urgent",
        c.tier === "vip" && "vip",
      ]),
    status: (ageMs, random) => (ageMs < 3 * DAY ? random.pick(["open", "snoozed", "closed"]) : "closed"),
  },
  trustpilot: {
    // Trustpilot review ids are Mongo ObjectIds: eight hex digits of creation time, then sixteen random ones.
    externalId: (_sequence, random, occurredAt) =>
      Math.floor(occurredAt / 1000)
        .toString(16)
        .padStart(8, "0") + random.chars(HEX, 16),
    url: (id) => `https://www.trustpilot.com/reviews/${id}`,
    tags: (c) => (c.identified ? ["invited", "verified"] : ["organic"]),
    status: () => "published",
  },
  "google-business-profile": {
    externalId: (_sequence, random) => `AbFvOq${random.chars(BASE64URL, 30)}`,
    url: (id) => `https://business.google.com/n/6183920475/reviews?review=${id}`,
    tags: (c) => defined(["showroom", c.random.chance(0.12) && "local-guide"]),
    status: (ageMs) => (ageMs < 2 * DAY ? "unanswered" : "replied"),
  },
  typeform: {
    externalId: (_sequence, random) => random.chars(ALNUM, 32),
    url: (id) => `https://admin.typeform.com/form/pQ7wXk2m/results#responses/${id}`,
    tags: (c) =>
      c.stageTag === "cancellation"
        ? defined(["exit-survey", c.plan, c.market.toLowerCase()])
        : defined(["post-purchase", c.market.toLowerCase(), c.tier === "new" && "first-order"]),
    status: () => "completed",
  },
  delighted: {
    externalId: (sequence, random) => `${61_200_000 + sequence * 5 + random.int(0, 4)}`,
    url: (id) => `https://app.delighted.com/r/${id}`,
    tags: (c) =>
      defined([c.plan, c.tier === "new" ? "tenure-0-3m" : c.tier === "vip" ? "tenure-12m+" : "tenure-3-12m"]),
    status: () => "completed",
  },
  "standard-webhooks": {
    externalId: (sequence, random) => `RMA-${240_000 + sequence * 2 + random.int(0, 1)}`,
    url: (id) => `https://returns.nordlyshome.dk/admin/returns/${id}`,
    tags: (c) =>
      defined([
        "returns-portal",
        `reason:${
          c.issueTag === "sizing"
            ? "too_small"
            : c.issueTag === "refund_status"
              ? c.random.pick(RETURN_REASONS)
              : c.tone === "praise"
                ? c.random.pick(["changed_mind", "too_big", "gift"])
                : c.random.pick(RETURN_REASONS)
        }`,
      ]),
    status: (ageMs) => (ageMs < 5 * DAY ? "received" : "refunded"),
  },
};
