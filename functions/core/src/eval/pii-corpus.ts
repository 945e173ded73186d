/**
 * A planted-PII corpus for the redactor, pure and seeded: feedback sentences in en/da/de/es with planted emails,
 * phone numbers (valid DK/DE/ES/GB/SE/NO/US numbers, national and international, many spacing styles), cards,
 * IBANs, CPR and DNI/NIE numbers, next to look-alikes that must survive (order, ticket and invoice numbers, tracking
 * numbers, dates, times, prices, postcodes, durations, quantities).
 *
 * Each sentence belongs to a workspace country by language (en → GB or US, da → DK, de → DE, es → ES). A phone
 * number with no cue in its sentence is national to that country or written internationally; any country's national
 * form appears only next to a cue ("ring til mig på", "Tel."), which is how the redactor is specified.
 * @module
 */

import parsePhoneNumber, { type CountryCode } from "libphonenumber-js/min";
import { type RedactionKind, redact } from "../analysis/redact.ts";
import { createRandom } from "../random.ts";

export interface PlantedValue {
  kind: RedactionKind;
  /** As written in the sentence. */
  value: string;
}

export interface CorpusItem {
  text: string;
  /** The workspace country the item is redacted for. */
  country: CountryCode;
  language: Language;
  planted: PlantedValue[];
  /** Look-alikes, as written, that must come through redaction unchanged. */
  probes: string[];
  /** The text with every planted value replaced by its token: what a perfect redactor returns. */
  expected: string;
}

export interface PiiEvaluation {
  planted: number;
  leaks: number;
  leakExamples: string[];
  byKind: Record<string, { planted: number; leaks: number }>;
  probes: number;
  falsePositives: number;
  falsePositiveExamples: string[];
}

type Language = "en" | "da" | "de" | "es";
type Random = () => number;

const DEFAULT_SEED = 1;
const DEFAULT_SIZE = 2000;
const MAX_EXAMPLES = 20;
const LEAK_WINDOW = 6;

// ── seeded randomness ────────────────────────────────────────────────────────────────────────────────────────────

/** The core's mulberry32 stream, as a plain function. */
function seededRandom(seed: number): Random {
  return createRandom(seed).next;
}

const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const digits = (random: Random, n: number) => Array.from({ length: n }, () => int(random, 0, 9)).join("");
const pad2 = (n: number) => String(n).padStart(2, "0");
const chance = (random: Random, p: number) => random() < p;

// ── phone numbers ────────────────────────────────────────────────────────────────────────────────────────────────

const PHONE_COUNTRIES = ["DK", "DE", "ES", "GB", "SE", "NO", "US"] as const;
type PhoneCountry = (typeof PHONE_COUNTRIES)[number];

/** National significant numbers drawn from real ranges (mobile and fixed line). */
const NATIONAL_NUMBER: Record<PhoneCountry, (random: Random) => string> = {
  DK: (r) => pick(r, ["2", "3", "4", "5", "6", "7", "8", "9"]) + digits(r, 7),
  DE: (r) =>
    pick(r, [
      () => pick(r, ["151", "152", "157", "160", "162", "170", "171", "172", "176", "177"]) + digits(r, 7),
      () => pick(r, ["30", "40", "89", "69"]) + digits(r, int(r, 7, 8)),
      () => pick(r, ["221", "211", "711", "351"]) + digits(r, int(r, 6, 7)),
    ])(),
  // Every Spanish number has 9 digits, so the prefix decides how many random digits follow.
  ES: (r) => {
    const prefix = pick(r, ["6", "7", "91", "93", "95", "96"]);
    return prefix + digits(r, 9 - prefix.length);
  },
  GB: (r) => pick(r, [() => `7${int(r, 4, 9)}${digits(r, 8)}`, () => `20${int(r, 3, 8)}${digits(r, 7)}`])(),
  SE: (r) => pick(r, [() => `7${pick(r, ["0", "2", "3", "6", "9"])}${digits(r, 7)}`, () => `8${digits(r, 7)}`])(),
  NO: (r) => pick(r, ["4", "9"]) + digits(r, 7),
  US: (r) => `${int(r, 2, 9)}${digits(r, 2)}${int(r, 2, 9)}${digits(r, 6)}`,
};

