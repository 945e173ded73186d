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
