import { mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
// @ts-expect-error: a plain .mjs helper shared with `npm run demo:webhook`.
import { sendFeedbackEvent } from "../../scripts/send-demo-webhook.mjs";
import { openPage } from "./browser.ts";
import { CHROMIUM } from "./global-setup.ts";

const webUrl = inject("webUrl");
const ingestUrl = inject("ingestUrl");
const credentials = inject("credentials");

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  page = await openPage(browser, { width: 1440, height: 900 });
});

afterAll(async () => {
  await browser?.close();
});

async function cardVolume(key: string): Promise<number> {
  const text = await page
    .locator(`[data-touchpoint-key="${key}"] [data-testid="touchpoint-volume"]`)
    .first()
    .textContent();
  return Number((text ?? "").replace(/[^\d]/g, ""));
}

describe("the journey map", () => {
  it("opens on the demo journey with friction-scored touchpoints", async () => {
    await page.goto(`${webUrl}/`);
    await page.waitForSelector('[data-testid="touchpoint-card"]');
    expect(page.url()).toContain(`/journeys/${credentials.journeyId}`);
    const cards = page.locator('[data-testid="touchpoint-card"]');
    expect(await cards.count()).toBeGreaterThanOrEqual(30);
    const scores = await page.locator('[data-testid="friction-score"]').allTextContents();
    const numbers = scores.map((s) => Number(s.replace(/[^\d]/g, "")));
    expect(Math.max(...numbers)).toBeGreaterThan(20);
    // The title block comes before the toolbar and filters in the document, so the first frame the browser paints
    // (while the rest is still being parsed) already shows the description, the map's largest contentful paint.
    const html = await (await page.request.get(page.url())).text();
    const description = html.indexOf('class="description');
    expect(description).toBeGreaterThan(0);
    expect(description).toBeLessThan(html.indexOf('id="journey-switcher"'));
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/journey-map.png", fullPage: true });
  });

  it("shows a signed webhook delivery as friction on its touchpoint", async () => {
    const key = await page.locator('[data-testid="touchpoint-card"]').first().getAttribute("data-touchpoint-key");
    expect(key).toBeTruthy();
    const before = await cardVolume(key!);

    const sent = await sendFeedbackEvent({ ingestUrl }, credentials, {
      comment: "Still no refund after three weeks and nobody answers. Really disappointed.",
      touchpoint: key,
      score: 1,
    });
    expect(sent.status).toBe(202);

    // The queue consumer batches for up to a second; reload until the card shows the new item.
    let after = before;
    for (let attempt = 0; attempt < 30 && after === before; attempt++) {
      await new Promise((r) => setTimeout(r, 500));
      await page.reload();
      await page.waitForSelector('[data-testid="touchpoint-card"]');
      after = await cardVolume(key!);
    }
    expect(after).toBe(before + 1);
  });
});
