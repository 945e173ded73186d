/**
 * Slot fillers for phrase templates: `{n}`, `{order}`, `{carrier}`, `{item}`, `{phone}`, … Values follow the
 * customer's language and market (Danes pay in kroner and get PostNord; Germans pay in euro and get DHL). A slot
 * written with a capital (`{Item}`) is capitalized, for slots that open a sentence.
 *
 * Personal data (`{phone}`, `{email}`, `{card}`, `{iban}`) is realistic enough to exercise redaction: card numbers
 * pass Luhn and IBANs pass mod-97. Look-alikes (`{order}`, `{tracking}`, `{date}`) deliberately do not.
 * @module
 */

import type { Random } from "../../../functions/core/src/random.ts";
import { DAY_MS, formatClock, formatDate, localParts, monthName, weekdayName } from "./calendar.ts";
import type { Language, Market } from "./content-types.ts";

export interface SlotContext {
  random: Random;
  language: Language;
  market: Market;
  occurredAt: number;
  /** The touchpoint's topic in this language (`the payment`, `betalingen`, `der Bezahlung`). */
  topic: string;
  /** The customer's first name, for sign-offs. */
  firstName: string;
  /** The customer's email, for "my email is …". */
  email: string;
  /** When set, `{weekday}` names the weekday of this moment: "following up on my message from Monday". */
  previousContactAt?: number;
}

type Forms = Readonly<Record<Language, string>> & { deAcc?: string };

const PRODUCTS: readonly Forms[] = [
  { en: "the linen duvet cover", da: "dynebetrækket i hør", de: "der Leinen-Bettbezug", deAcc: "den Leinen-Bettbezug" },
  { en: "the wool throw", da: "plaiden i uld", de: "die Wolldecke" },
  { en: "the ceramic vase", da: "keramikvasen", de: "die Keramikvase" },
  {
    en: "the oak side table",
    da: "sidebordet i eg",
    de: "der Beistelltisch aus Eiche",
    deAcc: "den Beistelltisch aus Eiche",
  },
  { en: "the table lamp", da: "bordlampen", de: "die Tischlampe" },
  { en: "the stoneware dinner set", da: "stentøjsstellet", de: "das Steingut-Geschirrset" },
  { en: "the bath towel set", da: "håndklædesættet", de: "das Handtuchset" },
  { en: "the rattan mirror", da: "rattanspejlet", de: "der Rattanspiegel", deAcc: "den Rattanspiegel" },
];

/** Textiles with the size a customer would have ordered. */
const TEXTILES: ReadonlyArray<{ name: Forms; size: Forms }> = [
  {
    name: { en: "the fitted sheet", da: "stræklagenet", de: "das Spannbettlaken" },
    size: { en: "180×200 cm", da: "180×200 cm", de: "180×200 cm" },
  },
  {
    name: { en: "the duvet cover", da: "dynebetrækket", de: "der Bettbezug" },
    size: { en: "140×220 cm", da: "140×220 cm", de: "140×220 cm" },
  },
  {
    name: { en: "the bathrobe", da: "badekåben", de: "der Bademantel" },
    size: { en: "size M", da: "str. M", de: "Größe M" },
  },
  {
    name: { en: "the linen tablecloth", da: "hørdugen", de: "die Leinentischdecke" },
    size: { en: "145×250 cm", da: "145×250 cm", de: "145×250 cm" },
  },
  {
    name: { en: "the linen shirt", da: "hørskjorten", de: "das Leinenhemd" },
    size: { en: "size L", da: "str. L", de: "Größe L" },
  },
];

/** Things in the subscription box that break in transit. */
const FRAGILE_BOX_ITEMS: readonly Forms[] = [
  { en: "the ceramic mug", da: "keramikkruset", de: "der Keramikbecher" },
  { en: "the glass carafe", da: "glaskaraflen", de: "die Glaskaraffe" },
  { en: "the stoneware bowl", da: "stentøjsskålen", de: "die Steingutschale" },
  { en: "the glass vase", da: "glasvasen", de: "die Glasvase" },
];

