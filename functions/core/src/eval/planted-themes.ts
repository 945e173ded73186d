/**
 * The planted-theme corpus for evaluating theme clustering honestly: customer feedback in English, Danish, German and
 * Spanish whose theme is known, with Zipf-weighted theme frequencies (a clear top 10), theme-free noise, planted
 * personal data and ratings that go with the text. Every template list is split into a tuning half (even positions)
 * and a held-out half (odd positions); tune on `split: "tuning"`, report on `split: "heldout"`.
 * Pure and deterministic: the same options give the same corpus, byte for byte.
 * @module
 */
import { createRandom as seededStream } from "../random.ts";
import {
  CLOSERS,
  GREETINGS,
  LEAD_INS,
  NOISE_TEMPLATES,
  type NoiseKind,
  ORDER_REFERENCES,
  PII_SENTENCES,
  SIGN_OFFS,
  SLOT_WORDS,
  THEME_TEMPLATES,
  type WordSlot,
} from "./planted-templates.ts";

export const PLANTED_LANGUAGES = ["en", "da", "de", "es"] as const;
export type PlantedLanguage = (typeof PLANTED_LANGUAGES)[number];

export type PlantedSplit = "tuning" | "heldout";
export type PlantedScale = "nps" | "csat5" | "stars5";

export interface PlantedTheme {
  id: string;
  /** What a person would call the theme; a good cluster label says the same. */
  label: string;
  /** Lower-case word beginnings that a fitting cluster label contains in some language (a rough automatic check). */
  labelTerms: Readonly<Record<PlantedLanguage, readonly string[]>>;
}

