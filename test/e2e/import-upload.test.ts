import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openPage } from "./browser.ts";
import { CHROMIUM } from "./global-setup.ts";

const webUrl = inject("webUrl");
const ingestUrl = inject("ingestUrl");
const credentials = inject("credentials");
const SOURCE = "src_demo_zendesk";

/**
 * A Zendesk ticket export: 30 rows, one of them (row 4) with a rating that is no rating, and one (row 2) whose text
 * holds an email address, which must be redacted before anything is shown or stored.
 */
function zendeskExport(): string {
  const header = "Id,Subject,Description,Status,Satisfaction Score,Requester email,Tags,Created at,Updated at";
  const rows = Array.from({ length: 30 }, (_, i) => {
    const n = i + 1;
    const id = `upl-${1000 + n}`;
    const day = String((n % 28) + 1).padStart(2, "0");
    const created = `2025-03-${day} 09:${String(n % 60).padStart(2, "0")}:00`;
    const email = `customer${n}@example.com`;
    if (n === 2) {
      return `${id},Where is my parcel?,"Please answer me at maja.larsen@example.com, the parcel is a week late.",open,Bad,${email},delivery late,${created},${created}`;
    }
    if (n === 4) return `${id},Refund,"Still waiting for my refund",open,maybe,${email},refund,${created},${created}`;
    const score = n % 3 === 0 ? "Bad" : n % 3 === 1 ? "Good" : "Offered";
    const text = n % 3 === 0 ? '"Charged twice for one order, nobody replies"' : `"Thanks, all sorted (ticket ${n})"`;
    return `${id},Order ${n},${text},solved,${score},${email},order,${created},${created}`;
  });
  return `${header}\n${rows.join("\n")}\n`;
}

let browser: Browser;
let page: Page;
let file: string;
/** Console errors: a CSP violation (an inline style or script) shows up here. */
const consoleErrors: string[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "firebreak-upload-"));
  file = join(dir, "zendesk-tickets.csv");
  writeFileSync(file, zendeskExport());
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  page = await openPage(browser, { width: 1440, height: 1000 });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
});

const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.trim() ?? "";
const count = async (testId: string) => Number((await text(testId)).replace(/[^\d]/g, ""));

/** Picks the file, waits for the preview, runs the import, and waits for its summary. */
async function upload() {
  await page.goto(`${webUrl}/sources/${SOURCE}/import`);
  await page.getByTestId("file-input").setInputFiles(file);
  await page.getByTestId("preview-table").waitFor();
  await page.getByTestId("start-import").click();
  await page.getByTestId("import-summary").waitFor({ timeout: 30_000 });
}

describe("uploading a CSV export in the web app", () => {
  it("lists the workspace's sources with a webhook URL and an import link, and no secret", async () => {
    await page.goto(`${webUrl}/sources`);
    const row = page.locator(`[data-testid="source-row"][data-source-id="${SOURCE}"]`);
    await row.waitFor();
    const rowText = (await row.textContent()) ?? "";
    expect(rowText).toContain("Zendesk");
    expect(rowText).toContain(`/webhooks/zendesk/${SOURCE}`);
    expect(await page.locator('nav[aria-label="Main"] a[aria-current="page"]').textContent()).toBe("Sources");
    expect(await page.content()).not.toContain(credentials.webhook.secret);
    await row.getByTestId("import-link").click();
    await page.waitForURL(`**/sources/${SOURCE}/import`);
  });

  it("detects the Zendesk export and previews rows as stored: redacted, scored, with the bad row's reason", async () => {
    await page.getByTestId("file-input").setInputFiles(file);
    await page.getByTestId("preview-table").waitFor();
    expect(await page.getByTestId("detected-preset").getAttribute("data-preset")).toBe("zendesk");
    expect(await page.getByTestId("mapping-externalId").inputValue()).toBe("Id");
    expect(await page.getByTestId("mapping-text").inputValue()).toBe("Description");
    expect(await page.getByTestId("mapping-scale").inputValue()).toBe("thumbs");

    const rows = page.getByTestId("preview-row");
    expect(await rows.count()).toBe(5);
    const redacted = await rows.nth(1).getByTestId("preview-text").textContent();
    expect(redacted).toContain("[email]");
    expect(await page.getByTestId("preview-table").textContent()).not.toContain("maja.larsen");
    expect(await rows.nth(1).getByTestId("preview-score").textContent()).toMatch(/Bad/);
    expect(await rows.nth(3).getAttribute("data-ok")).toBe("false");
    expect(await rows.nth(3).getByTestId("preview-reason").textContent()).toMatch(/not a number/);
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/import-preview.png", fullPage: true });
  });

  it("uploads with a progress bar that reaches 100%, and sums up new, duplicate and failed rows", async () => {
    await page.getByTestId("start-import").click();
    const bar = page.getByTestId("upload-progress");
    await bar.waitFor();
    await page.waitForFunction(
      () => document.querySelector<HTMLProgressElement>('[data-testid="upload-progress"]')?.value === 100,
      undefined,
      { timeout: 30_000 },
    );
    expect(await text("progress-percent")).toBe("100%");
    expect(await text("progress-rows")).toMatch(/^30 of 30 rows$/);
    await page.getByTestId("import-summary").waitFor();
    expect(await count("summary-inserted")).toBe(29);
    expect(await count("summary-skipped")).toBe(0);
    expect(await count("summary-failed")).toBe(1);
    expect(await text("summary-failure")).toMatch(/Row 4.*not a number/);
    await page.screenshot({ path: "test-results/import-summary.png", fullPage: true });
  });

  it("adds nothing when the same file is uploaded again", async () => {
    await upload();
    expect(await count("summary-inserted")).toBe(0);
    expect(await count("summary-updated")).toBe(0);
    expect(await count("summary-skipped")).toBe(29);
    expect(await count("summary-failed")).toBe(1);

    // Stored once each: the API lists 29 items with the file's ids, not 58.
    const res = await fetch(
      `${ingestUrl}/api/v1/feedback?sourceId=${SOURCE}&from=2025-03-01T00:00:00Z&to=2025-04-01T00:00:00Z&limit=200`,
      { headers: { authorization: `Bearer ${credentials.apiToken}` } },
    );
    const { data } = (await res.json()) as { data: Array<{ externalId: string; text: string }> };
    const stored = data.filter((item) => item.externalId.startsWith("upl-"));
    expect(stored).toHaveLength(29);
    expect(stored.find((item) => item.externalId === "upl-1002")?.text).toContain("[email]");
    expect(JSON.stringify(stored)).not.toContain("maja.larsen");
    expect(await page.getByTestId("recent-imports").locator("li").count()).toBeGreaterThanOrEqual(2);
    // The strict CSP held: nothing inline was blocked, and no script failed.
    expect(consoleErrors).toEqual([]);
  });

  it("answers foreign origins and other workspaces' ids with JSON errors", async () => {
    const post = (path: string, origin: string) =>
      fetch(`${webUrl}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({ rows: [{ Id: "x", Description: "y" }] }),
      });
    const foreign = await post(`/sources/${SOURCE}/imports/imp_x/rows`, "https://evil.example");
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    const missing = await post(`/sources/src_elsewhere/imports/imp_x/rows`, webUrl);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { requestId: string } }).error.requestId).toBeTruthy();
  });
});
