import { describe, expect, inject, it } from "vitest";
import { useBrowserPage } from "./browser.ts";

const webUrl = inject("webUrl");
const { journeyId } = inject("credentials");

const page = useBrowserPage();

const itemCount = async () =>
  Number(((await page().locator('[data-testid="journey-items"]').textContent()) ?? "").replace(/\D/g, ""));

describe("map filters and segments", () => {
  it("filters the map by language from the URL-held state, and keeps the filter across range changes", async () => {
    await page().goto(`${webUrl}/journeys/${journeyId}`);
    const everyone = await itemCount();
    expect(everyone).toBeGreaterThan(100);

    await page().locator("summary", { hasText: "Languages" }).click();
    await page().getByRole("checkbox", { name: "Danish" }).check();
    await page().waitForURL(/lang=da/);
    const danish = await itemCount();
    expect(danish).toBeGreaterThan(0);
    expect(danish).toBeLessThan(everyone);

    // A range preset keeps the filter; a bookmarked URL shows the same view.
    await page().getByRole("link", { name: "Last 30 days" }).click();
    await page().waitForURL(/from=.*lang=da|lang=da.*from=/);
    expect(page().url()).toContain("lang=da");
    await page().goto(page().url());
    expect(await page().locator("summary", { hasText: "Languages" }).textContent()).toContain("Danish");

    await page().getByTestId("clear-filters").click();
    await page().waitForURL((url) => !url.search.includes("lang="));
  });

  it("saves a persona, refusing one that would be everyone, and opens the map for just those customers", async () => {
    await page().goto(`${webUrl}/segments`);
    const form = page().locator("section.new form");
    await form.getByLabel("Persona").check();
    await form.getByLabel("Name").fill("Sofie, yearly subscriber in Germany");
    await form.getByRole("button", { name: "Create" }).click();
    expect(await page().getByTestId("segment-error").textContent()).toMatch(/at least one attribute value or tag/);

    await form.getByRole("checkbox", { name: /^box-yearly/ }).check();
    await form.getByRole("checkbox", { name: /^DE/ }).check();
    await form.getByRole("button", { name: "Create" }).click();
    await page().getByTestId("segment-done").waitFor();
    const card = page().getByTestId("segment-card").filter({ hasText: "Sofie, yearly subscriber in Germany" });
    expect(await card.textContent()).toContain("market: DE · plan: box-yearly");

    await card.getByRole("link", { name: "Open on map" }).click();
    await page().waitForURL(/segment=seg_/);
    expect(await page().locator(".segment-note").textContent()).toContain("Sofie, yearly subscriber in Germany");
    const segmentItems = await itemCount();
    await page().goto(`${webUrl}/journeys/${journeyId}`);
    expect(segmentItems).toBeLessThan(await itemCount());
  });
});