/** The planted themes, most frequent first (Zipf rank = position). */
export const PLANTED_THEMES = [
  {
    id: "late_delivery",
    label: "Late delivery",
    labelTerms: {
      en: ["deliver", "late", "delay", "wait", "arriv", "shipping", "parcel", "package", "tracking", "courier"],
      da: ["lever", "forsink", "vent", "pakke", "tracking", "sporing", "bud"],
      de: ["liefer", "verspät", "wart", "paket", "sendung", "zustell", "bote"],
      es: ["entreg", "retras", "esper", "lleg", "paquete", "envío", "envio", "seguimiento", "repartidor"],
    },
  },
  {
    id: "refund_missing",
    label: "Refund not received",
    labelTerms: {
      en: ["refund", "money", "reimburs", "return", "credit"],
      da: ["refu", "penge", "retur", "tilbagebetal", "beløb"],
      de: ["erstatt", "geld", "rückzahl", "retour", "gutschrift", "rücksend"],
      es: ["reembols", "dinero", "devol", "abono", "import"],
    },
  },
  {
    id: "double_charge",
    label: "Charged twice",
    labelTerms: {
      en: ["twice", "double", "duplicate", "charg", "billed", "payment"],
      da: ["to gange", "dobbelt", "træk", "opkræv", "betaling"],
      de: ["zweimal", "doppel", "abbuch", "belast", "zahlung"],
      es: ["dos veces", "doble", "duplicad", "cobr", "cargo", "pago"],
    },
  },
  {
    id: "damaged_item",
    label: "Damaged item",
    labelTerms: {
      en: ["broken", "damag", "crack", "scratch", "shatter", "dent", "defect", "faulty", "ruin"],
      da: ["stykker", "beskadig", "revne", "ridse", "knust", "defekt", "ødelagt", "bule"],
      de: ["kaputt", "beschädig", "riss", "kratzer", "zersplitter", "defekt", "delle"],
      es: ["rota", "roto", "dañad", "agriet", "arañazo", "añicos", "defectuos", "estropead"],
    },
  },
  {
    id: "login_reset",
    label: "Can't log in / password reset loop",
    labelTerms: {
      en: ["log", "password", "reset", "sign in", "locked", "account"],
      da: ["log", "adgangskode", "kode", "nulstil", "password", "konto"],
      de: ["login", "einlog", "passwort", "zurücksetz", "anmeld", "konto"],
      es: ["sesión", "sesion", "contraseña", "restablec", "clave", "cuenta", "login"],
    },
  },
  {
    id: "discount_rejected",
    label: "Discount code rejected",
    labelTerms: {
      en: ["discount", "code", "voucher", "coupon", "promo", "gift card"],
      da: ["rabat", "kode", "voucher", "kupon", "gavekort"],
      de: ["rabatt", "gutschein", "code", "einlös"],
      es: ["descuento", "código", "codigo", "cupón", "cupon", "vale", "promocional"],
    },
  },
  {
    id: "cancel_subscription",
    label: "Subscription hard to cancel",
    labelTerms: {
      en: ["cancel", "subscri", "membership", "renew"],
      da: ["opsig", "afmeld", "abonnement", "medlemskab", "fornyelse"],
      de: ["kündig", "abo", "abmeld", "mitgliedschaft", "verlänger"],
      es: ["cancel", "baja", "suscrip", "renov", "membresía"],
    },
  },
  {
    id: "size_exchange",
    label: "Wrong size / fit and exchange",
    labelTerms: {
      en: ["size", "fit", "exchange", "swap", "small"],
      da: ["størrelse", "pasform", "bytte", "ombyt", "lille"],
      de: ["größe", "passform", "umtausch", "tausch", "klein"],
      es: ["talla", "cambi", "pequeñ", "queda"],
    },
  },
  {
    id: "support_wait",
    label: "Long hold times / no reply from support",
    labelTerms: {
      en: ["hold", "repl", "answer", "respon", "wait", "reach", "queue"],
      da: ["kø", "svar", "vent", "telefon"],
      de: ["warteschleife", "antwort", "erreich", "warte", "rückmeld"],
      es: ["espera", "respuest", "contest", "llam"],
    },
  },
  {
    id: "checkout_crash",
    label: "App crashes at checkout",
    labelTerms: {
      en: ["crash", "checkout", "freez", "app", "error"],
      da: ["crash", "kasse", "fryser", "app", "fejl"],
      de: ["absturz", "stürzt", "checkout", "app", "fehler", "kasse"],
      es: ["cierra", "cuelg", "app", "error", "bloque"],
    },
  },
  {
    id: "missing_item",
    label: "Missing item in parcel",
    labelTerms: {
      en: ["missing", "incomplete", "not in"],
      da: ["mangl", "ikke med", "ufuldstændig"],
      de: ["fehl", "unvollständig", "nicht dabei"],
      es: ["falt", "incomplet", "no venía"],
    },
  },
  {
    id: "rude_agent",
    label: "Rude or unhelpful agent",
    labelTerms: {
      en: ["rude", "agent", "staff", "attitude", "condescend", "unhelpful", "dismissive"],
      da: ["uhøflig", "medarbejder", "attitude", "nedladende", "uhjælpsom", "afvisende"],
      de: ["unhöflich", "mitarbeiter", "unfreundlich", "herablassend", "abweisend"],
      es: ["educación", "agente", "empleada", "actitud", "condescendiente", "antipátic", "despectiv"],
    },
  },
  {
    id: "invoice_vat",
    label: "Invoice / VAT errors",
    labelTerms: {
      en: ["invoice", "vat", "tax", "receipt", "billing"],
      da: ["faktura", "moms", "kvittering", "afgift"],
      de: ["rechnung", "mwst", "mehrwertsteuer", "steuer"],
      es: ["factura", "iva", "impuesto", "nif"],
    },
  },
  {
    id: "out_of_stock",
    label: "Out of stock after ordering",
    labelTerms: {
      en: ["stock", "unavailable", "sold out", "available", "backorder", "discontinu"],
      da: ["lager", "udsolgt", "tilgængelig", "restordre", "udgået"],
      de: ["lager", "vorrätig", "ausverkauf", "verfügbar", "bestand", "lieferbar"],
      es: ["stock", "agotad", "disponible", "existencias", "descatalogad"],
    },
  },
  {
    id: "price_increase",
    label: "Unannounced price increase",
    labelTerms: {
      en: ["price", "increase", "hike", "fee", "expensive", "cost"],
      da: ["pris", "stig", "dyrere", "gebyr"],
      de: ["preis", "erhöh", "teurer", "kosten", "beitrag"],
      es: ["precio", "subid", "cara", "cuota", "coste"],
    },
  },
] as const satisfies readonly PlantedTheme[];

