/**
 * Firebreak's demo workspace, the showroom: Nordlys Home, a Nordic online retailer with a subscription box, with two
 * journey maps, nine connected sources and ~20,000 feedback items over half a year. Twelve recurring issues are
 * planted among ordinary praise, questions and grumbles, with a spike, repeat contacts, escalation cues and personal
 * data to redact.
 *
 * Pure and deterministic: no I/O and no clock; the same seed and `now` give byte-identical output.
 * @module
 */
import type { NormalizedFeedback, Scale } from "../../../functions/core/src/model.ts";
import { createRandom, type Random, weightedPicker } from "../../../functions/core/src/random.ts";
import { createTimeSampler, DAY_MS, HOUR_MS, isWakingHour, type TimeSampler, type TimeWindow } from "./calendar.ts";
import type { JourneySlug, Language, Phrases, Tone } from "./content-types.ts";
import { LANGUAGES } from "./content-types.ts";
import {
  ESCALATION_SUFFIXES,
  type EscalationCategory,
  PII_SENTENCES,
  REFERENCE_SENTENCES,
  REPEAT_OPENERS,
  STANDALONE_ESCALATIONS,
} from "./cues.ts";
import { type Audience, type CustomerPool, createCustomerPool, type DemoCustomer, LANGUAGE_MIX } from "./customers.ts";
import { ISSUE_SPECS, type IssueSpec, SPIKE_ISSUE } from "./issues.ts";
import {
  JOURNEY_SPECS,
  type JourneySpec,
  journeyId,
  type StageSpec,
  stageId,
  type TouchpointSpec,
  touchpointId,
} from "./journeys.ts";
import {
  GENERIC_PHRASES,
  GREETINGS,
  NEUTRAL_REMARKS,
  REVIEW_TITLES,
  SIGN_OFFS,
  STAGE_PHRASES,
  TICKET_SUBJECTS,
} from "./phrases.ts";
import { DEMO_FIX_REMAINING, demoReviewTimeline } from "./review-timeline.ts";
import { createSlotFiller } from "./slots.ts";
import { PROVIDER_FORMATS, SOURCE_SPECS, type SourceSpec } from "./sources.ts";

export interface DemoTouchpoint {
  id: string;
  key: string;
  name: string;
  description: string;
  channel: string;
  owner: string;
  humanMomentSuggested: boolean;
  /** Set = a confirmed human moment. */
  humanMoment?: { reason: string; owner: string };
}

export interface DemoStage {
  id: string;
  name: string;
  description: string;
  touchpoints: DemoTouchpoint[];
}

export interface DemoJourney {
  id: string;
  name: string;
  description: string;
  stages: DemoStage[];
}

export interface DemoSource {
  id: string;
  provider: string;
  name: string;
  journeyId: string;
}

export interface DemoItem {
  sourceId: string;
  feedback: NormalizedFeedback;
  /** Planted recurring issue label, or undefined for background noise. */
  plantedIssue?: string;
}

export interface DemoWorkspace {
  workspace: { id: string; name: string; slug: string; country: string; languages: string[]; timezone: string };
  journeys: DemoJourney[];
  sources: DemoSource[];
  items: DemoItem[];
  plantedIssues: Array<{ label: string; journeyId: string; touchpointKeys: string[]; languages: string[] }>;
}

export const DEMO_WORKSPACE_ID = "ws_demo";
/** The seed used when none is given. */
export const DEMO_DEFAULT_SEED = 20_240_917;
/** Items span this many days, ending at `now`. */
export const DEMO_WINDOW_DAYS = 180;
/** The spiking issue surges over this many days before `now`… */
export const DEMO_SPIKE_DAYS = 10;
/** …to this multiple of its usual daily rate. */
export const DEMO_SPIKE_FACTOR = 5;
/** The planted issue that spikes. */
export const DEMO_SPIKE_ISSUE = SPIKE_ISSUE.label;
/** Planted issues where customers contact again about the same thing within a week. */
export const DEMO_REPEAT_CONTACT_ISSUES: readonly string[] = ISSUE_SPECS.filter((i) => i.repeatContacts).map(
  (i) => i.label,
);

