/**
 * Background phrases: the ordinary praise, questions and grumbles that surround the planted issues. Generic templates
 * slot in the touchpoint's topic; stage phrases are specific to where in the journey the customer is. Also the
 * envelope of a ticket (greeting, sign-off, subject) and review headlines.
 *
 * Written to stay clear of the escalation vocabulary: background must not fire churn or safety rules by accident.
 * @module
 */
import type { Phrases, Tone } from "./content-types.ts";

/** Tone templates with `{topic}`: the German topic is dative, so it only follows mit / bei / von. */
export const GENERIC_PHRASES: Readonly<Record<Tone, Phrases>> = {
  praise: {
    en: [
      "Really happy with {topic}. Everything just worked.",
      "No complaints at all about {topic} – very smooth.",
      "Great experience with {topic}, I'll definitely be back.",
      "Lovely experience overall, and a special thanks for {topic}.",
      "Honestly impressed with {topic}. Well done, Nordlys!",
      "Five stars for {topic} – simple and exactly as promised.",
    ],
    da: [
      "Rigtig glad for {topic}. Alt fungerede bare.",
      "Ingen klager over {topic} – det gik helt glat.",
      "God oplevelse med {topic}, jeg handler gerne igen.",
      "Dejlig oplevelse, og en særlig tak for {topic}.",
      "Virkelig imponeret over {topic}. Godt gået, Nordlys!",
      "Fem stjerner for {topic} – nemt og præcis som lovet.",
    ],
    de: [
      "Sehr zufrieden mit {topic}. Alles hat einfach funktioniert.",
      "Mit {topic} gab es überhaupt keine Probleme – lief wie am Schnürchen.",
      "Tolle Erfahrung mit {topic}, ich bestelle gerne wieder.",
      "Rundum schöne Erfahrung, besonders bei {topic}.",
      "Wirklich beeindruckt von {topic}. Gut gemacht, Nordlys!",
      "Fünf Sterne – bei {topic} war alles einfach und genau wie versprochen.",
    ],
  },
  neutral: {
    en: [
      "Quick question about {topic}: where do I find more information?",
      "I have a question regarding {topic}. Could someone get back to me?",
      "Could you explain how it works with {topic}?",
      "Not sure I understand {topic} correctly – can you help?",
      "Nothing special to report about {topic}. It was fine.",
      "Is there an FAQ page about {topic}?",
    ],
    da: [
      "Hurtigt spørgsmål om {topic}: hvor finder jeg mere information?",
      "Jeg har et spørgsmål angående {topic}. Kan nogen vende tilbage til mig?",
      "Kan I forklare, hvordan det fungerer med {topic}?",
      "Jeg er ikke sikker på, at jeg forstår {topic} rigtigt – kan I hjælpe?",
      "Ikke noget særligt at bemærke om {topic}. Det var fint.",
      "Findes der en FAQ om {topic}?",
    ],
    de: [
      "Kurze Frage im Zusammenhang mit {topic}: Wo finde ich mehr Informationen?",
      "Ich brauche Hilfe bei {topic}. Kann sich jemand bei mir melden?",
      "Könnt ihr erklären, wie das mit {topic} funktioniert?",
      "Ich bin mir bei {topic} nicht ganz sicher, wie es gemeint ist – könnt ihr helfen?",
      "Bei {topic} gibt es nichts Besonderes zu berichten. War in Ordnung.",
      "Gibt es eine Anleitung? Ich komme mit {topic} nicht ganz klar.",
    ],
  },
  mixed: {
    en: [
      "Mostly fine, but {topic} could be a bit smoother.",
      "Love the products, less impressed with {topic}.",
      "OK experience. A few hiccups with {topic}, but nothing serious.",
      "Good overall, although {topic} took longer than I expected.",
      "Decent, but I had to ask twice about {topic}.",
      "Nice things, but the experience with {topic} could have been better.",
    ],
    da: [
      "Generelt fint, men {topic} kunne godt være lidt nemmere.",
      "Elsker produkterne, men er mindre begejstret for {topic}.",
      "Okay oplevelse. Lidt bøvl med {topic}, men intet alvorligt.",
      "Godt nok, selvom {topic} tog længere tid end forventet.",
      "Fint, men jeg måtte spørge to gange om {topic}.",
      "Flotte ting, men oplevelsen med {topic} kunne have været bedre.",
    ],
    de: [
      "Im Großen und Ganzen okay, aber bei {topic} hakt es etwas.",
      "Die Produkte sind toll, mit {topic} bin ich weniger zufrieden.",
      "Ganz okay. Kleine Probleme mit {topic}, aber nichts Ernstes.",
      "Gut, allerdings hat es bei {topic} länger gedauert als erwartet.",
      "Passt soweit, aber bei {topic} musste ich zweimal nachfragen.",
      "Schöne Sachen, aber die Erfahrung mit {topic} könnte besser sein.",
    ],
  },
  complaint: {
    en: [
      "Disappointed with {topic} this time.",
      "Not impressed with {topic}, to be honest.",
      "There is a lot of room for improvement with {topic}.",
      "Frustrating experience with {topic}. I expected better from you.",
      "Had a poor experience with {topic} and nobody followed up.",
      "Not happy with {topic} at all.",
    ],
    da: [
      "Skuffet over {topic} denne gang.",
      "Ikke imponeret over {topic}, for at være ærlig.",
      "Der er meget plads til forbedring, når det gælder {topic}.",
      "Frustrerende oplevelse med {topic}. Jeg havde forventet mere af jer.",
      "Dårlig oplevelse med {topic}, og ingen fulgte op.",
      "Slet ikke tilfreds med {topic}.",
    ],
    de: [
      "Diesmal enttäuscht von {topic}.",
      "Ehrlich gesagt nicht überzeugt von {topic}.",
      "Bei {topic} gibt es deutlich Luft nach oben.",
      "Frustrierende Erfahrung mit {topic}. Da hätte ich mehr erwartet.",
      "Schlechte Erfahrung mit {topic}, und niemand hat sich gemeldet.",
      "Mit {topic} bin ich gar nicht zufrieden.",
    ],
  },
};

