/**
 * Escalation cues: churn intent, legal threats, vulnerable customers and safety. Each rule has an id, so every flag
 * says which rules fired. Tuned for recall: a person reviews what is flagged.
 * @module
 */

export interface EscalationRule {
  id: string;
  category: "churn" | "legal" | "vulnerable" | "safety";
  language: string;
  pattern: RegExp;
}

const rule = (id: string, pattern: RegExp): EscalationRule => {
  const [category, language] = id.split(".") as [EscalationRule["category"], string];
  return { id, category, language, pattern };
};

export const ESCALATION_RULES: readonly EscalationRule[] = [
  rule(
    "churn.en",
    /\b(cancel(l?ing)? (my|the) (subscription|account|membership)|i('ll| will) cancel|switch(ing)? to (a )?competitor|never (order|buy)(ing)? (from you )?again|close my account)\b/i,
  ),
  rule(
    "churn.da",
    /\b(opsige?r?|opsigelse|annullere?r? (mit|mit abonnement)|handler aldrig (her|hos jer) igen|skifter til)\b/i,
  ),
  rule("churn.de", /\b(kündige|kündigen|kündigung|nie wieder (bestellen|kaufen)|wechsle zu)\b/i),
  rule("legal.en", /\b(lawyer|solicitor|attorney|legal action|sue you|small claims|trading standards|ombudsman)\b/i),
  rule("legal.da", /\b(advokat|forbrugerklagenævnet|forbrugerombudsmanden|retssag|politianmeld)\w*/i),
  rule("legal.de", /\b(anwalt|rechtsanwalt|verbraucherzentrale|klage|gericht|abmahnung)\w*/i),
  rule(
    "vulnerable.en",
    /\b(passed away|bereave\w*|funeral|terminal(ly)? ill|cancer|in hospital|disabled|can'?t afford|lost my job|financial hardship)\b/i,
  ),
  rule("vulnerable.da", /\b(død(sfald)?|begravelse|indlagt|syg(dom)?|handicap|har ikke råd|mistet mit job)\b/i),
  rule(
    "vulnerable.de",
    /\b(verstorben|todesfall|beerdigung|krankenhaus|schwer krank|behindert|kann mir .* nicht leisten|arbeitslos)\b/i,
  ),
  rule(
    "safety.en",
    /\b(caught fire|on fire|overheat(ed|ing)?|burn(ed|t)|electric shock|sparks?|injur(ed|y)|allergic reaction)\b/i,
  ),
  rule("safety.da", /\b(brand|brændt|overophed\w*|stød|gnister|kvæstet|allergisk reaktion)\b/i),
  rule("safety.de", /\b(brand|gebrannt|überhitz\w*|stromschlag|funken|verletz\w*|allergische reaktion)\b/i),
];

/** Ids of the escalation rules that match `text` in its language (and English, which customers mix in). */
export function detectEscalations(text: string, language: string): string[] {
  const fired: string[] = [];
  for (const r of ESCALATION_RULES) {
    if ((r.language === language || r.language === "en") && r.pattern.test(text)) fired.push(r.id);
  }
  return fired;
}