/** Things in the subscription box that melt in a warm van. */
const MELTING_BOX_ITEMS: readonly Forms[] = [
  { en: "the scented candle", da: "duftlyset", de: "die Duftkerze" },
  { en: "the chocolate", da: "chokoladen", de: "die Schokolade" },
  { en: "the beeswax candle", da: "bivokslyset", de: "die Bienenwachskerze" },
];

const DISCOUNT_CODES = ["WELCOME15", "NORDLYS20", "HYGGE25", "BLACKWEEK30", "CLUB10", "BDAY20", "SOMMER15"];

const CARRIERS: Readonly<Record<Market, ReadonlyArray<readonly [string, number]>>> = {
  DK: [
    ["PostNord", 0.45],
    ["GLS", 0.3],
    ["DAO", 0.25],
  ],
  DE: [
    ["DHL", 0.6],
    ["Hermes", 0.2],
    ["GLS", 0.2],
  ],
  UK: [
    ["Royal Mail", 0.4],
    ["DPD", 0.35],
    ["Evri", 0.25],
  ],
};

const STREETS: Readonly<Record<Market, readonly string[]>> = {
  DK: ["Nørrebrogade", "Vesterbrogade", "Jagtvej", "Strandvejen", "Frederiksberg Allé", "Østerbrogade", "Vestergade"],
  DE: ["Bergmannstraße", "Schillerstraße", "Lindenallee", "Hauptstraße", "Eppendorfer Weg", "Kastanienallee"],
  UK: ["Elm Road", "Station Road", "Park Avenue", "Church Lane", "Victoria Street", "Mill Lane"],
};

const PRICES: Readonly<Record<Market, readonly number[]>> = {
  DK: [149, 199, 249, 299, 349, 449, 599, 899, 1299],
  DE: [19.95, 29.95, 39.95, 49.95, 59.95, 89, 129],
  UK: [15, 25, 35, 49, 65, 89, 119],
};

/** Yearly box plan price per market. */
const YEARLY_PRICE: Readonly<Record<Market, number>> = { DK: 2148, DE: 288, UK: 239 };

/** `1.299` or `1,299`: thousands separators differ by language. */
function groupThousands(value: number, separator: string): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** A price as a customer in `language` writes it, in the currency of their market. */
export function formatAmount(value: number, market: Market, language: Language): string {
  if (market === "DK") {
    const kroner = Math.round(value);
    if (language === "da") return `${groupThousands(kroner, ".")} kr.`;
    return language === "en" ? `DKK ${groupThousands(kroner, ",")}` : `${groupThousands(kroner, ".")} DKK`;
  }
  const [whole = "0", cents = "00"] = value.toFixed(2).split(".");
  const symbol = market === "DE" ? "€" : "£";
  if (language === "en") return `${symbol}${groupThousands(Number(whole), ",")}.${cents}`;
  return `${groupThousands(Number(whole), ".")},${cents} ${symbol}`;
}

const digits = (random: Random, length: number) => random.chars("0123456789", length);

function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = number.charCodeAt(number.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digit that makes `payload` + digit pass Luhn. */
function luhnCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(payload + d)) return String(d);
  throw new Error("unreachable: one of ten digits always completes a Luhn number");
}

/** A Visa or Mastercard number that passes Luhn, written as customers do (spaced, dashed or run together). */
export function cardNumber(random: Random): string {
  if (random.chance(0.15)) return "4111 1111 1111 1111";
  const payload = random.pick(["4", "51", "52", "53", "54", "55"]);
  const body = payload + digits(random, 15 - payload.length);
  const number = body + luhnCheckDigit(body);
  const groups = number.match(/.{4}/g) ?? [number];
  return random.weighted([
    [groups.join(" "), 0.6],
    [groups.join("-"), 0.15],
    [number, 0.25],
  ]);
}

