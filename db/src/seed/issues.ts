/**
 * The recurring issues planted in the demo, in order of volume (Zipf-like, so a clear top ten exists). Each has
 * natural paraphrases in English, Danish and German, several of them implicit ("day 9 and still 'label created'")
 * so clustering cannot lean on obvious negative words.
 * @module
 */
import type { JourneySlug, Phrases } from "./content-types.ts";

export interface IssueSpec {
  label: string;
  journey: JourneySlug;
  /** Where the issue shows up, weighted. */
  touchpoints: ReadonlyArray<readonly [key: string, weight: number]>;
  /** The helpdesk tag agents put on these tickets. */
  tag: string;
  /** Surges in the last days before `now`. */
  spike?: boolean;
  /** Customers contact again, 2–4 times within a week, about it. */
  repeatContacts?: boolean;
  /** Fixed a week after last month's review (`review-timeline.ts`): far fewer items since. */
  fixShipped?: boolean;
  /** Ticket subjects and review headlines. */
  subjects: Phrases;
  templates: Phrases;
}

export const ISSUE_SPECS: readonly IssueSpec[] = [
  {
    label: "Parcel arrived days late",
    journey: "retail",
    touchpoints: [["delivery-carrier-handover", 1]],
    tag: "late_delivery",
    spike: true,
    subjects: {
      en: ["Late delivery", "Where is my order?", "Parcel still not here"],
      da: ["Forsinket levering", "Hvor er min ordre?", "Pakken er ikke kommet"],
      de: ["Lieferung verspätet", "Wo bleibt meine Bestellung?", "Paket immer noch nicht da"],
    },
    templates: {
      en: [
        "My parcel arrived {n} days late. The checkout promised delivery in 1–2 days.",
        "Order {order} was supposed to arrive on {weekday}. It came {n} days later.",
        "Ordered on {date}, and it only turned up today – {n} days after the promised date.",
        "Delivery was meant to be next-day. It took more than a week.",
        "I ordered {item} as a birthday present, but the parcel came {n} days after the birthday.",
        "The parcel came on day {n2} instead of day 2. I had to rearrange my whole week to be at home.",
        "Your site says 1–3 working days. Mine took {n} extra days with {carrier}.",
        "Still waiting for order {order}. {Carrier} says it only left your warehouse yesterday.",
      ],
      da: [
        "Min pakke kom {n} dage for sent. Ved betalingen stod der levering på 1-2 dage.",
        "Ordre {order} skulle være kommet {weekday}. Den kom først {n} dage senere.",
        "Bestilt den {date}, og pakken dukkede først op i dag – {n} dage efter den lovede dato.",
        "Der stod levering dagen efter. Det tog over en uge.",
        "Jeg bestilte {item} som fødselsdagsgave, men pakken kom {n} dage efter fødselsdagen.",
        "Pakken kom først på dag {n2} i stedet for dag 2. Jeg måtte lægge hele min uge om for at være hjemme.",
        "På jeres side står der 1-3 hverdage. Min tog {n} dage ekstra med {carrier}.",
        "Venter stadig på ordre {order}. Ifølge {carrier} forlod den først jeres lager i går.",
      ],
      de: [
        "Mein Paket kam {n} Tage zu spät an. Beim Bestellen stand Lieferung in 1–2 Tagen.",
        "Bestellung {order} sollte am {weekday} ankommen. Sie kam erst {n} Tage später.",
        "Am {date} bestellt, und das Paket ist erst heute angekommen – {n} Tage nach dem versprochenen Termin.",
        "Es hieß Lieferung am nächsten Tag. Es hat über eine Woche gedauert.",
        "Ich habe {itemAcc} als Geburtstagsgeschenk bestellt, aber das Paket kam {n} Tage nach dem Geburtstag.",
        "Das Paket kam erst an Tag {n2} statt an Tag 2. Ich musste meine ganze Woche umplanen, um zu Hause zu sein.",
        "Auf eurer Seite stehen 1–3 Werktage. Bei mir hat es mit {carrier} {n} Tage länger gedauert.",
        "Warte immer noch auf Bestellung {order}. Laut {carrier} hat sie euer Lager erst gestern verlassen.",
      ],
    },
  },
  {
    label: "Charged twice for one order",
    journey: "retail",
    touchpoints: [["checkout-payment", 1]],
    tag: "double_charge",
    repeatContacts: true,
    subjects: {
      en: ["Charged twice", "Double payment", "Two charges for one order"],
      da: ["Trukket to gange", "Dobbelt betaling", "To trækninger for én ordre"],
      de: ["Doppelt abgebucht", "Doppelte Zahlung", "Zwei Abbuchungen für eine Bestellung"],
    },
    templates: {
      en: [
        "I was charged twice for order {order} – {amount} taken two times from my card.",
        "Two identical payments of {amount} on my bank statement, but only one order.",
        "My card shows the same amount twice from Nordlys Home. Please refund one of them.",
        "Paid with MobilePay, the first attempt seemed to fail, so I paid again. Now both payments have gone through.",
        "Why is there a second charge of {amount} on my account for the same order?",
        "Checked my banking app this morning: {amount} on {date} and again {amount} a minute later.",
        "Klarna and my card were both charged for order {order}.",
      ],
      da: [
        "Jeg er blevet trukket to gange for ordre {order} – {amount} to gange fra mit kort.",
        "To ens betalinger på {amount} på min kontoudskrift, men kun én ordre.",
        "Mit kort viser det samme beløb to gange fra Nordlys Home. Vil I refundere den ene?",
        "Betalte med MobilePay, første forsøg så ud til at fejle, så jeg betalte igen. Nu er begge betalinger gået igennem.",
        "Hvorfor er der en ekstra trækning på {amount} på min konto for den samme ordre?",
        "Kiggede i netbanken i morges: {amount} den {date} og igen {amount} et minut senere.",
        "Både Klarna og mit kort er blevet trukket for ordre {order}.",
      ],
      de: [
        "Mir wurde Bestellung {order} doppelt abgebucht – zweimal {amount} von meiner Karte.",
        "Zwei identische Zahlungen über {amount} auf meinem Kontoauszug, aber nur eine Bestellung.",
        "Auf meiner Kreditkarte taucht derselbe Betrag zweimal von Nordlys Home auf. Bitte erstattet eine Zahlung.",
        "Ich habe mit PayPal bezahlt, der erste Versuch schien fehlzuschlagen, also habe ich nochmal bezahlt. Jetzt sind beide Zahlungen durchgegangen.",
        "Warum gibt es eine zweite Abbuchung über {amount} für dieselbe Bestellung?",
        "Heute Morgen ins Onlinebanking geschaut: {amount} am {date} und eine Minute später nochmal {amount}.",
        "Für Bestellung {order} wurden sowohl Klarna als auch meine Karte belastet.",
      ],
    },
  },
  {
    label: "Still no refund after return",
    journey: "retail",
    touchpoints: [["returns-refund", 1]],
    tag: "refund_status",
    repeatContacts: true,
    subjects: {
      en: ["Refund status", "Where is my refund?", "Return received, no refund"],
      da: ["Status på refundering", "Hvor bliver mine penge af?", "Retur modtaget, ingen refundering"],
      de: ["Stand der Erstattung", "Wo bleibt meine Erstattung?", "Retoure angekommen, keine Erstattung"],
    },
    templates: {
      en: [
        "I returned {item} {weeks} weeks ago and still haven't received my refund.",
        "Your warehouse confirmed the return on {date}, but the {amount} hasn't come back to my card.",
        "It's been {weeks} weeks since I sent the parcel back. When will I get my money?",
        "The returns portal says 'refund approved', but there's nothing on my account yet.",
        "According to {carrier}, return {tracking} was delivered to you {weeks} weeks ago. What is the refund status?",
        "Still waiting for {amount} from the return of order {order}.",
        "I was told 5–7 working days for the refund. We're now in week {weeks}.",
      ],
      da: [
        "Jeg returnerede {item} for {weeks} uger siden og har stadig ikke fået pengene tilbage.",
        "Jeres lager bekræftede returneringen den {date}, men beløbet på {amount} er ikke kommet retur på mit kort.",
        "Det er {weeks} uger siden, jeg sendte pakken retur. Hvornår får jeg mine penge?",
        "Returportalen siger 'refundering godkendt', men der er intet på min konto endnu.",
        "Ifølge {carrier} blev returpakken {tracking} leveret til jer for {weeks} uger siden. Hvad med refunderingen?",
        "Venter stadig på {amount} for returneringen af ordre {order}.",
        "Jeg fik at vide, at refunderingen tager 5-7 hverdage. Nu er vi i uge {weeks}.",
      ],
      de: [
        "Ich habe {itemAcc} vor {weeks} Wochen zurückgeschickt und immer noch keine Erstattung erhalten.",
        "Euer Lager hat die Rücksendung am {date} bestätigt, aber die {amount} sind noch nicht auf meiner Karte.",
        "Es ist jetzt {weeks} Wochen her, dass ich das Paket zurückgeschickt habe. Wann bekomme ich mein Geld?",
        "Im Retourenportal steht „Erstattung genehmigt“, aber auf meinem Konto ist noch nichts.",
        "Laut {carrier} wurde die Retoure {tracking} vor {weeks} Wochen bei euch zugestellt. Wie ist der Stand der Erstattung?",
        "Warte immer noch auf {amount} aus der Rücksendung von Bestellung {order}.",
        "Mir wurden 5–7 Werktage für die Erstattung gesagt. Wir sind jetzt in Woche {weeks}.",
      ],
    },
  },
  {
    label: "Tracking link shows no updates",
    journey: "retail",
    touchpoints: [["delivery-tracking", 1]],
    tag: "tracking",
    fixShipped: true,
    subjects: {
      en: ["Tracking not updating", "Is my parcel on its way?", "Tracking link broken"],
      da: ["Sporingen opdaterer ikke", "Er min pakke på vej?", "Sporingslink virker ikke"],
      de: ["Sendungsverfolgung ohne Update", "Ist mein Paket unterwegs?", "Tracking-Link geht nicht"],
    },
    templates: {
      en: [
        "The tracking link hasn't updated since {weekday}. It just says 'label created'.",
        "Tracking number {tracking} has shown no movement for {n} days.",
        "Your shipping email links to a tracking page that says 'no information available'.",
        "Is my parcel actually on its way? The {carrier} tracking hasn't changed in {n} days.",
        "Clicked the tracking link for order {order} – 'shipment not found'.",
        "Tracking has said 'on its way to the parcel shop' since {date}.",
        "The SMS said my parcel was coming today. The tracking page still says it hasn't left your warehouse.",
      ],
      da: [
        "Sporingslinket er ikke blevet opdateret siden {weekday}. Der står bare 'label oprettet'.",
        "Sporingsnummer {tracking} har ikke rykket sig i {n} dage.",
        "Linket i forsendelsesmailen fører til en side, hvor der står 'ingen oplysninger tilgængelige'.",
        "Er min pakke overhovedet på vej? Sporingen hos {carrier} har ikke ændret sig i {n} dage.",
        "Klikkede på sporingslinket for ordre {order} – 'forsendelsen blev ikke fundet'.",
        "Sporingen har sagt 'på vej til pakkeshoppen' siden den {date}.",
        "SMS'en sagde, at pakken kom i dag. Sporingssiden siger stadig, at den ikke har forladt jeres lager.",
      ],
      de: [
        "Der Tracking-Link wurde seit {weekday} nicht aktualisiert. Da steht nur „Sendungsdaten übermittelt“.",
        "Die Sendungsnummer {tracking} zeigt seit {n} Tagen keine Bewegung.",
        "Der Link in der Versandbestätigung führt zu einer Seite mit „keine Informationen verfügbar“.",
        "Ist mein Paket überhaupt unterwegs? Die Sendungsverfolgung von {carrier} hat sich seit {n} Tagen nicht geändert.",
        "Tracking-Link für Bestellung {order} angeklickt – „Sendung nicht gefunden“.",
        "In der Sendungsverfolgung steht seit dem {date} „auf dem Weg zum Paketshop“.",
        "Laut SMS sollte das Paket heute kommen. Auf der Tracking-Seite steht immer noch, dass es euer Lager nicht verlassen hat.",
      ],
    },
  },
  {
    label: "Box arrived with broken or melted items",
    journey: "subscription",
    touchpoints: [
      ["sub-box-packing", 0.8],
      ["sub-box-unboxing", 0.2],
    ],
    tag: "damaged_box",
    subjects: {
      en: ["Broken item in my box", "Damaged box", "Melted candle"],
      da: ["Ødelagt vare i boksen", "Beskadiget boks", "Smeltet lys"],
      de: ["Kaputter Artikel in der Box", "Beschädigte Box", "Geschmolzene Kerze"],
    },
    templates: {
      en: [
        "{BreakItem} in my {boxMonth} box arrived in pieces.",
        "Opened the box and {meltItem} had melted all over the other products.",
        "Second month in a row something arrives broken. This time it was {breakItem}.",
        "There was no padding at all around {breakItem}. Shards everywhere.",
        "{MeltItem} was completely soft and out of shape when the box arrived.",
        "The courier left the box in the sun and {meltItem} didn't survive.",
        "The box looked fine from the outside, but inside {breakItem} was cracked.",
      ],
      da: [
        "{BreakItem} i min {boxMonth}-boks kom i stykker.",
        "Åbnede boksen, og {meltItem} var smeltet ud over de andre produkter.",
        "Anden måned i træk, at noget er gået i stykker. Denne gang var det {breakItem}.",
        "Der var slet ingen beskyttelse omkring {breakItem}. Skår over det hele.",
        "{MeltItem} havde helt mistet formen, da boksen kom.",
        "Budet lod boksen stå i solen, og {meltItem} overlevede ikke.",
        "Boksen så fin ud udefra, men indeni var der revner i {breakItem}.",
      ],
      de: [
        "{BreakItem} in meiner {boxMonth}-Box kam zerbrochen an.",
        "Box geöffnet, und {meltItem} war über die anderen Produkte geschmolzen.",
        "Zweiter Monat in Folge, in dem etwas kaputt ankommt. Diesmal war es {breakItem}.",
        "{BreakItem} war überhaupt nicht gepolstert. Überall Scherben.",
        "{MeltItem} war völlig weich und verformt, als die Box ankam.",
        "Der Bote hat die Box in der Sonne stehen lassen, und {meltItem} hat das nicht überlebt.",
        "Von außen sah die Box gut aus, aber innen hatte {breakItem} einen Sprung.",
      ],
    },
  },
  {
    label: "Cannot pause subscription in the app",
    journey: "subscription",
    touchpoints: [["sub-pause", 1]],
    tag: "pause",
    repeatContacts: true,
    subjects: {
      en: ["Can't pause", "Pause not working", "How do I pause my box?"],
      da: ["Kan ikke sætte på pause", "Pause virker ikke", "Hvordan sætter jeg boksen på pause?"],
      de: ["Pausieren geht nicht", "Pause funktioniert nicht", "Wie pausiere ich meine Box?"],
    },
    templates: {
      en: [
        "The pause button in the app is greyed out. I just want to skip {months} months while we move.",
        "Tried to pause my subscription in the app – it says 'something went wrong, try again later'.",
        "Where is the pause option? The help centre says it's under 'My plan', but it isn't there.",
        "I paused in the app, got a confirmation, and the next box was charged anyway.",
        "The app crashes every time I tap 'Pause subscription'.",
        "We're travelling for {months} months. How do I pause? The app only offers to end the subscription.",
        "Pausing only seems to be possible by phone.",
      ],
      da: [
        "Pauseknappen i appen er grå. Jeg vil bare holde pause i {months} måneder, mens vi flytter.",
        "Prøvede at sætte mit abonnement på pause i appen – der står 'noget gik galt, prøv igen senere'.",
        "Hvor er pausefunktionen? Ifølge hjælpecenteret ligger den under 'Mit abonnement', men den er der ikke.",
        "Jeg satte på pause i appen, fik en bekræftelse, og den næste boks blev alligevel trukket.",
        "Appen lukker ned, hver gang jeg trykker på 'Sæt abonnement på pause'.",
        "Vi rejser i {months} måneder. Hvordan sætter jeg på pause? Appen tilbyder kun at afslutte abonnementet.",
        "Det ser ud til, at man kun kan holde pause ved at ringe til jer.",
      ],
      de: [
        "Der Pause-Button in der App ist ausgegraut. Ich möchte nur für {months} Monate pausieren, während wir umziehen.",
        "Wollte mein Abo in der App pausieren – da steht „Etwas ist schiefgelaufen, versuche es später erneut“.",
        "Wo ist die Pause-Funktion? Laut Hilfe-Center unter „Mein Abo“, aber da ist sie nicht.",
        "Ich habe in der App pausiert, eine Bestätigung bekommen, und die nächste Box wurde trotzdem abgebucht.",
        "Die App stürzt jedes Mal ab, wenn ich auf „Abo pausieren“ tippe.",
        "Wir sind {months} Monate auf Reisen. Wie pausiere ich? Die App bietet nur „Abo beenden“ an.",
        "Pausieren geht anscheinend nur telefonisch.",
      ],
    },
  },
  {
    label: "Discount code not accepted at checkout",
    journey: "retail",
    touchpoints: [["checkout-discount-code", 1]],
    tag: "promo_code",
    subjects: {
      en: ["Discount code not working", "Promo code invalid", "Code not applied"],
      da: ["Rabatkode virker ikke", "Ugyldig rabatkode", "Koden bliver ikke trukket fra"],
      de: ["Rabattcode funktioniert nicht", "Gutscheincode ungültig", "Code wird nicht abgezogen"],
    },
    templates: {
      en: [
        "The code {code} from your newsletter says 'not valid' at checkout.",
        "Tried {code} three times – 'this code cannot be applied to your basket'.",
        "Your Instagram ad said 20% off with {code}, but the discount doesn't show up in the basket.",
        "Is {code} still active? The checkout just ignores it.",
        "Entered my birthday code and the total stayed at {amount}.",
        "Gift card accepted, discount code not. Can they not be combined?",
        "I ended up paying full price because {code} kept failing. Can you refund the difference?",
      ],
      da: [
        "Koden {code} fra jeres nyhedsbrev siger 'ugyldig' ved betalingen.",
        "Har prøvet {code} tre gange – 'koden kan ikke bruges på din kurv'.",
        "Jeres Instagram-annonce lovede 20 % rabat med {code}, men rabatten kommer ikke med i kurven.",
        "Er {code} stadig aktiv? Kassen ignorerer den bare.",
        "Indtastede min fødselsdagskode, og totalen blev ved med at være {amount}.",
        "Gavekortet blev godtaget, men rabatkoden ikke. Kan de ikke kombineres?",
        "Jeg endte med at betale fuld pris, fordi {code} ikke virkede. Kan I refundere forskellen?",
      ],
      de: [
        "Der Code {code} aus eurem Newsletter wird an der Kasse als „ungültig“ angezeigt.",
        "Dreimal {code} probiert – „Dieser Code kann nicht auf deinen Warenkorb angewendet werden“.",
        "In eurer Instagram-Werbung stand 20 % Rabatt mit {code}, aber im Warenkorb taucht der Rabatt nicht auf.",
        "Ist {code} noch gültig? Der Checkout ignoriert ihn einfach.",
        "Meinen Geburtstagscode eingegeben, und die Summe blieb bei {amount}.",
        "Gutschein wurde akzeptiert, Rabattcode nicht. Kann man die nicht kombinieren?",
        "Am Ende habe ich den vollen Preis bezahlt, weil {code} nicht funktioniert hat. Könnt ihr mir die Differenz erstatten?",
      ],
    },
  },
  {
    label: "Chat bot loops and never reaches a person",
    journey: "retail",
    touchpoints: [["support-chatbot", 1]],
    tag: "chatbot_handover",
    subjects: {
      en: ["Chat bot useless", "Can't reach a human", "Stuck in the chat"],
      da: ["Chatbotten hjælper ikke", "Kan ikke få fat i et menneske", "Fast i chatten"],
      de: ["Chatbot hilft nicht", "Kein Mensch erreichbar", "Im Chat festgesteckt"],
    },
    templates: {
      en: [
        "The chat bot keeps sending me the same three FAQ links. I just want to talk to a person.",
        "Typed 'agent' {tries} times. The bot answered 'Did this answer your question?' every time.",
        "Spent {minutes} minutes in your chat and never got past the bot.",
        "Is there actually a human behind the chat? It just goes back to the start.",
        "The chat offered 'talk to an agent', then asked me to rate the conversation and closed.",
        "I asked about order {order} and the bot replied with your returns policy. Again.",
        "Your assistant doesn't understand my question and there's no way to reach a real person.",
      ],
      da: [
        "Chatbotten bliver ved med at sende mig de samme tre links til FAQ. Jeg vil bare tale med et menneske.",
        "Skrev 'medarbejder' {tries} gange. Botten svarede 'Besvarede dette dit spørgsmål?' hver gang.",
        "Brugte {minutes} minutter i jeres chat og kom aldrig forbi botten.",
        "Er der overhovedet et menneske bag chatten? Den starter bare forfra.",
        "Chatten tilbød 'tal med en medarbejder', bad mig så bedømme samtalen og lukkede.",
        "Jeg spurgte til ordre {order}, og botten svarede med jeres returpolitik. Igen.",
        "Jeres assistent forstår ikke mit spørgsmål, og der er ingen måde at komme igennem til en rigtig person på.",
      ],
      de: [
        "Der Chatbot schickt mir immer wieder dieselben drei FAQ-Links. Ich möchte einfach mit einem Menschen sprechen.",
        "{tries} Mal „Mitarbeiter“ geschrieben. Der Bot hat jedes Mal mit „Hat dir das geholfen?“ geantwortet.",
        "{minutes} Minuten im Chat verbracht und nie am Bot vorbeigekommen.",
        "Sitzt hinter dem Chat überhaupt ein Mensch? Er fängt einfach wieder von vorne an.",
        "Der Chat hat „Mit Mitarbeiter sprechen“ angeboten, dann um eine Bewertung gebeten und sich geschlossen.",
        "Ich habe nach Bestellung {order} gefragt, und der Bot hat mit euren Rückgaberegeln geantwortet. Wieder mal.",
        "Euer Assistent versteht meine Frage nicht, und es gibt keinen Weg, einen echten Menschen zu erreichen.",
      ],
    },
  },
  {
    label: "Renewal charged without reminder",
    journey: "subscription",
    touchpoints: [
      ["sub-renewal-notice", 0.7],
      ["sub-renewal-charge", 0.3],
    ],
    tag: "renewal",
    subjects: {
      en: ["Unexpected renewal charge", "No renewal reminder", "Charged for another year"],
      da: ["Uventet fornyelse", "Ingen påmindelse om fornyelse", "Trukket for et år mere"],
      de: ["Unerwartete Verlängerung", "Keine Erinnerung an die Verlängerung", "Für ein weiteres Jahr belastet"],
    },
    templates: {
      en: [
        "My yearly plan renewed and I was charged {yearlyAmount} without any reminder email.",
        "Just saw {yearlyAmount} from Nordlys on my card. I never got a notice that the subscription would renew.",
        "I was planning to switch to monthly before the renewal, but there was no heads-up.",
        "Checked spam and every folder – no renewal reminder from you before {date}.",
        "Charged for another year on {date}. Had no idea it was coming up.",
        "You are required to tell customers before renewing. I got nothing.",
        "The renewal email arrived the day after the payment. Not much use then.",
      ],
      da: [
        "Mit årsabonnement blev fornyet, og jeg blev trukket {yearlyAmount} uden nogen påmindelse.",
        "Har lige set {yearlyAmount} fra Nordlys på mit kort. Jeg fik aldrig besked om, at abonnementet ville blive fornyet.",
        "Jeg havde tænkt mig at skifte til månedligt før fornyelsen, men der kom intet varsel.",
        "Har tjekket spam og alle mapper – ingen påmindelse om fornyelse fra jer før den {date}.",
        "Trukket for et år mere den {date}. Jeg anede ikke, at det var på vej.",
        "I skal give kunderne besked, før I fornyer. Jeg har ikke fået noget.",
        "Mailen om fornyelse kom dagen efter betalingen. Så er den ikke til meget nytte.",
      ],
      de: [
        "Mein Jahresabo wurde verlängert und mir wurden {yearlyAmount} ohne jede Erinnerung abgebucht.",
        "Gerade {yearlyAmount} von Nordlys auf meiner Karte gesehen. Ich habe nie einen Hinweis bekommen, dass sich das Abo verlängert.",
        "Ich wollte vor der Verlängerung auf monatlich umstellen, aber es kam keine Vorwarnung.",
        "Spam und alle Ordner geprüft – keine Erinnerung an die Verlängerung von euch vor dem {date}.",
        "Am {date} für ein weiteres Jahr belastet. Ich hatte keine Ahnung, dass das ansteht.",
        "Ihr müsst Kunden vor einer Verlängerung informieren. Ich habe nichts bekommen.",
        "Die Mail zur Verlängerung kam einen Tag nach der Abbuchung. Bringt dann auch nichts mehr.",
      ],
    },
  },
  {
    label: "Courier left parcel outside or at the wrong address",
    journey: "retail",
    touchpoints: [["delivery-last-mile", 1]],
    tag: "delivery_dropoff",
    subjects: {
      en: ["Parcel left outside", "Delivered to the wrong address", "Marked delivered, not received"],
      da: ["Pakken stillet udenfor", "Leveret til forkert adresse", "Markeret leveret, ikke modtaget"],
      de: ["Paket draußen abgestellt", "An falsche Adresse geliefert", "Als zugestellt markiert, nicht erhalten"],
    },
    templates: {
      en: [
        "The courier left my parcel outside the front door in the rain. {Item} was soaked.",
        "Tracking says delivered, but the photo shows a door that isn't mine.",
        "My parcel was left with a neighbour I don't know, two floors down. Nobody told me.",
        "Delivered to {street} – I live at number {houseNo}.",
        "The driver didn't even ring the bell. The parcel was just sitting on the steps when I got home.",
        "Marked as delivered at {time}. I was home all day and nothing came.",
        "I had chosen a parcel shop, but {carrier} left it by the bins outside the building.",
      ],
      da: [
        "Budet stillede min pakke uden for hoveddøren i regnvejr. {Item} var gennemblødt.",
        "Sporingen siger leveret, men billedet viser en dør, der ikke er min.",
        "Min pakke blev afleveret hos en nabo, jeg ikke kender, to etager nede. Ingen sagde noget.",
        "Leveret til {street} – jeg bor i nummer {houseNo}.",
        "Chaufføren ringede ikke engang på. Pakken stod bare på trappen, da jeg kom hjem.",
        "Markeret som leveret kl. {time}. Jeg var hjemme hele dagen, og der kom ingenting.",
        "Jeg havde valgt pakkeshop, men {carrier} stillede den ved skraldespandene foran opgangen.",
      ],
      de: [
        "Der Bote hat mein Paket im Regen vor der Haustür abgestellt. {Item} war durchnässt.",
        "Laut Tracking zugestellt, aber auf dem Foto ist eine Tür, die nicht meine ist.",
        "Mein Paket wurde bei einem Nachbarn abgegeben, den ich nicht kenne, zwei Stockwerke tiefer. Keine Benachrichtigung.",
        "Zugestellt an {street} – ich wohne in Nummer {houseNo}.",
        "Der Fahrer hat nicht mal geklingelt. Das Paket stand einfach auf der Treppe, als ich nach Hause kam.",
        "Um {time} Uhr als zugestellt markiert. Ich war den ganzen Tag zu Hause, und es kam nichts.",
        "Ich hatte einen Paketshop gewählt, aber {carrier} hat es neben den Mülltonnen vor dem Haus abgestellt.",
      ],
    },
  },
  {
    label: "Size guide wrong, item too small",
    journey: "retail",
    touchpoints: [
      ["browse-size-guide", 0.75],
      ["returns-exchange", 0.25],
    ],
    tag: "sizing",
    subjects: {
      en: ["Wrong size", "Size guide is off", "Too small"],
      da: ["Forkert størrelse", "Størrelsesguiden passer ikke", "For lille"],
      de: ["Falsche Größe", "Größentabelle stimmt nicht", "Zu klein"],
    },
    templates: {
      en: [
        "Followed the size guide and ordered {size}, but {textile} is far too small.",
        "{Textile} is at least {cm} cm shorter than the size guide says.",
        "Ordered the size the guide recommended. It doesn't fit at all, so it's going back.",
        "Measured twice before ordering. The measurements on the product page don't match what arrived.",
        "{Textile} is labelled {size}, but it's closer to the size below.",
        "The size chart says {size} should fit. It doesn't, not even close.",
        "Second exchange because of sizing. Please check the size chart for {textile}.",
      ],
      da: [
        "Jeg fulgte størrelsesguiden og bestilte {size}, men {textile} er alt for lille.",
        "{Textile} er mindst {cm} cm kortere, end størrelsesguiden siger.",
        "Bestilte den størrelse, guiden anbefalede. Det passer slet ikke, så det ryger retur.",
        "Målte to gange, før jeg bestilte. Målene på produktsiden passer ikke med det, der kom.",
        "{Textile} er mærket {size}, men svarer nærmere til en størrelse mindre.",
        "Ifølge størrelsesskemaet skulle {size} passe. Det gør det slet ikke.",
        "Anden ombytning på grund af størrelsen. Tjek venligst størrelsesskemaet for {textile}.",
      ],
      de: [
        "Ich habe laut Größentabelle {size} bestellt, aber {textile} ist viel zu klein.",
        "{Textile} ist mindestens {cm} cm kürzer, als im Größenratgeber angegeben.",
        "Die Größe bestellt, die der Ratgeber empfohlen hat. Passt überhaupt nicht, geht zurück.",
        "Vor der Bestellung zweimal nachgemessen. Die Maße auf der Produktseite stimmen nicht mit dem überein, was angekommen ist.",
        "{Textile} ist mit {size} ausgezeichnet, fällt aber eher eine Nummer kleiner aus.",
        "Laut Größentabelle sollte {size} passen. Tut es nicht, nicht mal annähernd.",
        "Schon der zweite Umtausch wegen der Größe. Bitte prüft eure Größentabelle.",
      ],
    },
  },
  {
    label: "Password reset email never arrives",
    journey: "subscription",
    touchpoints: [["sub-app-login", 1]],
    tag: "login",
    subjects: {
      en: ["Password reset not arriving", "Locked out of my account", "Can't log in"],
      da: ["Nulstilling af adgangskode kommer ikke", "Låst ude af min konto", "Kan ikke logge ind"],
      de: ["Passwort-Mail kommt nicht", "Aus dem Konto ausgesperrt", "Login nicht möglich"],
    },
    templates: {
      en: [
        "I've requested a password reset {tries} times and the email never arrives.",
        "Forgot my password, clicked 'reset', nothing in my inbox or spam.",
        "The reset link arrives after an hour and then says it has expired.",
        "Can't log in to the app to change my delivery, and the reset email isn't coming.",
        "Reset password → 'check your email' → no email. Tried on both phone and laptop.",
        "Is there another way to log in? The password reset isn't working for my address.",
        "Locked out of my account since {weekday}. The reset email still hasn't shown up.",
      ],
      da: [
        "Jeg har bedt om at nulstille min adgangskode {tries} gange, og mailen kommer aldrig.",
        "Glemt min adgangskode, trykkede 'nulstil', intet i indbakken eller spam.",
        "Linket til nulstilling kommer efter en time og siger så, at det er udløbet.",
        "Kan ikke logge ind i appen for at ændre min levering, og mailen til nulstilling kommer ikke.",
        "Nulstil adgangskode → 'tjek din mail' → ingen mail. Prøvet både på telefon og computer.",
        "Er der en anden måde at logge ind på? Nulstillingen virker ikke for min adresse.",
        "Har været låst ude af min konto siden {weekday}. Mailen til nulstilling er stadig ikke kommet.",
      ],
      de: [
        "Ich habe {tries} Mal ein neues Passwort angefordert, aber die E-Mail kommt nie an.",
        "Passwort vergessen, auf „Zurücksetzen“ geklickt, nichts im Posteingang oder im Spam.",
        "Der Link zum Zurücksetzen kommt nach einer Stunde und ist dann abgelaufen.",
        "Ich komme nicht in die App, um meine Lieferung zu ändern, und die Mail zum Zurücksetzen kommt nicht.",
        "Passwort zurücksetzen → „Prüfe deine E-Mails“ → keine E-Mail. Auf Handy und Laptop probiert.",
        "Gibt es eine andere Möglichkeit, mich einzuloggen? Das Zurücksetzen funktioniert mit meiner Adresse nicht.",
        "Seit {weekday} aus meinem Konto ausgesperrt. Die Mail zum Zurücksetzen ist immer noch nicht da.",
      ],
    },
  },
];

/** The issue that surges before `now`. */
export const SPIKE_ISSUE: IssueSpec = ISSUE_SPECS.find((issue) => issue.spike) as IssueSpec;
