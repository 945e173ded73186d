/**
 * German escalation cues. "Brand" is fire but "brandneu" is brand new; "Gericht" is a court and also a dish (so only
 * "vor Gericht", "gerichtlich" and the like); "Klage" is a lawsuit only when filed ("Klage einreichen", "verklagen"),
 * otherwise a complaint.
 * @module
 */
import { cue, type EscalationPack } from "./escalation-types.ts";

const FAMILY =
  "(?:mutter|vater|mann|ehemann|frau|ehefrau|sohn|tochter|bruder|schwester|partner(?:in)?|oma|opa|großmutter|großvater|eltern|kind)";
const CONTRACT =
  "(?:abo\\w*|abonnement\\w*|vertrag\\w*|mitgliedschaft\\w*|kundenkonto\\w*|konto|account|mitgliedskonto)";

export const ESCALATION_DE: EscalationPack = {
  rules: {
    churn: {
      cancel_subscription: cue(
        [
          "kündig*",
          "gekündigt",
          "abo*",
          "vertrag*",
          "mitgliedschaft*",
          "kundenkonto*",
          "konto",
          "account",
          "mitgliedskonto",
          "beend*",
          "lösch*",
          "stornier*",
        ],
        new RegExp(
          `\\bkündig\\w*|\\bgekündigt\\b|\\b${CONTRACT}\\b[^.!?]{0,30}\\b(?:beend|lösch|auflös|stornier|aufheb)\\w*|\\b(?:beende|lösche|löscht|beenden|löschen|storniere|stornieren)\\s+(?:\\w+\\s+){0,2}${CONTRACT}\\b`,
        ),
      ),
      switch_provider: cue(
        ["wechsl*", "wechsel*", "gehe", "gehen", "konkurrenz", "woanders", "anbieter"],
        /\b(?:wechsle|wechseln|wechsel|gehe|gehen)\b[^.!?]{0,25}\b(?:zur konkurrenz|zu einem anderen anbieter|zu einem anderen händler|zum wettbewerb)\b|\bzur konkurrenz\b|\bwoanders (?:bestellen|kaufen|einkaufen|kunde)\b|\bbestelle (?:\w+ ){0,2}woanders\b|\banderen anbieter\b/,
      ),
      never_again: cue(
        ["nie", "letzten", "verloren", "bestellen", "kaufen"],
        /\bnie wieder\b[^.!?]{0,25}\b(?:bestell|kauf|einkauf|buch|bei euch|bei ihnen|hier)\w*|\b(?:bestell|kauf|buch)\w* (?:\w+ ){0,3}nie wieder\b|\bzum letzten mal (?:bestellt|gekauft|gebucht)\b|\bkunde verloren\b|\bnicht mehr (?:bei (?:euch|ihnen) )?(?:bestellen|kaufen)\b/,
      ),
    },
    legal: {
      lawyer: cue(
        [
          "anwalt*",
          "anwältin*",
          "anwälte*",
          "rechtsanwalt*",
          "anwaltlich*",
          "rechtsbeistand*",
          "rechtsschutz*",
          "abmahnung*",
        ],
        /\banwalt\w*|\banwältin\w*|\banwälte\w*|\brechtsanwalt\w*|\banwaltlich\w*|\brechtsbeistand\w*|\brechtsschutz\w*|\babmahnung\w*/,
      ),
      court: cue(
        [
          "gericht*",
          "amtsgericht*",
          "verklag*",
          "klage",
          "klagen",
          "rechtliche*",
          "mahnverfahren",
          "strafanzeige*",
          "anzeige",
          "polizei*",
        ],
        /\bvor (?:das |dem )?gericht\b|\bzum gericht\b|\bgerichtlich\w*|\bamtsgericht\w*|\bgerichtsverfahren\w*|\bverklag\w*|\bklage (?:einreichen|erheben|eingereicht)\b|\b(?:werde|würde) (?:ich )?(?:\w+ )?klagen\b|\brechtliche(?:n)? schritte(?:n)?\b|\bmahnverfahren\b|\bstrafanzeige\w*|\banzeige erstatten\b|\bpolizei\w*/,
      ),
      regulator: cue(
        [
          "verbraucher*",
          "schlichtung*",
          "bundesnetzagentur",
          "bafin",
          "ombuds*",
          "wettbewerbszentrale",
          "datenschutzbehörde",
        ],
        /\bverbraucherzentrale\w*|\bverbraucherschutz\w*|\bschlichtungsstelle\w*|\bschlichtung\w*|\bbundesnetzagentur\b|\bbafin\b|\bombudsmann\b|\bombudsstelle\b|\bwettbewerbszentrale\b|\bdatenschutzbehörde\b/,
      ),
      chargeback: cue(
        ["rückbuchung*", "lastschrift", "zurückbuchen", "chargeback", "widerspruch"],
        /\brückbuchung\w*|\blastschrift zurück\w*|\bzurückbuchen\b|\bchargeback\b|\bwiderspruch bei (?:meiner|der) bank\b/,
      ),
    },
    vulnerable: {
      bereavement: cue(
        [
          "verstorben*",
          "gestorben",
          "todesfall*",
          "trauerfall*",
          "beerdigung*",
          "bestattung*",
          "beisetzung*",
          "witwe*",
          "hinterblieben*",
          "nachlass*",
          "tot",
          "tod",
        ],
        new RegExp(
          `\\bverstorben\\w*|\\bgestorben\\b|\\btodesfall\\w*|\\btrauerfall\\w*|\\bbeerdigung\\w*|\\bbestattung\\w*|\\bbeisetzung\\w*|\\bwitwe\\w*|\\bhinterblieben\\w*|\\bnachlass\\w*|\\b${FAMILY} (?:ist )?(?:leider )?tot\\b|\\btod meine[rs]?\\b`,
        ),
      ),
      illness: cue(
        [
          "krankenhaus*",
          "klinik*",
          "krank",
          "schwerkrank*",
          "krebs*",
          "chemo*",
          "operiert",
          "intensivstation",
          "reha",
          "schlaganfall*",
          "herzinfarkt*",
          "demenz*",
          "depression*",
          "krankgeschrieben",
          "pflege*",
        ],
        /\bkrankenhaus\w*|\bklinik\w*|\bschwer krank\b|\bschwerkrank\w*|\bkrebs\w*|\bchemo\w*|\boperiert\b|\bintensivstation\b|\breha\b|\bschlaganfall\w*|\bherzinfarkt\w*|\bdemenz\w*|\bdepression\w*|\bpsychisch krank\b|\bchronisch krank\b|\bkrankgeschrieben\b|\bpflegefall\b|\bpflegegrad\w*|\bpflegebedürftig\w*/,
      ),
      disability: cue(
        [
          "behindert*",
          "behinderung*",
          "schwerbehindert*",
          "rollstuhl*",
          "blind*",
          "gehörlos*",
          "taub",
          "sehbehindert*",
          "hörgeschädigt*",
          "autis*",
        ],
        /\bbehindert\w*|\bbehinderung\w*|\bschwerbehindert\w*|\brollstuhl\w*|\bblind\w*|\bgehörlos\w*|\btaub\b|\bsehbehindert\w*|\bhörgeschädigt\w*|\bautis\w*/,
      ),
      elderly: cue(
        ["rentner*", "pflegeheim*", "altersheim*", "seniorenheim*", "alt", "jährig*", "hochbetagt*", "alte", "alter"],
        /\brentner(?:in)?\b|\bpflegeheim\w*|\baltersheim\w*|\bseniorenheim\w*|\b(?:8|9)\d jahre alt\b|\b(?:8|9)\d-jährig\w*|\bhochbetagt\w*|\bmeine alte (?:mutter|oma)\b|\bmein alter (?:vater|opa)\b/,
      ),
      hardship: cue(
        [
          "arbeitslos*",
          "verloren",
          "leisten",
          "hartz",
          "bürgergeld",
          "sozialhilfe",
          "grundsicherung",
          "schulden",
          "inkasso*",
          "pfändung*",
          "finanzielle*",
          "geld",
          "angewiesen",
          "insolvenz*",
          "obdachlos*",
          "räumungsklage",
        ],
        /\barbeitslos\w*|\b(?:job|arbeit|arbeitsplatz) verloren\b|\bnicht leisten\b|\bhartz\b|\bbürgergeld\b|\bsozialhilfe\b|\bgrundsicherung\b|\bschulden\b|\binkasso\w*|\bpfändung\w*|\bfinanzielle(?:n)? (?:not|schwierigkeiten|probleme)\b|\bkein geld mehr\b|\bauf (?:das|dieses|mein|jeden) (?:geld|cent|euro) angewiesen\b|\binsolvenz\w*|\bobdachlos\w*|\bräumungsklage\b/,
      ),
      abuse: cue(["häusliche*", "gewalt"], /\bhäusliche(?:r)? gewalt\b|\bgewalt in der (?:ehe|familie|beziehung)\b/),
    },
    safety: {
      fire: cue(
        [
          "brand*",
          "feuer",
          "flammen",
          "gebrannt",
          "brennt",
          "brannte",
          "rauch*",
          "qualm*",
          "überhitz*",
          "verschmort*",
          "explodiert*",
          "explosion*",
          "geschmolzen*",
        ],
        /\bbrand\b|\bin brand\b|\bbrandgefahr\b|\bbrandgeruch\b|\bbrandfleck\w*|\bbrandschaden\w*|\bbrandloch\w*|\bfeuer\b(?! und flamme)|\bflammen\b|\bin flammen\b|\bgebrannt\b|\bbrennt\b|\bbrannte\b|\brauchentwicklung\b|\brauch kam\b|\bqualm\w*|\büberhitz\w*|\bverschmort\w*|\bexplodiert\w*|\bexplosion\w*|\bgeschmolzen(?:e|er|es)? (?:stecker|kabel|netzteil|ladegerät)\b/,
      ),
      electric: cue(
        ["stromschl*", "elektrisch*", "schlag", "gewischt", "funken", "kurzschluss*", "blanke*"],
        /\bstromschl(?:a|ä)g\w*|\belektrischen? schlag\w*|\b(?:einen )?schlag bekommen\b|\bgewischt bekommen\b|\bfunken\b|\bkurzschluss\w*|\bblanke(?:s)? kabel\b/,
      ),
      injury: cue(
        [
          "verletz*",
          "verbrennung*",
          "verbrüh*",
          "geschnitten",
          "schnittwunde*",
          "blutet*",
          "genäht",
          "notaufnahme",
          "notarzt",
          "allergische*",
          "anaphyla*",
          "lebensmittelvergiftung*",
          "vergiftung*",
          "erstick*",
          "glassplitter*",
          "scherben",
        ],
        /\bverletz\w*|\bverbrennung\w*|\bverbrüh\w*|\bgeschnitten\b|\bschnittwunde\w*|\bblutet\w*|\bgenäht\b|\bnotaufnahme\b|\bnotarzt\b|\ballergische(?:n)? (?:reaktion|schock)\b|\banaphyla\w*|\blebensmittelvergiftung\w*|\bvergiftung\w*|\berstick\w*|\bglassplitter\w*|\bscherben im\b/,
      ),
      self_harm: cue(
        ["suizid*", "selbstmord*", "umbringen", "leben", "selbstverletz*", "antun"],
        /\bsuizid\w*|\bselbstmord\w*|\bmich umbringen\b|\bmir (?:das|mein) leben nehmen\b|\bnicht mehr leben\b|\bselbstverletz\w*|\bmir etwas antun\b/,
      ),
      hazard: cue(
        ["gasgeruch", "gasleck*", "kohlenmonoxid*", "giftig*", "verschluckungsgefahr", "erstickungsgefahr"],
        /\bgasgeruch\b|\bgasleck\w*|\bkohlenmonoxid\w*|\bgiftig\w*|\bverschluckungsgefahr\b|\berstickungsgefahr\b/,
      ),
    },
  },
  negatedBefore:
    /\b(?:nicht|kein|keine|keinen|nie|niemals)(?:\s+(?:ich|wir|will|werde|möchte|habe|vor|zu|einen|eine|den|die|das|brauche|brauchen|bedarf|absicht|plane|vorerst|gleich|sofort|sicher|jetzt|mit|dem|einem|gleich|direkt|unbedingt|mehr|einschalten|nötig|notwendig|gedacht|daran))*\s*$/,
  negatedAfter: /^\s*(?:\S+\s+)?(?:nicht|nie|niemals)\b/,
};