const CALLING_CODES: Record<PhoneCountry, string> = {
  DK: "45",
  DE: "49",
  ES: "34",
  GB: "44",
  SE: "46",
  NO: "47",
  US: "1",
};
const TRUNK_ZERO = new Set<PhoneCountry>(["DE", "GB", "SE"]);

interface Phone {
  country: PhoneCountry;
  national: string;
  international: string;
  nsn: string;
}

function validPhone(random: Random, country: PhoneCountry): Phone {
  for (;;) {
    const nsn = NATIONAL_NUMBER[country](random);
    const parsed = parsePhoneNumber(`+${CALLING_CODES[country]}${nsn}`);
    if (parsed?.isValid()) {
      return { country, nsn, national: parsed.formatNational(), international: parsed.formatInternational() };
    }
  }
}

/** National spellings people actually type, for a number of this country. */
function nationalSpellings(phone: Phone): string[] {
  const { national, nsn, country } = phone;
  const compact = national.replace(/\D/g, "");
  const spellings = [national, compact, national.replace(/ /g, "-")];
  if (country === "DK" || country === "NO")
    spellings.push(`${nsn.slice(0, 4)} ${nsn.slice(4)}`, national.replace(/ /g, "."));
  if (country === "DE") spellings.push(national.replace(" ", "/"), national.replace(" ", " / "));
  if (country === "ES") spellings.push(`${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`);
  if (country === "US")
    spellings.push(
      `${nsn.slice(0, 3)}-${nsn.slice(3, 6)}-${nsn.slice(6)}`,
      `${nsn.slice(0, 3)}.${nsn.slice(3, 6)}.${nsn.slice(6)}`,
    );
  return spellings;
}

function internationalSpellings(phone: Phone): string[] {
  const { international, nsn, country } = phone;
  const code = CALLING_CODES[country];
  const rest = international.slice(code.length + 2);
  const spellings = [
    international,
    `+${code}${nsn}`,
    `00${code} ${rest}`,
    `00${code}${nsn}`,
    international.replace(/ /g, "-"),
  ];
  if (TRUNK_ZERO.has(country)) spellings.push(`+${code} (0)${rest}`, `+${code} (0) ${rest}`);
  return spellings;
}

function phoneSpelling(random: Random, workspace: CountryCode, cued: boolean): string {
  // Without a cue only numbers the workspace can validate are fair game: its own national numbers, or any written
  // internationally.
  if (!cued && chance(random, 0.5) && (PHONE_COUNTRIES as readonly string[]).includes(workspace)) {
    return pick(random, nationalSpellings(validPhone(random, workspace as PhoneCountry)));
  }
  const phone = validPhone(random, pick(random, PHONE_COUNTRIES));
  return pick(random, cued && chance(random, 0.5) ? nationalSpellings(phone) : internationalSpellings(phone));
}

// ── cards, IBANs, CPR, DNI, emails ───────────────────────────────────────────────────────────────────────────────