export type PlantedThemeId = (typeof PLANTED_THEMES)[number]["id"];

/** One generated piece of feedback; `theme` is null for noise. */
export interface PlantedItem {
  id: string;
  text: string;
  language: PlantedLanguage;
  theme: PlantedThemeId | null;
  score?: number;
  scale?: PlantedScale;
}

export interface PlantedCorpusOptions {
  seed: number;
  /** Number of items; default 4,000. */
  size?: number;
  split: PlantedSplit;
  /** Default: all four. Items are spread evenly over them, within every theme. */
  languages?: readonly PlantedLanguage[];
  /** Share of theme-free items, in [0, 1); default 0.15. */
  noiseShare?: number;
}

export const DEFAULT_PLANTED_SIZE = 4000;
export const DEFAULT_NOISE_SHARE = 0.15;

/** How hard each theme hits the rating: 1 = the angriest customers. */
const SEVERITY: Readonly<Record<PlantedThemeId, number>> = {
  late_delivery: 0.5,
  refund_missing: 0.8,
  double_charge: 0.8,
  damaged_item: 0.6,
  login_reset: 0.4,
  discount_rejected: 0.3,
  cancel_subscription: 0.7,
  size_exchange: 0.3,
  support_wait: 0.7,
  checkout_crash: 0.5,
  missing_item: 0.6,
  rude_agent: 0.9,
  invoice_vat: 0.4,
  out_of_stock: 0.5,
  price_increase: 0.6,
};

const NOISE_KINDS: ReadonlyArray<readonly [NoiseKind, number]> = [
  ["short", 0.35],
  ["praise", 0.3],
  ["question", 0.2],
  ["thanks", 0.15],
];

const MIN_THEME_WORDS = 6;
const MAX_WORDS = 60;

/**
 * Generates the planted corpus for one template half.
 * @example generatePlantedCorpus({ seed: 7, split: "heldout" }).length // 4000
 */
export function generatePlantedCorpus(options: PlantedCorpusOptions): PlantedItem[] {
  const size = options.size ?? DEFAULT_PLANTED_SIZE;
  const noiseShare = options.noiseShare ?? DEFAULT_NOISE_SHARE;
  const languages = [...new Set(options.languages ?? PLANTED_LANGUAGES)];
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`size must be a whole number ≥ 0, got ${size}`);
  if (!(noiseShare >= 0 && noiseShare < 1)) throw new RangeError(`noiseShare must be in [0, 1), got ${noiseShare}`);
  if (languages.length === 0 || languages.some((l) => !PLANTED_LANGUAGES.includes(l))) {
    throw new RangeError(`languages must be a non-empty subset of ${PLANTED_LANGUAGES.join(", ")}`);
  }
  const random = createRandom(options.seed);
  const noiseCount = Math.round(size * noiseShare);
  const themeCounts = zipfCounts(size - noiseCount, PLANTED_THEMES.length);

  // Languages go round-robin over the plans in theme order, so every theme × language cell is filled evenly (±1)
  // and the languages are balanced overall.
  const plans: Array<{ theme: PlantedThemeId | null; language: PlantedLanguage }> = [];
  const plan = (theme: PlantedThemeId | null) =>
    plans.push({ theme, language: languages[plans.length % languages.length]! });
  PLANTED_THEMES.forEach((theme, rank) => {
    for (let k = 0; k < themeCounts[rank]!; k++) plan(theme.id);
  });
  for (let k = 0; k < noiseCount; k++) plan(null);
  shuffle(plans, random);

  const renderer = createRenderer(random, options.split);
  const width = String(size).length;
  return plans.map((plan, index) => ({
    id: `${options.split}-${String(index).padStart(width, "0")}`,
    language: plan.language,
    theme: plan.theme,
    ...(plan.theme === null ? renderer.noise(plan.language) : renderer.complaint(plan.theme, plan.language)),
  }));
}

/** The half of a template list that `split` may use: even positions tune, odd positions are held out. */
export function splitHalf<T>(list: readonly T[], split: PlantedSplit): T[] {
  const parity = split === "tuning" ? 0 : 1;
  return list.filter((_, index) => index % 2 === parity);
}

