import { describe, expect, it } from "vitest";
import { LATE, PASSWORD, REFUND } from "../themes/fixtures.ts";
import { countRuleMatches, type RuleSample, suggestRules } from "./rule-suggestion.ts";

let sequence = 0;
const sample = (text: string, extra: Partial<RuleSample> = {}): RuleSample => ({
  id: `it_${++sequence}`,
  text,
  language: "en",
  channel: "web",
  tags: [],
  sourceId: "src_survey",
  ...extra,
});

describe("suggestRules", () => {
  const refunds = REFUND.map((text) => sample(text, { tags: ["Returns", "web"], sourceId: "src_zendesk" }));
  const others = [...LATE, ...PASSWORD].map((text) => sample(text, { tags: ["web"] }));

  it("drafts keywords common to the selection, then the rarest shared tag, then the shared source", () => {
    const drafts = suggestRules(refunds, others);
    expect(drafts.map((d) => d.kind)).toEqual(["keyword", "tag", "source"]);
    const [keyword, tag, source] = drafts;
    expect(keyword).toMatchObject({ language: "en" });
    expect(keyword?.match.join(" ")).toMatch(/refund/i);
    expect(keyword?.match.length).toBeLessThanOrEqual(3);
    expect(tag).toEqual({ kind: "tag", language: null, match: ["returns"] });
    expect(source).toEqual({ kind: "source", language: null, match: ["src_zendesk"] });
  });

  it("drafts no tag or source the selection does not share, and no keywords from a single item", () => {
    const mixed = [refunds[0] as RuleSample, { ...(refunds[1] as RuleSample), tags: [], sourceId: "src_other" }];
    expect(suggestRules(mixed, others).map((d) => d.kind)).toEqual(["keyword"]);
    expect(suggestRules([sample("Only one thing to say", { tags: [] })], others).map((d) => d.kind)).toEqual([
      "source",
    ]);
    expect(suggestRules([], others)).toEqual([]);
  });

  it("ignores the selected items when they also appear among the others", () => {
    const drafts = suggestRules(refunds, [...others, ...refunds]);
    expect(drafts[0]?.match.join(" ")).toMatch(/refund/i);
  });
});

describe("countRuleMatches", () => {
  const everything = [...LATE, ...REFUND, ...PASSWORD].map((text) => sample(text));

  it("counts what the draft would place, as ingest matches rules (stems, any phrase)", () => {
    expect(countRuleMatches({ kind: "keyword", language: "en", match: ["refunds"] }, everything)).toBe(REFUND.length);
    expect(countRuleMatches({ kind: "keyword", language: "en", match: ["parcel late", "password"] }, everything)).toBe(
      LATE.length + PASSWORD.length,
    );
    expect(countRuleMatches({ kind: "keyword", language: "da", match: ["refund"] }, everything)).toBe(0);
    expect(countRuleMatches({ kind: "source", language: null, match: ["src_survey"] }, everything)).toBe(
      everything.length,
    );
  });
});