/** Neutral remarks, not questions: what a lukewarm review or survey comment says. */
export const NEUTRAL_REMARKS: Phrases = {
  en: [
    "Nothing special to report about {topic}. It was fine.",
    "All fine with {topic}, nothing more to add.",
    "It did the job. No strong feelings about {topic}.",
    "Average experience with {topic} – neither good nor bad.",
    "Fine overall, though I'd like a bit more information about {topic}.",
  ],
  da: [
    "Ikke noget særligt at bemærke om {topic}. Det var fint.",
    "Alt i orden med {topic}, ikke mere at tilføje.",
    "Det fungerede. Ingen stærke meninger om {topic}.",
    "Gennemsnitlig oplevelse med {topic} – hverken godt eller dårligt.",
    "Fint nok, men jeg ville gerne have lidt mere information om {topic}.",
  ],
  de: [
    "Bei {topic} gibt es nichts Besonderes zu berichten. War in Ordnung.",
    "Mit {topic} war alles in Ordnung, mehr gibt es nicht zu sagen.",
    "Hat funktioniert. Bei {topic} ist mir nichts Besonderes aufgefallen.",
    "Durchschnittliche Erfahrung mit {topic} – weder gut noch schlecht.",
    "Insgesamt okay, aber bei {topic} hätte ich mir etwas mehr Informationen gewünscht.",
  ],
};

