import { describe, expect, it } from "vitest";
import {
  decide,
  isAutomated,
  momentAttributes,
  POLICY_ACTION_KINDS,
  type PolicyContent,
  type PolicyHumanMoment,
  type PolicyPlace,
  type PolicyRuleRow,
  policyDocument,
  ZHumanMomentPolicy,
  ZPolicyCheckRequest,
} from "./policy.ts";

const moment: PolicyHumanMoment = {
  touchpointId: "tp_renew",
  key: "renewal-call",
  name: "Renewal call",
  journey: { id: "jr_1", name: "Subscription" },
  stage: { id: "st_1", name: "Renew" },
  reason: "Customers decide here whether to stay.",
  owner: "Retention team",
  since: 1,
  attributes: { sources: [], tags: [], intents: [], channels: [], surveyQuestions: [] },
};
const named: PolicyPlace = {
  touchpoint: { id: "tp_renew", name: "Renewal call" },
  matchedBy: { kind: "touchpointId", ruleId: null },
};

describe("decide", () => {
  it("denies every automated, customer-facing action at a human moment, naming it, its reason and owner", () => {
    for (const kind of POLICY_ACTION_KINDS.filter(isAutomated)) {
      const result = decide({ kind, customerFacing: true }, named, moment);
      expect(result.decision, kind).toBe("deny");
      expect(result.reason).toContain("“Renewal call” (Subscription › Renew) is a human moment");
      expect(result.reason).toContain("Customers decide here whether to stay.");
      expect(result.reason).toContain("Retention team");
      expect(result.humanMoment).toBe(moment);
    }
    expect(decide({ kind: "automated_reply", customerFacing: true }, named, moment).reason).toMatch(
      /an automated reply must not face the customer/,
    );
  });

  it("allows a human follow-up, customer-facing or not, and internal automation at a human moment", () => {
    for (const customerFacing of [true, false]) {
      const result = decide({ kind: "human_followup", customerFacing }, named, moment);
      expect(result).toMatchObject({ decision: "allow", humanMoment: moment, touchpointId: "tp_renew" });
      expect(result.reason).toMatch(/a person following up is what it asks for/);
    }
    const internal = decide({ kind: "macro", customerFacing: false }, named, moment);
    expect(internal.decision).toBe("allow");
    expect(internal.reason).toMatch(/never sees is allowed/);
  });

  it("allows anything where no human moment applies, and says why", () => {
    const other = decide({ kind: "bot", customerFacing: true }, named, null);
    expect(other).toMatchObject({ decision: "allow", humanMoment: null });
    expect(other.reason).toBe("Allowed: “Renewal call” is not a human moment.");
    const nowhere = decide(
      { kind: "bot", customerFacing: true },
      { touchpoint: null, matchedBy: { kind: "none", ruleId: null } },
      null,
    );
    expect(nowhere).toMatchObject({ decision: "allow", touchpointId: null, matchedBy: { kind: "none" } });
    expect(nowhere.reason).toMatch(/no touchpoint/);
  });

  it("counts every kind but a human follow-up as automated", () => {
    expect(POLICY_ACTION_KINDS.filter((k) => !isAutomated(k))).toEqual(["human_followup"]);
  });
});

describe("momentAttributes", () => {
  const sources = [
    { id: "src_A", provider: "zendesk", name: "Support", defaultTouchpointId: "tp_renew" },
    { id: "src_B", provider: "intercom", name: "Chat", defaultTouchpointId: null },
    { id: "src_C", provider: "trustpilot", name: "Reviews", defaultTouchpointId: "tp_other" },
  ];
  const rules: PolicyRuleRow[] = [
    { touchpointId: "tp_renew", kind: "tag", language: null, match: ["renewal", " cancel "] },
    { touchpointId: "tp_renew", kind: "source", language: null, match: ["src_b", "src_gone"] },
    { touchpointId: "tp_renew", kind: "keyword", language: "en", match: ["cancel my plan"] },
    { touchpointId: "tp_renew", kind: "channel", language: null, match: ["Phone"] },
    { touchpointId: "tp_renew", kind: "tag", language: null, match: ["renewal"] },
    { touchpointId: "tp_other", kind: "tag", language: null, match: ["shipping"] },
  ];

  it("lists sources by default and by rule, and the rules' tags, intents and channels, for that touchpoint only", () => {
    expect(momentAttributes("tp_renew", rules, sources)).toEqual({
      sources: [
        { id: "src_A", provider: "zendesk", name: "Support" },
        { id: "src_B", provider: "intercom", name: "Chat" },
      ],
      tags: ["renewal", "cancel"],
      intents: [{ language: "en", phrases: ["cancel my plan"] }],
      channels: ["phone"],
      surveyQuestions: [],
    });
    expect(momentAttributes("tp_none", rules, sources)).toEqual({
      sources: [],
      tags: [],
      intents: [],
      channels: [],
      surveyQuestions: [],
    });
  });
});

describe("policyDocument", () => {
  const content: PolicyContent = { workspace: { id: "ws_1", name: "Acme" }, humanMoments: [moment] };

  it("versions the content, not the time it was read, and validates against its own schema", async () => {
    const first = await policyDocument(content, Date.UTC(2026, 0, 1));
    const later = await policyDocument(content, Date.UTC(2026, 0, 2));
    expect(first.version).toMatch(/^[0-9a-f]{32}$/);
    expect(later.version).toBe(first.version);
    expect(later.generatedAt).toBe("2026-01-02T00:00:00.000Z");
    expect(ZHumanMomentPolicy.parse(first)).toEqual(first);
    const changed = await policyDocument(
      { ...content, humanMoments: [{ ...moment, owner: "Someone else" }] },
      Date.UTC(2026, 0, 1),
    );
    expect(changed.version).not.toBe(first.version);
  });
});

describe("ZPolicyCheckRequest", () => {
  const action = { kind: "bot", customerFacing: true };

  it("takes a touchpoint id or attributes, with an action", () => {
    expect(ZPolicyCheckRequest.parse({ touchpointId: "tp_1", action })).toEqual({ touchpointId: "tp_1", action });
    expect(ZPolicyCheckRequest.parse({ attributes: { tags: ["vip"] }, action })).toEqual({
      attributes: { tags: ["vip"] },
      action,
    });
  });

  it("refuses both, neither, an unknown action or a missing customerFacing", () => {
    expect(ZPolicyCheckRequest.safeParse({ touchpointId: "tp_1", attributes: {}, action }).success).toBe(false);
    expect(ZPolicyCheckRequest.safeParse({ action }).success).toBe(false);
    expect(ZPolicyCheckRequest.safeParse({ touchpointId: "tp_1", action: { kind: "robot" } }).success).toBe(false);
    expect(ZPolicyCheckRequest.safeParse({ touchpointId: "tp_1", action: { kind: "bot" } }).success).toBe(false);
  });
});