/** 19,400–20,600 items, varying with the seed. */
const BASE_ITEM_COUNT = 19_400;
const ITEM_COUNT_JITTER = 1_200;
const CUSTOMER_COUNT = 9_000;
/** Share of items that belong to a planted issue; the rest is background. */
const ISSUE_SHARE = 0.28;
/** Zipf exponent for issue volumes by rank. */
const ISSUE_ZIPF = 0.85;
/** Share of a repeat-contact issue's items that sit in chains of 2–4 contacts. */
const CHAIN_SHARE = 0.3;
/** How many times a customer contacts about the same thing, when they do more than once. */
const CHAIN_LENGTHS: ReadonlyArray<readonly [number, number]> = [
  [2, 0.5],
  [3, 0.35],
  [4, 0.15],
];
/**
 * Background tone mix. With planted issues at 28% of items, 48.6% praise here makes praise ~35% of everything.
 */
const BACKGROUND_TONES: ReadonlyArray<readonly [Tone, number]> = [
  ["praise", 0.486],
  ["neutral", 0.25],
  ["mixed", 0.15],
  ["complaint", 0.114],
];
/** Whole-message escalations (bereavement, hardship, unsafe products), per standalone group. */
const STANDALONE_COUNTS = [45, 30, 40];
/** Complaints that carry an escalation cue; with the standalone ones, ~2% of all items. */
const ESCALATION_SUFFIX_RATE = 0.042;
const ESCALATION_MIX: ReadonlyArray<readonly [EscalationCategory, number]> = [
  ["churn", 0.55],
  ["legal", 0.27],
  ["vulnerable", 0.18],
];
/** Chance that an item carries personal data, by kind: people paste phone numbers into tickets, not reviews. */
const PII_RATE: Readonly<Record<NormalizedFeedback["kind"], number>> = {
  ticket: 0.085,
  message: 0.06,
  survey: 0.025,
  review: 0.012,
};
const PII_MIX: ReadonlyArray<readonly [keyof typeof PII_SENTENCES, number]> = [
  ["email", 0.38],
  ["phone", 0.36],
  ["card", 0.13],
  ["iban", 0.13],
];
const CONTACT_PII_MIX: ReadonlyArray<readonly [keyof typeof PII_SENTENCES, number]> = [
  ["email", 0.5],
  ["phone", 0.5],
];
/** Retail tickets and messages that quote an order or tracking number. */
const REFERENCE_RATE = 0.3;

interface TouchpointEntry {
  spec: TouchpointSpec;
  journey: JourneySpec;
  stage: StageSpec;
  stageId: string;
  pickSource: (random: Random) => SourceSpec;
  /** Helpdesk sources only, for repeat-contact chains. */
  pickHelpdeskSource: ((random: Random) => SourceSpec) | undefined;
}

/** One contact in a chain shares this with the others, so follow-ups reuse the first subject. */
interface Chain {
  subject?: string;
}

interface ItemPlan {
  order: number;
  occurredAt: number;
  touchpoint: TouchpointEntry;
  customer: DemoCustomer;
  tone: Tone;
  issue?: IssueSpec;
  standalone?: Phrases;
  source?: SourceSpec;
  repeatAttempt: number;
  previousContactAt?: number;
  chain?: Chain;
}

/**
 * Generates the demo workspace for `now` (epoch ms): structure, sources and ~20,000 items spanning the 180 days
 * before `now`. Deterministic in `seed` and `now`.
 */