/** Praise and questions specific to each stage, keyed by stage id. */
export const STAGE_PHRASES: Readonly<Record<string, { praise: Phrases; question: Phrases }>> = {
  st_retail_discover: {
    praise: {
      en: [
        "Found you through a friend's Instagram post and I'm so glad I did.",
        "The newsletter is genuinely inspiring – I actually read it.",
        "Visited the showroom on Saturday. Beautiful space and no pressure to buy.",
      ],
      da: [
        "Fandt jer gennem en venindes Instagram-opslag, og jeg er så glad for det.",
        "Nyhedsbrevet er virkelig inspirerende – jeg læser det faktisk.",
        "Var i showroomet i lørdags. Smukt sted, og intet pres for at købe.",
      ],
      de: [
        "Bin über den Instagram-Post einer Freundin auf euch gestoßen und sehr froh darüber.",
        "Der Newsletter ist wirklich inspirierend – ich lese ihn tatsächlich.",
        "Am Samstag im Showroom gewesen. Wunderschöne Räume und kein Kaufdruck.",
      ],
    },
    question: {
      en: [
        "Do you have a physical shop outside Copenhagen?",
        "Is the linen bedding from the ad also available in grey?",
        "How often do you send the newsletter? I'd like fewer emails.",
      ],
      da: [
        "Har I en fysisk butik uden for København?",
        "Findes sengetøjet i hør fra annoncen også i grå?",
        "Hvor tit sender I nyhedsbrev? Jeg vil gerne have færre mails.",
      ],
      de: [
        "Habt ihr auch ein Geschäft außerhalb von Kopenhagen?",
        "Gibt es die Leinenbettwäsche aus der Werbung auch in Grau?",
        "Wie oft verschickt ihr den Newsletter? Ich hätte gern weniger E-Mails.",
      ],
    },
  },
  st_retail_browse: {
    praise: {
      en: [
        "The product photos are spot on – the colour was exactly as shown.",
        "Really clear care instructions and material info on every product.",
        "The wish list in the app is handy, I use it to plan gifts.",
      ],
      da: [
        "Produktbillederne er helt præcise – farven var præcis som vist.",
        "Virkelig tydelige vaskeanvisninger og materialeoplysninger på alle produkter.",
        "Ønskelisten i appen er smart, jeg bruger den til at planlægge gaver.",
      ],
      de: [
        "Die Produktfotos sind genau richtig – die Farbe war exakt wie abgebildet.",
        "Sehr klare Pflegehinweise und Materialangaben bei jedem Produkt.",
        "Die Wunschliste in der App ist praktisch, ich plane damit Geschenke.",
      ],
    },
    question: {
      en: [
        "Is the wool throw machine washable?",
        "When will the oak side table be back in stock?",
        "Does the ceramic vase hold water, or is it decorative only?",
      ],
      da: [
        "Kan plaiden i uld vaskes i maskine?",
        "Hvornår er sidebordet i eg på lager igen?",
        "Kan keramikvasen holde på vand, eller er den kun til pynt?",
      ],
      de: [
        "Kann man die Wolldecke in der Maschine waschen?",
        "Wann ist der Beistelltisch aus Eiche wieder auf Lager?",
        "Ist die Keramikvase wasserdicht oder nur zur Deko?",
      ],
    },
  },
  st_retail_checkout: {
    praise: {
      en: [
        "Checkout took less than a minute with MobilePay.",
        "Smooth checkout, and the confirmation email came straight away.",
        "Loved that I could choose a parcel shop close to work.",
      ],
      da: [
        "Betalingen tog under et minut med MobilePay.",
        "Nem bestilling, og ordrebekræftelsen kom med det samme.",
        "Dejligt, at jeg kunne vælge en pakkeshop tæt på mit arbejde.",
      ],
      de: [
        "Der Bezahlvorgang hat mit PayPal keine Minute gedauert.",
        "Reibungslose Bestellung, und die Bestätigung kam sofort.",
        "Toll, dass ich einen Paketshop in der Nähe meiner Arbeit wählen konnte.",
      ],
    },
    question: {
      en: [
        "Can I pay with Klarna and split it into three payments?",
        "Is there free shipping above a certain amount?",
        "Can I add a gift message to my order?",
      ],
      da: [
        "Kan jeg betale med Klarna og dele det op i tre rater?",
        "Er der gratis fragt over et vist beløb?",
        "Kan jeg tilføje en gavehilsen til min ordre?",
      ],
      de: [
        "Kann ich mit Klarna in drei Raten zahlen?",
        "Gibt es ab einem bestimmten Betrag kostenlosen Versand?",
        "Kann ich meiner Bestellung eine Geschenknachricht hinzufügen?",
      ],
    },
  },
  st_retail_delivery: {
    praise: {
      en: [
        "Fast delivery and lovely packaging – it felt like opening a present.",
        "Ordered on Sunday evening, and the parcel was at my door on Tuesday.",
        "The courier was friendly and carried the table up to the fourth floor.",
      ],
      da: [
        "Hurtig levering og lækker indpakning – det føltes som at åbne en gave.",
        "Bestilte søndag aften, og pakken stod ved min dør tirsdag.",
        "Budet var venligt og bar bordet op på fjerde sal.",
      ],
      de: [
        "Schnelle Lieferung und schöne Verpackung – wie ein Geschenk auszupacken.",
        "Sonntagabend bestellt, am Dienstag stand das Paket vor der Tür.",
        "Der Bote war freundlich und hat den Tisch in den vierten Stock getragen.",
      ],
    },
    question: {
      en: [
        "Can I change the delivery address after ordering?",
        "Do you deliver to Greenland or the Faroe Islands?",
        "Can the courier leave the parcel in my building's storage room?",
      ],
      da: [
        "Kan jeg ændre leveringsadressen, efter jeg har bestilt?",
        "Leverer I til Grønland eller Færøerne?",
        "Kan budet stille pakken i kælderrummet i min opgang?",
      ],
      de: [
        "Kann ich die Lieferadresse nach der Bestellung noch ändern?",
        "Liefert ihr auch nach Österreich?",
        "Kann der Bote das Paket bei meinem Nachbarn abgeben?",
      ],
    },
  },
  st_retail_support: {
    praise: {
      en: [
        "Support was super helpful and sorted everything in one email.",
        "The sheets are even softer after a few washes. Great quality.",
        "Called about a wobbly table leg and they sent a new one the same day.",
      ],
      da: [
        "Kundeservice var super hjælpsom og klarede det hele i én mail.",
        "Lagnerne er blevet endnu blødere efter et par vask. Super kvalitet.",
        "Ringede om et vakkelvornt bordben, og de sendte et nyt samme dag.",
      ],
      de: [
        "Der Kundenservice war super hilfsbereit und hat alles mit einer E-Mail geklärt.",
        "Die Bettwäsche wird nach ein paar Wäschen sogar noch weicher. Tolle Qualität.",
        "Wegen eines wackeligen Tischbeins angerufen, und am selben Tag kam ein neues.",
      ],
    },
    question: {
      en: [
        "What's the best way to wash the linen duvet cover?",
        "What are your phone opening hours?",
        "Can I buy a spare shade for the table lamp?",
      ],
      da: [
        "Hvordan vasker jeg bedst dynebetrækket i hør?",
        "Hvad er jeres telefontider?",
        "Kan jeg købe en ekstra lampeskærm til bordlampen?",
      ],
      de: [
        "Wie wasche ich den Leinen-Bettbezug am besten?",
        "Wann ist euer Telefonservice erreichbar?",
        "Kann ich einen Ersatzschirm für die Tischlampe kaufen?",
      ],
    },
  },
  st_retail_returns: {
    praise: {
      en: [
        "Returning was easy – printed the label, dropped it off, done.",
        "The refund was back on my card two days after the return arrived.",
        "Exchanged a duvet cover for a bigger size with no hassle at all.",
      ],
      da: [
        "Det var nemt at returnere – printede labelen, afleverede pakken, færdig.",
        "Pengene var tilbage på kortet to dage efter, at returneringen var modtaget.",
        "Byttede et dynebetræk til en større størrelse helt uden bøvl.",
      ],
      de: [
        "Die Rücksendung war einfach – Etikett gedruckt, abgegeben, fertig.",
        "Die Erstattung war zwei Tage nach Eingang der Retoure auf meiner Karte.",
        "Einen Bettbezug ganz unkompliziert gegen eine größere Größe getauscht.",
      ],
    },
    question: {
      en: [
        "How long do I have to return a gift?",
        "Do I need the original packaging to return something?",
        "Can I return an online order at the showroom?",
      ],
      da: [
        "Hvor lang tid har jeg til at returnere en gave?",
        "Skal jeg bruge den originale emballage for at returnere noget?",
        "Kan jeg returnere en onlineordre i showroomet?",
      ],
      de: [
        "Wie lange kann ich ein Geschenk zurückgeben?",
        "Brauche ich die Originalverpackung für eine Rücksendung?",
        "Kann ich eine Online-Bestellung im Showroom zurückgeben?",
      ],
    },
  },
  st_retail_loyalty: {
    praise: {
      en: [
        "The birthday gift from the Club was a lovely surprise.",
        "Early access to the sale is a great perk.",
        "My friend used my referral code and we both got a discount – nice touch.",
      ],
      da: [
        "Fødselsdagsgaven fra Club var en dejlig overraskelse.",
        "Tidlig adgang til udsalget er en rigtig god fordel.",
        "Min veninde brugte min henvisningskode, og vi fik begge rabat – fint tiltag.",
      ],
      de: [
        "Das Geburtstagsgeschenk vom Club war eine schöne Überraschung.",
        "Früher Zugang zum Sale ist ein toller Vorteil.",
        "Meine Freundin hat meinen Empfehlungscode genutzt, und wir haben beide Rabatt bekommen – schöne Idee.",
      ],
    },
    question: {
      en: [
        "How many points do I need for a voucher?",
        "Do my Club points expire?",
        "Why haven't the points from last month's order shown up yet?",
      ],
      da: [
        "Hvor mange point skal jeg bruge til et gavekort?",
        "Udløber mine Club-point?",
        "Hvorfor er pointene fra sidste måneds ordre ikke kommet endnu?",
      ],
      de: [
        "Wie viele Punkte brauche ich für einen Gutschein?",
        "Verfallen meine Club-Punkte?",
        "Warum sind die Punkte aus der Bestellung vom letzten Monat noch nicht da?",
      ],
    },
  },
  st_subscription_signup: {
    praise: {
      en: [
        "Signing up took two minutes and the welcome offer made it an easy yes.",
        "Loved being able to choose the size of the box.",
        "Clear pricing, no small print. Refreshing.",
      ],
      da: [
        "Tilmeldingen tog to minutter, og velkomsttilbuddet gjorde det let at sige ja.",
        "Dejligt at kunne vælge størrelsen på boksen.",
        "Klare priser og intet med småt. Forfriskende.",
      ],
      de: [
        "Die Anmeldung hat zwei Minuten gedauert, und mit dem Willkommensangebot war die Entscheidung leicht.",
        "Schön, dass man die Größe der Box wählen kann.",
        "Klare Preise, kein Kleingedrucktes. Angenehm.",
      ],
    },
    question: {
      en: [
        "What's the difference between the small and the large box?",
        "Can I start with the yearly plan and still get the welcome gift?",
        "When is the cut-off date for the first box?",
      ],
      da: [
        "Hvad er forskellen på den lille og den store boks?",
        "Kan jeg starte på årsabonnementet og stadig få velkomstgaven?",
        "Hvornår er deadline for den første boks?",
      ],
      de: [
        "Was ist der Unterschied zwischen der kleinen und der großen Box?",
        "Bekomme ich das Willkommensgeschenk auch mit dem Jahresabo?",
        "Bis wann muss ich mich für die erste Box anmelden?",
      ],
    },
  },
  st_subscription_onboarding: {
    praise: {
      en: [
        "The style quiz was fun and the first box really matched my taste.",
        "The welcome call was a lovely personal touch.",
        "The getting-started emails explained everything I needed.",
      ],
      da: [
        "Stilquizzen var sjov, og den første boks ramte virkelig min smag.",
        "Velkomstopkaldet var et rigtig personligt touch.",
        "Introduktionsmailene forklarede alt, hvad jeg havde brug for.",
      ],
      de: [
        "Das Stil-Quiz hat Spaß gemacht, und die erste Box hat genau meinen Geschmack getroffen.",
        "Der Begrüßungsanruf war eine schöne persönliche Geste.",
        "Die Einführungs-E-Mails haben alles erklärt, was ich wissen musste.",
      ],
    },
    question: {
      en: [
        "Can I retake the style quiz? My taste has changed.",
        "Can I tell you which scents I don't tolerate well?",
        "Where do I find my delivery day in the app?",
      ],
      da: [
        "Kan jeg tage stilquizzen igen? Min smag har ændret sig.",
        "Kan jeg fortælle jer, hvilke dufte jeg ikke tåler?",
        "Hvor finder jeg min leveringsdag i appen?",
      ],
      de: [
        "Kann ich das Stil-Quiz wiederholen? Mein Geschmack hat sich geändert.",
        "Kann ich euch mitteilen, welche Düfte ich nicht vertrage?",
        "Wo finde ich meinen Liefertag in der App?",
      ],
    },
  },
  st_subscription_first_box: {
    praise: {
      en: [
        "This month's box was gorgeous – the linen napkins are my favourite.",
        "Everything arrived perfectly packed.",
        "The box arrived right inside the delivery window from the SMS.",
      ],
      da: [
        "Månedens boks var smuk – hørservietterne er min favorit.",
        "Alt kom perfekt pakket.",
        "Boksen kom præcis inden for tidsrummet i SMS'en.",
      ],
      de: [
        "Die Box diesen Monat war wunderschön – die Leinenservietten sind mein Favorit.",
        "Alles kam perfekt verpackt an.",
        "Die Box kam genau im Zeitfenster aus der SMS.",
      ],
    },
    question: {
      en: [
        "Can I swap an item I already got last month?",
        "Will there be boxes without scented products?",
        "Can I see what's in next month's box before it ships?",
      ],
      da: [
        "Kan jeg bytte en ting, jeg allerede fik sidste måned?",
        "Kommer der bokse uden duftprodukter?",
        "Kan jeg se, hvad der er i næste måneds boks, før den bliver sendt?",
      ],
      de: [
        "Kann ich einen Artikel tauschen, den ich schon letzten Monat bekommen habe?",
        "Wird es auch Boxen ohne Duftartikel geben?",
        "Kann ich vor dem Versand sehen, was in der nächsten Box ist?",
      ],
    },
  },
  st_subscription_billing: {
    praise: {
      en: [
        "Billing is straightforward and the receipts are clear.",
        "Updating my card in the app took seconds.",
        "Appreciated hearing about the price change well in advance.",
      ],
      da: [
        "Betalingen er ligetil, og kvitteringerne er tydelige.",
        "Det tog få sekunder at opdatere mit kort i appen.",
        "Rart at få besked om prisændringen i god tid.",
      ],
      de: [
        "Die Abrechnung ist unkompliziert und die Rechnungen sind übersichtlich.",
        "Die Karte in der App zu aktualisieren hat Sekunden gedauert.",
        "Schön, dass ihr die Preisänderung rechtzeitig angekündigt habt.",
      ],
    },
    question: {
      en: [
        "On which day of the month am I charged?",
        "Can I get an invoice with my company's VAT number?",
        "Can I pay with MobilePay instead of a card?",
      ],
      da: [
        "Hvilken dag i måneden bliver jeg trukket?",
        "Kan jeg få en faktura med mit firmas CVR-nummer?",
        "Kan jeg betale med MobilePay i stedet for kort?",
      ],
      de: [
        "An welchem Tag im Monat wird abgebucht?",
        "Kann ich eine Rechnung mit der USt-IdNr. meiner Firma bekommen?",
        "Kann ich per PayPal statt mit Karte zahlen?",
      ],
    },
  },
  st_subscription_changes: {
    praise: {
      en: [
        "Skipping December was two taps in the app. Perfect.",
        "Changed my delivery address in a minute before moving.",
        "Gave my sister a three-month gift box and she loves it.",
      ],
      da: [
        "Det tog to tryk i appen at springe december over. Perfekt.",
        "Ændrede min leveringsadresse på et minut, inden jeg flyttede.",
        "Gav min søster en gaveboks på tre måneder, og hun er vild med den.",
      ],
      de: [
        "Den Dezember zu überspringen waren zwei Klicks in der App. Perfekt.",
        "Vor dem Umzug in einer Minute die Lieferadresse geändert.",
        "Meiner Schwester ein Geschenk-Abo für drei Monate geschenkt, sie ist begeistert.",
      ],
    },
    question: {
      en: [
        "What's the latest I can skip next month's box?",
        "Can I switch from the large to the small box?",
        "Can I move my delivery day to a Saturday?",
      ],
      da: [
        "Hvornår er sidste frist for at springe næste måneds boks over?",
        "Kan jeg skifte fra den store til den lille boks?",
        "Kan jeg flytte min leveringsdag til lørdag?",
      ],
      de: [
        "Bis wann kann ich die Box für nächsten Monat überspringen?",
        "Kann ich von der großen auf die kleine Box wechseln?",
        "Kann ich meinen Liefertag auf Samstag legen?",
      ],
    },
  },
  st_subscription_renewal: {
    praise: {
      en: [
        "The anniversary box was such a nice thank-you.",
        "The year-in-review email was a lovely idea.",
        "The member discount alone pays for the subscription.",
      ],
      da: [
        "Jubilæumsboksen var sådan et fint tak.",
        "Årsoversigten var en rigtig sød idé.",
        "Medlemsrabatten alene betaler for abonnementet.",
      ],
      de: [
        "Die Jubiläumsbox war ein wirklich schönes Dankeschön.",
        "Der Jahresrückblick per E-Mail war eine schöne Idee.",
        "Allein der Mitgliederrabatt macht das Abo schon wert.",
      ],
    },
    question: {
      en: [
        "When does my yearly plan renew?",
        "Can I switch to monthly at renewal?",
        "Is the renewal price the same as last year?",
      ],
      da: [
        "Hvornår bliver mit årsabonnement fornyet?",
        "Kan jeg skifte til månedligt ved fornyelsen?",
        "Er prisen ved fornyelsen den samme som sidste år?",
      ],
      de: [
        "Wann verlängert sich mein Jahresabo?",
        "Kann ich bei der Verlängerung auf monatlich wechseln?",
        "Ist der Preis bei der Verlängerung derselbe wie letztes Jahr?",
      ],
    },
  },
  st_subscription_cancellation: {
    praise: {
      en: [
        "Leaving was easy and nobody tried to guilt-trip me. I'll probably be back.",
        "The person on the phone was kind and understood that money is tight right now.",
        "Thanks for three lovely years of boxes.",
      ],
      da: [
        "Det var nemt at stoppe, og ingen prøvede at give mig dårlig samvittighed. Jeg kommer nok igen.",
        "Personen i telefonen var venlig og forstod, at økonomien er stram lige nu.",
        "Tak for tre dejlige år med bokse.",
      ],
      de: [
        "Das Beenden war einfach, und niemand hat mir ein schlechtes Gewissen gemacht. Ich komme bestimmt wieder.",
        "Die Person am Telefon war freundlich und hatte Verständnis dafür, dass das Geld gerade knapp ist.",
        "Danke für drei schöne Jahre mit euren Boxen.",
      ],
    },
    question: {
      en: [
        "Will I still get the box I've already paid for?",
        "Can I keep my Club points after I stop the subscription?",
        "If I come back later, do I get the welcome offer again?",
      ],
      da: [
        "Får jeg stadig den boks, jeg allerede har betalt for?",
        "Kan jeg beholde mine Club-point, når jeg stopper abonnementet?",
        "Hvis jeg kommer tilbage senere, får jeg så velkomsttilbuddet igen?",
      ],
      de: [
        "Bekomme ich die Box noch, die ich schon bezahlt habe?",
        "Behalte ich meine Club-Punkte, wenn ich das Abo beende?",
        "Bekomme ich das Willkommensangebot wieder, wenn ich später zurückkomme?",
      ],
    },
  },
};

