import { describe, expect, it } from "vitest";
import { redact } from "./redact.ts";

describe("redact", () => {
  it.each([
    ["Mail me at jane.doe+orders@example.co.uk please", "email", "Mail me at [email] please"],
    ["Ring til mig på +45 20 12 34 56", "phone", "Ring til mig på [phone]"],
    ["Rufen Sie 0049 30 1234567 an", "phone", "Rufen Sie [phone] an"],
    ["call 020 7946 0958 tomorrow", "phone", "call [phone] tomorrow"],
    ["mit nummer er 20 12 34 56", "phone", "mit nummer er [phone]"],
    ["card 4111 1111 1111 1111 was charged", "card", "card [card] was charged"],
    ["refund to DK50 0040 0440 1162 43 please", "iban", "refund to [iban] please"],
    ["mit CPR er 010190-1234", "cpr", "mit CPR er [cpr]"],
  ])("removes %s", (input, kind, expected) => {
    const result = redact(input);
    expect(result.text).toBe(expected);
    expect(result.counts[kind as keyof typeof result.counts]).toBe(1);
  });

  it.each([
    "order #100482331 never arrived",
    "Bestellung Nr. 100482331 ist nicht angekommen",
    "delivered on 2026-10-03 instead of 03.10.2026",
    "tracking JJD0002249912345678 shows nothing",
    "card 4111 1111 1111 1112 fails Luhn so it is not a card",
    "I waited 45 minutes on hold",
  ])("keeps look-alikes intact: %s", (input) => {
    const result = redact(input);
    expect(result.text).toBe(input);
    expect(result.counts).toEqual({});
  });

  it("does not call a mistyped IBAN an IBAN, but still removes its long digit run", () => {
    const result = redact("IBAN-like DK50 0040 0440 1162 44 with a bad checksum");
    expect(result.counts.iban).toBeUndefined();
    expect(result.text).not.toContain("0440 1162");
  });

  it("counts several findings per kind", () => {
    const result = redact("a@example.com, b@example.com and +4520123456");
    expect(result.counts).toEqual({ email: 2, phone: 1 });
  });
});

