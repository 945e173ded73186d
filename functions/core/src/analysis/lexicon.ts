/**
 * Firebreak's CX lexicon: phrases that signal friction or delight in service feedback, per language. General
 * sentiment lexicons score "still no refund" or "arrived five days late" as neutral; these patterns do not.
 * Weights use AFINN's −5..+5 scale so they add up with it.
 * @module
 */

export type LexiconEntry = readonly [pattern: RegExp, weight: number];

export const CX_LEXICON: Readonly<Record<string, readonly LexiconEntry[]>> = {
  en: [
    [/\bstill (no|not|waiting|hasn'?t|haven'?t)\b/i, -3],
    [/\b(\d+|two|three|four|five|six|several) (days?|weeks?) late\b/i, -3],
    [/\b(arrived|came|delivered) (late|damaged|broken|melted)\b/i, -3],
    [/\bcharged (me )?(twice|two times|double)\b/i, -4],
    [/\b(never|not) (arrived|received|came|answered|got back)\b/i, -3],
    [/\bno (reply|response|answer|updates?|one (called|answered))\b/i, -3],
    [/\b(doesn'?t|does not|didn'?t|won'?t|can'?t|cannot) (work|load|apply|accept|pause|cancel|log ?in|reach)\b/i, -3],
    [/\b(not accepted|declined|rejected|invalid)\b/i, -2],
    [/\b(writing|contacting|calling) (again|for the (second|third|fourth) time)\b/i, -3],
    [/\b(third|fourth|fifth) time\b/i, -3],
    [/\bwithout (any )?(warning|reminder|notice)\b/i, -3],
    [/\b(loops?|stuck|goes in circles)\b/i, -2],
    [/\b(too small|too big|wrong size|wrong (item|address|colour|color))\b/i, -2],
    [/\b(refund|money back)\b/i, -1],
    [/\b(fast|quick|speedy) (delivery|shipping|response|reply)\b/i, 3],
    [/\b(super|really|very) (helpful|friendly|fast|easy)\b/i, 3],
    [/\b(love|loved|lovely)\b/i, 2],
  ],
  da: [
    [/\b(stadig|endnu) (ingen|ikke)\b/i, -3],
    [/\b(\d+|to|tre|fire|fem|seks|flere) (dage|dag|uger|uge) (for sent|forsinket)\b/i, -3],
    [/\b(forsinket|for sent|ødelagt|smeltet|knust|beskadiget)\b/i, -3],
    [/\b(trukket|betalt) (to gange|dobbelt)\b/i, -4],
    [/\b(aldrig|ikke) (modtaget|kommet|ankommet|svaret)\b/i, -3],
    [/\b(intet|ingen) (svar|opdatering|refusion|tilbagebetaling)\b/i, -3],
    [/\b(virker|fungerer) ikke\b/i, -3],
    [/\bkan ikke\b/i, -2],
    [/\b(skriver|ringer) (igen|for (anden|tredje) gang)\b/i, -3],
    [/\buden (varsel|påmindelse|advarsel)\b/i, -3],
    [/\b(dårlig|elendig|skuffet|skuffende|utilfreds|irriterende|frustrerende|uacceptabelt|katastrofe)\w*/i, -3],
    [/\b(for lille|for stor|forkert (størrelse|vare|adresse))\b/i, -2],
    [/\b(hurtig|hurtigt) (levering|svar|ekspedition)\b/i, 3],
    [/\b(god|godt|gode|fantastisk|super|glad|tilfreds|perfekt|hjælpsom|venlig|flot|dejlig)\w*/i, 2],
  ],
  de: [
    [/\b(immer noch|noch immer) (kein|keine|nicht)\b/i, -3],
    [/\b(\d+|zwei|drei|vier|fünf|sechs|mehrere) (Tage|Tag|Wochen|Woche) (zu spät|verspätet)\b/i, -3],
    [/\b(verspätet|zu spät|kaputt|beschädigt|geschmolzen|zerbrochen)\b/i, -3],
    [/\b(doppelt|zweimal) (abgebucht|berechnet|belastet)\b/i, -4],
    [/\b(nie|nicht) (angekommen|erhalten|geantwortet)\b/i, -3],
    [/\b(keine) (Antwort|Rückmeldung|Erstattung|Rückerstattung|Aktualisierung)\b/i, -3],
    [/\b(funktioniert|geht|klappt) (nicht|nie)\b/i, -3],
    [/\bkann (ich )?(nicht|kein)\b/i, -2],
    [/\b(schreibe|melde|rufe) (mich )?(schon )?(wieder|zum (zweiten|dritten) Mal)\b/i, -3],
    [/\bschon wieder\b/i, -3],
    [/\bohne (Vorwarnung|Erinnerung|Hinweis)\b/i, -3],
    [
      /\b(schlecht|enttäuscht|enttäuschend|unzufrieden|ärgerlich|frustrierend|inakzeptabel|katastrophal|unverschämt)\w*/i,
      -3,
    ],
    [/\b(zu klein|zu groß|falsche (Größe|Adresse|Ware))\b/i, -2],
    [/\b(schnelle|schnell) (Lieferung|Antwort|Versand)\b/i, 3],
    [/\b(gut|gute|toll|super|zufrieden|perfekt|hilfsbereit|freundlich|schön|prima|klasse)\w*/i, 2],
  ],
};

/** Words that flip the polarity of the AFINN word that follows within two tokens. */
export const NEGATORS: Readonly<Record<string, readonly string[]>> = {
  en: ["not", "no", "never", "don't", "didn't", "doesn't", "isn't", "wasn't", "won't", "can't", "cannot", "hardly"],
  da: ["ikke", "ingen", "aldrig", "intet"],
  de: ["nicht", "kein", "keine", "keinen", "nie", "niemals"],
};