/** Exact Zipf (s = 1) counts summing to `total`, by largest remainder; rank 0 is the most frequent. */
function zipfCounts(total: number, ranks: number): number[] {
  const weights = Array.from({ length: ranks }, (_, r) => 1 / (r + 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, r) => [x - Math.floor(x), r] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, r] of byRemainder) {
    if (left-- <= 0) break;
    counts[r]!++;
  }
  return counts;
}

type Random = () => number;

/** The core's mulberry32 stream, as a plain function: Math.random is never used, so seeds reproduce. */
function createRandom(seed: number): Random {
  return seededStream(seed).next;
}

const chance = (random: Random, p: number) => random() < p;
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function pickWeighted<T>(random: Random, entries: ReadonlyArray<readonly [T, number]>): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, weight] of entries) {
    r -= weight;
    if (r < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

function shuffle<T>(list: T[], random: Random): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
}

type Rendered = Pick<PlantedItem, "text" | "score" | "scale">;

interface Renderer {
  complaint(theme: PlantedThemeId, language: PlantedLanguage): Rendered;
  noise(language: PlantedLanguage): Rendered;
}

function createRenderer(random: Random, split: PlantedSplit): Renderer {
  // Halves are computed once; every list, even greetings, is split so nothing the tuner saw reappears held out.
  const half = <K extends string>(table: Readonly<Record<K, readonly string[]>>) =>
    Object.fromEntries(Object.entries<readonly string[]>(table).map(([k, v]) => [k, splitHalf(v, split)])) as Record<
      K,
      string[]
    >;
  const themes = Object.fromEntries(
    Object.entries(THEME_TEMPLATES).map(([theme, perLanguage]) => [theme, half(perLanguage)]),
  ) as Record<PlantedThemeId, Record<PlantedLanguage, string[]>>;
  const noise = Object.fromEntries(
    Object.entries(NOISE_TEMPLATES).map(([kind, perLanguage]) => [kind, half(perLanguage)]),
  ) as Record<NoiseKind, Record<PlantedLanguage, string[]>>;
  const greetings = half(GREETINGS);
  const signOffs = half(SIGN_OFFS);
  const leadIns = half(LEAD_INS);
  const closers = half(CLOSERS);
  const references = half(ORDER_REFERENCES);
  const pii = half(PII_SENTENCES);

  return {
    complaint(theme, language) {
      const fill = createSlotFiller(random, language);
      const core = fill(pick(random, themes[theme][language]));
      const before: string[] = [];
      const after: string[] = [];
      if (chance(random, 0.25)) before.push(fill(pick(random, greetings[language])));
      if (chance(random, 0.15)) before.push(pick(random, leadIns[language]));
      if (chance(random, 0.12) && !/\d{5}/.test(core)) after.push(fill(pick(random, references[language])));
      const unusedClosers = [...closers[language]];
      const closer = () => unusedClosers.splice(Math.floor(random() * unusedClosers.length), 1)[0]!;
      if (chance(random, 0.22)) after.push(closer());
      if (chance(random, 0.08)) after.push(fill(pick(random, pii[language])));
      if (chance(random, 0.2)) after.push(fill(pick(random, signOffs[language])));
      // Very short complaints ("coupon not accepted") come with some context in real feedback.
      while (wordCount([...before, core, ...after].join(" ")) < MIN_THEME_WORDS && unusedClosers.length > 0) {
        after.unshift(closer());
      }
      while (after.length > 0 && wordCount([...before, core, ...after].join(" ")) > MAX_WORDS) after.pop();
      while (before.length > 0 && wordCount([...before, core, ...after].join(" ")) > MAX_WORDS) before.shift();
      const text = roughen(random, joinParts(random, [...before, core, ...after]));
      return { text, ...rating(random, "complaint", SEVERITY[theme]) };
    },
    noise(language) {
      const fill = createSlotFiller(random, language);
      const kind = pickWeighted(random, NOISE_KINDS);
      const parts = [pick(random, noise[kind][language])];
      if (kind !== "short" && chance(random, 0.1)) parts.unshift(fill(pick(random, greetings[language])));
      if (kind !== "short" && chance(random, 0.03)) parts.push(fill(pick(random, pii[language])));
      const text = roughen(random, joinParts(random, parts));
      return { text, ...rating(random, kind, 0) };
    },
  };
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Joins parts as people type them: sometimes a line break, sometimes no full stop before the next sentence. */
function joinParts(random: Random, parts: readonly string[]): string {
  let text = parts[0] ?? "";
  for (const part of parts.slice(1)) {
    const ended = /[.!?,:)]$/.test(text);
    // "Hi," is mostly followed by a new line; other parts run on.
    const separator = chance(random, text.endsWith(",") ? 0.85 : 0.15) ? "\n" : " ";
    text += (ended || chance(random, 0.5) ? "" : ".") + separator + part;
  }
  return text;
}

/** Typos and casing as customers produce them; kept rare enough that the text stays readable. */
function roughen(random: Random, text: string): string {
  let result = text;
  const typos = chance(random, 0.15) ? (chance(random, 0.3) ? 2 : 1) : 0;
  for (let i = 0; i < typos; i++) result = typo(random, result);
  const casing = random();
  if (casing < 0.07) return result.toLowerCase();
  if (casing < 0.09 && wordCount(result) <= 12) return result.toUpperCase();
  if (casing < 0.14) return result.charAt(0).toLowerCase() + result.slice(1);
  return result;
}

function typo(random: Random, text: string): string {
  const words = [...text.matchAll(/\p{L}{5,}/gu)];
  if (words.length === 0) return text;
  const match = pick(random, words);
  const word = match[0];
  const at = between(random, 1, word.length - 2);
  const kind = random();
  const changed =
    kind < 0.4
      ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) // swapped neighbours
      : kind < 0.75
        ? word.slice(0, at) + word.slice(at + 1) // dropped letter
        : word.slice(0, at) + word[at] + word.slice(at); // doubled letter
  return text.slice(0, match.index) + changed + text.slice(match.index + word.length);
}