export function generateDemoWorkspace(options: { seed?: number; now: number }): DemoWorkspace {
  const { now } = options;
  const random = createRandom(options.seed ?? DEMO_DEFAULT_SEED);
  const window: TimeWindow = { start: now - DEMO_WINDOW_DAYS * DAY_MS, end: now };
  const touchpoints = indexTouchpoints();
  const customers = createCustomerPool(random, CUSTOMER_COUNT);
  const sampler = createTimeSampler(window);
  const planner = createPlanner(random, touchpoints, customers, sampler, window);

  const total = BASE_ITEM_COUNT + random.int(0, ITEM_COUNT_JITTER);
  const issueCounts = issueVolumes(random, Math.round(total * ISSUE_SHARE));
  for (const [rank, issue] of ISSUE_SPECS.entries()) planner.planIssue(issue, issueCounts[rank] as number);
  for (const [i, group] of STANDALONE_ESCALATIONS.entries()) planner.planStandalone(group, STANDALONE_COUNTS[i] ?? 0);
  planner.planBackground(total - planner.plans.length);

  const plans = planner.plans.sort((a, b) => a.occurredAt - b.occurredAt || a.order - b.order);
  return {
    workspace: {
      id: DEMO_WORKSPACE_ID,
      name: "Nordlys Home",
      slug: "nordlys-home",
      country: "DK",
      languages: [...LANGUAGES],
      timezone: "Europe/Copenhagen",
    },
    journeys: JOURNEY_SPECS.map(toDemoJourney),
    sources: SOURCE_SPECS.map((s) => ({
      id: s.id,
      provider: s.provider,
      name: s.name,
      journeyId: journeyId(s.journey),
    })),
    items: renderItems(random, plans, now),
    plantedIssues: ISSUE_SPECS.map((issue) => ({
      label: issue.label,
      journeyId: journeyId(issue.journey),
      touchpointKeys: issue.touchpoints.map(([key]) => key),
      languages: [...LANGUAGES],
    })),
  };
}

function toDemoJourney(journey: JourneySpec): DemoJourney {
  return {
    id: journeyId(journey.slug),
    name: journey.name,
    description: journey.description,
    stages: journey.stages.map((stage) => ({
      id: stageId(journey.slug, stage.slug),
      name: stage.name,
      description: stage.description,
      touchpoints: stage.touchpoints.map((tp) => toDemoTouchpoint(journey.slug, tp)),
    })),
  };
}

function toDemoTouchpoint(journey: JourneySlug, spec: TouchpointSpec): DemoTouchpoint {
  const touchpoint: DemoTouchpoint = {
    id: touchpointId(journey, spec.key),
    key: spec.key,
    name: spec.name,
    description: spec.description,
    channel: spec.channel,
    owner: spec.owner,
    humanMomentSuggested: spec.humanMomentSuggested ?? false,
  };
  if (spec.humanMoment) touchpoint.humanMoment = { ...spec.humanMoment };
  return touchpoint;
}

/** Every touchpoint by key, with the sources that hear about it. */
function indexTouchpoints(): Map<string, TouchpointEntry> {
  const index = new Map<string, TouchpointEntry>();
  for (const journey of JOURNEY_SPECS) {
    for (const stage of journey.stages) {
      for (const spec of stage.touchpoints) {
        const covering = SOURCE_SPECS.filter(
          (s) =>
            s.journey === journey.slug && (s.stages === undefined || s.stages.includes(stage.slug) || isFocus(s, spec)),
        );
        if (covering.length === 0) throw new Error(`no source covers touchpoint ${spec.key}`);
        const helpdesks = covering.filter((s) => s.kind === "ticket" || s.provider === "intercom");
        const weight = (s: SourceSpec) => s.volume * (isFocus(s, spec) ? 6 : 1);
        index.set(spec.key, {
          spec,
          journey,
          stage,
          stageId: stageId(journey.slug, stage.slug),
          pickSource: weightedPicker(covering, weight),
          pickHelpdeskSource: helpdesks.length > 0 ? weightedPicker(helpdesks, weight) : undefined,
        });
      }
    }
  }
  return index;
}

