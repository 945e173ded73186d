import { describe, expect, inject, it } from "vitest";
import { sessionHeaders, useBrowserPage } from "./browser.ts";

const webUrl = inject("webUrl");

const page = useBrowserPage();

const rows = () => page().locator('[data-testid="theme-row"]');

/** The row of a theme with its edit panel open (after a form, the panel keeps whatever state it had). */
async function open(themeId: string) {
  const row = page().locator(`[data-theme-id="${themeId}"]`);
  if ((await row.locator("details").getAttribute("open")) === null) await row.locator("summary").click();
  return row;
}

describe("recurring issues", () => {
  it("lists the demo's re-clustered issues, and a CX lead renames, pins and merges them", { retry: 2 }, async () => {
    const errors: string[] = [];
    page().on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page().goto(`${webUrl}/themes`);
    await page().waitForSelector('[data-testid="themes-table"]');
    expect(await rows().count()).toBeGreaterThan(10);
    expect(await page().locator('nav[aria-label="Main"] a[aria-current="page"]').textContent()).toBe(
      "Recurring issues",
    );

    // Rename: the name sticks.
    const firstId = (await rows().first().getAttribute("data-theme-id")) as string;
    let row = await open(firstId);
    await row.locator('input[name="label"]').fill("Parcels arrive late");
    await row.getByRole("button", { name: "Rename" }).click();
    await page().waitForSelector('[data-testid="theme-done"]');
    expect(await page().locator(`[data-theme-id="${firstId}"] [data-testid="theme-label"]`).textContent()).toBe(
      "Parcels arrive late",
    );

    // Pin: keywords per language are suggested from the items (a retry finds it pinned already).
    row = await open(firstId);
    const pin = row.getByRole("button", { name: "Pin with suggested keywords" });
    if (await pin.count()) await pin.click();
    await page().waitForSelector(`[data-theme-id="${firstId}"] .badge`);
    expect(await page().locator(`[data-theme-id="${firstId}"]`).textContent()).toMatch(/Keywords — \w\w: /);

    // Merge the smallest issue into the second smallest: it leaves the list.
    const count = await rows().count();
    const smallest = (await rows()
      .nth(count - 1)
      .getAttribute("data-theme-id")) as string;
    const target = (await rows()
      .nth(count - 2)
      .getAttribute("data-theme-id")) as string;
    row = await open(smallest);
    await row.locator('select[name="into"]').selectOption(target);
    await row.getByRole("button", { name: "Merge" }).click();
    await page().waitForSelector(`[data-theme-id="${smallest}"]`, { state: "detached" });
    expect(await page().locator('[data-testid="theme-done"]').textContent()).toMatch(/Merged: [\d,]+ items moved/);
    expect(errors).toEqual([]);
  });

  it("refuses a rename without a name, and a form posted from another site", async () => {
    await page().goto(`${webUrl}/themes`);
    const firstId = (await rows().first().getAttribute("data-theme-id")) as string;
    const empty = await fetch(`${webUrl}/themes?/rename`, {
      method: "POST",
      headers: sessionHeaders({
        origin: webUrl,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      }),
      body: new URLSearchParams({ id: firstId, label: " " }),
    });
    expect(((await empty.json()) as { status: number }).status).toBe(400);
    const foreign = await fetch(`${webUrl}/themes?/rename`, {
      method: "POST",
      headers: sessionHeaders({ origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }),
      body: new URLSearchParams({ id: firstId, label: "Hijacked" }),
    });
    expect(foreign.status).toBe(403);
  });

  it("explores where the journey's top issues occur and opens the touchpoint where one is worst", async () => {
    await page().goto(`${webUrl}/themes`);
    await page().getByRole("link", { name: "Explorer" }).click();
    await page().waitForURL(/\/themes\/explore/);
    const matrix = page().getByTestId("issue-matrix");
    const rowCount = await matrix.locator("tbody tr").count();
    expect(rowCount).toBe(10);
    // Every issue has a stage where it is worst, and its cell links to that stage's busiest touchpoint.
    expect(await matrix.locator("td.hottest").count()).toBe(rowCount);
    const hottest = matrix.locator("td.hottest a").first();
    const count = Number((await hottest.locator(".count").textContent())?.replace(/\D/g, ""));
    expect(count).toBeGreaterThan(0);
    await hottest.click();
    await page().waitForURL(/\/touchpoints\//);
    expect(await page().locator("h1").textContent()).toBeTruthy();
  });
});
