/** axe-core in the browser, shared by the accessibility suite and the pages' own e2e tests. */
import axe from "axe-core";
import type { Page } from "playwright-core";

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

/** Waits until SvelteKit has hydrated the page (its route announcer is rendered on the client only). */
export const hydrated = (target: Page) => target.locator("#svelte-announcer").waitFor({ state: "attached" });