/** Renewals, and the welcome call, concern yearly members only; the rest of the subscription, any subscriber. */
function audienceOf(touchpoint: TouchpointEntry): Audience {
  if (touchpoint.stage.slug === "renewal" || touchpoint.spec.key === "sub-onboarding-call") return "yearly";
  return touchpoint.journey.slug;
}

const isFocus = (source: SourceSpec, touchpoint: TouchpointSpec) => source.focus?.includes(touchpoint.key) ?? false;

/** Zipf-like volumes by rank, ±6% so the ranking is stable but the numbers are not round. */
function issueVolumes(random: Random, issueTotal: number): number[] {
  const weights = ISSUE_SPECS.map((_, rank) => 1 / (rank + 1) ** ISSUE_ZIPF);
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.round((issueTotal * w * (0.94 + 0.12 * random.next())) / sum));
}

function createPlanner(
  random: Random,
  touchpoints: Map<string, TouchpointEntry>,
  customers: CustomerPool,
  sampler: TimeSampler,
  window: TimeWindow,
) {
  const plans: ItemPlan[] = [];
  const entry = (key: string) => {
    const found = touchpoints.get(key);
    if (!found) throw new Error(`unknown touchpoint ${key}`);
    return found;
  };
  const pickLanguage = () => random.weighted(LANGUAGE_MIX);
  const add = (plan: Omit<ItemPlan, "order">) => plans.push({ ...plan, order: plans.length });
  const spikeStart = window.end - DEMO_SPIKE_DAYS * DAY_MS;
  const spikeBoost = (t: number) => (t >= spikeStart ? DEMO_SPIKE_FACTOR : 1);
  const { fixAt } = demoReviewTimeline(window.end);
  const fixedBoost = (t: number) => (t >= fixAt ? DEMO_FIX_REMAINING : 1);
  /** When one item of `issue` happens: surging for the spike, thinning out after a shipped fix. */
  const issueTime = (issue: IssueSpec) =>
    issue.spike
      ? sampler.sample(random, spikeBoost, DEMO_SPIKE_FACTOR)
      : issue.fixShipped
        ? sampler.sample(random, fixedBoost, 1)
        : sampler.sample(random);

  const touchpointPickers = new Map(
    JOURNEY_SPECS.map((journey) => {
      const keys = journey.stages.flatMap((stage) => stage.touchpoints);
      return [journey.slug, weightedPicker(keys, (tp) => tp.volume ?? 1)] as const;
    }),
  );
  const journeyMix = JOURNEY_SPECS.map((j) => [j, j.share] as const);
  const pickJourney = () => random.weighted(journeyMix);

  function planChain(issue: IssueSpec, length: number): number {
    const touchpoint = entry(random.weighted(issue.touchpoints));
    const pickSource = touchpoint.pickHelpdeskSource;
    if (!pickSource) throw new Error(`no helpdesk source for repeat contacts at ${touchpoint.spec.key}`);
    const source = pickSource(random);
    const customer = customers.pick(random, audienceOf(touchpoint), pickLanguage());
    const times = contactTimes(random, issueTime(issue), length, window);
    const chain: Chain = {};
    times.forEach((occurredAt, i) => {
      add({
        occurredAt,
        touchpoint,
        customer,
        tone: "complaint",
        issue,
        source,
        repeatAttempt: i + 1,
        previousContactAt: times[i - 1],
        chain,
      });
    });
    return times.length;
  }

  return {
    plans,
    planIssue(issue: IssueSpec, count: number) {
      let planned = 0;
      if (issue.repeatContacts) {
        const chainBudget = Math.round(count * CHAIN_SHARE);
        while (planned < chainBudget) {
          planned += planChain(issue, random.weighted(CHAIN_LENGTHS));
        }
      }
      for (; planned < count; planned++) {
        const touchpoint = entry(random.weighted(issue.touchpoints));
        add({
          occurredAt: issueTime(issue),
          touchpoint,
          customer: customers.pick(random, audienceOf(touchpoint), pickLanguage()),
          tone: "complaint",
          issue,
          repeatAttempt: 1,
        });
      }
    },
    planStandalone(group: (typeof STANDALONE_ESCALATIONS)[number], count: number) {
      for (let i = 0; i < count; i++) {
        const touchpoint = entry(random.pick(group.touchpoints));
        add({
          occurredAt: sampler.sample(random),
          touchpoint,
          customer: customers.pick(random, audienceOf(touchpoint), pickLanguage()),
          tone: "complaint",
          standalone: group.phrases,
          repeatAttempt: 1,
        });
      }
    },
    planBackground(count: number) {
      for (let i = 0; i < count; i++) {
        const journey = pickJourney();
        const picker = touchpointPickers.get(journey.slug);
        if (!picker) throw new Error(`no touchpoints in ${journey.slug}`);
        const touchpoint = entry(picker(random).key);
        add({
          occurredAt: sampler.sample(random),
          touchpoint,
          customer: customers.pick(random, audienceOf(touchpoint), pickLanguage()),
          tone: random.weighted(BACKGROUND_TONES),
          repeatAttempt: 1,
        });
      }
    },
  };
}

