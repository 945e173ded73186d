import { describe, expect, it } from "vitest";
import { makeReviewPack } from "./fixtures.ts";
import { planMapPages } from "./map-pdf.ts";
import { HEAT } from "./palette.ts";
import { reviewPackPdf } from "./review-pack.ts";
import { renderPdf, shareOfColour } from "./test-render.ts";

describe("reviewPackPdf", () => {
  it("has a cover, the agenda with its frozen figures, the map, the decisions and the action items, in order", async () => {
    const input = makeReviewPack();
    const bytes = await reviewPackPdf(input, { paper: "a4", generatedOn: "2026-11-24" });
    const pages = renderPdf(bytes, 1);
    const text = pages.map((p) => p.text);
    const pageOf = (needle: string) => text.findIndex((t) => t.includes(needle));

    expect(pageOf("Review pack")).toBe(0);
    expect(text[0]).toContain("November friction review");
    expect(text[0]).toContain("Period reviewed: 2026-10-01 to 2026-10-31");
    expect(text[0]).toContain("2 agenda items · 2 decisions · 2 action items");

    expect(pageOf("Agenda")).toBe(1);
    expect(text[1]).toContain("1. Card declined at checkout");
    expect(text[1]).toContain("72 (High)");
    expect(text[1]).toContain("Friction after the retry fix");
    expect(text[1]).toContain("Declines cluster on 3-D Secure retries");

    const mapPage = pageOf("Stage 1 ·");
    expect(mapPage).toBeGreaterThan(1);
    const decisions = pageOf("Decisions");
    expect(decisions).toBeGreaterThan(mapPage);
    expect(text[decisions]).toContain("Ship the retry fix before the Black Friday freeze.");
    expect(pageOf("Action items")).toBeGreaterThanOrEqual(decisions);
    const actions = text.slice(decisions).join("\n");
    expect(actions).toContain("Retry 3-D Secure once before declining");
    expect(actions).toContain("Payments team");
    expect(actions).toContain("2026-11-20");
    expect(actions).toContain("Unassigned");
    expect(text.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);

    // The map page is drawn, not just written: its hottest box's colour is on it.
    const [map] = input.maps;
    if (!map) throw new Error("fixture");
    const [plan] = planMapPages(map, "a4");
    const card = plan?.layout.cards.find((c) => c.fill === HEAT[4]?.fill);
    const page = pages[mapPage];
    if (!plan || !card || !page) throw new Error("no severe box");
    const box = {
      x: plan.x + card.x * plan.scale,
      y: plan.top + card.y * plan.scale,
      w: card.w * plan.scale,
      h: card.h * plan.scale,
    };
    expect(shareOfColour(page, box, card.fill)).toBeGreaterThan(0.5);
  });

  it("renders an empty session and emoji or CJK text without throwing", async () => {
    const bytes = await reviewPackPdf(
      makeReviewPack({ title: "Revue 🚀 レビュー", agenda: [], actions: [], maps: [] }),
      { paper: "letter", generatedOn: "2026-11-24" },
    );
    const text = renderPdf(bytes)
      .map((p) => p.text)
      .join("\n");
    expect(text).toContain("Revue ? ????");
    expect(text).toContain("No agenda items.");
    expect(text).toContain("No decisions were recorded.");
    expect(text).toContain("No action items.");
  });

  it("breaks a long action table across pages and repeats its header", async () => {
    const actions = Array.from({ length: 120 }, (_, i) => ({
      title: `Action ${i + 1}: follow up with the team that owns the touchpoint`,
      owner: "CX",
      due: "2026-12-01",
      status: "open",
    }));
    const bytes = await reviewPackPdf(makeReviewPack({ actions, maps: [] }), {
      paper: "a4",
      generatedOn: "2026-11-24",
    });
    const pages = renderPdf(bytes).map((p) => p.text);
    const withActions = pages.filter((t) => /Action \d+:/.test(t));
    expect(withActions.length).toBeGreaterThan(1);
    for (const page of withActions) expect(page).toContain("Owner");
    const all = pages.join("\n");
    expect(all).toContain("Action 1:");
    expect(all).toContain("Action 120:");
  });
});
