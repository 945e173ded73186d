import { describe, expect, inject, it } from "vitest";
// @ts-expect-error: a plain .mjs helper shared with `npm run demo:webhook`.
import { sendFeedbackEvent } from "../../scripts/send-demo-webhook.mjs";
import { useBrowserPage } from "./browser.ts";

const webUrl = inject("webUrl");
const ingestUrl = inject("ingestUrl");
const credentials = inject("credentials");

const page = useBrowserPage();

describe("a source's delivery log", () => {
  // Retried: locally the two Workers are two processes sharing one SQLite file, and a read that meets the other's
  // write can fail with SQLITE_BUSY (see the issue note; one `wrangler dev` for both is the fix). A broken log fails
  // every attempt.
  it("lists an accepted delivery and a refused one with its reason, and filters by status", { retry: 2 }, async () => {
    const sourceId = credentials.webhook.sourceId;
    const sent = await sendFeedbackEvent({ ingestUrl }, credentials, { comment: "Checkout failed twice", score: 2 });
    expect(sent.status).toBe(202);
    const forged = await sendFeedbackEvent(
      { ingestUrl },
      { webhook: { sourceId, secret: `whsec_${btoa("x".repeat(32))}` } },
      {
        comment: "not from the provider",
        score: 10,
      },
    );
    expect(forged.status).toBe(401);

    const errors: string[] = [];
    page().on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page().goto(`${webUrl}/sources`);
    const link = page().locator(`[data-source-id="${sourceId}"] [data-testid="source-log-link"]`);
    expect(await link.getAttribute("href")).toBe(`/sources/${sourceId}`);
    await page().goto(`${webUrl}/sources/${sourceId}`);
    await page().waitForSelector('[data-testid="deliveries-table"]', { timeout: 10_000 });

    const statuses = await page()
      .locator('[data-testid="delivery-row"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-status")));
    expect(statuses).toContain("rejected");
    expect(statuses.some((s) => s === "queued" || s === "processing" || s === "processed")).toBe(true);
    const rejected = page().locator('[data-testid="delivery-row"][data-status="rejected"]').first();
    expect(await rejected.textContent()).toContain("Signature check failed");
    expect(await page().locator('[data-testid="delivery-counts"]').textContent()).toMatch(/rejected/);

    await page().click('nav[aria-label="Filter by status"] >> text=Rejected');
    await page().waitForURL(/status=rejected/);
    const filtered = await page()
      .locator('[data-testid="delivery-row"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-status")));
    expect(filtered.length).toBeGreaterThan(0);
    expect(new Set(filtered)).toEqual(new Set(["rejected"]));
    // The page never shows the source's secret, and the strict CSP holds.
    expect(await page().content()).not.toContain(credentials.webhook.secret);
    expect(errors).toEqual([]);
  });

  it("answers 404 for a source that is not in the workspace", { retry: 2 }, async () => {
    const res = await page().goto(`${webUrl}/sources/src_not_ours`);
    expect(res?.status()).toBe(404);
  });
});