const SURNAMES: Readonly<Record<PlantedLanguage, readonly string[]>> = {
  en: ["smith", "jones", "patel", "walker", "brown"],
  da: ["jensen", "nielsen", "hansen", "larsen", "pedersen"],
  de: ["mueller", "schmidt", "weber", "wagner", "becker"],
  es: ["garcia", "lopez", "martinez", "sanchez", "romero"],
};
const MAIL_DOMAINS: Readonly<Record<PlantedLanguage, readonly string[]>> = {
  en: ["gmail.com", "outlook.com", "btinternet.com", "yahoo.co.uk"],
  da: ["gmail.com", "hotmail.dk", "outlook.dk", "mail.dk"],
  de: ["gmx.de", "web.de", "gmail.com", "t-online.de"],
  es: ["gmail.com", "hotmail.es", "yahoo.es", "outlook.es"],
};

/** A filler for one item: a slot used twice ("{amount} and then another {amount}") gets the same value. */
function createSlotFiller(random: Random, language: PlantedLanguage): (template: string) => string {
  const chosen = new Map<string, string>();
  const value = (slot: string): string => {
    const known = chosen.get(slot);
    if (known !== undefined) return known;
    const fresh = slotValue(random, language, slot, chosen);
    chosen.set(slot, fresh);
    return fresh;
  };
  return (template) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const slot = name.toLowerCase();
      const filled = value(slot);
      return name === slot ? filled : filled.charAt(0).toUpperCase() + filled.slice(1);
    });
}

function slotValue(random: Random, language: PlantedLanguage, slot: string, chosen: Map<string, string>): string {
  switch (slot) {
    case "n":
      return String(between(random, 3, 21));
    case "weeks":
      return String(between(random, 2, 6));
    case "day":
      return String(between(random, 1, 28));
    case "minutes":
      return String(between(random, 4, 19) * 5);
    case "order":
      return orderNumber(random);
    case "amount":
      return amount(random, language);
    case "phone":
      return phoneNumber(random, language);
    case "email": {
      const name = chosen.get("name") ?? pick(random, SLOT_WORDS[language].name);
      return `${asciiFold(name).toLowerCase()}${pick(random, [".", "_", ""])}${pick(random, SURNAMES[language])}${chance(random, 0.4) ? between(random, 1, 99) : ""}@${pick(random, MAIL_DOMAINS[language])}`;
    }
    default:
      if (slot in SLOT_WORDS[language]) return pick(random, SLOT_WORDS[language][slot as WordSlot]);
      throw new Error(`planted template uses unknown slot {${slot}}`);
  }
}