/**
 * When a customer writes again: 6–48 hours apart, at waking hours, all within a week of the first contact (the
 * pipeline's repeat window) and before `now`. A chain that would overrun is cut short.
 */
function contactTimes(random: Random, first: number, length: number, window: TimeWindow): number[] {
  const times = [first];
  let previous = first;
  while (times.length < length) {
    let next: number | undefined;
    for (let tries = 0; tries < 20 && next === undefined; tries++) {
      const candidate = previous + random.int(6 * HOUR_MS, 48 * HOUR_MS);
      if (isWakingHour(candidate)) next = candidate;
    }
    if (next === undefined || next - first > 7 * DAY_MS - HOUR_MS || next >= window.end) break;
    times.push(next);
    previous = next;
  }
  return times;
}

function renderItems(random: Random, plans: readonly ItemPlan[], now: number): DemoItem[] {
  const sequences = new Map<string, number>();
  const usedIds = new Map<string, Set<string>>();
  return plans.map((plan) => {
    const source = plan.source ?? plan.touchpoint.pickSource(random);
    const sequence = sequences.get(source.id) ?? 0;
    sequences.set(source.id, sequence + 1);
    let seen = usedIds.get(source.id);
    if (!seen) {
      seen = new Set();
      usedIds.set(source.id, seen);
    }
    const format = PROVIDER_FORMATS[source.provider];
    let externalId = format.externalId(sequence, random, plan.occurredAt);
    while (seen.has(externalId)) externalId = format.externalId(sequence, random, plan.occurredAt);
    seen.add(externalId);
    const item: DemoItem = { sourceId: source.id, feedback: renderFeedback(random, plan, source, externalId, now) };
    if (plan.issue) item.plantedIssue = plan.issue.label;
    return item;
  });
}

