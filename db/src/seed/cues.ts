/**
 * What the demo sprinkles on top of ordinary feedback to exercise the pipeline: repeat-contact openers, escalation
 * cues (churn, legal, vulnerable customers, safety) and personal data for redaction. The escalation phrasings are
 * written to match what `functions/core/src/analysis/escalation.ts` looks for, as real customers would write them.
 * @module
 */
import type { Phrases } from "./content-types.ts";

/** Openers for the 2nd, 3rd and 4th contact about the same problem; `{weekday}` is the previous contact's day. */
export const REPEAT_OPENERS: readonly Phrases[] = [
  {
    en: [
      "I'm writing again because nothing has happened since my last message.",
      "Following up on my message from {weekday} – still no reply.",
      "Second time I'm contacting you about this.",
    ],
    da: [
      "Jeg skriver igen, for der er ikke sket noget siden min sidste besked.",
      "Jeg følger op på min besked fra {weekday} – stadig intet svar.",
      "Det er anden gang, jeg kontakter jer om det her.",
    ],
    de: [
      "Ich schreibe schon wieder, weil sich seit meiner letzten Nachricht nichts getan hat.",
      "Ich komme auf meine Nachricht vom {weekday} zurück – immer noch keine Antwort.",
      "Ich melde mich jetzt zum zweiten Mal deswegen.",
    ],
  },
  {
    en: ["This is the third time I contact you about this.", "Third message now, and still no solution."],
    da: ["Det er tredje gang, jeg kontakter jer om det her.", "Tredje henvendelse nu, og stadig ingen løsning."],
    de: [
      "Das ist jetzt das dritte Mal, dass ich mich deswegen melde.",
      "Dritte Nachricht, und immer noch keine Lösung.",
    ],
  },
  {
    en: ["I have now contacted you four times about the same problem.", "Fourth attempt to get an answer from you."],
    da: ["Jeg har nu kontaktet jer fire gange om det samme problem.", "Fjerde forsøg på at få et svar fra jer."],
    de: [
      "Ich habe mich jetzt schon viermal wegen desselben Problems gemeldet.",
      "Vierter Versuch, eine Antwort zu bekommen.",
    ],
  },
];

/** Sentences that turn a complaint into an escalation. */
export const ESCALATION_SUFFIXES = {
  churn: {
    en: [
      "If this isn't sorted by Friday, I will cancel my subscription.",
      "Honestly, I'll cancel and shop somewhere else.",
      "I will never order from you again.",
      "Please close my account.",
    ],
    da: [
      "Hvis det ikke bliver løst, opsiger jeg mit medlemskab.",
      "Jeg opsiger og handler et andet sted fremover.",
      "Jeg handler aldrig hos jer igen.",
    ],
    de: [
      "Wenn das nicht geklärt wird, kündige ich mein Abo.",
      "Ich kündige und bestelle in Zukunft woanders.",
      "Ich werde bei euch nie wieder bestellen.",
    ],
  },
  legal: {
    en: [
      "I have asked my lawyer to look at this.",
      "I will take this to the Consumer Ombudsman.",
      "Next step is small claims court.",
    ],
    da: [
      "Jeg har bedt min advokat om at se på sagen.",
      "Jeg klager til Forbrugerklagenævnet.",
      "Næste skridt er Forbrugerombudsmanden.",
    ],
    de: [
      "Ich habe meinen Anwalt eingeschaltet.",
      "Ich wende mich jetzt an die Verbraucherzentrale.",
      "Notfalls kläre ich das vor Gericht.",
    ],
  },
  vulnerable: {
    en: [
      "I'm in hospital at the moment, so I can't chase this myself.",
      "I lost my job last month and I really can't afford to lose this money.",
    ],
    da: ["Jeg er indlagt lige nu og kan ikke selv følge op.", "Jeg har ikke råd til at miste de penge lige nu."],
    de: [
      "Ich liege gerade im Krankenhaus und kann mich nicht selbst darum kümmern.",
      "Ich bin seit letztem Monat arbeitslos und auf das Geld angewiesen.",
    ],
  },
} as const satisfies Record<string, Phrases>;

export type EscalationCategory = keyof typeof ESCALATION_SUFFIXES;

/**
 * Whole messages from vulnerable customers and about unsafe products: they are not complaints with a cue tacked on,
 * they are the reason for the contact, and they belong to specific touchpoints.
 */