function luhnCheckDigit(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = payload.charCodeAt(payload.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

function card(random: Random): string {
  const [prefix, length] = pick(random, [
    ["4", 16],
    [`5${int(random, 1, 5)}`, 16],
    ["5019", 16],
    ["6011", 16],
    [pick(random, ["34", "37"]), 15],
  ] as const);
  const payload = prefix + digits(random, length - prefix.length - 1);
  const number = payload + luhnCheckDigit(payload);
  if (length === 15) {
    const groups = [number.slice(0, 4), number.slice(4, 10), number.slice(10)];
    return groups.join(pick(random, [" ", "-"]));
  }
  const groups = number.match(/.{4}/g) as string[];
  return pick(random, [groups.join(" "), groups.join("-"), number]);
}

const BBAN: Record<string, (random: Random) => string> = {
  DK: (r) => digits(r, 14),
  DE: (r) => digits(r, 18),
  ES: (r) => digits(r, 20),
  GB: (r) => pick(r, ["NWBK", "BARC", "HBUK", "LOYD"]) + digits(r, 14),
  SE: (r) => digits(r, 20),
  NO: (r) => digits(r, 11),
  FR: (r) => digits(r, 23),
  NL: (r) => pick(r, ["ABNA", "INGB", "RABO"]) + digits(r, 10),
};

function mod97(numeric: string): number {
  let remainder = 0;
  for (const char of numeric) remainder = (remainder * 10 + Number(char)) % 97;
  return remainder;
}

function iban(random: Random): string {
  const country = pick(random, Object.keys(BBAN));
  const bban = (BBAN[country] as (r: Random) => string)(random);
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const compact = `${country}${pad2(98 - mod97(numeric))}${bban}`;
  const grouped = (compact.match(/.{1,4}/g) as string[]).join(" ");
  return pick(random, [grouped, grouped, compact, grouped.toLowerCase()]);
}

function randomDate(random: Random, fromYear: number, toYear: number) {
  const year = int(random, fromYear, toYear);
  const month = int(random, 1, 12);
  const day = int(random, 1, month === 2 ? 28 : 30);
  return { year, month, day };
}

function cpr(random: Random, separated: boolean): string {
  const { year, month, day } = randomDate(random, 1940, 2005);
  const birth = `${pad2(day)}${pad2(month)}${pad2(year % 100)}`;
  return `${birth}${separated ? "-" : ""}${digits(random, 4)}`;
}

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

function dni(random: Random): string {
  if (chance(random, 0.3)) {
    const prefix = int(random, 0, 2);
    const body = digits(random, 7);
    return `${"XYZ"[prefix]}${body}${DNI_LETTERS[Number(`${prefix}${body}`) % 23]}`;
  }
  const body = String(int(random, 1, 9)) + digits(random, 7);
  const letter = DNI_LETTERS[Number(body) % 23] as string;
  return pick(random, [`${body}${letter}`, `${body}-${letter}`, `${body} ${letter}`, `${body}${letter.toLowerCase()}`]);
}

const FIRST_NAMES = ["mette", "søren", "anna", "jürgen", "lukas", "josé", "lucía", "emma", "oliver", "jane", "maría"];
const LAST_NAMES = ["hansen", "østergaard", "müller", "schmidt", "garcía", "fernández", "smith", "jensen", "weiß"];
const DOMAINS = ["gmail.com", "firma.dk", "example.co.uk", "correo.es", "web.de", "müller-bau.de", "outlook.com"];

function emailParts(random: Random) {
  const local = `${pick(random, FIRST_NAMES)}${pick(random, [".", "_", ""])}${pick(random, LAST_NAMES)}${int(random, 1, 999)}`;
  return { local: chance(random, 0.1) ? `${local}+orders` : local, domain: pick(random, DOMAINS) };
}

function email(random: Random): string {
  const { local, domain } = emailParts(random);
  const [name, ...rest] = domain.split(".");
  return pick(random, [
    () => `${local}@${domain}`,
    () => `${local}@${domain}`,
    () => `${local.toUpperCase()}@${domain.toUpperCase()}`,
    () => `${local} (at) ${name} (dot) ${rest.join(" (dot) ")}`,
    () => `${local} [at] ${domain}`,
    () => `${local} at ${name} dot ${rest.join(" dot ")}`,
  ])();
}

// ── look-alikes ──────────────────────────────────────────────────────────────────────────────────────────────────

/** 1299 → "1.299" (not Intl, so the corpus is the same on every runtime). */
function groupThousands(n: number, separator: string): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, separator);
}

type ProbeKind =
  | "order"
  | "ticket"
  | "invoice"
  | "tracking"
  | "date"
  | "time"
  | "price"
  | "duration"
  | "postcode"
  | "quantity";

