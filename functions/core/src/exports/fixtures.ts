/**
 * Journey maps and review sessions for the export tests and the bench: deterministic, any size, with long names,
 * hotspots, human moments and empty touchpoints.
 * @module
 */
import type { MapExportInput, MapExportTouchpoint } from "./map-layout.ts";
import type { ReviewPackInput } from "./review-pack.ts";

const NAMES = [
  "Card declined at checkout",
  "Password reset email never arrives",
  "Delivery slot changed without notice and nobody called to explain why",
  "Refund",
  "Onboarding call",
  "Verify identity with a photo of a passport or driving licence issued in the European Economic Area",
];

/** A map of `stages` stages with `perStage` touchpoints each; scores cycle through every level. */
export function makeMapInput(
  stages: number,
  perStage: number,
  overrides: Partial<MapExportInput> = {},
): MapExportInput {
  return {
    title: "Onboarding",
    range: { from: "2026-08-27", to: "2026-11-24" },
    filters: "",
    issueWindow: { from: "2026-08-27", to: "2026-11-24" },
    topIssues: [
      { label: "Card declined", itemCount: 412, trend: "rising" },
      { label: "Slow refunds", itemCount: 97, trend: "steady" },
    ],
    stages: Array.from({ length: stages }, (_, s) => ({
      name: `Stage ${s + 1}: ${s % 3 === 0 ? "Sign up and verify who you are before anything else" : "Pay"}`,
      touchpoints: Array.from({ length: perStage }, (_, t): MapExportTouchpoint => {
        const n = s * perStage + t;
        const score = (n * 23) % 101;
        const itemCount = n % 7 === 6 ? 0 : 10 + ((n * 37) % 3000);
        return {
          name: `${NAMES[n % NAMES.length]} ${n + 1}`,
          score: itemCount === 0 ? 0 : score,
          itemCount,
          repeatCount: n % 5,
          escalationCount: n % 3,
          hotspot: itemCount > 0 && score >= 40,
          humanMoment: n % 9 === 0 ? "confirmed" : n % 9 === 4 ? "suggested" : null,
        };
      }),
    })),
    ...overrides,
  };
}

/** A review session with every section filled. */
export function makeReviewPack(overrides: Partial<ReviewPackInput> = {}): ReviewPackInput {
  return {
    title: "November friction review",
    period: { from: "2026-10-01", to: "2026-10-31" },
    workspace: "Demo Bank",
    heldOn: "2026-11-03",
    agenda: [
      {
        title: "Card declined at checkout",
        figures: [
          { label: "Friction", value: "72 (High)" },
          { label: "Items in period", value: "1,204" },
        ],
        notes: ["Declines cluster on 3-D Secure retries from one issuer."],
        decisions: ["Ship the retry fix before the Black Friday freeze."],
        beforeAfter: [{ label: "Friction after the retry fix", before: "72", after: "41" }],
      },
      {
        title: "Password reset email",
        figures: [{ label: "Friction", value: "48 (Elevated)" }],
        notes: [],
        decisions: ["Move reset emails to the transactional sender."],
        beforeAfter: [],
      },
    ],
    actions: [
      { title: "Retry 3-D Secure once before declining", owner: "Payments team", due: "2026-11-20", status: "open" },
      { title: "Switch reset emails to the transactional sender", owner: null, due: null, status: "done" },
    ],
    maps: [makeMapInput(4, 5)],
    ...overrides,
  };
}
