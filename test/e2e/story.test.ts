import { describe, expect, inject, it } from "vitest";
// @ts-expect-error: a plain .mjs helper shared with `npm run demo:webhook`.
import { sendFeedbackEvent } from "../../scripts/send-demo-webhook.mjs";
import { useBrowserPage } from "./browser.ts";

const webUrl = inject("webUrl");
const ingestUrl = inject("ingestUrl");
const credentials = inject("credentials");

const page = useBrowserPage();

const COMPLAINTS = [
  "The parcel tracking page has said 'in transit' for nine days. Where is my order?",
  "Tracking link is broken again, no idea when the parcel arrives. Very frustrating.",
  "Third time I write: tracking shows nothing and nobody answers. I want my money back.",
  "Tracking number does not work at all, the courier says it does not exist.",
  "Parcel tracking stopped updating a week ago. Terrible service.",
];

/** One CX lead's first hour: a new journey, feedback arrives, a hotspot appears, and they act on it. */
describe("from an empty journey to an acted-on hotspot", () => {
  it("builds a journey, watches webhooks become a hotspot, drills down, marks a human moment and moves an item", async () => {
    const name = `Deliveries ${Date.now()}`;
    await page().goto(`${webUrl}/journeys`);
    await page().locator("summary", { hasText: "New journey" }).click();
    await page().getByLabel("Name").fill(name);
    await page().getByRole("button", { name: "Create journey" }).click();
    await page().waitForURL(/\/journeys\/[^/]+\/edit/);
    const journeyUrl = page()
      .url()
      .replace(/\/edit.*$/, "");

    await page().getByLabel("Stage name", { exact: true }).last().fill("After dispatch");
    await page().getByRole("button", { name: "Add stage" }).click();
    const column = page().locator('[data-testid="editor-stage"]', {
      has: page().getByRole("heading", { name: "After dispatch" }),
    });
    await column.waitFor();
    for (const touchpoint of ["Story tracking page", "Story courier hotline"]) {
      await column.locator("summary", { hasText: "Add touchpoint" }).click();
      const form = column.locator('form[action="?/createTouchpoint"]');
      await form.getByLabel("Name").fill(touchpoint);
      await form.getByRole("button", { name: "Add to After dispatch" }).click();
      await page().waitForSelector(`[data-testid="editor-touchpoint"] h3:text-is("${touchpoint}")`);
      await column.locator("summary", { hasText: "Add touchpoint" }).click();
    }

    // The new map is calm: no feedback yet.
    await page().goto(journeyUrl);
    const card = page().locator('[data-testid="touchpoint-card"]', { hasText: "Story tracking page" });
    const key = (await card.getAttribute("data-touchpoint-key")) as string;
    expect(await card.getByTestId("touchpoint-volume").getAttribute("data-value")).toBe("0");

    // Five signed complaints arrive through the real webhook endpoint, routed by the touchpoint's key.
    for (const comment of COMPLAINTS) {
      const sent = await sendFeedbackEvent({ ingestUrl }, credentials, { comment, touchpoint: key, score: 1 });
      expect(sent.status).toBe(202);
    }
    let volume = 0;
    for (let attempt = 0; attempt < 40 && volume < COMPLAINTS.length; attempt++) {
      await new Promise((r) => setTimeout(r, 500));
      await page().reload();
      volume = Number(await card.getByTestId("touchpoint-volume").getAttribute("data-value"));
    }
    expect(volume).toBe(COMPLAINTS.length);
    // It is the journey's hotspot now.
    expect(await page().locator(".top-link").textContent()).toContain("Story tracking page");

    // Drill down: why it was flagged, with the verbatims behind it.
    await card.click();
    await page().waitForURL(/\/touchpoints\//);
    const why = await page().locator("body").textContent();
    expect(why).toContain("Parcel tracking stopped updating a week ago");

    // A person must handle this touchpoint from now on.
    const panel = page().locator('[data-testid="human-moment"]');
    await panel.getByText("Mark as human moment").first().click();
    const form = panel.locator('[data-testid="human-moment-form"]');
    await form
      .getByLabel("Why must a person handle this?")
      .fill("Customers here have waited days for a parcel; a bot answer makes it worse.");
    await form.getByLabel("Owner").fill("Delivery care team");
    await form.getByRole("button", { name: "Mark as human moment" }).click();
    await page().waitForSelector('[data-testid="human-moment-done"]');

    // One complaint is really about the courier hotline: move it there.
    const first = page().locator('[data-testid="verbatim"]:has(input.pick)').first();
    await first.getByText("Move this item…").click();
    const hotline = await first.locator("select option", { hasText: "Story courier hotline" }).getAttribute("value");
    await first.locator("select").selectOption(hotline as string);
    await first.getByRole("button", { name: "Move" }).click();
    await page().waitForSelector('[data-testid="items-done"]');

    await page().goto(journeyUrl);
    expect(await card.locator(".badge-human").textContent()).toBe("Human moment");
    expect(await card.getByTestId("touchpoint-volume").getAttribute("data-value")).toBe(String(COMPLAINTS.length - 1));
    const hotlineCard = page().locator('[data-testid="touchpoint-card"]', { hasText: "Story courier hotline" });
    expect(await hotlineCard.getByTestId("touchpoint-volume").getAttribute("data-value")).toBe("1");
  });
});