const PROBE_VALUE: Record<ProbeKind, (random: Random, language: Language) => string> = {
  order: (r) => String(int(r, 1, 9)) + digits(r, int(r, 5, 11)),
  ticket: (r) => String(int(r, 1, 9)) + digits(r, int(r, 4, 8)),
  invoice: (r) =>
    pick(r, [
      () => String(int(r, 1, 9)) + digits(r, int(r, 5, 9)),
      () => `${int(r, 2023, 2027)}-${digits(r, 5)}`,
      () => `F-${int(r, 2023, 2027)}-${digits(r, 6)}`,
    ])(),
  tracking: (r) =>
    pick(r, [
      () => `JJD00${digits(r, 16)}`,
      () => `003${digits(r, 17)}`,
      () =>
        `1Z${Array.from({ length: 6 }, () => pick(r, [..."ABCDEFGHJKLMNPRSTUVWXY0123456789"])).join("")}${digits(r, 10)}`,
    ])(),
  date: (r) => {
    const { year, month, day } = randomDate(r, 2024, 2027);
    return pick(r, [
      `${year}-${pad2(month)}-${pad2(day)}`,
      `${pad2(day)}.${pad2(month)}.${year}`,
      `${day}/${month}/${year}`,
      `${pad2(day)}-${pad2(month)}-${year}`,
      `${day}.${month}.${String(year).slice(2)}`,
    ]);
  },
  time: (r) => {
    const h = int(r, 7, 20);
    const m = pick(r, ["00", "15", "30", "45"]);
    return pick(r, [`${h}:${m}`, `${pad2(h)}.${m}`, `${pad2(h)}.${m}-${pad2(h + 2)}.${m}`]);
  },
  price: (r) => {
    const whole = int(r, 1, 99999);
    const cents = pad2(int(r, 0, 99));
    const dotted = groupThousands(whole, ".");
    return pick(r, [
      `${dotted},${cents} kr`,
      `€${whole}.${cents}`,
      `${dotted},${cents} €`,
      `$${groupThousands(whole, ",")}.${cents}`,
      `£${whole}.${cents}`,
      `kr. ${dotted}`,
      `DKK ${dotted},${cents}`,
      `${String(int(r, 1, 999))} ${digits(r, 3)} kr`,
    ]);
  },
  duration: (r, language) => {
    const unit = {
      en: ["minutes", "hours", "days"],
      da: ["minutter", "timer", "dage"],
      de: ["Minuten", "Stunden", "Tage"],
      es: ["minutos", "horas", "días"],
    }[language];
    return `${int(r, 2, 120)} ${pick(r, unit)}`;
  },
  postcode: (r, language) =>
    pick(
      r,
      {
        en: ["2100 København Ø", "10115 Berlin", "28013 Madrid", "SW1A 1AA London"],
        da: [
          "2100 København Ø",
          "8000 Aarhus C",
          "5000 Odense C",
          "Vesterbrogade 12, 1620 København V",
          "Nørregade 7 8000 Aarhus C",
        ],
        de: ["10115 Berlin", "80331 München", "Hauptstraße 5, 10115 Berlin", "Hauptstraße 5 10115 Berlin"],
        es: ["28013 Madrid", "08001 Barcelona", "Calle Mayor 12, 28013 Madrid", "Calle Mayor 12 28013 Madrid"],
      }[language],
    ),
  quantity: (r, language) => {
    const n = `${int(r, 1, 9)} ${digits(r, 3)} ${digits(r, 3)}`;
    return `${n} ${{ en: "users", da: "kunder", de: "Kunden", es: "clientes" }[language]}`;
  },
};

// ── sentence templates ───────────────────────────────────────────────────────────────────────────────────────────

type Slot = "phone" | "cuedPhone" | "email" | "card" | "iban" | "cpr" | "cuedCpr" | "dni";
interface Templates {
  pii: Record<Slot, string[]>;
  probes: Partial<Record<ProbeKind, string[]>>;
}

