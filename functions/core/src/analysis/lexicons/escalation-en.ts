/**
 * English escalation cues (UK and US wording: solicitor and attorney, Trading Standards and the BBB).
 * @module
 */
import { cue, type EscalationPack } from "./escalation-types.ts";

const FAMILY =
  "(?:husband|wife|mother|father|mum|mom|dad|son|daughter|partner|brother|sister|child|baby|grandmother|grandfather|nan|gran|grandma|grandpa|parents?|fianc[eé]e?)";
/** Things a customer can cancel that end the relationship (an order, a booking or a delivery does not). */
const CONTRACT = "(?:subscriptions?|membership|account|contract|plan|service|policy|box|direct debit|standing order)";

export const ESCALATION_EN: EscalationPack = {
  rules: {
    churn: {
      cancel_subscription: cue(
        ["cancel*", "terminat*", "end", "ending", "stop", "stopping", "clos*", "quit*", "leav*"],
        new RegExp(
          `\\b(?:cancel(?:l?ing|l?ed|s)?|terminat(?:e|ing|ed)|end(?:ing)?|stop(?:ping)?|clos(?:e|ing)|quit(?:ting)?|leav(?:e|ing))\\s+(?:my|our|the|this|his|her|their)\\s+(?:\\w+\\s+)?${CONTRACT}\\b`,
        ),
      ),
      threat_to_cancel: cue(
        ["cancel*", "terminat*", "unsubscrib*", "leav*"],
        /\b(?:i'?ll|i will|i'?m going to|i am going to|i'?m gonna|we'?ll|we will|we'?re going to|about to|ready to|want to|wish to|would like to|plan(?:ning)? to|thinking (?:of|about)|consider(?:ing)?)\s+(?:\w+\s+)?(?:cancel(?:l?ing)?|terminat(?:e|ing)|unsubscrib(?:e|ing)|leav(?:e|ing) you)\b(?!\s+(?:my|the|this|our|that|an?)\s+(?:\w+\s+)?(?:orders?|booking|reservation|delivery|deliveries|payment|appointment|parcel|item|emails?|newsletter))/,
      ),
      unsubscribe_service: cue(
        ["cancel*", "unsubscrib*", "end", "clos*"],
        /\bhow (?:do|can) i (?:cancel|unsubscribe|end|close)\b(?![^.!?]{0,25}\b(?:orders?|booking|delivery|emails?|newsletters?|marketing|texts?|sms|notifications?)\b)/,
      ),
      switch_provider: cue(
        ["competitor", "competition", "rival", "another", "elsewhere", "else"],
        /\b(?:switch(?:ing|ed)?|mov(?:e|ing)|go(?:ing)?|chang(?:e|ing))\s+(?:over\s+)?to\s+(?:a\s+|an\s+|another\s+|your\s+)?(?:competitor|competition|rival|another (?:provider|company|supplier|bank|service|store|shop|brand))\b|\b(?:take|taking) my (?:business|custom|money) elsewhere\b|\b(?:shop|order|buy)(?:ping)? (?:elsewhere|somewhere else)\b/,
      ),
      never_again: cue(
        ["never", "last", "final", "lost"],
        /\bnever (?:again )?(?:order|buy|shop|use|book|fly|come back|return|deal|purchase)\w*\b[^.!?]{0,30}\bagain\b|\bnever again\b|\b(?:last|final) time (?:i|we)(?:'ll| will)? (?:order|buy|shop|use|book)\w*\b|\byou(?:'ve| have) (?:just )?lost (?:a|another|me as a) (?:\w+ )?customer\b/,
      ),
    },
    legal: {
      lawyer: cue(
        ["lawyer*", "solicitor*", "attorney*", "barrister*", "legal"],
        /\b(?:lawyers?|solicitors?|attorneys?|barristers?|legal (?:action|advice|proceedings|team|counsel|steps|route)|my legal)\b/,
      ),
      court: cue(
        ["sue", "suing", "sued", "lawsuit", "claims", "court", "action", "litigation"],
        /\b(?:sue|suing)\s+(?:you|them|your|the|this|for)\b|\bsued\b|\blawsuit\b|\bsmall claims\b|\b(?:to|in|at) court\b|\bclass action\b|\blitigation\b/,
      ),
      regulator: cue(
        [
          "standards",
          "ombudsman",
          "citizens",
          "consumer",
          "ofcom",
          "ofgem",
          "cma",
          "ftc",
          "bureau",
          "bbb",
          "general",
          "report*",
        ],
        /\btrading standards\b|\bombudsman\b|\bcitizens advice\b|\bconsumer (?:rights|protection|council|authority|agency|watchdog|ombudsman)\b|\bofcom\b|\bofgem\b|\bthe cma\b|\bthe ftc\b|\bbetter business bureau\b|\bthe bbb\b|\battorney general\b|\breport(?:ing)? (?:you|this|it|your company) to (?:the )?(?:authorities|regulator|police|trading standards|ombudsman|bbb|ftc)\b/,
      ),
      chargeback: cue(
        ["charge*", "dispute", "section"],
        /\bchargeback\b|\bcharge ?back\b|\bdispute (?:the|this) (?:charge|payment|transaction)\b|\bsection 75\b/,
      ),
    },
    vulnerable: {
      bereavement: cue(
        ["passed", "bereave*", "funeral", "widow*", "deceased", "death", "lost", "late", "died"],
        new RegExp(
          `\\bpassed away\\b|\\bbereave\\w*|\\bfuneral\\b|\\bwidow(?:ed|er)?\\b|\\bdeceased\\b|\\bdeath in the family\\b|\\blost my ${FAMILY}\\b|\\blate ${FAMILY}\\b|\\b${FAMILY} (?:has |had |just |recently |sadly )*died\\b|\\bdeath of my\\b`,
        ),
      ),
      illness: cue(
        [
          "hospital*",
          "cancer",
          "chemo*",
          "terminal*",
          "seriously",
          "chronic*",
          "surgery",
          "operation",
          "stroke",
          "heart",
          "dementia",
          "alzheimer*",
          "mental",
          "depression",
          "intensive",
          "covid",
          "sick",
        ],
        /\bin (?:the )?hospital\b|\bhospitali[sz]ed\b|\bcancer\b|\bchemo(?:therapy)?\b|\bterminal(?:ly)? ill\b|\bseriously ill\b|\bchronic(?:ally)? ill\b|\b(?:had|having|after|recovering from) (?:an? )?(?:surgery|operation)\b|\bstroke\b|\bheart attack\b|\bdementia\b|\balzheimer'?s\b|\bmental health\b|\bdepression\b|\bintensive care\b|\blong covid\b|\bsick leave\b/,
      ),
      disability: cue(
        [
          "disabilit*",
          "disabled",
          "wheelchair",
          "blind",
          "deaf",
          "hearing",
          "visually",
          "partially",
          "autis*",
          "carer",
        ],
        /\bdisabilit(?:y|ies)\b|\bdisabled\b|\bwheelchair\b|\bblind\b|\bdeaf\b|\bhearing impaired\b|\bvisually impaired\b|\bpartially sighted\b|\bautis(?:m|tic)\b|\bmy carer\b|\bi(?:'m| am) (?:a|the) carer\b/,
      ),
      elderly: cue(
        [
          "elderly",
          "pensioner*",
          "care",
          "nursing",
          "old",
          "aged",
          "mother",
          "father",
          "mum",
          "mom",
          "dad",
          "gran",
          "nan",
          "grandma",
          "grandpa",
          "grandmother",
          "grandfather",
          "am",
          "m",
        ],
        /\belderly\b|\bpensioners?\b|\bcare home\b|\bnursing home\b|\b(?:8|9)\d[- ]years?[- ]old\b|\baged (?:8|9)\d\b|\bmy (?:old|aging|ageing) (?:mother|father|mum|mom|dad|parents)\b|\bmy (?:mother|father|mum|mom|dad|gran|nan|grandma|grandpa|grandmother|grandfather) is (?:8|9)\d\b|\bi(?:'m| am) (?:8|9)\d\b/,
      ),
      hardship: cue(
        [
          "afford",
          "lost",
          "unemployed",
          "redundant",
          "redundancy",
          "benefits",
          "universal",
          "food*",
          "struggling",
          "financial",
          "debt",
          "bailiff*",
          "behind",
          "money",
          "evict*",
          "homeless",
          "living",
        ],
        /\bcan(?:'?t|not) afford\b|\blost my job\b|\bunemployed\b|\bmade redundant\b|\bredundancy\b|\bon benefits\b|\buniversal credit\b|\bfood ?bank\b|\bstruggling (?:financially|to pay|with money|to make ends meet|to get by)\b|\bfinancial (?:hardship|difficult(?:y|ies)|trouble)\b|\bin debt\b|\bdebt collect\w*|\bbailiffs?\b|\bbehind on (?:my )?(?:rent|bills|payments|mortgage)\b|\bno money left\b|\bevict\w*|\bhomeless\b|\bliving on (?:a pension|benefits)\b/,
      ),
      abuse: cue(
        ["domestic", "coercive", "fleeing"],
        /\bdomestic (?:abuse|violence)\b|\bcoercive control\b|\bfleeing\b/,
      ),
    },
    safety: {
      fire: cue(
        ["fire", "flames", "overheat*", "smok*", "burn*", "scorch*", "melted", "explod*", "explosion"],
        /\bcaught fire\b|\bcatch(?:es|ing)? fire\b|\bon fire\b|\b(?:burst|went up) in(?:to)? flames\b|\bin flames\b|\bfire hazard\b|\boverheat(?:ed|ing|s)?\b|\bsmok(?:e|ing) (?:came|coming|pouring|poured) out\b|\bstarted smoking\b|\bsmell(?:ed|s)? (?:of )?burn(?:ing|t)\b|\bburn(?:t|ing) (?:plastic )?smell\b|\bscorch(?:ed|ing)?(?: marks?)?\b|\bmelted (?:plug|socket|cable|wire|charger)\b|\bexplod(?:ed|ing|es)\b|\bexplosion\b/,
      ),
      electric: cue(
        ["electric*", "electrocut*", "shock", "spark*", "short", "circuit*", "exposed", "wire*"],
        /\belectric(?:al)? shocks?\b|\belectrocut\w*|\bgot a shock (?:from|off)\b|\bsparks?(?: came| flew| coming)\b|\b(?:gave|gives|giving|threw|throws|throwing) off sparks\b|\bsparking\b|\bshort[- ]circuit\w*|\bexposed wires?\b|\blive wire\b/,
      ),
      injury: cue(
        [
          "injur*",
          "hurt",
          "cut",
          "burn*",
          "e",
          "emergency",
          "er",
          "urgent",
          "allergic",
          "anaphyla*",
          "chok*",
          "poison*",
          "shard*",
          "piece*",
          "fragment*",
        ],
        /\binjur(?:y|ies|ed)\b|\bhurt (?:myself|himself|herself|themselves|my (?:hand|back|finger|foot|leg|arm|head|eye)|him|her|my (?:son|daughter|child|kid))\b|\bcut (?:my|his|her) (?:hand|finger|foot|leg|mouth|lip)\b|\bburn(?:ed|t) (?:my|his|her) (?:hand|finger|arm|skin|mouth|tongue)\b|\b(?:a&e|emergency room|the er|urgent care)\b|\ballergic reaction\b|\banaphyla\w*|\bchok(?:ed|ing) on\b|\bchoking hazard\b|\bfood poisoning\b|\bpoisoned\b|\b(?:glass|metal|plastic) (?:shards?|pieces?|fragments?) in\b/,
      ),
      self_harm: cue(
        ["kill", "suicid*", "end", "life", "want", "self", "live", "dead"],
        /\bkill myself\b|\bsuicid\w*|\bend (?:my life|it all)\b|\btake my (?:own )?life\b|\bdon'?t want to (?:live|be alive|be here anymore)\b|\bself[- ]harm\w*|\bno reason to live\b|\bbetter off dead\b|\bwant to die\b/,
      ),
      hazard: cue(
        ["gas", "carbon", "toxic", "mould", "mold"],
        /\bgas leak\b|\bsmell(?:s|ed)? (?:of )?gas\b|\bcarbon monoxide\b|\btoxic fumes\b|\bmould in\b|\bmold in\b/,
      ),
    },
  },
  negatedBefore:
    /\b(?:not|never|no|don'?t|do not|won'?t|will not|wouldn'?t|would not|didn'?t|did not|isn'?t|aren'?t|am not|'m not|haven'?t|have not|hasn'?t|nor|neither|without)(?:\s+(?:going|gonna|to|want|wanting|planning|plan|plans|intend|intending|intention|need|needs|needed|any|a|an|the|for|of|ever|be|being|will|would|really|actually|yet|even|have|has|had|my|our|thinking|about|considering|threatening|reason|interested|in|at|all|involve|involving|get|getting|with|going|that|this|i|we|you|it|call|calling|contact|contacting))*\s*$/,
};
