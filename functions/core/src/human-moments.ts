/**
 * Human moments: touchpoints where a person, never automation, must handle the customer. A lead marks one with a
 * reason and an owner; Firebreak suggests candidates and says why, from the touchpoint's own feedback (how often it
 * escalates) and from what the touchpoint is (renewals, onboarding, vulnerable customers, public complaints).
 * @module
 */

/** A reason must say why a person is needed, not just "yes". */
export const HUMAN_MOMENT_REASON_MIN = 10;
export const HUMAN_MOMENT_REASON_MAX = 600;
export const HUMAN_MOMENT_OWNER_MAX = 120;

/** What marking (or editing) a human moment records: both are required. */
export interface HumanMomentInput {
  reason: string;
  owner: string;
}

/** What the suggestion reads about one touchpoint: what it is, and its feedback over a window. */
export interface HumanMomentSignals {
  name: string;
  description: string;
  channel: string;
  itemCount: number;
  negativeCount: number;
  escalationCount: number;
  /** How the window reads in a sentence: "in the last 90 days". */
  period: string;
}

export type HumanMomentCue = "escalations" | "complaints" | "renewal" | "onboarding" | "vulnerable" | "public";

export interface HumanMomentSuggestion {
  /** The cues found, strongest first. */
  cues: HumanMomentCue[];
  /** One clause per cue, to follow "because". */
  because: string[];
  /** A reason a lead can accept as is or edit: "A person must handle this because …". */
  reason: string;
}

/** An escalation share this high, over enough items, needs a person's judgement and authority. */
export const ESCALATION_SHARE = 0.1;
export const MIN_ITEMS = 10;
/** A public channel with this negative share is a complaint desk in front of everyone. */
const PUBLIC_NEGATIVE_SHARE = 0.3;

// What a touchpoint is, read from its name and description in the languages the demo and the lexicons cover.
const WHAT_IT_IS: ReadonlyArray<[Exclude<HumanMomentCue, "escalations" | "public">, RegExp, string]> = [
  [
    "vulnerable",
    /bereave|vulnerab|hardship|financial difficult|deceased|\bdeath\b|\bdied\b|\bill\b|illness|dødsfald|todesfall/i,
    "customers here may be vulnerable (bereavement, illness or financial hardship) and need care a script cannot give",
  ],
  [
    "renewal",
    /renew|cancel|retention|churn|win-?back|opsig|fornyelse|kündig|verlänger/i,
    "customers decide here whether to stay, and a scripted answer can lose them",
  ],
  [
    "complaints",
    /complain|escalat|dispute|claim|klage|reklamation|beschwerde/i,
    "it is where complaints and escalations land, and they need someone with the authority to fix them",
  ],
  [
    "onboarding",
    /onboard|welcome|getting started|kick-?off|first (?:week|call|order|days)|velkomst|begrüßung|willkommen/i,
    "it sets the tone of a new customer's relationship",
  ],
];

const PUBLIC_CHANNELS = new Set(["social", "review"]);
const COMPLAINT = /complain|klage|beschwerde/i;

/**
 * Why a touchpoint should be a human moment, or `null` when nothing says so. Cues from the data come first: a high
 * escalation share, and a public channel with many complaints; then what the touchpoint is.
 * @example suggestHumanMoment({ name: "Renewal reminder", description: "", channel: "email", itemCount: 0,
 *   negativeCount: 0, escalationCount: 0, period: "in the last 90 days" })?.reason
 *   // "A person must handle this because customers decide here whether to stay, …"
 */
export function suggestHumanMoment(signals: HumanMomentSignals): HumanMomentSuggestion | null {
  const found: Array<[HumanMomentCue, string]> = [];
  const { itemCount, escalationCount, negativeCount, period } = signals;
  if (itemCount >= MIN_ITEMS && escalationCount / itemCount >= ESCALATION_SHARE) {
    const percent = Math.round((escalationCount / itemCount) * 100);
    found.push([
      "escalations",
      `${percent}% of its feedback ${period} escalated (${escalationCount.toLocaleString("en")} of ${itemCount.toLocaleString("en")} items)`,
    ]);
  }
  const complaintsInPublic =
    PUBLIC_CHANNELS.has(signals.channel) &&
    ((itemCount >= MIN_ITEMS && negativeCount / itemCount >= PUBLIC_NEGATIVE_SHARE) || COMPLAINT.test(text(signals)));
  if (complaintsInPublic) found.push(["public", "complaints here are public: a canned reply is seen by everyone"]);
  for (const [cue, pattern, clause] of WHAT_IT_IS) {
    if (pattern.test(text(signals))) found.push([cue, clause]);
  }
  if (found.length === 0) return null;
  const because = found.map(([, clause]) => clause);
  return {
    cues: found.map(([cue]) => cue),
    because,
    reason: `A person must handle this because ${joinClauses(because)}.`,
  };
}

function text(signals: HumanMomentSignals): string {
  return `${signals.name} ${signals.description}`;
}

/** "a", "a and b", "a, b and c". */
function joinClauses(clauses: readonly string[]): string {
  if (clauses.length <= 1) return clauses[0] ?? "";
  return `${clauses.slice(0, -1).join(", ")} and ${clauses[clauses.length - 1]}`;
}
