/**
 * The demo's customers: who writes in, in which language, from which market, on which plan. A customer keeps their
 * language and attributes across every item, so segments and repeat-contact chains hold together.
 * @module
 */

import { type Random, weightedPicker } from "../../../functions/core/src/random.ts";
import type { JourneySlug, Language, Market } from "./content-types.ts";
import { emailSafe } from "./slots.ts";

export interface DemoCustomer {
  id: string;
  language: Language;
  market: Market;
  plan: "box-monthly" | "box-yearly" | "none";
  tier: "new" | "regular" | "vip";
  firstName: string;
  email: string;
}

/** Roughly 60% English, 25% Danish, 15% German, as the brief for the Nordic shop's inbox. */
export const LANGUAGE_MIX: ReadonlyArray<readonly [Language, number]> = [
  ["en", 0.6],
  ["da", 0.25],
  ["de", 0.15],
];

/** English is written from every market: Danes and Germans often write in English, Brits always do. */
const MARKET_BY_LANGUAGE: Readonly<Record<Language, ReadonlyArray<readonly [Market, number]>>> = {
  en: [
    ["UK", 0.5],
    ["DK", 0.38],
    ["DE", 0.12],
  ],
  da: [["DK", 1]],
  de: [
    ["DE", 0.94],
    ["DK", 0.06],
  ],
};

const FIRST_NAMES: Readonly<Record<Market, readonly string[]>> = {
  DK: ["Mette", "Lars", "Sofie", "Mikkel", "Camilla", "Jens", "Freja", "Anders", "Ida", "Søren", "Line", "Rasmus"],
  DE: ["Lena", "Jonas", "Katrin", "Matthias", "Julia", "Stefan", "Anna", "Tobias", "Sabine", "Felix", "Jörg"],
  UK: ["Emma", "James", "Olivia", "Tom", "Sophie", "Harry", "Chloe", "Daniel", "Grace", "Oliver", "Amelia"],
};

const LAST_NAMES: Readonly<Record<Market, readonly string[]>> = {
  DK: ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Larsen", "Christensen", "Sørensen", "Møller", "Madsen"],
  DE: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Wagner", "Hoffmann", "Schäfer"],
  UK: ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Hughes", "Wright"],
};

/** Reserved example domains, plus example.dk for the Danish flavour. */
const EMAIL_DOMAINS: Readonly<Record<Market, readonly string[]>> = {
  DK: ["example.dk", "example.dk", "example.com"],
  DE: ["example.com", "example.net", "example.org"],
  UK: ["example.com", "example.org", "example.net"],
};

const CUSTOMER_ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

const PLAN_MIX: ReadonlyArray<readonly [DemoCustomer["plan"], number]> = [
  ["none", 0.45],
  ["box-monthly", 0.37],
  ["box-yearly", 0.18],
];

const TIER_MIX: ReadonlyArray<readonly [DemoCustomer["tier"], number]> = [
  ["new", 0.32],
  ["regular", 0.58],
  ["vip", 0.1],
];

/** How people build their email address: `mette.jensen`, `mette84`, `mjensen`. */
const EMAIL_STYLES: ReadonlyArray<readonly [(first: string, last: string, random: Random) => string, number]> = [
  [(first, last) => `${first}.${last}`, 0.5],
  [(first, _last, random) => `${first}${random.int(10, 99)}`, 0.3],
  [(first, last) => `${first[0]}${last}`, 0.2],
];

function createCustomer(random: Random, language: Language, usedIds: Set<string>): DemoCustomer {
  const market = random.weighted(MARKET_BY_LANGUAGE[language]);
  const firstName = random.pick(FIRST_NAMES[market]);
  const local = random.weighted(EMAIL_STYLES)(emailSafe(firstName), emailSafe(random.pick(LAST_NAMES[market])), random);
  let id = "";
  do id = `cus_${random.chars(CUSTOMER_ID_ALPHABET, 14)}`;
  while (usedIds.has(id));
  usedIds.add(id);
  return {
    id,
    language,
    market,
    plan: random.weighted(PLAN_MIX),
    tier: random.weighted(TIER_MIX),
    firstName,
    email: `${local}@${random.pick(EMAIL_DOMAINS[market])}`,
  };
}

/** Who may write about a touchpoint: anyone (retail), subscribers, or only yearly subscribers (renewals). */
export type Audience = JourneySlug | "yearly";

export interface CustomerPool {
  /** A customer writing in `language` from `audience`. */
  pick(random: Random, audience: Audience, language: Language): DemoCustomer;
}

const AUDIENCES: Readonly<Record<Audience, (customer: DemoCustomer) => boolean>> = {
  retail: () => true,
  subscription: (c) => c.plan !== "none",
  yearly: (c) => c.plan === "box-yearly",
};

/**
 * `size` customers. Picks are skewed towards the front of each list, so some customers write several times over
 * the half year, as loyal (and unlucky) customers do.
 */
export function createCustomerPool(random: Random, size: number): CustomerPool {
  const usedIds = new Set<string>();
  const all: DemoCustomer[] = [];
  for (let i = 0; i < size; i++) all.push(createCustomer(random, random.weighted(LANGUAGE_MIX), usedIds));
  const pickers = new Map<string, (random: Random) => DemoCustomer>();
  for (const [audience, belongs] of Object.entries(AUDIENCES)) {
    for (const [language] of LANGUAGE_MIX) {
      const eligible = all.filter((c) => c.language === language && belongs(c));
      pickers.set(
        `${audience}:${language}`,
        weightedPicker(eligible, (_c, index) => 1 / (1 + index / 400)),
      );
    }
  }
  return {
    pick: (random, audience, language) => {
      const picker = pickers.get(`${audience}:${language}`);
      if (!picker) throw new Error(`no customers for ${audience}/${language}`);
      return picker(random);
    },
  };
}
