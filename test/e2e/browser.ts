import axe from "axe-core";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { CHROMIUM } from "./global-setup.ts";

/** Launches the headless Chromium the e2e tests drive. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
}

/** A page signed in as the demo owner (the run's one session), or signed out with `{ signedIn: false }`. */
export async function openPage(
  browser: Browser,
  viewport = { width: 1440, height: 900 },
  { signedIn = true } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  if (signedIn) {
    const { name, value } = inject("session");
    await context.addCookies([{ name, value, url: inject("webUrl") }]);
  }
  const page = await context.newPage();
  // The app's pages load their modules once the HTML is parsed (no preload header), so `load` can come before
  // hydration, and a click meant for a script would race it: a navigation to one of them waits for hydration too.
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    const isAppPage = url.startsWith(inject("webUrl")) && response?.headers()["content-type"]?.includes("text/html");
    // A page that never hydrates (a broken build, an error before the app starts) is left to the test's own
    // assertions, which say more than a timeout here would.
    if (isAppPage && options?.waitUntil !== "commit") await hydrated(page).catch(() => {});
    return response;
  };
  return page;
}

/** Headers that send the demo owner's session with a plain `fetch` of the web app. */
export function sessionHeaders(headers: Record<string, string> = {}): Record<string, string> {
  const { name, value } = inject("session");
  return { ...headers, cookie: `${name}=${value}` };
}

/**
 * One headless Chromium page for the test file that calls this, signed in as the demo owner: opened before its tests,
 * closed after them. Returns the page's getter (the page exists only once `beforeAll` has run).
 */
export function useBrowserPage(viewport = { width: 1440, height: 900 }, options = { signedIn: true }): () => Page {
  let browser: Browser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openPage(browser, viewport, options);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!page) throw new Error("the browser page opens in beforeAll");
    return page;
  };
}

/** Posts a form action as the page's signed-in user, the way `use:enhance` does, and returns SvelteKit's result. */
export async function postAs(page: Page, path: string, fields: Record<string, string>) {
  const webUrl = inject("webUrl");
  const cookie = (await page.context().cookies(webUrl)).map((c) => `${c.name}=${c.value}`).join("; ");
  const response = await fetch(`${webUrl}${path}`, {
    method: "POST",
    headers: {
      cookie,
      origin: webUrl,
      accept: "application/json",
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields),
  });
  return (await response.json()) as { type: string; status?: number; data?: string };
}

/**
 * Waits until SvelteKit has hydrated the page (its route announcer is rendered on the client only): text typed into
 * a field before then can be reset by hydration.
 */
export async function hydrated(page: Page): Promise<void> {
  // A page that loads no script (a shared link's) has nothing to hydrate.
  if ((await page.locator("script").count()) === 0) return;
  await page.locator("#svelte-announcer").waitFor({ state: "attached", timeout: 15_000 });
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