/** ISO 13616 check digits for `country` + `bban`. */
function ibanCheckDigits(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`;
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= "A" ? char.charCodeAt(0) - 55 : Number(char);
    remainder = Number(`${remainder}${value}`) % 97;
  }
  return String(98 - remainder).padStart(2, "0");
}

/** A Danish, German or British IBAN with valid check digits, in print format (groups of four). */
export function iban(random: Random, market: Market): string {
  if (random.chance(0.1)) return "DK50 0040 0440 1162 43";
  const country = market === "UK" ? "GB" : market;
  const bban =
    market === "DK" ? digits(random, 14) : market === "DE" ? digits(random, 18) : `NWBK${digits(random, 14)}`;
  const compact = `${country}${ibanCheckDigits(country, bban)}${bban}`;
  return (compact.match(/.{1,4}/g) ?? [compact]).join(" ");
}

/** A phone number in the shapes people type in each market: +45 20 12 34 56, 0151 2345 6789, +44 7700 900123. */
export function phoneNumber(random: Random, market: Market): string {
  if (market === "DK") {
    const local = `${random.pick(["2", "3", "4", "5", "6"])}${digits(random, 7)}`;
    const pairs = local.match(/.{2}/g)?.join(" ") ?? local;
    return random.weighted([
      [`+45 ${pairs}`, 0.55],
      [pairs, 0.3],
      [`+45${local}`, 0.15],
    ]);
  }
  if (market === "DE") {
    const prefix = random.pick(["151", "160", "170", "176"]);
    return random.weighted([
      [`+49 ${prefix} ${digits(random, 8)}`, 0.45],
      [`0${prefix} ${digits(random, 4)} ${digits(random, 4)}`, 0.35],
      [`+49 (0)30 ${digits(random, 8)}`, 0.2],
    ]);
  }
  // Ofcom's drama range: realistic shape, never a real subscriber.
  return random.pick([`+44 7700 900${digits(random, 3)}`, `07700 900${digits(random, 3)}`]);
}

/** UPU S10 check digit for eight serial digits (PostNord and Royal Mail parcel ids). */
function s10CheckDigit(serial: string): string {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (serial.charCodeAt(i) - 48) * (weights[i] as number);
  const check = 11 - (sum % 11);
  return String(check === 10 ? 0 : check === 11 ? 5 : check);
}

/**
 * A tracking number for `carrier`. The 16-digit `JJD…` kind never passes Luhn, so no honest redactor mistakes it
 * for a card number.
 */
export function trackingNumber(random: Random, carrier: string): string {
  if (carrier === "PostNord" || carrier === "Royal Mail") {
    const serial = digits(random, 8);
    return `${random.pick(["CC", "RR", "VV"])}${serial}${s10CheckDigit(serial)}${carrier === "PostNord" ? "DK" : "GB"}`;
  }
  let serial = `000${digits(random, 13)}`;
  if (luhnValid(serial)) serial = serial.slice(0, -1) + String((Number(serial.slice(-1)) + 1) % 10);
  return `JJD${serial}`;
}

/** `#100482331`: nine digits, the shape of Nordlys order numbers. */
export const orderNumber = (random: Random) => `#100${digits(random, 6)}`;

const TRANSLITERATION: Readonly<Record<string, string>> = {
  æ: "ae",
  ø: "oe",
  å: "aa",
  ä: "ae",
  ö: "oe",
  ü: "ue",
  ß: "ss",
  é: "e",
};

/** Lower-case ASCII for email local parts: `Søren` → `soeren`. */
export function emailSafe(name: string): string {
  let safe = emailSafeCache.get(name);
  if (safe === undefined) {
    safe = name.toLowerCase().replace(/[æøåäöüßé]/g, (char) => TRANSLITERATION[char] ?? char);
    emailSafeCache.set(name, safe);
  }
  return safe;
}

const emailSafeCache = new Map<string, string>();

const capitalize = (text: string) => (text.length > 0 ? (text[0] as string).toUpperCase() + text.slice(1) : text);

const SLOT = /\{(\w+)\}/g;

/**
 * A template filler for one item. Slot values are drawn once per filler and only when a template asks for them, so
 * `{item}` and `{itemAcc}` in the same text name the same product, and `{carrier}` matches `{tracking}`.
 */
export function createSlotFiller(context: SlotContext): (template: string) => string {
  const { random, language, market, occurredAt } = context;
  const memo = new Map<string, string>();
  const resolve = (name: string): string => {
    let value = memo.get(name);
    if (value === undefined) {
      value = makeSlot(name);
      memo.set(name, value);
    }
    return value;
  };
  const index = (name: string, length: number) => Number(resolve(`#${name}:${length}`));
  const product = () => PRODUCTS[index("product", PRODUCTS.length)] as Forms;
  const textile = () => TEXTILES[index("textile", TEXTILES.length)] as (typeof TEXTILES)[number];

  function makeSlot(name: string): string {
    if (name.startsWith("#")) return String(random.int(0, Number(name.split(":")[1]) - 1));
    switch (name) {
      case "n":
        return String(random.int(2, 9));
      case "n2":
        return String(Number(resolve("n")) + 2);
      case "weeks":
        return String(random.int(2, 6));
      case "months":
        return String(random.int(2, 3));
      case "tries":
        return String(random.int(3, 6));
      case "minutes":
        return String(random.pick([15, 20, 25, 30, 40, 45]));
      case "cm":
        return String(random.int(5, 20));
      case "order":
        return orderNumber(random);
      case "carrier":
        return random.weighted(CARRIERS[market]);
      case "tracking":
        return trackingNumber(random, resolve("carrier"));
      case "date":
        return formatDate(occurredAt - random.int(1, 12) * DAY_MS, language, random);
      case "weekday": {
        const previous = context.previousContactAt;
        return weekdayName(previous === undefined ? random.int(1, 5) : localParts(previous).weekday, language);
      }
      case "lastMonth":
        return monthName(localParts(occurredAt - 30 * DAY_MS).month, language);
      case "boxMonth":
        return monthName(localParts(occurredAt).month, language);
      case "item":
        return product()[language];
      case "itemAcc": {
        const forms = product();
        return language === "de" ? (forms.deAcc ?? forms.de) : forms[language];
      }
      case "textile":
        return textile().name[language];
      case "size":
        return textile().size[language];
      case "breakItem":
        return (FRAGILE_BOX_ITEMS[index("fragile", FRAGILE_BOX_ITEMS.length)] as Forms)[language];
      case "meltItem":
        return (MELTING_BOX_ITEMS[index("melting", MELTING_BOX_ITEMS.length)] as Forms)[language];
      case "code":
        return random.pick(DISCOUNT_CODES);
      case "amount":
        return formatAmount(random.pick(PRICES[market]), market, language);
      case "yearlyAmount":
        return formatAmount(YEARLY_PRICE[market], market, language);
      case "street": {
        const street = random.pick(STREETS[market]);
        const number = random.int(2, 140);
        return market === "UK" ? `${number} ${street}` : `${street} ${number}`;
      }
      case "houseNo":
        return String(random.int(2, 140));
      case "time":
        return formatClock(random.int(8, 20), random.int(0, 59), language);
      case "topic":
        return context.topic;
      case "name":
        return context.firstName;
      case "email":
        return context.email;
      case "phone":
        return phoneNumber(random, market);
      case "card":
        return cardNumber(random);
      case "iban":
        return iban(random, market);
      default:
        throw new Error(`unknown slot {${name}}`);
    }
  }

  return (template) =>
    template.includes("{")
      ? template.replace(SLOT, (_match, slot: string) => {
          const lower = (slot[0] as string).toLowerCase() + slot.slice(1);
          const value = resolve(lower);
          return lower === slot ? value : capitalize(value);
        })
      : template;
}
