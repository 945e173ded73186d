// What a person waits for, measured in headless Chromium: Largest Contentful Paint and the document's timing per
// load, Interaction to Next Paint (Event Timing) while driving the map's filters, and the JavaScript each route loads.
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const VIEWPORT = { width: 1440, height: 900 };
/** gzip level of the per-route JS sizes: the most a CDN would squeeze out with gzip. */
export const GZIP_LEVEL = 9;

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
}

/**
 * Waits until SvelteKit has hydrated the page (its route announcer is rendered on the client only). The modules load
 * once the HTML is parsed, so the network can rest for a moment before they start.
 */
async function hydrated(page, timeout = 30_000) {
  // A page that loads no script (a shared link's) has nothing to hydrate.
  if ((await page.locator("script").count()) === 0) return;
  await page.locator("#svelte-announcer").waitFor({ state: "attached", timeout });
}

/** The signed-in session every measured context carries (the app's pages are behind sign-in). */
let session = null;

/** Signs in through the login form as the demo owner; later contexts carry the session cookie. */
export async function signIn(webUrl, login) {
  const response = await fetch(`${webUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: webUrl, accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(login),
  });
  const match = /^([^=]+)=([^;]*)/.exec(
    response.headers.getSetCookie().find((c) => c.includes("session_token=")) ?? "",
  );
  if (response.status !== 303 || !match) throw new Error(`sign-in failed: ${response.status}`);
  session = { name: match[1], value: match[2], url: webUrl };
}

/** A fresh browser context (an empty cache, as on a first visit), signed in. */
async function newContext(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  if (session) await context.addCookies([session]);
  return context;
}

/**
 * Loads `url` `warmups + runs` times, each in a fresh context (an empty cache, as on a first visit), and returns the
 * measured runs' LCP, TTFB (navigation start → first byte) and server time (request sent → first byte), in ms.
 * A page slower than `budgetMs` in all is measured fewer times; one that fails or times out returns its `error`.
 */
export async function measureLoads(browser, url, { runs, warmups = 1, budgetMs = 60_000 }) {
  const samples = { lcp: [], ttfb: [], server: [], error: null };
  const started = performance.now();
  for (let i = 0; i < warmups + runs && (i <= warmups || performance.now() - started < budgetMs); i++) {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const response = await page.goto(url, { waitUntil: "load", timeout: budgetMs });
      if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
      // LCP is the last candidate before any input, and a page may paint its largest element after `load` (once
      // hydrated): the figure is read only after the network has been idle for a while and a frame has passed.
      await page.waitForLoadState("networkidle", { timeout: budgetMs });
      await hydrated(page, budgetMs);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
      const timing = await page.evaluate(readTimings);
      if (i < warmups) continue;
      samples.lcp.push(timing.lcp);
      samples.ttfb.push(timing.ttfb);
      samples.server.push(timing.server);
    } catch (error) {
      samples.error = error instanceof Error ? error.message.split("\n")[0] : String(error);
      break;
    } finally {
      await context.close();
    }
  }
  return samples;
}

/** In the page: the navigation's timing and its LCP (buffered, so entries from before this call count). */
function readTimings() {
  const [navigation] = performance.getEntriesByType("navigation");
  const lcp = new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const last = list.getEntries().at(-1);
      resolve(last ? last.renderTime || last.loadTime || last.startTime : null);
    }).observe({ type: "largest-contentful-paint", buffered: true });
    // A page with nothing contentful never reports one.
    setTimeout(() => resolve(null), 2000);
  });
  return lcp.then((value) => ({
    lcp: value,
    ttfb: navigation.responseStart - navigation.startTime,
    server: navigation.responseStart - navigation.requestStart,
  }));
}

/**
 * Drives real interactions on the map page: opens the Languages filter, ticks Danish (which navigates to the
 * filtered map), then works the filter's menu with the keyboard. Returns each interaction's longest Event Timing entry
 * (durationThreshold 16 ms), the worst of them as INP, and how long the filter took to show the filtered map.
 */
export async function measureInteractions(browser, url) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__interactions = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          if (e.interactionId) window.__interactions.push({ id: e.interactionId, name: e.name, duration: e.duration });
      }).observe({ type: "event", buffered: true, durationThreshold: 16 });
    });
    await page.goto(url, { waitUntil: "networkidle" });
    // Before hydration a ticked filter only submits with "Apply".
    await hydrated(page);
    const languages = page.locator("summary", { hasText: "Languages" });
    await languages.click();
    const started = performance.now();
    await page.getByRole("checkbox", { name: "Danish" }).check();
    await page.waitForURL(/lang=da/);
    await page.waitForLoadState("networkidle");
    const filterMs = performance.now() - started;
    await languages.focus();
    // Keys that open and close the filter and move focus, without starting another navigation.
    for (const key of ["Enter", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Enter", "Escape"])
      await page.keyboard.press(key);
    // Event Timing entries are delivered after the next paint.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
    const entries = await page.evaluate(() => window.__interactions);
    const worst = new Map();
    for (const e of entries) if ((worst.get(e.id)?.duration ?? -1) < e.duration) worst.set(e.id, e);
    const interactions = [...worst.values()];
    const inp = interactions.reduce((max, e) => Math.max(max, e.duration), 0);
    return { inp, interactions, filterMs };
  } finally {
    await context.close();
  }
}

/**
 * The JavaScript a route loads once it has settled (network idle, so lazily imported chunks count): each JS
 * response's body, raw and gzipped at `GZIP_LEVEL`, summed.
 */
export async function routeJs(browser, url) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const responses = [];
    page.on("response", (response) => responses.push(response));
    const response = await page.goto(url, { waitUntil: "networkidle" });
    // Hydrated, then a moment for what it imports lazily (the network was idle once already, so Playwright would not
    // wait for it to be idle again).
    await hydrated(page);
    await page.waitForTimeout(500);
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
    const isJs = (r) => /javascript/.test(r.headers()["content-type"] ?? "") || /\.m?js(\?|$)/.test(r.url());
    const files = await Promise.all(responses.filter(isJs).map((r) => r.body()));
    return {
      files: files.length,
      rawBytes: files.reduce((n, b) => n + b.length, 0),
      gzipBytes: files.reduce((n, b) => n + gzipSync(b, { level: GZIP_LEVEL }).length, 0),
    };
  } finally {
    await context.close();
  }
}