function renderFeedback(
  random: Random,
  plan: ItemPlan,
  source: SourceSpec,
  externalId: string,
  now: number,
): NormalizedFeedback {
  const { customer, touchpoint } = plan;
  const language = customer.language;
  const fill = createSlotFiller({
    random,
    language,
    market: customer.market,
    occurredAt: plan.occurredAt,
    topic: touchpoint.spec.topic[language],
    firstName: customer.firstName,
    email: customer.email,
    previousContactAt: plan.previousContactAt,
  });
  const channel = pickChannel(random, source, touchpoint.spec);
  const escalation = plan.tone === "complaint" && !plan.standalone && random.chance(ESCALATION_SUFFIX_RATE);
  // A lawyer over a lukewarm newsletter is not believable: background gripes only ever threaten to leave.
  const category = escalation ? (plan.issue ? random.weighted(ESCALATION_MIX) : "churn") : null;
  const body = composeBody(random, plan, source, language, fill, category);
  const text = wrapInEnvelope(random, body, source, channel, language, fill);
  const title = random.chance(source.titleShare) ? composeTitle(random, plan, source, language, fill) : undefined;
  const scored = random.chance(source.scoredShare);
  const scale: Scale = scored ? source.scale : "none";
  const identified = random.chance(source.customerIdShare);
  const format = PROVIDER_FORMATS[source.provider];

  const score = scored ? scoreFor(random, plan.tone, source.scale) : undefined;
  const customerEmail = random.chance(source.emailShare) ? customer.email : undefined;
  const tags = format.tags({
    random,
    channel,
    language,
    market: customer.market,
    plan: customer.plan,
    tier: customer.tier,
    tone: plan.tone,
    stageTag: touchpoint.stage.tag,
    issueTag: plan.issue?.tag,
    escalated: escalation || plan.standalone !== undefined,
    repeatAttempt: plan.repeatAttempt,
    identified,
  });

  // Optional fields are left out rather than set to undefined, so the JSON reads like a provider payload.
  return {
    externalId,
    kind: source.kind,
    channel,
    ...(title !== undefined && { title }),
    text,
    ...(score !== undefined && { score }),
    scale,
    ...(customerEmail !== undefined && { customerEmail }),
    ...(identified && {
      customerId: customer.id,
      customerAttributes: { plan: customer.plan, market: customer.market, tier: customer.tier },
    }),
    tags,
    status: format.status(now - plan.occurredAt, random),
    url: format.url(externalId),
    touchpointHint: touchpoint.spec.key,
    ...(source.statesLanguage && { language }),
    occurredAt: plan.occurredAt,
  };
}

/** The source's usual channel mix, leaning towards the touchpoint's own channel when the source has it. */
function pickChannel(random: Random, source: SourceSpec, touchpoint: TouchpointSpec): string {
  const native = source.channels.some(([channel]) => channel === touchpoint.channel);
  if (native && random.chance(0.6)) return touchpoint.channel;
  return random.weighted(source.channels);
}

/** The sentences of an item: repeat opener, the message itself, references, escalation cue, personal data. */
function composeBody(
  random: Random,
  plan: ItemPlan,
  source: SourceSpec,
  language: Language,
  fill: (template: string) => string,
  escalation: EscalationCategory | null,
): string {
  const sentences: string[] = [];
  if (plan.repeatAttempt > 1) {
    const openers = REPEAT_OPENERS[Math.min(plan.repeatAttempt - 2, REPEAT_OPENERS.length - 1)] as Phrases;
    sentences.push(random.pick(openers[language]));
  }
  sentences.push(random.pick(mainPhrases(random, plan, source)[language]));
  if (plan.tone === "praise" && source.kind === "review" && random.chance(0.35)) {
    sentences.push(random.pick(GENERIC_PHRASES.praise[language]));
  }
  const conversational = source.kind === "ticket" || source.kind === "message";
  if (conversational && plan.touchpoint.journey.slug === "retail" && plan.tone !== "praise") {
    if (random.chance(REFERENCE_RATE)) sentences.push(random.pick(REFERENCE_SENTENCES[language]));
  }
  if (escalation) sentences.push(random.pick(ESCALATION_SUFFIXES[escalation][language]));
  if (random.chance(PII_RATE[source.kind])) {
    // Card numbers and IBANs come with money trouble (refunds, double charges), not with thanks.
    const kinds = plan.tone === "complaint" || plan.tone === "mixed" ? PII_MIX : CONTACT_PII_MIX;
    sentences.push(random.pick(PII_SENTENCES[random.weighted(kinds)][language]));
  }
  return fill(sentences.join(" "));
}

