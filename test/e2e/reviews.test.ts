import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { renderPdf } from "../../functions/core/src/exports/test-render.ts";
import { hydrated, launchBrowser, openPage, postAs } from "./browser.ts";

const webUrl = inject("webUrl");

let browser: Browser;
let lead: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  lead = await openPage(browser);
});

afterAll(async () => {
  await browser?.close();
});

const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
let firstSession = "";
const CUSTOMER_EMAIL = "jonas.berg@example.com";
const NOTE = `Seen mostly on Mondays. ${CUSTOMER_EMAIL} wrote in three times.`;

/** Creates a session from the list page's form and lands on its page. */
async function createSession(page: Page, title: string) {
  await page.goto(`${webUrl}/reviews`);
  await hydrated(page);
  await page.getByLabel("Title (optional)").fill(title);
  await page.getByRole("button", { name: "Create session" }).click();
  await page.waitForURL(/\/reviews\/rvw_/);
  await hydrated(page);
  expect(await page.locator("h1").textContent()).toBe(title);
  return new URL(page.url()).pathname.split("/").at(-1) as string;
}

describe("a monthly review session, start to finish", () => {
  it("opens on the demo's history: last month's closed session and a fix whose tickets dropped", async () => {
    await lead.goto(`${webUrl}/reviews`);
    await hydrated(lead);
    const rows = lead.getByTestId("review-row");
    expect(await rows.count()).toBeGreaterThanOrEqual(1);
    expect(await rows.first().textContent()).toContain("Closed");
    await rows.first().getByRole("link").click();
    await lead.waitForURL(/\/reviews\/rvw_/);
    expect(await lead.getByTestId("session-status").textContent()).toContain("Closed");
    expect(await lead.getByTestId("decision").count()).toBeGreaterThan(0);
    expect(await lead.getByTestId("overdue").count()).toBeGreaterThan(0);
  });

  it("creates a draft, previews it live with progress and the fix's before/after, and starts it", async () => {
    firstSession = await createSession(lead, "E2E review one");
    expect(await lead.getByTestId("session-status").textContent()).toContain("Draft");
    expect(await lead.getByTestId("as-of").textContent()).toContain("Live preview");
    const issues = lead.locator('[data-testid="agenda-item"][data-kind="theme"]');
    expect(await issues.count()).toBe(10);
    // The demo's shipped fix: fewer tickets since, by the exact test.
    expect(await lead.getByTestId("before-after-verdict").allTextContents()).toContainEqual(
      expect.stringContaining("Fewer tickets"),
    );
    // Opens with progress since the demo's last session.
    const progress = lead.getByTestId("progress");
    expect(await progress.getByTestId("progress-done").textContent()).toContain(
      "Switch tracking to the carrier's live API",
    );
    expect(await progress.getByTestId("progress-overdue").textContent()).toContain("Review the carrier's delivery SLA");
    expect(await lead.getByTestId("progress-deltas").locator("tbody tr").count()).toBeGreaterThan(0);

    await lead.getByTestId("start-session").click();
    await lead.getByTestId("review-done").waitFor();
    expect(await lead.getByTestId("session-status").textContent()).toContain("In progress");
    expect(await lead.getByTestId("as-of").textContent()).toContain("frozen");
  });

  it("takes notes, decides, adds an action item, marks a fix shipped and closes", async () => {
    const item = lead.locator('[data-testid="agenda-item"][data-kind="theme"]').filter({
      has: lead.getByTestId("fix-form"),
    });
    const target = item.first();
    const ref = await target.getAttribute("data-ref");
    await target.getByLabel("Notes").fill(NOTE);
    await target.getByLabel("Decision").fill("Fix the handover script.");
    await target.getByRole("button", { name: /Save notes/ }).click();
    await lead.getByTestId("review-done").filter({ hasText: "Notes saved" }).waitFor();

    await target.getByText("Add an action item").click();
    await target.getByLabel("What needs doing").fill("Rewrite the handover script");
    await target.getByLabel("Owner").selectOption({ label: "Demo CX lead" });
    await target.getByLabel("Due").fill(yesterday);
    await target.getByRole("button", { name: "Add", exact: true }).click();
    await lead.getByTestId("review-done").filter({ hasText: "Action item added" }).waitFor();
    const mine = lead.locator(`[data-testid="agenda-item"][data-ref="${ref}"]`).getByTestId("action-item");
    expect(await mine.textContent()).toContain("Rewrite the handover script");
    expect(await mine.textContent()).toContain("Demo CX lead");

    const again = lead.locator(`[data-testid="agenda-item"][data-ref="${ref}"]`);
    await again.getByRole("button", { name: "Mark fix shipped" }).click();
    await lead.getByTestId("review-done").filter({ hasText: "Fix marked as shipped" }).waitFor();
    expect(await again.getByTestId("fix-day").count()).toBe(1);

    // The record survives a reload (and works the same without JavaScript: these are plain forms).
    await lead.reload();
    await hydrated(lead);
    const reloaded = lead.locator(`[data-testid="agenda-item"][data-ref="${ref}"]`);
    expect(await reloaded.getByLabel("Notes").inputValue()).toBe(NOTE);
    expect(await reloaded.getByLabel("Decision").inputValue()).toBe("Fix the handover script.");

    await lead.getByTestId("close-session").click();
    await lead.getByTestId("review-done").filter({ hasText: "Session closed" }).waitFor();
    expect(await lead.getByTestId("session-status").textContent()).toContain("Closed");
    expect(await reloaded.getByTestId("decision").textContent()).toBe("Fix the handover script.");
  });

  it("hands the session round as a review pack PDF and its action items as CSV", async () => {
    await lead.goto(`${webUrl}/reviews/${firstSession}`);
    await hydrated(lead);
    const [pack] = await Promise.all([lead.waitForEvent("download"), lead.getByTestId("review-pack").click()]);
    expect(pack.suggestedFilename()).toMatch(/^firebreak-e2e-review-one-review-pack-[\d-]+-to-[\d-]+\.pdf$/);
    const pages = renderPdf(await readFile((await pack.path()) as string));
    const pageOf = (text: string) => pages.findIndex((p) => p.text.includes(text));
    expect(pages[0]?.text).toContain("E2E review one");
    // Agenda with the notes, then the map of the journey reviewed, then decisions and action items.
    const agenda = pageOf("Agenda");
    expect(agenda).toBeGreaterThan(0);
    expect(pageOf("Seen mostly on Mondays.")).toBeGreaterThanOrEqual(agenda);
    // The note named a customer: the pack is handed round, so their email is redacted in it.
    expect(pages.some((p) => p.text.includes("[email]"))).toBe(true);
    expect(pages.some((p) => p.text.includes(CUSTOMER_EMAIL))).toBe(false);
    const map = pageOf("Online purchase");
    expect(map).toBeGreaterThan(agenda);
    const decisions = pageOf("Fix the handover script.");
    expect(decisions).toBeGreaterThan(map);
    expect(pages[decisions]?.text).toContain("Rewrite the handover script");
    expect(pages[decisions]?.text).toContain("Demo CX lead");

    await lead.goto(`${webUrl}/reviews/actions?status=all`);
    await hydrated(lead);
    const [csv] = await Promise.all([lead.waitForEvent("download"), lead.getByTestId("actions-csv").click()]);
    const text = (await readFile((await csv.path()) as string)).toString("utf8");
    expect(text.startsWith("\ufeff")).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const shown = await lead.getByTestId("action-item").count();
    expect(parsed.data).toHaveLength(shown);
    expect(parsed.data).toContainEqual(
      expect.objectContaining({
        Action: "Rewrite the handover script",
        Owner: "Demo CX lead",
        Due: yesterday,
        Status: "Open",
        Overdue: "yes",
        Session: "E2E review one",
      }),
    );
  });

  it("opens the next session with the progress since this one", async () => {
    await createSession(lead, "E2E review two");
    const progress = lead.getByTestId("progress");
    expect(await progress.locator("h2").textContent()).toContain("E2E review one");
    expect(await progress.getByTestId("progress-overdue").textContent()).toContain("Rewrite the handover script");
    const carried = lead.locator('[data-testid="agenda-item"][data-kind="carried_action"]');
    expect(await carried.allTextContents()).toContainEqual(expect.stringContaining("Rewrite the handover script"));

    await lead.goto(`${webUrl}/reviews/actions?status=unfinished`);
    await hydrated(lead);
    const row = lead.getByTestId("action-item").filter({ hasText: "Rewrite the handover script" });
    expect(await row.getByTestId("overdue").count()).toBe(1);
    await row.getByLabel(/Status of/).selectOption("done");
    await row.getByRole("button", { name: /Update/ }).click();
    await lead.getByTestId("action-done").waitFor();
    expect(await lead.getByTestId("action-item").filter({ hasText: "Rewrite the handover script" }).count()).toBe(0);
  });
});