const TEMPLATES: Record<Language, Templates> = {
  en: {
    pii: {
      cuedPhone: [
        "Please call me on {}",
        "You can reach me on {} after 5pm",
        "My mobile is {}",
        "Tel. {}",
        "Text me at {} when the driver is close",
        "Phone: {}",
        "Ring me back on {}",
        "WhatsApp me on {}",
        "Call {} if you need the door code",
      ],
      phone: ["I'm on {} all afternoon", "{} is the best way to get hold of me", "Best regards, Tom {}", "Jane, {}"],
      email: [
        "My email is {}",
        "Please send the receipt to {}",
        "{} never got the confirmation",
        "Write to {} instead",
      ],
      card: [
        "You charged my card {} twice",
        "The payment on card {} failed",
        "Refund it to {} please",
        "My Visa {} was declined",
      ],
      iban: ["Please refund to {}", "My IBAN is {}", "Bank account {}"],
      cpr: ["I gave you {} in the form"],
      cuedCpr: ["My CPR number is {}", "CPR {}"],
      dni: ["My DNI is {}", "NIE {}", "ID {}"],
    },
    probes: {
      order: ["Order #{} never arrived", "my order {} was late", "order number {} is wrong"],
      ticket: ["ticket {} is still open", "case {} was closed without an answer"],
      invoice: ["invoice {} is wrong"],
      tracking: ["the parcel {} shows nothing", "{} has not moved since Monday", "tracking {}"],
      date: ["it was delivered on {}", "I ordered on {}"],
      time: ["the driver came at {}"],
      price: ["it cost {}", "you charged {} for shipping"],
      duration: ["I waited {} on hold"],
      postcode: ["ship it to {}"],
      quantity: ["you have {} and still no phone line"],
    },
  },
  da: {
    pii: {
      cuedPhone: [
        "Ring til mig på {}",
        "Du kan fange mig på tlf. {}",
        "Mit mobilnummer er {}",
        "Ring venligst {} efter kl. 16",
        "Send en sms til {}",
        "tlf: {}",
        "Kontakt mig på {}",
      ],
      phone: ["Jeg er at træffe på {} hele dagen", "{} virker fint", "Hilsen Mette, {}"],
      email: ["Min mail er {}", "Send kvitteringen til {}", "Skriv til {}", "{} har ikke fået nogen bekræftelse"],
      card: ["I har trukket {} to gange", "Betalingen med kort {} fejlede", "Kortnummer {}"],
      iban: ["Refunder venligst til {}", "Mit IBAN er {}", "Kontonummer {}"],
      cpr: ["Jeg har oplyst {} i formularen", "Mit barn har {}"],
      cuedCpr: ["Mit CPR-nummer er {}", "CPR: {}", "personnummer {}"],
      dni: ["Min spanske NIE er {}"],
    },
    probes: {
      order: ["Ordre {} er aldrig kommet", "ordrenummer: {}", "min ordre nr. {} mangler en vare"],
      ticket: ["sagsnummer {}", "sag {} er stadig åben"],
      invoice: ["faktura {} er forkert"],
      tracking: ["pakken {} står stille", "{} er ikke rykket siden mandag"],
      date: ["den blev leveret {}", "bestilt {}"],
      time: ["chaufføren kom kl. {}"],
      price: ["det kostede {}", "I tog {} for fragt"],
      duration: ["jeg ventede {} i telefonen"],
      postcode: ["send den til {}"],
      quantity: ["I har {} og ingen svarer"],
    },
  },
  de: {
    pii: {
      cuedPhone: [
        "Rufen Sie mich unter {} an",
        "Meine Handynummer ist {}",
        "Tel. {}",
        "Erreichbar unter {}",
        "Bitte um Rückruf: {}",
        "Telefon: {}",
        "Schicken Sie mir eine SMS an {}",
      ],
      phone: ["Mfg Jürgen, {}", "{} — bitte nur werktags", "Ab 16 Uhr bin ich auf {} zu haben"],
      email: ["Meine E-Mail: {}", "Bitte an {} schicken", "Schreiben Sie an {}"],
      card: ["Meine Karte {} wurde doppelt belastet", "Zahlung mit {} abgelehnt"],
      iban: ["Bitte erstatten Sie auf {}", "IBAN: {}", "Mein Konto {}"],
      cpr: ["Meine dänische Nummer {}"],
      cuedCpr: ["Meine CPR-Nummer ist {}"],
      dni: ["Mein spanischer Ausweis: DNI {}"],
    },
    probes: {
      order: ["Bestellung Nr. {} ist nicht angekommen", "Bestellnummer: {}", "meine Bestellung {} fehlt"],
      ticket: ["Vorgang {} ist noch offen", "Ticket {} wurde geschlossen"],
      invoice: ["Rechnung Nr. {} stimmt nicht"],
      tracking: ["Sendung {} bewegt sich nicht", "{} steht seit Montag still"],
      date: ["geliefert am {}", "bestellt am {}"],
      time: ["der Fahrer kam um {}"],
      price: ["es kostete {}", "Versand {}"],
      duration: ["{} in der Warteschleife"],
      postcode: ["Lieferadresse {}"],
      quantity: ["Sie haben {} und keiner geht ran"],
    },
  },
  es: {
    pii: {
      cuedPhone: [
        "Llámame al {}",
        "Mi móvil es {}",
        "Tel. {}",
        "Pueden contactarme en el {}",
        "Mi teléfono: {}",
        "Escríbanme por WhatsApp al {}",
      ],
      phone: ["Estoy en el {} toda la tarde", "Saludos, Ana {}"],
      email: ["Mi correo es {}", "Envíen la factura a {}", "Escribidme a {}"],
      card: ["Me cobraron dos veces en la tarjeta {}", "El pago con {} falló"],
      iban: ["Devuélvanme el dinero a {}", "Mi IBAN es {}", "Cuenta {}"],
      cpr: ["Mi número danés es {}"],
      cuedCpr: ["Mi CPR es {}"],
      dni: ["Mi DNI es {}", "NIE {}", "con documento {}", "Soy el titular, {}"],
    },
    probes: {
      order: ["El pedido {} no ha llegado", "número de pedido {}", "pedido nº {}"],
      ticket: ["incidencia {} sigue abierta", "caso {}"],
      invoice: ["la factura {} está mal"],
      tracking: ["el envío {} no se mueve", "{} sigue parado desde el lunes"],
      date: ["entregado el {}", "pedí el {}"],
      time: ["el repartidor vino a las {}"],
      price: ["costó {}", "me cobraron {} de envío"],
      duration: ["esperé {} al teléfono"],
      postcode: ["envíenlo a {}"],
      quantity: ["tienen {} y nadie contesta"],
    },
  },
};

