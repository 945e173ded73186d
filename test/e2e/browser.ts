import axe from "axe-core";
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

/**
 * axe-core's serious and critical WCAG 2.x A/AA violations on the open page, one line per element.
 * The strict CSP blocks `addScriptTag` (an inline script), so axe is evaluated through the DevTools protocol,
 * which the page's CSP does not govern.
 */
export async function seriousViolations(target: Page): Promise<string[]> {
  await target.evaluate(axe.source);
  const results = await target.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    }),
  );
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(" ")}: ${v.help}. ${n.failureSummary ?? ""}`),
    );
}

declare global {
  interface Window {
    axe: typeof axe;
  }
}