const digits = (random: Random, count: number) => Array.from({ length: count }, () => between(random, 0, 9)).join("");

function orderNumber(random: Random): string {
  const body = String(between(random, 1, 9)) + digits(random, 5);
  return pick(random, [`#${body}`, `${body}${between(random, 0, 9)}`, `FB-${body}`]);
}

function amount(random: Random, language: PlantedLanguage): string {
  const whole = between(random, 5, 250);
  const cents = pick(random, ["99", "95", "00", "50"]);
  switch (language) {
    case "en":
      return `£${whole}.${cents}`;
    case "da":
      return pick(random, [`${whole * 7} kr.`, `${whole * 7},${cents} kr`, `kr. ${whole * 7}`]);
    case "de":
      return pick(random, [`${whole},${cents} €`, `${whole},${cents} Euro`, `${whole} €`]);
    case "es":
      return pick(random, [`${whole},${cents} €`, `${whole},${cents}€`, `${whole} euros`]);
  }
}

function phoneNumber(random: Random, language: PlantedLanguage): string {
  const pairs = () => Array.from({ length: 4 }, (_, i) => (i === 0 ? between(random, 20, 99) : digits(random, 2)));
  switch (language) {
    case "en":
      return pick(random, [
        `+44 7${digits(random, 3)} ${digits(random, 6)}`,
        `07${digits(random, 3)} ${digits(random, 6)}`,
      ]);
    case "da":
      return pick(random, [`+45 ${pairs().join(" ")}`, pairs().join(" "), `+45${pairs().join("")}`]);
    case "de":
      return pick(random, [
        `+49 15${between(random, 1, 9)} ${digits(random, 7)}`,
        `015${between(random, 1, 9)} ${digits(random, 7)}`,
        `0176/${digits(random, 7)}`,
      ]);
    case "es":
      return pick(random, [
        `+34 6${digits(random, 2)} ${digits(random, 3)} ${digits(random, 3)}`,
        `+34 6${digits(random, 8)}`,
        `6${digits(random, 2)} ${digits(random, 2)} ${digits(random, 2)} ${digits(random, 2)}`,
      ]);
  }
}

function asciiFold(text: string): string {
  return text
    .replace(/ø/g, "o")
    .replace(/æ/g, "ae")
    .replace(/å/g, "aa")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/\p{M}/gu, "");
}

/**
 * A rating that goes with the text: complaints rate low (harder the more severe the theme), praise and thanks high,
 * short answers and questions anywhere in the upper half. One item in five carries no rating (tickets, reviews without
 * stars).
 */
function rating(random: Random, kind: NoiseKind | "complaint", severity: number): Pick<PlantedItem, "score" | "scale"> {
  const scale = pickWeighted<PlantedScale | null>(random, [
    ["nps", 0.3],
    ["csat5", 0.25],
    ["stars5", 0.25],
    [null, 0.2],
  ]);
  if (scale === null) return {};
  const nps = scale === "nps";
  let score: number;
  if (kind === "complaint") {
    const low = chance(random, 0.8 + 0.15 * severity);
    if (nps) score = low ? Math.min(between(random, 0, 6), between(random, 0, 6)) : between(random, 7, 8);
    else score = low ? (chance(random, 0.4 + 0.5 * severity) ? 1 : 2) : 3;
  } else if (kind === "praise" || kind === "thanks") {
    score = nps
      ? pickWeighted(random, [
          [10, 0.5],
          [9, 0.35],
          [8, 0.15],
        ])
      : chance(random, 0.8)
        ? 5
        : 4;
  } else {
    score = nps ? between(random, 6, 10) : between(random, 3, 5);
  }
  return { score, scale };
}
