import { describe, expect, inject, it } from "vitest";
import { hydrated, useBrowserPage } from "./browser.ts";

const webUrl = inject("webUrl");

const page = useBrowserPage();

const rows = () => page().getByTestId("alert-row");
/** The number on the navigation's Alerts badge (0 when there is none). */
async function badge(): Promise<number> {
  const count = page().locator('[data-testid="nav-alert-count"] [aria-hidden="true"]');
  return (await count.count()) === 0 ? 0 : Number(await count.textContent());
}

describe("the alerts inbox", () => {
  it("lists the demo's alerts of several kinds with why each was flagged, and the badge counts the open ones", async () => {
    await page().goto(`${webUrl}/alerts`);
    expect(await rows().count()).toBeGreaterThanOrEqual(3);
    const kinds = await rows().evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
    expect(new Set(kinds).size).toBeGreaterThanOrEqual(2);
    const reasons = await rows().first().getByTestId("alert-reasons").textContent();
    expect(reasons?.trim().length).toBeGreaterThan(10);
    const open = await page().locator('[data-testid="alert-row"][data-status="open"]').count();
    expect(await badge()).toBe(open);
    expect(await page().getByTestId("nav-alert-count").textContent()).toContain(`${open} open`);
  });

  it("filters by kind and severity, kept in the address", async () => {
    await page().goto(`${webUrl}/alerts`);
    await hydrated(page());
    // The demo's alerts depend on the hour it was seeded: filter by what the inbox shows.
    const kind = (await rows().first().getAttribute("data-kind")) as string;
    await page().getByTestId("filter-kind").selectOption(kind);
    await page().waitForURL(new RegExp(`kind=${kind}`));
    await page().waitForFunction(
      (k) =>
        [...document.querySelectorAll('[data-testid="alert-row"]')].every((e) => e.getAttribute("data-kind") === k),
      kind,
    );
    expect(await rows().count()).toBeGreaterThan(0);

    const severity = (await rows().first().getByTestId("alert-severity").getAttribute("data-severity")) as string;
    await page().getByTestId("filter-severity").selectOption(severity);
    await page().waitForURL(new RegExp(`severity=${severity}`));
    expect(page().url()).toContain(`kind=${kind}`);
    const severities = await page()
      .locator('[data-testid="alert-row"] [data-testid="alert-severity"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-severity")));
    expect(severities.length).toBeGreaterThan(0);
    expect(severities.every((s) => s === severity)).toBe(true);
    await page().getByTestId("clear-filters").click();
    await page().waitForURL(/\/alerts$/);

    // Without script too: the filters are plain query parameters.
    await page().goto(`${webUrl}/alerts?kind=${kind}`);
    expect(new Set(await rows().evaluateAll((els) => els.map((e) => e.getAttribute("data-kind"))))).toEqual(
      new Set([kind]),
    );
  });

  it("acknowledges an alert, then resolves it: it moves to resolved, says why, and the badge follows", async () => {
    await page().goto(`${webUrl}/alerts`);
    await hydrated(page());
    const before = await badge();
    const row = page().locator('[data-testid="alert-row"][data-status="open"]').first();
    const id = (await row.getAttribute("data-alert-id")) as string;
    const mine = page().locator(`[data-testid="alert-row"][data-alert-id="${id}"]`);
    await row.getByTestId("acknowledge").click();
    await mine.and(page().locator('[data-status="acknowledged"]')).waitFor();
    expect(await mine.getByTestId("alert-acknowledged-by").textContent()).toBe("acknowledged by Demo CX lead");
    expect(await badge()).toBe(before - 1);

    await mine.getByTestId("resolve").click();
    await mine.waitFor({ state: "detached" });
    await page().getByTestId("status-resolved").click();
    await page().waitForURL(/status=resolved/);
    expect(await mine.getAttribute("data-status")).toBe("resolved");
    expect(await mine.getByTestId("alert-resolution").textContent()).toBe("Resolved by a person.");

    await page().goto(`${webUrl}/alerts/${id}`);
    const timeline = await page().getByTestId("alert-timeline").textContent();
    expect(timeline).toContain("Acknowledged by Demo CX lead");
    expect(timeline).toContain("Resolved by a person.");
    expect(await page().getByTestId("alert-status").textContent()).toBe("Resolved");
  });

  it("answers 404 for an alert that is not there", async () => {
    const response = await page().goto(`${webUrl}/alerts/alt_does_not_exist`);
    expect(response?.status()).toBe(404);
    expect(await page().getByTestId("error-message").textContent()).toBe(
      "This alert does not exist in your workspace.",
    );
  });
});

describe("alert rules", () => {
  it("refuses a threshold out of bounds beside its field, then saves one within them", async () => {
    await page().goto(`${webUrl}/alerts/rules`);
    await hydrated(page());
    const rule = page().locator('[data-testid="rule"][data-kind="friction_threshold"]').first();
    const threshold = rule.getByTestId("param-threshold");
    await threshold.fill("500");
    await rule.getByTestId("rule-save").click();
    await rule.getByTestId("param-error").waitFor();
    expect(await rule.getByTestId("param-error").textContent()).toBe("Enter a whole number from 1 to 100.");
    expect(await threshold.getAttribute("aria-invalid")).toBe("true");
    expect(await threshold.inputValue()).toBe("500");

    await threshold.fill("70");
    await rule.getByTestId("rule-save").click();
    await rule.getByTestId("rule-done").waitFor();
    await page().reload();
    expect(await rule.getByTestId("param-threshold").inputValue()).toBe("70");
  });

  it("turns a rule off and on again", async () => {
    await page().goto(`${webUrl}/alerts/rules`);
    await hydrated(page());
    const rule = page().locator('[data-testid="rule"][data-kind="new_theme"]').first();
    await rule.getByTestId("rule-toggle").click();
    await rule.getByTestId("rule-done").waitFor();
    expect(await rule.getByTestId("rule-state").textContent()).toBe("Off");
    await rule.getByTestId("rule-toggle").click();
    await page().waitForFunction(
      () => document.querySelector('[data-kind="new_theme"] [data-testid="rule-state"]')?.textContent === "On",
    );
  });
});

describe("follow-ups", () => {
  it("marks one done with a note: it leaves the open list and shows under done with the note", async () => {
    await page().goto(`${webUrl}/alerts`);
    const openBefore = Number(await page().getByTestId("follow-ups-open").textContent());
    expect(openBefore).toBeGreaterThan(0);
    await page().getByTestId("follow-ups-link").click();
    await page().waitForURL(/\/follow-ups$/);
    await hydrated(page());
    const card = page().getByTestId("follow-up").first();
    const id = (await card.getAttribute("data-follow-up-id")) as string;
    expect(await card.getByTestId("follow-up-text").textContent()).not.toBe("");
    expect(await card.getByTestId("follow-up-reasons").textContent()).not.toBe("");
    await card.getByTestId("follow-up-note-input").fill("Called the customer back; refund issued.");
    await card.getByTestId("mark-done").click();
    await page().getByTestId("follow-up-done").waitFor();
    expect(await page().locator(`[data-follow-up-id="${id}"]`).count()).toBe(0);

    await page().getByTestId("follow-ups-done").click();
    await page().waitForURL(/status=done/);
    const done = page().locator(`[data-follow-up-id="${id}"]`);
    expect(await done.getByTestId("follow-up-note").textContent()).toBe("“Called the customer back; refund issued.”");
    expect(await done.getByTestId("follow-up-closed").textContent()).toContain("Done by Demo CX lead");
  });
});