describe("a viewer at the review", () => {
  it("reads every session but changes nothing", async () => {
    await lead.goto(`${webUrl}/settings/members`);
    await hydrated(lead);
    await lead.getByLabel("Email").fill("vera.viewer@example.com");
    await lead.getByRole("radio", { name: /viewer/ }).check();
    await lead.getByRole("button", { name: "Send invitation" }).click();
    const link = await lead.getByTestId("invite-link").locator("input").inputValue();

    const vera = await openPage(browser, undefined, { signedIn: false });
    await vera.goto(link);
    await hydrated(vera);
    await vera.getByLabel("Your name").fill("Vera Viewer");
    await vera.getByLabel("Choose a password").fill("vera-password-2026");
    await vera.getByRole("button", { name: "Create account and join" }).click();
    await vera.waitForURL(/\/journeys/, { waitUntil: "commit" });

    await vera.goto(`${webUrl}/reviews`);
    await hydrated(vera);
    expect(await vera.getByTestId("review-row").count()).toBeGreaterThanOrEqual(3);
    expect(await vera.getByTestId("create-review").count()).toBe(0);

    await vera.goto(`${webUrl}/reviews/${firstSession}`);
    await hydrated(vera);
    expect(await vera.getByTestId("decision").first().textContent()).toBe("Fix the handover script.");
    expect(await vera.locator("main form[method=POST]").count()).toBe(0);

    for (const [action, fields] of [
      ["create", {}],
      [`${firstSession}?/notes`, { itemId: "agi_x", notes: "x", decision: "y" }],
      [`${firstSession}?/close`, {}],
    ] as const) {
      const path = action === "create" ? "/reviews?/create" : `/reviews/${action}`;
      expect(await postAs(vera, path, fields)).toMatchObject({ type: "failure", status: 403 });
    }
    await vera.context().close();
  });
});