export const STANDALONE_ESCALATIONS: ReadonlyArray<{ touchpoints: readonly string[]; phrases: Phrases }> = [
  {
    touchpoints: ["sub-bereavement"],
    phrases: {
      en: [
        "My father passed away in {lastMonth}. He had a Nordlys box subscription and I need to stop it – the account is in his name.",
        "I'm writing on behalf of my mother, who passed away recently. Please stop her subscription and the emails; it hurts to see them.",
        "My husband passed away and his box is still arriving every month. Who can I talk to about closing it?",
      ],
      da: [
        "Min far døde i {lastMonth}, og efter dødsfaldet skal jeg have stoppet hans abonnement hos jer – kontoen står i hans navn.",
        "Jeg skriver på vegne af min mor, som er død. Vil I stoppe hendes abonnement og jeres mails? Det gør ondt at se dem.",
        "Der har været et dødsfald i familien, og min mands boks kommer stadig hver måned. Hvem kan jeg tale med om at lukke den?",
      ],
      de: [
        "Mein Vater ist im {lastMonth} verstorben. Er hatte ein Nordlys-Abo, das ich beenden muss – das Konto läuft auf seinen Namen.",
        "Ich schreibe für meine Mutter, die vor Kurzem verstorben ist. Bitte stoppt ihr Abo und die E-Mails, es tut weh, sie zu sehen.",
        "Mein Mann ist verstorben, und seine Box kommt immer noch jeden Monat. Mit wem kann ich über die Schließung sprechen?",
      ],
    },
  },
  {
    touchpoints: ["sub-billing-reminders", "sub-bereavement"],
    phrases: {
      en: [
        "I've been in hospital for three weeks and missed the payment. Please don't pass it to debt collection, I'll pay as soon as I can.",
        "I lost my job last month and can't afford the box right now. Is there any way to pause without a fee?",
      ],
      da: [
        "Jeg har været indlagt i tre uger og har misset betalingen. Send det venligst ikke til inkasso, jeg betaler, så snart jeg kan.",
        "Jeg har mistet mit job og har ikke råd til boksen lige nu. Kan jeg holde pause uden gebyr?",
      ],
      de: [
        "Ich lag drei Wochen im Krankenhaus und habe die Zahlung verpasst. Bitte nicht ans Inkasso geben, ich zahle, sobald ich kann.",
        "Ich bin seit letztem Monat arbeitslos und kann mir die Box gerade nicht leisten. Kann ich ohne Gebühr pausieren?",
      ],
    },
  },
  {
    touchpoints: ["support-product-quality", "support-damage-claim"],
    phrases: {
      en: [
        "The table lamp I bought got so hot the shade turned brown and it smelled of burnt plastic. It could easily have caught fire.",
        "Our electric blanket overheated overnight and left a scorch mark on the sheet. My kids sleep with these.",
        "The USB charger that came with the lamp gave off sparks when I plugged it in.",
      ],
      da: [
        "Bordlampen, jeg købte, blev så varm, at skærmen blev brun, og den lugtede brændt. Den kunne sagtens være gået i brand.",
        "Vores el-tæppe blev overophedet i nat og efterlod et mærke på lagenet. Mine børn sover med sådan nogle.",
        "USB-opladeren, der fulgte med lampen, slog gnister, da jeg satte den i.",
      ],
      de: [
        "Die Tischlampe wurde so heiß, dass sich der Schirm braun verfärbt hat und es verschmort roch. Das hätte leicht einen Brand geben können.",
        "Unsere Heizdecke hat über Nacht überhitzt und einen Fleck auf dem Laken hinterlassen. Meine Kinder schlafen mit so etwas.",
        "Das USB-Netzteil, das bei der Lampe dabei war, hat beim Einstecken Funken geschlagen.",
      ],
    },
  },
];

/** Customers paste their own contact and payment details into feedback; redaction must catch every one. */
export const PII_SENTENCES: Readonly<Record<"email" | "phone" | "card" | "iban", Phrases>> = {
  email: {
    en: ["My email is {email} in case the one on the account doesn't work.", "Please reply to {email}."],
    da: ["Min mail er {email}, hvis den på kontoen ikke virker.", "Svar venligst på {email}."],
    de: ["Meine E-Mail ist {email}, falls die im Konto nicht funktioniert.", "Bitte antwortet an {email}."],
  },
  phone: {
    en: ["You can reach me on {phone}.", "Call me on {phone} if that's easier."],
    da: ["I kan fange mig på {phone}.", "Ring gerne på {phone}, hvis det er nemmere."],
    de: ["Ihr erreicht mich unter {phone}.", "Ruft mich gerne unter {phone} an, wenn das einfacher ist."],
  },
  card: {
    en: ["Please refund to this card: {card}.", "The card I used is {card}, expiry 08/27."],
    da: ["Refundér venligst til dette kort: {card}.", "Kortet, jeg brugte, er {card}, udløb 08/27."],
    de: ["Bitte auf diese Karte erstatten: {card}.", "Ich habe mit der Karte {card} bezahlt, gültig bis 08/27."],
  },
  iban: {
    en: ["You can transfer the money to {iban}.", "My IBAN is {iban}."],
    da: ["I kan overføre pengene til {iban}.", "Mit IBAN er {iban}."],
    de: ["Ihr könnt das Geld auf {iban} überweisen.", "Meine IBAN lautet {iban}."],
  },
};

/** Reference details that look like personal data but are not: order numbers, tracking numbers and dates. */
export const REFERENCE_SENTENCES: Phrases = {
  en: ["Order {order}.", "My order number is {order}.", "Order {order}, placed on {date}.", "Tracking: {tracking}."],
  da: [
    "Ordrenummer {order}.",
    "Min ordre er {order}.",
    "Ordre {order}, bestilt den {date}.",
    "Trackingnummer: {tracking}.",
  ],
  de: [
    "Bestellnummer {order}.",
    "Meine Bestellung ist {order}.",
    "Bestellung {order} vom {date}.",
    "Sendungsnummer: {tracking}.",
  ],
};
