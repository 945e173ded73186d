import { describe, expect, it } from "vitest";
import { SCALE_RANGE } from "../../../functions/core/src/model.ts";
import { DAY_MS } from "./calendar.ts";
import {
  DEMO_REPEAT_CONTACT_ISSUES,
  DEMO_SPIKE_DAYS,
  DEMO_SPIKE_ISSUE,
  DEMO_WINDOW_DAYS,
  DEMO_WORKSPACE_ID,
  type DemoItem,
  generateDemoWorkspace,
} from "./demo.ts";
import { STAGE_PHRASES } from "./phrases.ts";

const NOW = Date.UTC(2026, 9, 15, 9, 30);
const demo = generateDemoWorkspace({ now: NOW });
const touchpoints = demo.journeys.flatMap((j) => j.stages.flatMap((s) => s.touchpoints));
const touchpointKeys = new Set(touchpoints.map((t) => t.key));

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

describe("generateDemoWorkspace", () => {
  it("is deterministic in seed and now", () => {
    const again = generateDemoWorkspace({ now: NOW });
    expect(JSON.stringify(again)).toBe(JSON.stringify(demo));
    const otherSeed = generateDemoWorkspace({ now: NOW, seed: 7 });
    expect(JSON.stringify(otherSeed.items)).not.toBe(JSON.stringify(demo.items));
    // Structure does not depend on the seed: ids stay stable for links and bookmarks.
    expect(otherSeed.journeys).toEqual(demo.journeys);
  });

  it("runs in well under a second and a half", () => {
    const started = performance.now();
    generateDemoWorkspace({ now: NOW, seed: 99 });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("describes Nordlys Home", () => {
    expect(demo.workspace).toEqual({
      id: DEMO_WORKSPACE_ID,
      name: "Nordlys Home",
      slug: "nordlys-home",
      country: "DK",
      languages: ["en", "da", "de"],
      timezone: "Europe/Copenhagen",
    });
  });

  it("has two journeys of 6–8 stages and 30+ touchpoints each, with unique ids and kebab-case keys", () => {
    expect(demo.journeys).toHaveLength(2);
    for (const journey of demo.journeys) {
      expect(journey.stages.length).toBeGreaterThanOrEqual(6);
      expect(journey.stages.length).toBeLessThanOrEqual(8);
      const count = journey.stages.reduce((n, s) => n + s.touchpoints.length, 0);
      expect(count).toBeGreaterThanOrEqual(30);
      for (const stage of journey.stages) {
        expect(stage.touchpoints.length).toBeGreaterThanOrEqual(4);
        expect(STAGE_PHRASES[stage.id], `stage phrases for ${stage.id}`).toBeDefined();
      }
    }
    expect(touchpointKeys.size).toBe(touchpoints.length);
    for (const t of touchpoints) {
      expect(t.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(t.id).toMatch(/^tp_(retail|subscription)_[a-z0-9_]+$/);
      expect(t.description.length).toBeGreaterThan(10);
    }
    const ids = [
      ...demo.journeys.map((j) => j.id),
      ...demo.journeys.flatMap((j) => j.stages.map((s) => s.id)),
      ...touchpoints.map((t) => t.id),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has confirmed and suggested human moments", () => {
    const confirmed = touchpoints.filter((t) => t.humanMoment);
    const suggested = touchpoints.filter((t) => t.humanMomentSuggested);
    expect(confirmed.length).toBeGreaterThanOrEqual(3);
    expect(confirmed.length).toBeLessThanOrEqual(4);
    expect(suggested.length).toBeGreaterThanOrEqual(4);
    expect(suggested.length).toBeLessThanOrEqual(6);
    for (const t of confirmed) {
      expect(t.humanMoment?.reason.length).toBeGreaterThan(20);
      expect(t.humanMoment?.owner).toBeTruthy();
    }
  });

  it("attaches 8–10 sources from several providers to existing journeys", () => {
    expect(demo.sources.length).toBeGreaterThanOrEqual(8);
    expect(demo.sources.length).toBeLessThanOrEqual(10);
    const journeyIds = new Set(demo.journeys.map((j) => j.id));
    for (const source of demo.sources) expect(journeyIds.has(source.journeyId)).toBe(true);
    expect(new Set(demo.sources.map((s) => s.provider)).size).toBeGreaterThanOrEqual(8);
  });

  it("generates 18k–22k items, each placed on an existing touchpoint of its source's journey", () => {
    expect(demo.items.length).toBeGreaterThanOrEqual(18_000);
    expect(demo.items.length).toBeLessThanOrEqual(22_000);
    const journeyOfSource = new Map(demo.sources.map((s) => [s.id, s.journeyId]));
    const journeyOfKey = new Map(
      demo.journeys.flatMap((j) => j.stages.flatMap((s) => s.touchpoints.map((t) => [t.key, j.id] as const))),
    );
    const misplaced = demo.items.filter(
      ({ sourceId, feedback }) =>
        !touchpointKeys.has(feedback.touchpointHint ?? "") ||
        journeyOfKey.get(feedback.touchpointHint ?? "") !== journeyOfSource.get(sourceId),
    );
    expect(misplaced).toEqual([]);
  });

  it("gives every touchpoint some feedback", () => {
    const perTouchpoint = countBy(demo.items, (i) => i.feedback.touchpointHint ?? "");
    for (const key of touchpointKeys) expect(perTouchpoint.get(key) ?? 0, key).toBeGreaterThanOrEqual(20);
  });

  it("keeps external ids unique per source", () => {
    const keys = new Set(demo.items.map(({ sourceId, feedback }) => `${sourceId}\u0000${feedback.externalId}`));
    expect(keys.size).toBe(demo.items.length);
  });

  it("spreads items over the 180 days before now, fewer at weekends", () => {
    const start = NOW - DEMO_WINDOW_DAYS * DAY_MS;
    const outside = demo.items.filter(
      ({ feedback: { occurredAt } }) => !Number.isInteger(occurredAt) || occurredAt < start || occurredAt > NOW,
    );
    expect(outside).toEqual([]);
    const byWeekday = countBy(demo.items, (i) => String(new Date(i.feedback.occurredAt + 2 * 3_600_000).getUTCDay()));
    expect(byWeekday.get("6") ?? 0).toBeLessThan((byWeekday.get("1") ?? 0) * 0.7);
    const firstMonth = demo.items.filter((i) => i.feedback.occurredAt < start + 30 * DAY_MS).length;
    const lastMonth = demo.items.filter((i) => i.feedback.occurredAt >= NOW - 30 * DAY_MS).length;
    expect(lastMonth).toBeGreaterThan(firstMonth);
  });

  it("mixes languages roughly 60% English, 25% Danish, 15% German", () => {
    const stated = demo.items.filter((i) => i.feedback.language !== undefined);
    expect(stated.length).toBeGreaterThan(demo.items.length * 0.9);
    const share = (language: string) => stated.filter((i) => i.feedback.language === language).length / stated.length;
    expect(share("en")).toBeGreaterThan(0.55);
    expect(share("en")).toBeLessThan(0.65);
    expect(share("da")).toBeGreaterThan(0.2);
    expect(share("da")).toBeLessThan(0.3);
    expect(share("de")).toBeGreaterThan(0.11);
    expect(share("de")).toBeLessThan(0.19);
  });

  it("keeps scores in range for their scale, with 0 as a real NPS answer", () => {
    const outOfRange = demo.items.filter(({ feedback: { scale, score } }) => {
      if (scale === "none" || scale === "custom") return score !== undefined;
      const { min, max } = SCALE_RANGE[scale];
      return score === undefined || !Number.isInteger(score) || score < min || score > max;
    });
    expect(outOfRange).toEqual([]);
    expect(demo.items.some((i) => i.feedback.scale === "nps" && i.feedback.score === 0)).toBe(true);
  });

  it("follows each provider's kind and scale", () => {
    const provider = new Map(demo.sources.map((s) => [s.id, s.provider]));
    const shapes = new Set(
      demo.items.map(({ sourceId, feedback }) => `${provider.get(sourceId)} ${feedback.kind} ${feedback.scale}`),
    );
    expect([...shapes].sort()).toEqual([
      "delighted survey nps",
      "freshdesk ticket csat5",
      "freshdesk ticket none",
      "google-business-profile review stars5",
      "intercom message csat5",
      "intercom message none",
      "standard-webhooks message csat5",
      "standard-webhooks message none",
      "trustpilot review stars5",
      "typeform survey csat5",
      "typeform survey nps",
      "zendesk ticket csat5",
      "zendesk ticket none",
    ]);
    expect(demo.items.filter((i) => !i.feedback.url?.startsWith("https://"))).toEqual([]);
  });

  it("correlates scores with tone: planted issues score low, about a third of items are praise", () => {
    const issueScores = demo.items.filter((i) => i.plantedIssue && i.feedback.scale === "nps");
    const detractors = issueScores.filter((i) => (i.feedback.score ?? 10) <= 6).length;
    expect(detractors / issueScores.length).toBeGreaterThan(0.8);
    const scored = demo.items.filter((i) => i.feedback.score !== undefined);
    const top = scored.filter((i) =>
      i.feedback.scale === "nps" ? (i.feedback.score ?? 0) >= 9 : i.feedback.score === 5,
    );
    expect(top.length / scored.length).toBeGreaterThan(0.25);
    expect(top.length / scored.length).toBeLessThan(0.45);
  });

  it("plants about twelve issues with Zipf-like volumes on their own touchpoints", () => {
    expect(demo.plantedIssues.length).toBeGreaterThanOrEqual(10);
    const volumes = countBy(
      demo.items.filter((i) => i.plantedIssue),
      (i) => i.plantedIssue ?? "",
    );
    const counts = demo.plantedIssues.map((issue) => volumes.get(issue.label) ?? 0);
    expect(counts.every((n) => n >= 100)).toBe(true);
    expect(counts[0]).toBeGreaterThan(3 * (counts[counts.length - 1] ?? 0));
    for (const issue of demo.plantedIssues) {
      expect(issue.languages).toEqual(["en", "da", "de"]);
      for (const key of issue.touchpointKeys) expect(touchpointKeys.has(key)).toBe(true);
      const items = demo.items.filter((i) => i.plantedIssue === issue.label);
      expect(items.filter((i) => !issue.touchpointKeys.includes(i.feedback.touchpointHint ?? ""))).toEqual([]);
      expect(new Set(items.map((i) => i.feedback.language)).size).toBeGreaterThanOrEqual(3);
    }
  });

  it("surges the spiking issue in the last days before now", () => {
    const spiking = demo.items.filter((i) => i.plantedIssue === DEMO_SPIKE_ISSUE);
    const spikeStart = NOW - DEMO_SPIKE_DAYS * DAY_MS;
    const recent = spiking.filter((i) => i.feedback.occurredAt >= spikeStart).length;
    const earlierRate = (spiking.length - recent) / (DEMO_WINDOW_DAYS - DEMO_SPIKE_DAYS);
    expect(recent / DEMO_SPIKE_DAYS).toBeGreaterThanOrEqual(3 * earlierRate);
  });

  it("plants repeat contacts: same customer, same touchpoint, within 7 days", () => {
    const chains = new Map<string, DemoItem[]>();
    for (const item of demo.items) {
      if (!item.plantedIssue || !DEMO_REPEAT_CONTACT_ISSUES.includes(item.plantedIssue)) continue;
      const key = `${item.feedback.customerId}|${item.feedback.touchpointHint}`;
      chains.set(key, [...(chains.get(key) ?? []), item]);
    }
    const repeats = [...chains.values()].filter((items) =>
      items.some((a, i) =>
        items.slice(i + 1).some((b) => Math.abs(b.feedback.occurredAt - a.feedback.occurredAt) <= 7 * DAY_MS),
      ),
    );
    expect(DEMO_REPEAT_CONTACT_ISSUES.length).toBeGreaterThanOrEqual(2);
    expect(repeats.length).toBeGreaterThanOrEqual(50);
    const followUps =
      /writing again|third time|four times|skriver igen|tredje gang|schon wieder|dritte Mal|zum zweiten Mal/i;
    expect(demo.items.filter((i) => followUps.test(i.feedback.text)).length).toBeGreaterThanOrEqual(50);
  });

  it("carries escalation cues in about 2% of items", () => {
    const cues =
      /\b(I will cancel|I'll cancel|never order from you again|close my account|lawyer|ombudsman|small claims|passed away|in hospital|lost my job|can't afford|caught fire|overheated|sparks|opsiger|advokat|forbruger(klagenævnet|ombudsmanden)|dødsfald|død|indlagt|har ikke råd|brand|gnister|overophedet|kündige|Anwalt|Verbraucherzentrale|Gericht|verstorben|Krankenhaus|arbeitslos|überhitzt|Funken)\b/i;
    const share = demo.items.filter((i) => cues.test(i.feedback.text)).length / demo.items.length;
    expect(share).toBeGreaterThan(0.012);
    expect(share).toBeLessThan(0.035);
  });

  it("plants personal data in about 5% of texts, with valid card numbers, beside look-alikes", () => {
    const pii = /@example\.|\+45|\+49|\+44|07700|\b\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}\b|\b[A-Z]{2}\d{2}( \w{4}){3,}/;
    const withPii = demo.items.filter((i) => pii.test(i.feedback.text));
    expect(withPii.length / demo.items.length).toBeGreaterThan(0.035);
    expect(withPii.length / demo.items.length).toBeLessThan(0.08);
    const withoutIbans = (text: string) => text.replace(/\b[A-Z]{2}\d{2}(?: [A-Z0-9]{1,4})+/g, "");
    const cardShape = /(?<![\dA-Z])\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}(?!\d)/g;
    const cards = demo.items.flatMap((i) => withoutIbans(i.feedback.text).match(cardShape) ?? []);
    expect(cards.length).toBeGreaterThan(10);
    expect(cards.filter((card) => !luhnValid(card.replace(/\D/g, "")))).toEqual([]);
    const texts = demo.items.map((i) => i.feedback.text).join("\n");
    expect(texts).toMatch(/#100\d{6}/);
    expect(texts).toMatch(/JJD\d{16}/);
    expect(texts).toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(texts).toMatch(/\b\d{2}\.\d{2}\.\d{4}\b/);
    expect((texts.match(/JJD\d{16}/g) ?? []).filter((tracking) => luhnValid(tracking.slice(3)))).toEqual([]);
  });

  it("identifies customers like a helpdesk does: ids, ~40% emails, segment attributes", () => {
    const emails = demo.items.filter((i) => i.feedback.customerEmail).length / demo.items.length;
    expect(emails).toBeGreaterThan(0.33);
    expect(emails).toBeLessThan(0.47);
    const malformed = demo.items.filter(({ feedback: f }) => {
      if (f.customerEmail !== undefined && !/@example\.(com|net|org|dk)$/.test(f.customerEmail)) return true;
      if (f.customerId === undefined) return f.customerAttributes !== undefined;
      const { plan = "", market = "", tier = "" } = f.customerAttributes ?? {};
      return (
        !/^cus_[A-Za-z0-9]+$/.test(f.customerId) ||
        !["box-monthly", "box-yearly", "none"].includes(plan) ||
        !["DK", "DE", "UK"].includes(market) ||
        !["new", "regular", "vip"].includes(tier)
      );
    });
    expect(malformed).toEqual([]);
  });
});
