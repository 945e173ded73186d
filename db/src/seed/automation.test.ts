import { describe, expect, it } from "vitest";
import { AUTOMATED_AT_HUMAN_MOMENTS, AUTOMATED_RECENT_MS, withAutomation } from "./automation.ts";
import { generateDemoWorkspace } from "./demo.ts";

const NOW = Date.UTC(2026, 9, 15, 9, 30);
const demo = generateDemoWorkspace({ now: NOW });
const humanMoments = new Set(
  demo.journeys.flatMap((j) => j.stages.flatMap((s) => s.touchpoints.filter((t) => t.humanMoment).map((t) => t.key))),
);
const helpdesks = new Set(
  demo.sources.filter((s) => ["zendesk", "freshdesk", "intercom"].includes(s.provider)).map((s) => s.id),
);

describe("withAutomation", () => {
  const items = withAutomation(demo, NOW);
  const marked = items.filter((item) => item.feedback.handledBy);

  it("marks a realistic share of helpdesk items only, deterministically, leaving the input alone", () => {
    const helpdeskItems = items.filter((item) => helpdesks.has(item.sourceId));
    expect(marked.every((item) => helpdesks.has(item.sourceId))).toBe(true);
    expect(marked.length / helpdeskItems.length).toBeGreaterThan(0.04);
    expect(marked.length / helpdeskItems.length).toBeLessThan(0.12);
    expect(withAutomation(demo, NOW)).toEqual(items);
    expect(demo.items.some((item) => item.feedback.handledBy)).toBe(false);
  });

  it("puts a few recent ones at human moments, with evidence as the adapters word it", () => {
    const atMoments = marked.filter((item) => humanMoments.has(item.feedback.touchpointHint ?? ""));
    expect(atMoments.length).toBeGreaterThanOrEqual(3);
    expect(atMoments.length).toBeLessThanOrEqual(AUTOMATED_AT_HUMAN_MOMENTS);
    expect(new Set(atMoments.map((item) => item.feedback.touchpointHint)).size).toBeGreaterThan(1);
    for (const item of atMoments) expect(item.feedback.occurredAt).toBeGreaterThan(NOW - AUTOMATED_RECENT_MS);
    for (const item of marked) {
      expect(item.feedback.handledBy?.evidence).toMatch(/^(Zendesk|Freshdesk|Intercom): \S/);
    }
  });
});
