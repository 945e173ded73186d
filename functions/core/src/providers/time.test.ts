import { describe, expect, it } from "vitest";
import { parseProviderTime } from "./time.ts";

const AT = Date.UTC(2024, 4, 2, 9, 14, 55);

describe("parseProviderTime", () => {
  it.each([
    ["2024-05-02T09:14:55Z", AT],
    ["2024-05-02T09:14:55.000Z", AT],
    ["2024-05-02T09:14:55.123456789Z", AT + 123], // Zendesk nanoseconds
    ["2024-05-02T09:14:55.182613+00:00", AT + 182], // SurveyMonkey microseconds
    ["2024-05-02T11:14:55.000+0200", AT], // Jira, no colon
    ["2024-05-02T11:14:55+02:00", AT],
    ["2024-05-02 09:14:55", AT], // Qualtrics, no zone: UTC
    ["2024-05-02T09:14Z", AT - 55_000], // Zendesk minutes-only placeholders
    ["2024-05-02", Date.UTC(2024, 4, 2)],
  ])("reads %s", (input, expected) => {
    expect(parseProviderTime(input)).toBe(expected);
  });

  it("reads epoch seconds, float seconds and milliseconds", () => {
    expect(parseProviderTime(1714641295, "s")).toBe(AT);
    expect(parseProviderTime(1714641295.5, "s")).toBe(AT + 500);
    expect(parseProviderTime("1714641295000")).toBe(AT);
    expect(parseProviderTime(AT)).toBe(AT);
  });

  it.each([[""], ["soon"], [null], [undefined], [{}], [Number.NaN], ["2024-13-45T99:99:99Z"]])(
    "refuses %j",
    (value) => {
      expect(parseProviderTime(value)).toBeUndefined();
    },
  );
});