export const GREETINGS: Phrases = {
  en: ["Hi,", "Hello,", "Hi there,", "Dear Nordlys team,"],
  da: ["Hej,", "Hej Nordlys,", "Hej med jer,", "Kære kundeservice,"],
  de: ["Hallo,", "Hallo zusammen,", "Guten Tag,", "Liebes Nordlys-Team,"],
};

export const SIGN_OFFS: Phrases = {
  en: ["Thanks, {name}", "Best regards,\n{name}", "Cheers, {name}", "Kind regards,\n{name}"],
  da: ["Mvh. {name}", "Venlig hilsen\n{name}", "Tak på forhånd, {name}", "Hilsen {name}"],
  de: ["Viele Grüße, {name}", "Danke und Gruß\n{name}", "Beste Grüße\n{name}", "LG {name}"],
};

/** Ticket subjects for background tickets; planted issues bring their own. */
export const TICKET_SUBJECTS: Readonly<Record<Tone, Phrases>> = {
  praise: {
    en: ["Thank you!", "Compliments to your team", "Lovely order"],
    da: ["Tak!", "Ros til jer", "Dejlig ordre"],
    de: ["Danke!", "Lob an euer Team", "Tolle Bestellung"],
  },
  neutral: {
    en: ["Question about {topic}", "Quick question", "Help with {topic}"],
    da: ["Spørgsmål om {topic}", "Hurtigt spørgsmål", "Hjælp til {topic}"],
    de: ["Kurze Frage", "Anfrage", "Bitte um Hilfe"],
  },
  mixed: {
    en: ["Feedback on {topic}", "A few comments", "Not quite right"],
    da: ["Feedback på {topic}", "Et par kommentarer", "Ikke helt som forventet"],
    de: ["Feedback", "Ein paar Anmerkungen", "Nicht ganz optimal"],
  },
  complaint: {
    en: ["Complaint about {topic}", "Not happy", "Disappointed"],
    da: ["Klage over {topic}", "Utilfreds", "Skuffet"],
    de: ["Beschwerde", "Unzufrieden", "Enttäuscht"],
  },
};

