import { describe, expect, inject, it } from "vitest";
// @ts-expect-error: a plain .mjs helper shared with `npm run demo:webhook`.
import { sendFeedbackEvent } from "../../scripts/send-demo-webhook.mjs";
import { sessionHeaders, useBrowserPage } from "./browser.ts";

const webUrl = inject("webUrl");
const ingestUrl = inject("ingestUrl");
const credentials = inject("credentials");

const page = useBrowserPage();

describe("the Unassigned inbox", () => {
  it("places chosen items on a touchpoint by hand, in bulk", { retry: 2 }, async () => {
    const errors: string[] = [];
    page().on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    // Every demo item names its touchpoint; two short remarks without one, in no language, land in the inbox.
    for (const comment of ["ok", "Noted"]) {
      const sent = await sendFeedbackEvent({ ingestUrl }, credentials, { comment, score: 4, scale: "csat5" });
      expect(sent.status).toBe(202);
    }
    await expect
      .poll(
        async () => {
          await page().goto(`${webUrl}/inbox`);
          return page().locator('[data-testid="inbox-row"]').count();
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBeGreaterThanOrEqual(2);
    const rows = page().locator('[data-testid="inbox-row"]');
    const first = (await rows.nth(0).getAttribute("data-item-id")) as string;
    const second = (await rows.nth(1).getAttribute("data-item-id")) as string;
    await rows.nth(0).locator('input[type="checkbox"]').check();
    await rows.nth(1).locator('input[type="checkbox"]').check();
    const option = (await page().locator('select[name="touchpointId"] option').nth(1).getAttribute("value")) as string;
    await page().locator('select[name="touchpointId"]').selectOption(option);
    await page().getByRole("button", { name: "Move" }).click();
    await page().waitForSelector('[data-testid="inbox-done"]');
    expect(await page().locator('[data-testid="inbox-done"]').textContent()).toBe("2 items placed.");
    expect(await page().locator(`[data-item-id="${first}"], [data-item-id="${second}"]`).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("asks for a touchpoint and an item instead of failing", async () => {
    const none = await fetch(`${webUrl}/inbox?/move`, {
      method: "POST",
      headers: sessionHeaders({
        origin: webUrl,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      }),
      body: new URLSearchParams({ touchpointId: "tp_x" }),
    });
    expect(await none.json()).toMatchObject({ type: "failure", status: 400 });
  });
});