/** Where the message comes from: the issue's paraphrases, a standalone escalation, or background by tone. */
function mainPhrases(random: Random, plan: ItemPlan, source: SourceSpec): Phrases {
  if (plan.standalone) return plan.standalone;
  if (plan.issue) return plan.issue.templates;
  // Reviews and survey comments state an opinion; questions go to the helpdesk.
  if (plan.tone === "neutral" && (source.kind === "review" || source.kind === "survey")) return NEUTRAL_REMARKS;
  const stage = STAGE_PHRASES[plan.touchpoint.stageId];
  if (stage && random.chance(0.5)) {
    if (plan.tone === "praise") return stage.praise;
    if (plan.tone === "neutral") return stage.question;
  }
  return GENERIC_PHRASES[plan.tone];
}

/** Emails and web forms get a greeting and a sign-off; chats sometimes a "hi"; reviews and surveys neither. */
function wrapInEnvelope(
  random: Random,
  body: string,
  source: SourceSpec,
  channel: string,
  language: Language,
  fill: (template: string) => string,
): string {
  if (source.kind === "ticket" && (channel === "email" || channel === "web")) {
    const parts = [body];
    if (random.chance(0.55)) parts.unshift(random.pick(GREETINGS[language]));
    if (random.chance(0.55)) parts.push(fill(random.pick(SIGN_OFFS[language])));
    return parts.join("\n\n");
  }
  if (source.kind === "message" && channel === "chat" && random.chance(0.15)) {
    return `${random.pick(GREETINGS[language]).replace(/,$/, "")} ${body}`;
  }
  return body;
}

function composeTitle(
  random: Random,
  plan: ItemPlan,
  source: SourceSpec,
  language: Language,
  fill: (template: string) => string,
): string {
  if (plan.chain?.subject !== undefined) return `Re: ${plan.chain.subject}`;
  let title: string;
  if (plan.issue) title = random.pick(plan.issue.subjects[language]);
  else if (source.kind === "review") title = random.pick(REVIEW_TITLES[plan.tone][language]);
  else title = fill(random.pick(TICKET_SUBJECTS[plan.standalone ? "neutral" : plan.tone][language]));
  if (plan.chain) plan.chain.subject = title;
  return title;
}

/** Score distributions per tone. NPS 0 is a real, frequent answer from angry customers. */
const NPS_BY_TONE: Readonly<Record<Tone, ReadonlyArray<readonly [number, number]>>> = {
  praise: [
    [10, 45],
    [9, 40],
    [8, 12],
    [7, 3],
  ],
  neutral: [
    [9, 15],
    [8, 35],
    [7, 30],
    [6, 12],
    [5, 8],
  ],
  mixed: [
    [8, 15],
    [7, 30],
    [6, 25],
    [5, 20],
    [4, 10],
  ],
  complaint: [
    [0, 14],
    [1, 9],
    [2, 12],
    [3, 14],
    [4, 13],
    [5, 17],
    [6, 12],
    [7, 5],
    [8, 3],
    [9, 1],
  ],
};

const FIVE_POINT_BY_TONE: Readonly<Record<Tone, ReadonlyArray<readonly [number, number]>>> = {
  praise: [
    [5, 75],
    [4, 23],
    [3, 2],
  ],
  neutral: [
    [5, 15],
    [4, 45],
    [3, 35],
    [2, 5],
  ],
  mixed: [
    [4, 25],
    [3, 50],
    [2, 25],
  ],
  complaint: [
    [1, 60],
    [2, 30],
    [3, 8],
    [4, 1],
    [5, 1],
  ],
};

const TONE_LADDER: readonly Tone[] = ["praise", "neutral", "mixed", "complaint"];

/** A score that fits the tone, except for the 5% of people who click a neighbouring answer. */
function scoreFor(random: Random, tone: Tone, scale: Exclude<Scale, "none">): number {
  let scoredTone = tone;
  if (random.chance(0.05)) {
    const index = TONE_LADDER.indexOf(tone) + (random.chance(0.5) ? 1 : -1);
    scoredTone = TONE_LADDER[Math.min(TONE_LADDER.length - 1, Math.max(0, index))] as Tone;
  }
  return random.weighted(scale === "nps" ? NPS_BY_TONE[scoredTone] : FIVE_POINT_BY_TONE[scoredTone]);
}
