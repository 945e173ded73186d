/**
 * Personal-data redaction, run before anything is stored. Replaces, in this order:
 * - emails (Unicode, and obfuscated "jane (at) example (dot) com" / "jane at example dot com") → `[email]`
 * - IBANs of any country, spaced or not, any case, checked with mod-97 and the country's length → `[iban]`
 * - card numbers: 13–19 digits (spaces or dashes) with a card-network first digit, passing Luhn → `[card]`
 * - Danish CPR numbers: DDMMYY-XXXX with a real date; DDMMYYXXXX only next to "CPR"/"personnummer" → `[cpr]`
 * - Spanish DNI/NIE with a valid control letter (or any control letter next to "DNI"/"NIE"/"NIF") → `[national_id]`
 * - phone numbers → `[phone]`
 *
 * Phones: a permissive candidate pattern finds digit groups; dates and times are masked first so they neither match
 * nor glue onto a neighbouring number. A candidate is a phone number when it is written internationally (`+45 …`,
 * `0049 …`) with a real calling code, when a phone cue is near it ("call me on", "ring til mig på", "Tel.", "mobil",
 * "rufen Sie … an", "llámame al"), or when libphonenumber (`/min`: length and leading digits) validates it as a
 * national number of the workspace country — written with that country's trunk prefix where it has one (DE `030 …`,
 * GB `020 …`). Guards keep references ("order 20123456", "Bestellung Nr. …", "#123…"), amounts next to a currency or
 * unit ("1 299 000 kr", "2 500 000 users"), house number + postcode before a city, letter-prefixed codes (tracking
 * "JJD…", "1Z…") and over-long digit runs (SSCC tracking numbers). Recall comes first: a leak is worse than an
 * over-redacted word, so a phone cue wins over validation. A national number of another country ("030 1234567" in a
 * Danish workspace) is redacted only when written internationally or next to a cue.
 *
 * Kinds: CPR keeps its own kind (`cpr`, as stored so far); other national ids (DNI/NIE) count as `national_id`.
 * @module
 */
import parsePhoneNumber, {
  type CountryCode,
  isSupportedCountry,
  validatePhoneNumberLength,
} from "libphonenumber-js/min";

export type RedactionKind = "email" | "phone" | "card" | "iban" | "cpr" | "national_id";

export interface Redaction {
  text: string;
  counts: Partial<Record<RedactionKind, number>>;
}

export interface RedactOptions {
  /** The workspace's country (ISO 3166-1 alpha-2) national phone numbers are validated against. Default "DK". */
  country?: string;
}

const DEFAULT_COUNTRY: CountryCode = "DK";

// ── emails ───────────────────────────────────────────────────────────────────────────────────────────────────────