describe("redact: phone numbers", () => {
  it.each([
    // national numbers of the workspace country, in the spellings people type
    ["DK", "Jeg er på 20 12 34 56 hele dagen"],
    ["DK", "Jeg er på 20123456 hele dagen"],
    ["DK", "Jeg er på 2012 3456 hele dagen"],
    ["DK", "Jeg er på 20.12.34.56 hele dagen"],
    ["DE", "Mfg Jürgen, 030 1234567"],
    ["DE", "Mfg Jürgen, 030/1234567"],
    ["DE", "Mfg Jürgen, 030 / 1234567"],
    ["DE", "Mfg Jürgen, 0171-1234567"],
    ["ES", "Estoy en el 612 34 56 78 toda la tarde"],
    ["ES", "Estoy en el 612 345 678 toda la tarde"],
    ["ES", "Estoy en el 91 123 45 67 toda la tarde"],
    ["GB", "I'm on 07400 123456 all afternoon"],
    ["GB", "I'm on 020 7946 0958 all afternoon"],
    ["US", "I'm on (201) 555-0123 all afternoon"],
    ["US", "I'm on 201.555.0123 all afternoon"],
    // international forms validate against their own calling code, whatever the workspace
    ["DK", "Saludos, +34 612 34 56 78"],
    ["DK", "Saludos, 0034 612345678"],
    ["DK", "Saludos, +49 (0)30 1234567"],
    ["DK", "Saludos, +44 (0) 20 7946 0958"],
    ["DK", "Saludos, +1 (201) 555-0123"],
    ["DK", "Saludos, +46 70 123 45 67"],
    ["DK", "Saludos, +47-412-34-567"],
    ["ES", "Saludos, +4520123456"],
  ])("redacts a valid number (%s): %s", (country, input) => {
    const result = redact(input, { country });
    expect(result.counts).toEqual({ phone: 1 });
    expect(result.text.replace(/\D/g, "")).toBe("");
  });

  it.each([
    "call me on 1234 567",
    "Please call me on 030 1234567",
    "ring til mig på 12 34 56",
    "Du kan fange mig på tlf. 07400 123456",
    "tlf20123456",
    "Tlf: 1234567",
    "mobil 99 99 99 9",
    "Rufen Sie mich unter 1234567 an",
    "Ich bin unter 0221 123456 erreichbar",
    "Llámame al 123 456 789",
    "Mi móvil es 0034 1234",
    "WhatsApp me on (201) 555-0123",
  ])("redacts a number next to a phone cue even if it does not validate: %s", (input) => {
    const result = redact(input, { country: "DK" });
    expect(result.counts.phone).toBe(1);
    expect(result.text).not.toMatch(/\d{3}/);
  });

  it("treats a number written with + as a phone number even with an unknown calling code", () => {
    expect(redact("reach me: +999 1234 5678").text).toBe("reach me: [phone]");
  });

  it("uses the workspace country: a German national number is a phone in DE, not without a cue in DK", () => {
    expect(redact("Mfg Jürgen, 030 1234567", { country: "DE" }).text).toBe("Mfg Jürgen, [phone]");
    expect(redact("Mfg Jürgen, 030 1234567", { country: "DK" }).text).toBe("Mfg Jürgen, 030 1234567");
    expect(redact("Mfg Jürgen, 030 1234567", { country: "de" }).text).toBe("Mfg Jürgen, [phone]");
  });

  it("defaults to DK, and with an unknown country keeps only international and cued numbers", () => {
    expect(redact("Hilsen Mette, 20 12 34 56").text).toBe("Hilsen Mette, [phone]");
    expect(redact("Hilsen Mette, 20 12 34 56", { country: "XX" }).text).toBe("Hilsen Mette, 20 12 34 56");
    expect(redact("Hilsen Mette, +45 20 12 34 56", { country: "XX" }).text).toBe("Hilsen Mette, [phone]");
    expect(redact("tlf 20 12 34 56", { country: "XX" }).text).toBe("tlf [phone]");
  });

  it("does not take digits without the trunk prefix for a German or British number", () => {
    expect(redact("Bestellt 100482331 mal", { country: "DE" }).text).toBe("Bestellt 100482331 mal");
    expect(redact("I have 7400 123456 points", { country: "GB" }).counts).toEqual({});
  });

  it("finds the phone number next to a reference, a date, a time or another number", () => {
    expect(redact("ordre 12345678 20 12 34 56").text).toBe("ordre 12345678 [phone]");
    expect(redact("kl. 14.30 20123456").text).toBe("kl. 14.30 [phone]");
    expect(redact("leveret 03.10.2026 20123456").text).toBe("leveret 03.10.2026 [phone]");
    expect(redact("20 12 34 56 45 minutter").text).toBe("[phone] 45 minutter");
    expect(redact("Call me on +44 20 7946 0958. 00340434161234567890 is stuck").text).toBe(
      "Call me on [phone]. 00340434161234567890 is stuck",
    );
    expect(redact("Tel. 030 1234567. 1Z999AA10123456784 is stuck", { country: "DE" }).text).toBe(
      "Tel. [phone]. 1Z999AA10123456784 is stuck",
    );
  });

  it("keeps everything but the phone numbers in a mixed sentence", () => {
    const input =
      "Ordre 100482331 blev leveret 03.10.2026 kl. 14.30-16.00 til 2100 København Ø, det kostede 1.299,00 kr. Ring til mig på 20 12 34 56 eller +49 171 1234567.";
    expect(redact(input).text).toBe(
      "Ordre 100482331 blev leveret 03.10.2026 kl. 14.30-16.00 til 2100 København Ø, det kostede 1.299,00 kr. Ring til mig på [phone] eller [phone].",
    );
  });
});

describe("redact: look-alikes survive", () => {
  it.each([
    // orders, tickets, cases, invoices
    ["DK", "order #100482331 never arrived"],
    ["DK", "my order 20123456 was late"],
    ["DK", "order number is 20123456"],
    ["DK", "Ordre 20123456 er aldrig kommet"],
    ["DK", "ordrenummer: 4400123987"],
    ["DK", "min ordre nr. 20123456 mangler"],
    ["DK", "sagsnummer 20123456"],
    ["DK", "faktura 20250117 er forkert"],
    ["DE", "Bestellnummer: 100482331"],
    ["DE", "Vorgang 20123456 ist offen"],
    ["DE", "Rechnung Nr. 2026-00123 stimmt nicht"],
    ["ES", "número de pedido 612345678"],
    ["ES", "pedido nº 612345678"],
    ["ES", "la factura F-2026-004512 está mal"],
    ["GB", "ticket 4821733 is still open"],
    ["GB", "case 07400123456 was closed"],
    ["GB", "invoice 20123456 is wrong"],
    ["US", "ref. 2015550123"],
    // tracking numbers
    ["DK", "tracking JJD0002249912345678 shows nothing"],
    ["DK", "00340434161234567890 has not moved"],
    ["DK", "1Z999AA10123456784 has not moved"],
    ["DE", "Call me. JJD0002249912345678 steht still"],
    // dates and times
    ["DK", "delivered on 2026-10-03"],
    ["DK", "delivered on 03.10.2026"],
    ["DK", "delivered on 3/10/2026"],
    ["DK", "delivered on 03-10-2026"],
    ["DK", "leveret 3.10.26"],
    ["DK", "ring til mig 03.10.2026"],
    ["DK", "kl. 14.30-16.00"],
    ["DK", "at 14:30"],
    ["DK", "open 2019-2024"],
    // prices
    ["DK", "det kostede 1.299,00 kr"],
    ["DK", "it cost €49.95"],
    ["DK", "it cost $1,299.00"],
    ["DK", "det kostede 1 299 000 kr"],
    ["DK", "det kostede kr. 12.499.000"],
    ["DE", "es kostete 1.299.000,00 €"],
    // postcodes with a city
    ["DK", "send den til 2100 København Ø"],
    ["DE", "Lieferadresse 10115 Berlin"],
    ["DE", "Lieferadresse Hauptstraße 5 10115 Berlin"],
    ["ES", "envíenlo a 28013 Madrid"],
    ["ES", "envíenlo a Calle Mayor 12 28013 Madrid"],
    // durations and quantities
    ["DK", "I waited 45 minutes on hold"],
    ["DK", "jeg ventede 120 minutter"],
    ["GB", "you have 2 500 000 users"],
    ["DK", "I har 1 414 395 kunder"],
    ["DE", "Sie haben 3 651 650 Kunden"],
    // ids that only look like ids
    ["DK", "CVR 12345678"],
    ["DK", "ordre 0101901234"],
    ["ES", "pagué 12345678 y nada"],
  ])("%s: %s", (country, input) => {
    const result = redact(input, { country });
    expect(result.text).toBe(input);
    expect(result.counts).toEqual({});
  });
});

