import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
// @ts-expect-error: plain .mjs helpers shared with `npm start` and `npm run demo:webhook`.
import { ROOT, run, WRANGLER } from "../../scripts/lib.mjs";
// @ts-expect-error: a plain .mjs helper shared with `npm run demo:webhook`.
import { sendFeedbackEvent } from "../../scripts/send-demo-webhook.mjs";
import { useBrowserPage } from "./browser.ts";

const webUrl = inject("webUrl");
const ingestUrl = inject("ingestUrl");

const page = useBrowserPage();

/** Reloads the source page until the delivery's row shows `status` (the queue consumer runs in the other Worker). */
async function waitForRow(deliveryId: string, status: string) {
  const row = page().locator(`[data-testid="delivery-row"]:has(code:text-is("${deliveryId}"))`);
  for (let attempt = 0; attempt < 20; attempt++) {
    if ((await row.count()) > 0 && (await row.getAttribute("data-status")) === status) return row;
    await page().waitForTimeout(500);
    await page().reload();
  }
  throw new Error(`delivery ${deliveryId} never became ${status}; it is ${await row.getAttribute("data-status")}`);
}

/** The queue gives up on a delivery only after minutes of retries; the test puts one in that state directly. */
async function deadLetter(deliveryId: string) {
  const state = join(ROOT, ".wrangler", "e2e-state");
  await run(WRANGLER, [
    "d1",
    "execute",
    "firebreak",
    "--local",
    "--persist-to",
    state,
    "--command",
    `UPDATE deliveries SET status = 'dead_lettered', reason = 'gave up after 6 attempts' WHERE id = '${deliveryId}'`,
  ]);
}

describe("integrations", () => {
  // Retried: the two local Workers share one SQLite file, and a read meeting the other's write can hit SQLITE_BUSY.
  it("connects a Standard Webhooks source, shows its secret once, sends a test event and replays a dead letter", {
    retry: 2,
    timeout: 120_000,
  }, async () => {
    const errors: string[] = [];
    page().on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });

    await page().goto(`${webUrl}/sources`);
    await page().click('[data-testid="connect-source"]');
    await page().waitForSelector('[data-testid="provider"]');
    await page().selectOption('[data-testid="provider"]', "standard-webhooks");
    await page().fill('[data-testid="name"]', "Checkout survey (e2e)");
    const touchpoint = await page().locator('[data-testid="touchpoint"] option').nth(1).getAttribute("value");
    await page().selectOption('[data-testid="touchpoint"]', touchpoint ?? "");
    await page().click('[data-testid="connect"]');

    await page().waitForSelector('[data-testid="secret-once"]');
    const secret = (await page().locator('[data-testid="signing-secret"] code').textContent()) ?? "";
    expect(secret).toMatch(/^whsec_/);
    expect(await page().locator('[data-testid="secret-once"]').textContent()).toContain(
      "You won't see this secret again",
    );
    const href = (await page().locator('[data-testid="open-source"]').getAttribute("href")) ?? "";
    const sourceId = decodeURIComponent(href.split("/").at(-1) ?? "");

    // The secret shown is the source's real one: a delivery signed with it is accepted.
    const signed = await sendFeedbackEvent(
      { ingestUrl },
      { webhook: { sourceId, secret } },
      { comment: "Card declined at checkout", score: 3 },
    );
    expect(signed.status).toBe(202);

    // Never again: not after a reload, not on the source page (only its last four characters).
    await page().reload();
    expect(await page().content()).not.toContain(secret);
    await page().goto(`${webUrl}${href}`);
    expect(await page().content()).not.toContain(secret);
    expect(await page().locator('[data-testid="secret-hint"]').textContent()).toBe(`••••${secret.slice(-4)}`);

    await page().click('[data-testid="send-test"]');
    await page().waitForSelector('[data-testid="test-result"]');
    const result = (await page().locator('[data-testid="test-result"]').textContent()) ?? "";
    expect(result).toContain("HTTP 202");
    const testDelivery = /dlv_[0-9a-z]+/.exec(result)?.[0] ?? "";
    expect(testDelivery).not.toBe("");
    const testRow = await waitForRow(testDelivery, "processed");
    expect(await testRow.locator('[data-testid="test-badge"]').count()).toBe(1);

    // A dead letter gets a Replay button; replaying puts it through the queue again, to processed.
    await deadLetter(signed.body.deliveryId);
    const dead = await waitForRow(signed.body.deliveryId, "dead_lettered");
    expect(await testRow.locator('[data-testid="replay"]').count()).toBe(0);
    await dead.locator('[data-testid="replay"]').click();
    await page().waitForSelector('[data-testid="source-done"]:has-text("Replayed")');
    await waitForRow(signed.body.deliveryId, "processed");

    await page().goto(`${webUrl}/sources`);
    const health = page().locator(`[data-source-id="${sourceId}"] [data-testid="source-health"]`);
    expect(await health.textContent()).toContain("2 deliveries");
    expect(errors).toEqual([]);
  });

  it("sends an Intercom test event, shows the uncounted test item, and edits the source's name and default touchpoint", {
    retry: 2,
    timeout: 120_000,
  }, async () => {
    await page().goto(`${webUrl}/sources/new`);
    await page().selectOption('[data-testid="provider"]', "intercom");
    await page().fill('[data-testid="name"]', "Messenger (e2e)");
    await page().fill('[data-testid="secret"]', "intercom-client-secret-e2e");
    await page().click('[data-testid="connect"]');
    await page().click('[data-testid="open-source"]');

    await page().click('[data-testid="send-test"]');
    await page().waitForSelector('[data-testid="test-result"]');
    const result = (await page().locator('[data-testid="test-result"]').textContent()) ?? "";
    expect(result).toContain("HTTP 202");
    const testDelivery = /dlv_[0-9a-z]+/.exec(result)?.[0] ?? "";
    const row = await waitForRow(testDelivery, "processed");
    expect(await row.locator('[data-testid="test-badge"]').count()).toBe(1);
    const testItem = page().locator('[data-testid="test-item"]');
    expect(await testItem.textContent()).toContain("Firebreak test event");

    const touchpointId = await page()
      .locator('[data-testid="settings-touchpoint"] option')
      .nth(2)
      .getAttribute("value");
    await page().fill('[data-testid="settings-name"]', "Messenger chats (e2e)");
    await page().selectOption('[data-testid="settings-touchpoint"]', touchpointId ?? "");
    await page().click('[data-testid="save-settings"]');
    await page().waitForSelector('[data-testid="settings-done"]');
    expect(await page().locator("h1").textContent()).toBe("Messenger chats (e2e)");

    // Stored, not just shown: a fresh load has the new values, and an empty name is refused next to the form.
    await page().reload();
    expect(await page().inputValue('[data-testid="settings-name"]')).toBe("Messenger chats (e2e)");
    expect(await page().inputValue('[data-testid="settings-touchpoint"]')).toBe(touchpointId);
    await page().fill('[data-testid="settings-name"]', " ");
    await page()
      .locator('[data-testid="settings-name"]')
      .evaluate((input) => input.removeAttribute("required"));
    await page().click('[data-testid="save-settings"]');
    expect(await (await page().waitForSelector('[data-testid="settings-error"]')).textContent()).toContain(
      "Give the source a name",
    );
  });
});