const WORKSPACE: Record<Language, readonly CountryCode[]> = { en: ["GB", "US"], da: ["DK"], de: ["DE"], es: ["ES"] };
const SLOT_KIND: Record<Slot, RedactionKind> = {
  phone: "phone",
  cuedPhone: "phone",
  email: "email",
  card: "card",
  iban: "iban",
  cpr: "cpr",
  cuedCpr: "cpr",
  dni: "national_id",
};
// Phones and emails dominate real feedback; ids are rarer.
const SLOT_WEIGHTS: Array<[Slot, number]> = [
  ["cuedPhone", 6],
  ["phone", 4],
  ["email", 4],
  ["card", 2],
  ["iban", 2],
  ["cpr", 1],
  ["cuedCpr", 1],
  ["dni", 1],
];

function weightedSlot(random: Random): Slot {
  const total = SLOT_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [slot, weight] of SLOT_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return slot;
  }
  return "phone";
}

function plantedValue(random: Random, slot: Slot, country: CountryCode): string {
  switch (slot) {
    case "phone":
    case "cuedPhone":
      return phoneSpelling(random, country, slot === "cuedPhone");
    case "email":
      return email(random);
    case "card":
      return card(random);
    case "iban":
      return iban(random);
    case "cpr":
      return cpr(random, true);
    case "cuedCpr":
      return cpr(random, chance(random, 0.5));
    case "dni":
      return dni(random);
  }
}

interface Fragment {
  text: string;
  expected: string;
  planted?: PlantedValue;
  probe?: string;
}

function piiFragment(random: Random, language: Language, country: CountryCode): Fragment {
  const slot = weightedSlot(random);
  const template = capitalized(pick(random, TEMPLATES[language].pii[slot]));
  const value = plantedValue(random, slot, country);
  const kind = SLOT_KIND[slot];
  return {
    text: template.replace("{}", value),
    expected: template.replace("{}", `[${kind}]`),
    planted: { kind, value },
  };
}

function probeFragment(random: Random, language: Language): Fragment {
  const probes = TEMPLATES[language].probes;
  const kind = pick(random, Object.keys(probes) as ProbeKind[]);
  const template = capitalized(pick(random, probes[kind] as string[]));
  const value = PROBE_VALUE[kind](random, language);
  const text = template.replace("{}", value);
  return { text, expected: text, probe: value };
}

/** Capitalizes a template's first word, never a value filled in at its start (an email stays lowercase). */
function capitalized(template: string): string {
  return template.startsWith("{}") ? template : template.charAt(0).toUpperCase() + template.slice(1);
}

function sentence(parts: string[]): string {
  return `${parts.join(". ")}.`;
}