describe("redact: cards, IBANs, CPR, DNI", () => {
  it.each([
    ["4111-1111-1111-1111", "[card]"],
    ["4111111111111111", "[card]"],
    ["3782 822463 10005", "[card]"],
    ["5019 7170 1010 3742", "[card]"],
    ["6011 0009 9013 9424 124", "[card]"], // 19 digits
    ["kort 4111 1111 1111 1111 20 12", "kort [card] 20 12"],
  ])("redacts the card in %s", (input, expected) => {
    expect(redact(input).text).toBe(expected);
  });

  it("keeps a Luhn-valid number labelled as an order", () => {
    expect(redact("order 4111111111111111").text).toBe("order 4111111111111111");
  });

  it.each([
    "DE89 3704 0044 0532 0130 00",
    "DE89370400440532013000",
    "de89 3704 0044 0532 0130 00",
    "GB29 NWBK 6016 1331 9268 19",
    "NO93 8601 1117 947",
    "ES91 2100 0418 4502 0005 1332",
    "FR14 2004 1010 0505 0001 3M02 606",
  ])("redacts the IBAN %s, and only the IBAN", (iban) => {
    const result = redact(`Please refund to ${iban} thanks`);
    expect(result.text).toBe("Please refund to [iban] thanks");
    expect(result.counts).toEqual({ iban: 1 });
  });

  it("redacts CPR numbers: dashed always, unseparated only next to CPR or personnummer", () => {
    expect(redact("Jeg har oplyst 010190-1234 i formularen").text).toBe("Jeg har oplyst [cpr] i formularen");
    expect(redact("Mit CPR-nummer er 0101901234").text).toBe("Mit CPR-nummer er [cpr]");
    expect(redact("personnummer 290284 1234").text).toBe("personnummer [cpr]");
    expect(redact("Mit CPR er [cpr]. Faktura 0101901234 er forkert").text).toBe(
      "Mit CPR er [cpr]. Faktura 0101901234 er forkert",
    );
    expect(redact("320190-1234 is no date").counts.cpr).toBeUndefined();
  });

  it.each([
    ["Mi DNI es 12345678Z", "Mi DNI es [national_id]"],
    ["titular 87654321X", "titular [national_id]"],
    ["titular 12345678-Z", "titular [national_id]"],
    ["titular 12345678z", "titular [national_id]"],
    ["NIE X1234567L", "NIE [national_id]"],
    ["Y2345678Z gracias", "[national_id] gracias"],
    ["DNI 12345678A", "DNI [national_id]"], // a mistyped control letter next to "DNI"
  ])("redacts the DNI/NIE in %s", (input, expected) => {
    const result = redact(input, { country: "ES" });
    expect(result.text).toBe(expected);
    expect(result.counts).toEqual({ national_id: 1 });
  });

  it("keeps 8 digits and a letter whose control letter is wrong, with no DNI cue", () => {
    expect(redact("código 12345678A", { country: "ES" }).counts.national_id).toBeUndefined();
  });
});

describe("redact: emails", () => {
  it.each([
    "søren.østergaard42@firma.dk",
    "JANE.DOE@EXAMPLE.COM",
    "info@müller-bau.de",
    "jane (at) example (dot) com",
    "jane [at] example [dot] co.uk",
    "jane(at)example.com",
    "jane at example dot com",
    "ana_garcia @ correo.es",
  ])("redacts %s", (email) => {
    const result = redact(`Write to ${email} please`);
    expect(result.text).toBe("Write to [email] please");
    expect(result.counts).toEqual({ email: 1 });
  });

  it("keeps sentences that only look like obfuscation", () => {
    expect(redact("Look at example.com, at least").text).toBe("Look at example.com, at least");
  });
});