/** Review headlines by tone. */
export const REVIEW_TITLES: Readonly<Record<Tone, Phrases>> = {
  praise: {
    en: ["Great experience", "Beautiful products, fast delivery", "Will shop again", "Lovely quality"],
    da: ["Super oplevelse", "Flotte produkter og hurtig levering", "Handler gerne igen", "Fin kvalitet"],
    de: ["Tolle Erfahrung", "Schöne Produkte, schnelle Lieferung", "Gerne wieder", "Gute Qualität"],
  },
  neutral: {
    en: ["Fine", "OK experience", "Does the job"],
    da: ["Fint nok", "Okay oplevelse", "Helt okay"],
    de: ["In Ordnung", "Okay", "Passt"],
  },
  mixed: {
    en: ["Mixed feelings", "Good products, slow service", "Good but not perfect"],
    da: ["Blandede følelser", "Gode produkter, langsom service", "Godt, men ikke perfekt"],
    de: ["Gemischte Gefühle", "Gute Produkte, langsamer Service", "Gut, aber nicht perfekt"],
  },
  complaint: {
    en: ["Disappointed", "Not again", "Poor service"],
    da: ["Skuffet", "Ikke igen", "Dårlig service"],
    de: ["Enttäuscht", "Nicht noch einmal", "Schlechter Service"],
  },
};