const EMAIL = /[\p{L}\p{N}._%+'-]+[ \u00a0]?@[ \u00a0]?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const TLDS = "com|net|org|info|biz|io|eu|dk|de|es|se|no|fi|nl|be|fr|it|at|ch|pl|pt|ie|us|ca|co\\.uk|uk";
const BRACKET_AT = String.raw`[ \u00a0]*[([{<][ \u00a0]*(?:at|snabel-a|arroba|ät)[ \u00a0]*[)\]}>][ \u00a0]*`;
const BRACKET_DOT = String.raw`(?:[ \u00a0]*[([{<][ \u00a0]*(?:dot|punkt|punto|prik)[ \u00a0]*[)\]}>][ \u00a0]*|\.)`;
const WORD_DOT = String.raw`[ \u00a0]+(?:dot|punkt|punto|prik)[ \u00a0]+`;
const LABEL = String.raw`[\p{L}\p{N}-]+`;
const LOCAL = String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+`;
// "jane (at) example (dot) com" / "jane [at] example.com", and the bare-word form only when "dot" is a word too
// ("jane at example dot com"), so "look at example.com" stays a sentence.
const OBFUSCATED_EMAIL = new RegExp(
  `${LOCAL}(?:${BRACKET_AT}${LABEL}(?:${BRACKET_DOT}${LABEL})*?${BRACKET_DOT}|[ \\u00a0]+(?:at|AT)[ \\u00a0]+${LABEL}(?:${WORD_DOT}${LABEL})*?${WORD_DOT})(?:${TLDS})(?![\\p{L}\\p{N}])`,
  "giu",
);
const MAY_HAVE_OBFUSCATED_EMAIL = /[([{<]\s*(?:at|snabel-a|arroba|ät)\s*[)\]}>]|\s(?:dot|punkt|punto|prik)\s/i;

// ── IBAN ─────────────────────────────────────────────────────────────────────────────────────────────────────────

const IBAN = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,32}/gu;
// biome-ignore format: a table
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, CH: 21, CR: 22, CY: 28, CZ: 24,
  DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27,
  GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21,
  LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28,
  PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20,
};

// ── cards, CPR, DNI ──────────────────────────────────────────────────────────────────────────────────────────────

// Digit groups separated by single spaces or dashes; windows of whole groups are tried, so a card next to another
// number is still found.
const DIGIT_RUN = /(?<![\p{L}\p{N}_#@+.,]|\p{N}[.,/])\d+(?:[ \u00a0-]\d+)*/gu;
const CARD_FIRST_DIGIT = /^[2-6]/;
const CPR =
  /(?<![\p{L}\p{N}_]|\p{N}[-./ ])(\d{2})(\d{2})(\d{2})([-\u2010\u2011\u2013 ]?)(\d{4})(?![\p{L}\p{N}_]|[-./]\p{N})/gu;
const CPR_CUE = /(?<!\p{L})(?:cpr|personnummer|personnr|person-nr)/iu;
const DNI = /(?<![\p{L}\p{N}_])([XYZxyz]?)(\d{7,8})([ -]?)([A-Za-z])(?![\p{L}\p{N}_])/gu;
const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
const DNI_CUE = /(?<!\p{L})(?:dni|nie|nif|documento|identidad)(?!\p{L})/iu;

// ── phones ───────────────────────────────────────────────────────────────────────────────────────────────────────

// Dates and times are masked before phone candidates are searched, so "03.10.2026" never becomes a phone and
// "kl. 14.30 20123456" still finds the phone.
const DATE =
  /(?<!\p{N}[-./]?)(?:(\d{4})[-./](\d{1,2})[-./](\d{1,2})|(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2}))(?![-./]?\p{N})/gu;
const TIME =
  /(?<!\p{N}[.:]?)([01]?\d|2[0-4])[.:]([0-5]\d)(?:[ \u00a0]?[-–][ \u00a0]?([01]?\d|2[0-4])[.:]([0-5]\d))?(?![.:]?\p{N})/gu;
const MASK = "~";
// A period joins digits only unspaced ("20.12.34.56"): ". " ends a sentence. Dashes and slashes may be spaced
// ("030 / 1234567"). A parenthesised group ("(0)", "(201)") may touch its neighbours.
const SEP = String.raw`(?:[ \u00a0]?[-/–][ \u00a0]?|\.|[ \u00a0])`;
const GROUP = String.raw`(?:\(\+?\d{1,5}\)|\d+)`;
const JOIN = String.raw`(?:${SEP}|(?<=\))(?=\d)|(?<=\d)(?=\())`;
// Letters right before are allowed here and judged in code: "tlf20123456" is a phone, "JJD000224…" is not. Letters
// right after are not: "…31 1Z999AA…" ends before the tracking number.
const PHONE_CANDIDATE = new RegExp(
  String.raw`(?<![\p{N}_#@+€$£¥]|\p{N}[.,:/-])(?:\+[ \u00a0]?)?${GROUP}(?:${JOIN}${GROUP})*(?![\p{L}\p{N}_])`,
  "gu",
);
const DIGIT_GROUP = /[+(]*\d[\d()]*/g;

// biome-ignore format: a word list
const PHONE_CUE_WORDS = [
  // en
  "call\\p{L}*", "phone\\p{L}*", "telephone", "tel", "tlf", "mobile?", "mob", "cell\\p{L}*", "ring\\p{L}*", "text",
  "sms", "whats-?app", "fax", "reach", "contact\\p{L}*", "hotline", "number",
  // da
  "telefon\\p{L}*", "mobil\\p{L}*", "nummer", "nr", "kontakt\\p{L}*", "fastnet",
  // de
  "anruf\\p{L}*", "ruf\\p{L}*", "handy\\p{L}*", "erreich\\p{L}*", "rückruf\\p{L}*", "zurückruf\\p{L}*", "durchwahl",
  "festnetz\\p{L}*", "unter",
  // es
  "ll[aá]m\\p{L}*", "teléfono", "telefono", "tfno", "tf", "móvil", "movil", "celular", "número", "numero", "núm",
  "contact\\p{L}*", "whatsapp",
];
const PHONE_CUE_BEFORE = new RegExp(`(?<!\\p{L})(?:${PHONE_CUE_WORDS.join("|")})(?!\\p{L})`, "iu");
const PHONE_CUE_AFTER = /^[ \u00a0]*(?:an\b|anrufen|zurückrufen|erreichbar)/iu;
const PHONE_CUE_GLUED = /^(?:tel|tlf|tf|tfno|telefon|phone|ph|mob|mobil|mobile|handy|móvil|movil|cell|fax)$/iu;

// biome-ignore format: a word list
const REFERENCE_WORDS = [
  // en
  "orders?", "order-?id", "tickets?", "cases?", "invoices?", "receipts?", "tracking", "parcels?", "packages?",
  "shipments?", "references?", "ref\\.", "ref", "bookings?", "reservations?", "confirmation", "customer", "items?", "articles?",
  "sku", "serial", "transactions?", "claims?", "rma", "po", "cvr", "vat", "ean", "gtin", "isbn",
  // da
  "ordre\\p{L}*", "bestilling\\p{L}*", "sag", "sagen", "sags\\p{L}*", "faktura\\p{L}*", "kvittering\\p{L}*",
  "pakke\\p{L}*", "forsendelse\\p{L}*", "sporing\\p{L}*", "kundenummer", "kundenr", "varenummer", "varenr",
  "bon\\p{L}*", "referencen?", "kunde",
  // de
  "bestell\\p{L}*", "auftrag\\p{L}*", "rechnung\\p{L}*", "sendung\\p{L}*", "paket\\p{L}*", "vorgang\\p{L}*", "fall",
  "kundennummer", "kundennr", "kunden-nr", "referenz\\p{L}*", "buchung\\p{L}*", "artikel\\p{L}*", "beleg\\p{L}*",
  "quittung", "kassenbon",
  // es
  "pedidos?", "orden", "factura", "caso", "incidencia", "env[ií]o", "seguimiento", "paquete", "referencia",
  "reserva", "localizador", "cliente", "albar[aá]n", "recibo", "devoluci[oó]n",
];
const REFERENCE_CONNECTORS = String.raw`(?:[ \u00a0]*(?:number|nummer|nr|no|núm|num|número|numero|nº|n°|id|#)\.?)?(?:[ \u00a0]+(?:is|was|er|var|ist|war|lautet|es|era))?[ \u00a0]*[:#]?[ \u00a0]*`;
const REFERENCE_BEFORE = new RegExp(
  `(?<!\\p{L})(?:${REFERENCE_WORDS.join("|")})${REFERENCE_CONNECTORS}(?:(?:de|del)[ \\u00a0]+)?$`,
  "iu",
);

const CURRENCY_BEFORE = /(?:[€$£¥]|(?<!\p{L})(?:kr|dkk|eur|usd|gbp|sek|nok|chf)\.?)[ \u00a0]?$/iu;
// biome-ignore format: a word list
const UNITS = [
  "%", "x", "kr", "kroner", "dkk", "eur", "euros?", "€", "usd", "dollars?", "\\$", "gbp", "£", "pounds?", "sek", "nok",
  "chf", "seconds?", "sekunder", "sekunden", "segundos", "min", "mins?", "minutes?", "minutter", "minuten", "minutos",
  "hours?", "hrs?", "timer", "stunden", "std", "horas", "days?", "dage", "dagen", "tage", "tagen", "d[ií]as",
  "weeks?", "uger", "wochen", "semanas", "months?", "måneder", "monate", "meses", "years?", "år", "jahre",
  "a[nñ]os", "km", "m", "kg", "g", "mb", "gb", "stk", "pcs", "pieces", "stück", "unidades", "units?", "items?",
  "varer", "artikel", "art[ií]culos", "users?", "brugere", "nutzer", "usuarios", "customers?", "kunder", "kunden",
  "clientes", "points?", "punkte", "puntos", "times", "gange", "mal", "veces",
];
const AMOUNT_AFTER = new RegExp(
  `^(?:[.,]\\d{1,2}(?!\\d)|,-|[ \\u00a0]?(?:${UNITS.join("|")})(?![\\p{L}\\p{N}]))`,
  "iu",
);
// An amount or a count: thousands grouped, or at most seven digits ungrouped (a longer run next to "kr." is a phone
// number after a sentence that ended on a price).
const NUMBER_LIKE = /^(?:\d{1,7}|\d{1,3}(?:[ \u00a0.]\d{3})+)$/;
const HOUSE_NUMBER_AND_POSTCODE = /^\d{1,3}[ \u00a0]\d{4,5}$/;
const CITY_AFTER = /^[ \u00a0]+\p{Lu}/u;
const YEAR_RANGE = /^(?:19|20)\d{2}[ \u00a0]?[-/–][ \u00a0]?(?:19|20)\d{2}$/;
// A card-shaped number that failed Luhn is a mistyped card or an id, not two phone numbers side by side.
const CARD_SHAPE = /^\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?$|^\d{4}[ -]\d{6}[ -]\d{4,5}$/;
const CONTEXT_CHARS = 48;
const MAX_E164_DIGITS = 15;

// ── helpers ──────────────────────────────────────────────────────────────────────────────────────────────────────

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function mod97(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

function isLetterOrDigit(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

function daysInMonth(month: number, year: number): number {
  return month === 2 ? (year % 4 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isDate(day: number, month: number, year: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(month, year);
}

function textBefore(text: string, offset: number): string {
  return text.slice(Math.max(0, offset - CONTEXT_CHARS), offset);
}

function resolveCountry(country: string | undefined): CountryCode | undefined {
  if (country === undefined) return DEFAULT_COUNTRY;
  const upper = country.toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}

// ── passes ───────────────────────────────────────────────────────────────────────────────────────────────────────

type Bump = (kind: RedactionKind) => string;

function redactIbans(text: string, bump: Bump): string {
  return text.replace(IBAN, (match) => {
    // The pattern runs on past the IBAN into following words; cut it at the country's length (or, for a country
    // not in the table, at the longest length that checks out), ending where a group ends.
    const upper = match.toUpperCase();
    const known = IBAN_LENGTHS[upper.slice(0, 2)];
    const lengths = known ? [known] : Array.from({ length: 20 }, (_, i) => 34 - i);
    for (const length of lengths) {
      let compact = "";
      let end = 0;
      while (end < match.length && compact.length < length) {
        const char = upper[end] as string;
        if (char !== " " && char !== "-") compact += char;
        end++;
      }
      if (compact.length !== length || isLetterOrDigit(match[end])) continue;
      if (mod97(compact)) return bump("iban") + match.slice(end);
    }
    return match;
  });
}

function redactCards(text: string, bump: Bump): string {
  return text.replace(DIGIT_RUN, (run, offset: number, whole: string) => {
    if (run.length < 13) return run;
    if (REFERENCE_BEFORE.test(textBefore(whole, offset))) return run;
    const groups = run.split(/[ \u00a0-]/);
    const separators = run.match(/[ \u00a0-]/g) ?? [];
    let out = "";
    let i = 0;
    while (i < groups.length) {
      let matchedTo = -1;
      let digits = "";
      for (let j = i; j < groups.length && digits.length < 19; j++) {
        digits += groups[j];
        if (digits.length >= 13 && digits.length <= 19 && CARD_FIRST_DIGIT.test(digits) && luhn(digits)) matchedTo = j;
      }
      if (out !== "") out += separators[i - 1] ?? "";
      if (matchedTo >= 0) {
        out += bump("card");
        i = matchedTo + 1;
      } else {
        out += groups[i];
        i++;
      }
    }
    return out;
  });
}

function redactCprs(text: string, bump: Bump): string {
  return text.replace(
    CPR,
    (
      match,
      day: string,
      month: string,
      year: string,
      separator: string,
      _serial: string,
      offset: number,
      whole: string,
    ) => {
      if (!isDate(Number(day), Number(month), Number(year))) return match;
      // The unseparated (or spaced) form is also an order number's shape: only with a CPR cue nearby.
      if (separator === "" || separator === " ") {
        const before = textBefore(whole, offset);
        if (!CPR_CUE.test(before) || REFERENCE_BEFORE.test(before)) return match;
      }
      return bump("cpr");
    },
  );
}

function redactDnis(text: string, bump: Bump): string {
  return text.replace(
    DNI,
    (match, prefix: string, digits: string, separator: string, letter: string, offset: number, whole: string) => {
      if (prefix === "" ? digits.length !== 8 : digits.length !== 7) return match;
      // A lone lowercase word after a space ("12345678 y …") is Spanish, not a control letter.
      if (separator === " " && letter === letter.toLowerCase()) return match;
      // NIE: X, Y, Z stand for 0, 1, 2 in front of the seven digits.
      const number = Number(prefix === "" ? digits : `${"XYZ".indexOf(prefix.toUpperCase())}${digits}`);
      const valid = DNI_LETTERS[number % 23] === letter.toUpperCase();
      if (!valid && !DNI_CUE.test(textBefore(whole, offset))) return match;
      return bump("national_id");
    },
  );
}

function maskDatesAndTimes(text: string): string {
  const mask = (match: string) => MASK.repeat(match.length);
  return text
    .replace(DATE, (match, y1, m1, d1, a, b, y2) => {
      if (y1 !== undefined) return isDate(Number(d1), Number(m1), Number(y1)) ? mask(match) : match;
      const year = Number(y2);
      // Day-first (EU) or month-first (US): a date either way is a date.
      return isDate(Number(a), Number(b), year) || isDate(Number(b), Number(a), year) ? mask(match) : match;
    })
    .replace(TIME, mask);
}

interface PhoneContext {
  text: string;
  country: CountryCode | undefined;
}

function isValidNational(candidate: string, country: CountryCode | undefined): boolean {
  if (country === undefined) return false;
  const parsed = parsePhoneNumber(candidate, country);
  if (!parsed?.isValid()) return false;
  // Where the country dials national numbers with a trunk prefix (0 in DE, GB, SE), a number written without it is
  // not written as a phone number: libphonenumber alone would take any 6+ digits as a German number.
  return !parsed.formatNational().startsWith("0") || candidate.replace(/^\D+/, "").startsWith("0");
}

function hasCallingCode(e164Digits: string): boolean {
  return validatePhoneNumberLength(`+${e164Digits}`) !== "INVALID_COUNTRY";
}

/**
 * The letters glued right before a candidate ("tlf20…", "JJD000…", "F-2026-…"), if any, and whether they are a
 * phone cue standing as a word of its own ("tlf20123456", not "1ZG6TEL36760163807").
 */
function gluedWord(text: string, start: number): { word: string; cue: boolean } | undefined {
  const end = text[start - 1] === "-" ? start - 1 : start;
  let i = end;
  while (i > 0 && /\p{L}/u.test(text[i - 1] as string)) i--;
  if (i === end) return undefined;
  const word = text.slice(i, end);
  return { word, cue: PHONE_CUE_GLUED.test(word) && !/[\p{N}_]/u.test(text[i - 1] ?? "") };
}

/** Where the first digit group of `candidate` (at `start`) ends. */
function firstGroupEnd(candidate: string, start: number): number {
  const match = /^[+( ]*\d[\d()]*/.exec(candidate);
  return start + (match ? match[0].length : candidate.length);
}

/**
 * Decides a phone candidate. Returns the spans to redact and where scanning resumes: a candidate can be partly a
 * reference ("ordre 12345678 20 12 34 56"), so its tail is looked at again.
 */
function judgePhoneCandidate(
  candidate: string,
  start: number,
  context: PhoneContext,
): { spans: Array<[number, number]>; resumeAt: number } {
  const { text } = context;
  const end = start + candidate.length;
  const skipFirstGroup = { spans: [], resumeAt: firstGroupEnd(candidate, start) };
  const keep = { spans: [], resumeAt: end };
  const redactAll = { spans: [[start, end]] as Array<[number, number]>, resumeAt: end };

  const glued = gluedWord(text, start);
  if (glued !== undefined && !glued.cue) return skipFirstGroup;
  const digits = candidate.replace(/\D/g, "");
  if (digits.length < 6) return keep;
  const before = textBefore(text, start);
  const after = text.slice(end, end + 24);
  const plus = /^\(?\+/.test(candidate);

  if (!plus && REFERENCE_BEFORE.test(before)) {
    // A reference that is complete in its first group leaves the rest to be judged on its own.
    const firstEnd = firstGroupEnd(candidate, start);
    return firstEnd - start >= 6 && firstEnd < end ? skipFirstGroup : keep;
  }
  if (!plus && NUMBER_LIKE.test(candidate) && (CURRENCY_BEFORE.test(before) || AMOUNT_AFTER.test(after))) return keep;
  if (!plus && HOUSE_NUMBER_AND_POSTCODE.test(candidate) && CITY_AFTER.test(after)) return keep;
  if (YEAR_RANGE.test(candidate)) return keep;

  const cue = glued !== undefined || PHONE_CUE_BEFORE.test(before) || PHONE_CUE_AFTER.test(after);
  if (plus || /^\(?00/.test(candidate)) {
    // Written internationally, the number is a phone number, valid or mistyped (recall first); nobody writes an
    // order number with a "+". "00" is also how ids are zero-padded, so there the calling code must be real.
    const e164 = plus ? digits : digits.slice(2);
    if (e164.length <= MAX_E164_DIGITS && e164.length >= 7 && (plus || hasCallingCode(e164))) return redactAll;
    if (e164.length > MAX_E164_DIGITS) return keep;
  }
  if (cue && digits.length <= MAX_E164_DIGITS) return redactAll;
  if (isValidNational(candidate, context.country)) return redactAll;
  return { spans: validSubspans(candidate, start, context.country), resumeAt: end };
}

/** Whole-group spans of a candidate that validate on their own ("20 12 34 56 45" before "minutter"). */
function validSubspans(candidate: string, start: number, country: CountryCode | undefined): Array<[number, number]> {
  const groups = [...candidate.matchAll(DIGIT_GROUP)];
  if (groups.length < 2 || country === undefined || CARD_SHAPE.test(candidate)) return [];
  const spans: Array<[number, number]> = [];
  let i = 0;
  while (i < groups.length) {
    let found = -1;
    for (let j = Math.min(groups.length - 1, i + 6); j >= i; j--) {
      if (i === 0 && j === groups.length - 1) continue; // the whole candidate has been tried
      const from = (groups[i] as RegExpExecArray).index;
      const last = groups[j] as RegExpExecArray;
      const span = candidate.slice(from, last.index + last[0].length);
      if (span.replace(/\D/g, "").length >= 6 && isValidNational(span, country)) {
        spans.push([start + from, start + last.index + last[0].length]);
        found = j;
        break;
      }
    }
    i = found >= 0 ? found + 1 : i + 1;
  }
  return spans;
}

function redactPhones(text: string, country: CountryCode | undefined, bump: Bump): string {
  const masked = maskDatesAndTimes(text);
  const context: PhoneContext = { text, country };
  const spans: Array<[number, number]> = [];
  PHONE_CANDIDATE.lastIndex = 0;
  for (let match = PHONE_CANDIDATE.exec(masked); match !== null; match = PHONE_CANDIDATE.exec(masked)) {
    const { spans: found, resumeAt } = judgePhoneCandidate(match[0], match.index, context);
    spans.push(...found);
    PHONE_CANDIDATE.lastIndex = resumeAt;
  }
  if (spans.length === 0) return text;
  let out = "";
  let from = 0;
  for (const [start, end] of spans) {
    out += text.slice(from, start) + bump("phone");
    from = end;
  }
  return out + text.slice(from);
}

/**
 * Redacts personal data from free text and counts what was removed, per kind. `country` is the workspace's country
 * (ISO alpha-2, default "DK") for national phone numbers; an unknown country leaves only international and cued
 * phone numbers.
 */
export function redact(input: string, options: RedactOptions = {}): Redaction {
  const counts: Partial<Record<RedactionKind, number>> = {};
  const bump: Bump = (kind) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    return `[${kind}]`;
  };
  let text = input;
  if (text.includes("@")) text = text.replace(EMAIL, () => bump("email"));
  if (MAY_HAVE_OBFUSCATED_EMAIL.test(text)) text = text.replace(OBFUSCATED_EMAIL, () => bump("email"));
  // Everything below is made of digits.
  if (!/\d/.test(text)) return { text, counts };
  text = redactIbans(text, bump);
  text = redactCards(text, bump);
  text = redactCprs(text, bump);
  text = redactDnis(text, bump);
  text = redactPhones(text, resolveCountry(options.country), bump);
  return { text, counts };
}
