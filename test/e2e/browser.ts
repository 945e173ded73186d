import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { CHROMIUM } from "./global-setup.ts";

/**
 * One headless Chromium page for the test file that calls this: opened before its tests, closed after them.
 * Returns the page's getter (the page exists only once `beforeAll` has run).
 */
export function useBrowserPage(viewport = { width: 1440, height: 900 }): () => Page {
  let browser: Browser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu"],
    });
    page = await browser.newPage({ viewport });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!page) throw new Error("the browser page opens in beforeAll");
    return page;
  };
}
