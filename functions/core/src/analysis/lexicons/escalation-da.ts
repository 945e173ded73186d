/**
 * Danish escalation cues. "Brand" is fire in Danish only as "i brand", "brandfare" and the like (a "brand" is also a
 * brand); "skadet" is damaged goods, not an injury; "død" alone is also a dead battery.
 * @module
 */
import { cue, type EscalationPack } from "./escalation-types.ts";

const FAMILY =
  "(?:mand|mande|kone|mor|far|søn|datter|bror|søster|partner|kæreste|farmor|mormor|farfar|morfar|bedstemor|bedstefar|forældre|barn|hustru)";
const CONTRACT = "(?:abonnement\\w*|medlemskab\\w*|konto(?:en)?|kundekonto\\w*|aftale(?:n)?|kontrakt\\w*|boks(?:en)?)";

export const ESCALATION_DA: EscalationPack = {
  rules: {
    churn: {
      cancel_subscription: cue(
        ["opsig*", "opsag*", "afmeld*", "annuller*", "stop*", "luk*", "ophæv*", "sige*"],
        new RegExp(
          `\\bopsig(?:e|er|else|elsen|elser)\\b|\\bopsagt\\b|\\bopsagde\\b|\\b(?:afmeld|annuller|stop|luk|ophæv)\\w*\\s+(?:venligst\\s+|gerne\\s+)?(?:mit|min|mine|vores|jeres|hans|hendes|det|den)?\\s*${CONTRACT}|\\bsiger?\\s+(?:mit|min|vores)\\s+${CONTRACT}\\s+op\\b`,
        ),
      ),
      switch_provider: cue(
        ["skift*", "andet", "anden", "konkurrent*"],
        /\bskift(?:e|er|ede)?\s+(?:over\s+)?til\s+(?:en\s+)?(?:konkurrent\w*|en anden (?:udbyder|leverandør|butik|forhandler))\b|\bhandle(?:r)?\s+(?:et\s+)?andet\s+sted\b|\bfinde en anden (?:udbyder|leverandør|butik)\b|\bhos konkurrenten\b/,
      ),
      never_again: cue(
        ["aldrig", "sidste", "mistet"],
        /\b(?:handler|bestiller|køber|bruger|handle|bestille|købe)\b[^.!?]{0,25}\baldrig\b[^.!?]{0,20}\bigen\b|\baldrig (?:mere|igen) (?:handle|bestille|købe|bruge)\b|\bsidste gang (?:jeg|vi) (?:handler|bestiller|køber)\b|\bmistet en kunde\b/,
      ),
    },
    legal: {
      lawyer: cue(
        ["advokat*", "jurist*", "retshjælp", "juridisk*"],
        /\badvokat\w*|\bjurist\w*|\bretshjælp\b|\bjuridisk\w*/,
      ),
      court: cue(
        ["retssag*", "retten", "domstol*", "sagsøg*", "stævn*", "småsag*", "fogedret*", "politianmeld*", "politiet"],
        /\bretssag\w*|\b(?:i|for) retten\b|\bdomstol\w*|\bsagsøg\w*|\bstævn(?:e|er|ing)\w*|\bsmåsag\w*|\bfogedret\w*|\bpolitianmeld\w*|\banmelde (?:jer|det|sagen) til politiet\b/,
      ),
      regulator: cue(
        ["forbruger*", "nævnenes", "ankenævn*", "klagenævn*", "datatilsynet"],
        /\bforbrugerklagenævn\w*|\bforbrugerombudsmand\w*|\bforbrugerrådet\b|\bforbrugerstyrelsen\b|\bnævnenes hus\b|\bankenævn\w*|\bklagenævn\w*|\bforbruger ?europa\b|\bdatatilsynet\b/,
      ),
      chargeback: cue(
        ["kortindsigelse*", "indsigelse", "tilbageførsel*"],
        /\bkortindsigelse\w*|\bindsigelse\b[^.!?]{0,20}\b(?:bank|kort|betaling)\w*|\btilbageførsel\w*/,
      ),
    },
    vulnerable: {
      bereavement: cue(
        ["dødsfald*", "dødsbo*", "afdød*", "begravelse*", "bisættelse*", "enke*", "bort", "mistet", "død", "døde"],
        new RegExp(
          `\\bdødsfald\\w*|\\bdødsbo\\w*|\\bafdød\\w*|\\bbegravelse\\w*|\\bbisættelse\\w*|\\benke(?:mand)?\\b|\\bgået bort\\b|\\bgik bort\\b|\\bmistet min ${FAMILY}\\b|\\b${FAMILY}(?:en)?,?\\s+(?:som|der)?\\s*(?:er|var)?\\s*(?:død|døde)\\b|\\b(?:som|der|han|hun) er død\\b|\\bdøde (?:i|for|sidste|pludselig)\\b`,
        ),
      ),
      illness: cue(
        [
          "indlagt",
          "hospital*",
          "sygehus*",
          "kræft*",
          "kemo*",
          "syg",
          "blodprop*",
          "hjerneblødning*",
          "opereret",
          "demens",
          "depression*",
          "sygemeldt",
          "langtidssyg*",
          "intensiv",
        ],
        /\bindlagt\b|\bhospital\w*|\bsygehus\w*|\bkræft\w*|\bkemo\w*|\balvorligt syg\b|\bkronisk syg\b|\bterminalt? syg\b|\bblodprop\w*|\bhjerneblødning\w*|\bblev opereret\b|\bdemens\b|\bdepression\w*|\bpsykisk syg\b|\bsygemeldt\b|\blangtidssyg\w*|\bintensiv\b/,
      ),
      disability: cue(
        ["handicap*", "kørestol*", "blind", "døv", "svagtseende", "hørehæmmet", "funktionsnedsættelse*", "autis*"],
        /\bhandicap\w*|\bkørestol\w*|\bblind\b|\bdøv\b|\bsvagtseende\b|\bhørehæmmet\b|\bfunktionsnedsættelse\w*|\bautis\w*/,
      ),
      elderly: cue(
        ["ældre", "pensionist*", "plejehjem*", "gammel", "årig*", "gamle"],
        /\bældre (?:dame|herre|mand|kvinde|borger|mennesker|mor|far)\b|\bpensionist\w*|\bplejehjem\w*|\b(?:8|9)\d år gammel\b|\b(?:8|9)\d-årig\w*|\bmin gamle (?:mor|far)\b/,
      ),
      hardship: cue(
        [
          "råd",
          "mistet",
          "arbejdsløs*",
          "kontanthjælp*",
          "dagpenge",
          "gæld*",
          "inkasso*",
          "økonomiske",
          "økonomisk",
          "betale",
          "penge",
          "sat",
          "hjemløs*",
        ],
        /\bhar ikke råd\b|\bikke råd til\b|\bmistet mit (?:job|arbejde)\b|\barbejdsløs\w*|\bkontanthjælp\w*|\bdagpenge\b|\bgæld(?:en|ssanering|sat|srådgiv\w*)?\b|\binkasso\w*|\bøkonomiske problemer\b|\bøkonomisk (?:presset|trængt|svært)\b|\bsvært ved at betale\b|\bingen penge\b|\bsat ud af (?:min|vores) (?:lejlighed|bolig)\b|\bhjemløs\w*/,
      ),
      abuse: cue(["vold", "partnervold"], /\bvold i hjemmet\b|\bpsykisk vold\b|\bpartnervold\b/),
    },
    safety: {
      fire: cue(
        ["brand*", "brændt*", "lugt*", "overophed*", "flammer", "røg*", "eksplo*", "svedet", "smelte*"],
        /\b(?:gik|går|gå|kunne gå|var gået)\s+i\s+brand\b|\bi brand\b|\bbrandfar\w*|\bbrandskade\w*|\bbrandsår\w*|\bbrændt(?:e)? (?:lugt|plastik)\b|\blugt(?:ede|er)? (?:af )?brændt\b|\boverophed\w*|\bflammer\b|\bkom røg\b|\brøg(?:ede)? ud af\b|\beksplodere\w*|\beksplosion\w*|\bsvedet\b|\bsmeltede? (?:stik|ledning|oplader)\w*/,
      ),
      electric: cue(
        ["stød", "strømstød", "gnister", "kortslut*", "blottede"],
        /\bfik stød\b|\b(?:fik|får|gav|giver)\s+(?:mig\s+)?(?:et\s+)?(?:elektrisk\s+)?stød\s+(?:af|fra)\b|\belektrisk stød\b|\bstrømstød\b|\b(?:slog|slår) gnister\b|\bgnister\b|\bkortslut\w*|\bblottede ledninger\b/,
      ),
      injury: cue(
        [
          "kvæst*",
          "skade",
          "personskade*",
          "skar",
          "forbrænding*",
          "brændte",
          "blødte",
          "skadestue*",
          "allergisk",
          "madforgiftning*",
          "kvalt",
          "kvælningsfare*",
          "glasskår",
        ],
        /\bkvæst\w*|\bkom til skade\b|\bpersonskade\w*|\bskar (?:mig|sig|ham|hende)\b|\bforbrænding\w*|\bbrændte (?:mig|sig|hånden|fingeren)\b|\bblødte\b|\bskadestue\w*|\ballergisk reaktion\b|\bmadforgiftning\w*|\bkvalt\b|\bkvælningsfare\w*|\bglasskår\b/,
      ),
      self_harm: cue(
        ["selvmord*", "liv", "leve", "selv", "dø", "selvskade*"],
        /\bselvmord\w*|\btage mit (?:eget )?liv\b|\b(?:ikke|ingen) (?:mere )?lyst til at leve\b|\bskade mig selv\b|\bgøre skade på mig selv\b|\bvil (?:bare )?dø\b|\bselvskade\w*/,
      ),
      hazard: cue(
        ["gaslugt*", "gasudslip*", "kulilte*", "giftig*"],
        /\bgaslugt\w*|\bgasudslip\w*|\bkulilte\w*|\bgiftig\w*/,
      ),
    },
  },
  negatedBefore:
    /\b(?:ikke|aldrig|ingen|intet)(?:\s+(?:jeg|vi|vil|skal|har|planer|om|at|brug|for|behov|nogen|en|et|tænker|på|overvejer|tænkt|mig|nødvendigvis|gider|grund|til|gå|gå til|true|truer|med|kontakte|involvere|noget|tale|ønsker|mere|endnu|længere))*\s*$/,
  negatedAfter: /^\s*(?:\S+\s+)?(?:ikke|aldrig)\b/,
};
