/**
 * Spanish escalation cues (Spain and Latin America: OMIC, FACUA, OCU, PROFECO, SERNAC, INDECOPI). "A fuego lento" is a
 * recipe, "la descarga" a download, "sin embargo" a "however", "alta demanda" high demand, "a mi juicio" an opinion:
 * none of them is a cue.
 * @module
 */
import { cue, type EscalationPack } from "./escalation-types.ts";

const FAMILY = "(?:madre|padre|marido|esposo|esposa|mujer|hijo|hija|hermano|hermana|abuelo|abuela|pareja|mamá|papá)";
const CONTRACT = "(?:suscripci[oó]n|membres[ií]a|cuenta|contrato|plan|servicio|abono|tarifa|caja)";
const NOT_ORDERS =
  "(?!\\s+(?:del?|a|en)\\s+(?:la\\s+|el\\s+)?(?:newsletter|bolet[ií]n|correos?|emails?|publicidad|lista))";

export const ESCALATION_ES: EscalationPack = {
  rules: {
    churn: {
      cancel_subscription: cue(
        ["baja", "cancel*", "anul*", "rescind*", "cerr*"],
        new RegExp(
          `\\b(?:dar(?:me|nos|se)?|doy|di|damos|dimos|he dado|hemos dado) de baja\\b${NOT_ORDERS}|\\bbaja (?:de|del) (?:servicio|contrato|suscripci[oó]n|cuenta)\\b|\\b(?:cancel|anul|rescind|cerr)\\w*\\s+(?:mi|la|el|nuestra|nuestro|su)\\s+(?:\\w+\\s+)?${CONTRACT}\\b`,
        ),
      ),
      switch_provider: cue(
        ["competencia", "otra", "cambiarme", "cambio", "sitio"],
        /\bme (?:voy|cambio|paso) a (?:la )?(?:competencia|otra (?:compañía|empresa|tienda|marca|operadora))\b|\bcambiarme de (?:compañía|proveedor|operador|empresa)\b|\bme cambio de (?:compañía|operador|proveedor)\b|\bcon la competencia\b|\bcomprar en otro sitio\b|\bpedir en otro sitio\b/,
      ),
      never_again: cue(
        ["nunca", "vuelvo", "volveré", "volvemos", "volveremos", "vez", "jamás", "perdido"],
        /\bnunca más (?:vuelvo|volveré|compro|compraré|pido|pediré|contrato)\b|\bno (?:vuelvo|volveré|volvemos|volveremos) a (?:comprar|pedir|contratar|confiar)\b|\b(?:última|ultima) vez que (?:compro|pido|contrato)\b|\bjamás (?:vuelvo|volveré)\b|\bhab[eé]is perdido (?:a )?un cliente\b/,
      ),
    },
    legal: {
      lawyer: cue(
        ["abogad*", "bufete", "asesor*", "despacho", "letrad*"],
        /\babogad[oa]s?\b|\bbufete\b|\basesor(?:ía|ia)? (?:legal|jurídic[oa])\b|\bdespacho de abogados\b|\bletrad[oa]\b/,
      ),
      court: cue(
        ["demand*", "denunci*", "juzgado*", "tribunal*", "judicial", "legales", "policía"],
        /\bponer una demanda\b|\bdemand(?:aros|arles|arte|aré|aremos|ar a)\b|\b(?:os|les|te) (?:voy a )?demand(?:o|ar[eé])\b|\bvoy a demandar\b|\bdenunci\w*|\bjuzgado\w*|\btribunal(?:es)?\b|\bvía judicial\b|\bacciones legales\b|\bmedidas legales\b|\bpolicía\b/,
      ),
      regulator: cue(
        [
          "omic",
          "consumo",
          "consumidor*",
          "facua",
          "ocu",
          "reclamaciones",
          "defensor",
          "profeco",
          "sernac",
          "indecopi",
          "aepd",
          "arbitraje",
          "arbitral",
        ],
        /\bomic\b|\b(?:oficina|autoridad|dirección general|ministerio) de consumo\b|\boficina (?:municipal )?del? consumidor\b|\bfacua\b|\bocu\b|\bhoja de reclamaciones\b|\blibro de reclamaciones\b|\bdefensor del (?:cliente|pueblo|consumidor)\b|\basociaci[oó]n de consumidores\b|\borganizaci[oó]n de consumidores\b|\bprotecci[oó]n al consumidor\b|\bprofeco\b|\bsernac\b|\bindecopi\b|\baepd\b|\barbitraje de consumo\b|\bjunta arbitral\b/,
      ),
      chargeback: cue(
        ["contracargo*", "recibo", "cargo"],
        /\bcontracargo\w*|\bdevolver el recibo\b|\bdevolución del recibo\b|\banular el cargo con (?:mi|el) banco\b/,
      ),
    },
    vulnerable: {
      bereavement: cue(
        ["falleci*", "defunci*", "funeral*", "entierro", "luto", "viud*", "perd*", "murió", "muerto"],
        new RegExp(
          `\\bfalleci\\w*|\\bdefunci[oó]n\\b|\\bfuneral\\w*|\\bentierro\\b|\\bluto\\b|\\bviud[oa]s?\\b|\\bperd[ií] a mi ${FAMILY}\\b|\\bmi ${FAMILY} (?:ha )?(?:murió|muerto|fallecido)\\b|\\bha muerto mi\\b`,
        ),
      ),
      illness: cue(
        [
          "hospital*",
          "ingresad*",
          "cáncer",
          "cancer",
          "quimio*",
          "enferm*",
          "operad*",
          "intensivos",
          "uci",
          "ictus",
          "infarto",
          "demencia",
          "alzheimer",
          "depresi*",
          "médica",
          "baja",
        ],
        /\bhospital\w*|\b(?:estoy|está|estuve|estaba) ingresad[oa]\b|\bingresad[oa] en\b|\bcáncer\b|\bcancer\b|\bquimio\w*|\benfermedad grave\b|\bgravemente enferm[oa]\b|\benferm[oa] (?:grave|terminal|crónic[oa])\b|\b(?:me|le) (?:han )?operad[oa]\b|\bcuidados intensivos\b|\buci\b|\bictus\b|\binfarto\b|\bdemencia\b|\balzheimer\b|\bdepresi[oó]n\b|\bbaja médica\b|\bde baja por (?:enfermedad|maternidad)\b/,
      ),
      disability: cue(
        ["discapacidad*", "discapacitad*", "minusválid*", "ruedas", "ciego", "ciega", "sord*", "invidente", "autis*"],
        /\bdiscapacidad\w*|\bdiscapacitad[oa]s?\b|\bminusválid[oa]\b|\bsilla de ruedas\b|\bciego\b|\bciega\b|\bsord[oa]\b|\binvidente\b|\bautis\w*/,
      ),
      elderly: cue(
        ["jubilad*", "pensionista*", "mayor*", "edad", "residencia", "anciano", "anciana", "años"],
        /\bjubilad[oa]s?\b|\bpensionista\w*|\bpersonas? mayor(?:es)?\b|\btercera edad\b|\bresidencia de (?:ancianos|mayores)\b|\banciano\b|\banciana\b|\b(?:8|9)\d años\b/,
      ),
      hardship: cue(
        [
          "permitir",
          "pagar",
          "dinero",
          "trabajo",
          "paro",
          "despedido",
          "empleo",
          "desemplead*",
          "deuda*",
          "embargo",
          "desahucio*",
          "apuros",
          "económicas",
          "económicos",
          "mes",
          "social",
          "mínimo",
        ],
        /\bno (?:me )?(?:lo )?puedo (?:permitir|pagar)\b|\bno tengo dinero\b|\bsin trabajo\b|\ben (?:el )?paro\b|\bme (?:han )?despedido\b|\bperd[ií] (?:mi|el) (?:trabajo|empleo)\b|\bdesemplead[oa]\b|\bdeudas?\b|\b(?<!sin )embargo\b|\bdesahucio\w*|\bapuros económicos\b|\bdificultades económicas\b|\bproblemas económicos\b|\bno llego a fin de mes\b|\bayuda social\b|\bingreso mínimo\b/,
      ),
      abuse: cue(["violencia", "maltrato"], /\bviolencia (?:doméstica|de género|machista)\b|\bmaltrato\b/),
    },
    safety: {
      fire: cue(
        [
          "incendi*",
          "fuego",
          "llamas",
          "ardió",
          "humo",
          "sobrecalent*",
          "quemado",
          "quemó",
          "explot*",
          "explosi*",
          "chispazo",
        ],
        /\bincendi\w*|\bfuego\b(?!\s+(?:lento|medio|alto|fuerte|bajo|suave|vivo))|\ben llamas\b|\bllamas\b|\bardió\b|\bsalió humo\b|\becha(?:ba)? humo\b|(?<!(?:detector|alarma|detectores|alarmas) de )\bhumo\b|\bsobrecalent\w*|\bolor a quemado\b|\bhuele a quemado\b|\bse quemó el (?:enchufe|cable|cargador)\b|\bexplot(?:ó|a|aron)\b|\bexplosi[oó]n\b|\bchispazo\b/,
      ),
      electric: cue(
        ["descarga", "calambre", "corriente", "calambrazo", "electrocut*", "chispas", "cortocircuito", "pelados"],
        /\bdescarga eléctrica\b|\bme dio (?:una )?(?:descarga|calambre|corriente)\b|\bcalambrazo\b|\belectrocut\w*|\bchispas\b|\bcortocircuito\b|\bcables pelados\b/,
      ),
      injury: cue(
        ["herid*", "lesi*", "cort*", "quem*", "sangr*", "urgencias", "reacci*", "intoxica*", "atragant*", "trozo*"],
        /\bherid[oa]s?\b|\blesi[oó]n\b|\blesionad[oa]\b|\bme cort[eé]\b|\bse cortó\b|\bme quem[eé]\b|\bquemadura\w*|\bsangr\w*|\burgencias\b|\breacci[oó]n alérgica\b|\bintoxicaci[oó]n\b|\bintoxicad[oa]\b|\batragant\w*|\btrozos? de (?:cristal|vidrio|metal)\b/,
      ),
      self_harm: cue(
        ["suicid*", "quitarme", "matarme", "vivir", "viviendo", "hacerme", "autolesi*", "acabar"],
        /\bsuicid\w*|\bquitarme la vida\b|\bmatarme\b|\bno quiero (?:seguir )?vivir\b|\bno quiero seguir viviendo\b|\bhacerme daño\b|\bautolesi\w*|\bacabar con mi vida\b/,
      ),
      hazard: cue(
        ["gas", "monóxido", "tóxic*", "asfixia"],
        /\bfuga de gas\b|\bolor a gas\b|\bmonóxido\b|\btóxic[oa]s?\b|\bpeligro de asfixia\b/,
      ),
    },
  },
  negatedBefore:
    /\b(?:no|nunca|jamás|ni|sin|tampoco)(?:\s+(?:voy|vamos|a|quiero|queremos|pienso|pensamos|tengo|tenemos|hace|falta|necesito|necesitamos|necesidad|de|la|el|un|una|me|nos|intención|pensando|en|hay|que|llamar|al|ir|acudir|poner|es|necesario|tiene|plan|planes|para|lo|quiero|consideramos|considero))*\s*$/,
};
