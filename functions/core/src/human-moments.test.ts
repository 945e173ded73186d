import { describe, expect, it } from "vitest";
import { type HumanMomentSignals, suggestHumanMoment } from "./human-moments.ts";

const signals = (extra: Partial<HumanMomentSignals>): HumanMomentSignals => ({
  name: "Order confirmation",
  description: "The email sent after checkout.",
  channel: "email",
  itemCount: 200,
  negativeCount: 20,
  escalationCount: 2,
  period: "in the last 90 days",
  ...extra,
});

describe("suggestHumanMoment", () => {
  it("suggests nothing for an ordinary touchpoint", () => {
    expect(suggestHumanMoment(signals({}))).toBeNull();
  });

  it("reads a high escalation share from the data, with the numbers", () => {
    const suggestion = suggestHumanMoment(signals({ escalationCount: 30 }));
    expect(suggestion?.cues).toEqual(["escalations"]);
    expect(suggestion?.reason).toBe(
      "A person must handle this because 15% of its feedback in the last 90 days escalated (30 of 200 items).",
    );
  });

  it("needs enough items before it trusts a share", () => {
    expect(suggestHumanMoment(signals({ itemCount: 5, escalationCount: 3 }))).toBeNull();
  });

  it("recognises renewals, onboarding and vulnerable customers by what the touchpoint is", () => {
    expect(suggestHumanMoment(signals({ name: "Renewal reminder" }))?.cues).toEqual(["renewal"]);
    expect(suggestHumanMoment(signals({ name: "Welcome call", channel: "phone" }))?.cues).toEqual(["onboarding"]);
    expect(
      suggestHumanMoment(
        signals({
          name: "Payment reminders",
          description: "Reminders and retries when a payment fails, including for customers in financial difficulty.",
        }),
      )?.cues,
    ).toEqual(["vulnerable"]);
    expect(
      suggestHumanMoment(signals({ name: "Phone support", description: "Where escalations usually land." }))?.cues,
    ).toEqual(["complaints"]);
  });

  it("flags complaints in public channels, by the negative share or by name", () => {
    expect(suggestHumanMoment(signals({ name: "Replies", channel: "social", negativeCount: 80 }))?.cues).toEqual([
      "public",
    ]);
    expect(suggestHumanMoment(signals({ name: "Replies", channel: "social" }))).toBeNull();
    expect(
      suggestHumanMoment(signals({ name: "Complaints on social media", channel: "social", itemCount: 0 }))?.cues,
    ).toEqual(["public", "complaints"]);
  });

  it("joins several cues into one reason, data first", () => {
    const suggestion = suggestHumanMoment(
      signals({ name: "Cancellation call", description: "Customers who phone to cancel.", escalationCount: 40 }),
    );
    expect(suggestion?.cues).toEqual(["escalations", "renewal"]);
    expect(suggestion?.reason).toMatch(/^A person must handle this because 20% of .* and customers decide here/);
    expect(suggestion?.because).toHaveLength(2);
  });
});
