import { describe, expect, it } from "vitest";
import { addDays, daysIn, defaultPeriod, precedingPeriod, sessionTitle } from "./days.ts";

describe("review periods", () => {
  it("defaults to the previous calendar month, across a year end too", () => {
    expect(defaultPeriod(Date.parse("2026-11-24T23:59:00Z"))).toEqual({ from: "2026-10-01", to: "2026-10-31" });
    expect(defaultPeriod(Date.parse("2026-01-01T00:00:00Z"))).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(defaultPeriod(Date.parse("2028-03-10T12:00:00Z"))).toEqual({ from: "2028-02-01", to: "2028-02-29" });
  });

  it("compares with the period of the same length just before", () => {
    expect(precedingPeriod({ from: "2026-10-01", to: "2026-10-31" })).toEqual({ from: "2026-08-31", to: "2026-09-30" });
    expect(daysIn({ from: "2026-10-01", to: "2026-10-31" })).toBe(31);
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("names a whole month by the month", () => {
    expect(sessionTitle({ from: "2026-10-01", to: "2026-10-31" })).toBe("October 2026 review");
    expect(sessionTitle({ from: "2026-10-01", to: "2026-10-15" })).toBe("Review 2026-10-01 – 2026-10-15");
  });
});
