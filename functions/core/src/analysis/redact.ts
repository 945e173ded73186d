/**
 * Personal-data redaction, run before anything is stored: emails, IBANs, card numbers, Danish CPR numbers and phone
 * numbers are replaced with `[email]`, `[iban]`, `[card]`, `[cpr]`, `[phone]`. Checksums (Luhn, mod-97) and guards keep
 * dates, order numbers and tracking numbers intact.
 * @module
 */

export type RedactionKind = "email" | "iban" | "card" | "cpr" | "phone";

export interface Redaction {
  text: string;
  counts: Partial<Record<RedactionKind, number>>;
}

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;
const CARD = /(?<![\d#])(?:\d[ -]?){12,18}\d(?!\d)/g;
const CPR = /\b(\d{2})(\d{2})(\d{2})-(\d{4})\b/g;
// International (+45 …, 0049 …) or national (leading 0, or Danish 8 digits in pairs) phone shapes.
const PHONE =
  /(?<![\w#/.-])(?:(?:\+|00)\d{1,3}[ ./-]?(?:\(0\)[ ]?)?(?:\d[ ./-]?){6,12}\d|0\d{2,4}[ /-]?\d{3,4}[ -]?\d{2,5}|\d{2} \d{2} \d{2} \d{2})(?![\w-])/g;
// Words that make a following number an order/ticket/tracking reference, never a phone number.
const REFERENCE_WORDS =
  /(order|ordre|bestell\w*|ticket|sag|case|invoice|faktura|rechnung|tracking|sporing|sendung\w*|nr|no)\.?\s*[:#]?\s*$/i;

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

function ibanValid(candidate: string): boolean {
  const iban = candidate.replace(/ /g, "");
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= "A" ? char.charCodeAt(0) - 55 : Number(char);
    remainder = Number(`${remainder}${value}`) % 97;
  }
  return remainder === 1;
}

function cprValid(day: string, month: string): boolean {
  const d = Number(day);
  const m = Number(month);
  return d >= 1 && d <= 31 && m >= 1 && m <= 12;
}

/** Redacts personal data from free text and counts what was removed, per kind. */
export function redact(input: string): Redaction {
  const counts: Partial<Record<RedactionKind, number>> = {};
  const bump = (kind: RedactionKind) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    return `[${kind}]`;
  };
  let text = input.replace(EMAIL, () => bump("email"));
  text = text.replace(IBAN, (match) => (ibanValid(match) ? bump("iban") : match));
  text = text.replace(CARD, (match) => {
    const digits = match.replace(/\D/g, "");
    return digits.length >= 13 && luhn(digits) ? bump("card") : match;
  });
  text = text.replace(CPR, (match, day: string, month: string) => (cprValid(day, month) ? bump("cpr") : match));
  text = text.replace(PHONE, (match, offset: number, whole: string) => {
    if (REFERENCE_WORDS.test(whole.slice(Math.max(0, offset - 24), offset))) return match;
    if (/^\d{4}[-/.]\d{2}[-/.]\d{2}/.test(match)) return match; // an ISO date, not a number
    return bump("phone");
  });
  return { text, counts };
}