/** Generates `size` corpus items from `seed`; the same seed gives the same corpus everywhere. */
export function generatePiiCorpus(options: { seed?: number; size?: number } = {}): CorpusItem[] {
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const items: CorpusItem[] = [];
  for (let n = 0; n < (options.size ?? DEFAULT_SIZE); n++) {
    const language = pick(random, ["en", "da", "de", "es"] as const);
    const country = pick(random, WORKSPACE[language]);
    const fragments: Fragment[] = [];
    const piiCount = int(random, 0, 2);
    const probeCount = int(random, piiCount === 0 ? 1 : 0, 2);
    for (let i = 0; i < piiCount; i++) fragments.push(piiFragment(random, language, country));
    for (let i = 0; i < probeCount; i++) fragments.push(probeFragment(random, language));
    // Shuffle, so look-alikes come before and after the planted values.
    for (let i = fragments.length - 1; i > 0; i--) {
      const j = int(random, 0, i);
      [fragments[i], fragments[j]] = [fragments[j] as Fragment, fragments[i] as Fragment];
    }
    items.push({
      text: sentence(fragments.map((f) => f.text)),
      expected: sentence(fragments.map((f) => f.expected)),
      country,
      language,
      planted: fragments.flatMap((f) => (f.planted ? [f.planted] : [])),
      probes: fragments.flatMap((f) => (f.probe ? [f.probe] : [])),
    });
  }
  return items;
}

// ── evaluation ───────────────────────────────────────────────────────────────────────────────────────────────────

const SEPARATORS = /[\s\-./()+]/g;

/**
 * Whether a planted value survives in the redacted text: its email local part, or any run of six of its digits in
 * the output with separators removed. A run the perfectly redacted text (`expected`) also contains (a look-alike
 * next to it that happens to share six digits) is not the planted value's.
 */
export function plantedValueLeaked(planted: PlantedValue, output: string, expected: string): boolean {
  if (planted.kind === "email") {
    const local = emailLocalPart(planted.value);
    return output.toLowerCase().includes(local.toLowerCase());
  }
  const plantedDigits = planted.value.replace(/\D/g, "");
  const outputDigits = output.replace(SEPARATORS, "");
  const expectedDigits = expected.replace(SEPARATORS, "");
  for (let i = 0; i + LEAK_WINDOW <= plantedDigits.length; i++) {
    const window = plantedDigits.slice(i, i + LEAK_WINDOW);
    if (outputDigits.includes(window) && !expectedDigits.includes(window)) return true;
  }
  return false;
}

function emailLocalPart(value: string): string {
  return (/^[^\s@([]+/.exec(value) as RegExpExecArray)[0];
}

/**
 * Redacts a seeded planted-PII corpus (default seed 1, 2,000 sentences) with each sentence's workspace country and
 * counts leaks (planted values that survive, per kind) and false positives (look-alikes that did not survive intact).
 */
export function evaluateRedaction(options: { seed?: number; size?: number } = {}): PiiEvaluation {
  const evaluation: PiiEvaluation = {
    planted: 0,
    leaks: 0,
    leakExamples: [],
    byKind: {},
    probes: 0,
    falsePositives: 0,
    falsePositiveExamples: [],
  };
  for (const item of generatePiiCorpus(options)) {
    const output = redact(item.text, { country: item.country }).text;
    for (const planted of item.planted) {
      const kind = evaluation.byKind[planted.kind] ?? { planted: 0, leaks: 0 };
      evaluation.byKind[planted.kind] = kind;
      kind.planted++;
      evaluation.planted++;
      if (plantedValueLeaked(planted, output, item.expected)) {
        kind.leaks++;
        evaluation.leaks++;
        if (evaluation.leakExamples.length < MAX_EXAMPLES) {
          evaluation.leakExamples.push(`${planted.kind} ${planted.value} (${item.country}): ${output}`);
        }
      }
    }
    for (const probe of item.probes) {
      evaluation.probes++;
      if (!output.includes(probe)) {
        evaluation.falsePositives++;
        if (evaluation.falsePositiveExamples.length < MAX_EXAMPLES) {
          evaluation.falsePositiveExamples.push(`${probe} (${item.country}): ${output}`);
        }
      }
    }
  }
  return evaluation;
}
