import { describe, expect, inject, it } from "vitest";
import { sessionHeaders, useBrowserPage } from "./browser.ts";

const webUrl = inject("webUrl");
const credentials = inject("credentials");

const page = useBrowserPage();

/** The demo's email support touchpoint: neither a human moment nor a suggested one. */
const EMAIL = "tp_retail_support_email";
const CHATBOT = "tp_retail_support_chatbot";

async function itemCount(touchpointId: string): Promise<number> {
  await page().goto(`${webUrl}/touchpoints/${touchpointId}`);
  return Number(await page().locator('[data-testid="item-count"]').getAttribute("data-value"));
}

describe("human moments and the touchpoint's drill-down actions", () => {
  it("marks a touchpoint as a human moment, with a reason and an owner, and shows it everywhere", async () => {
    const errors: string[] = [];
    page().on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page().goto(`${webUrl}/touchpoints/${EMAIL}`);
    const panel = page().locator('[data-testid="human-moment"]');
    await panel.getByText("Mark as human moment").first().click();
    const form = panel.locator('[data-testid="human-moment-form"]');
    await form.getByRole("button", { name: "Mark as human moment" }).click();
    await page().waitForSelector('[data-testid="reason-error"]');
    expect(await page().locator('[data-testid="reason-error"]').textContent()).toMatch(/at least 10 characters/);
    expect(await page().locator('[data-testid="owner-error"]').textContent()).toBe(
      "Name the team or person who owns this moment.",
    );

    const reason = "A person must handle this because written complaints here often come from customers already angry.";
    await form.getByLabel("Why must a person handle this?").fill(reason);
    await form.getByLabel("Owner").fill("Support Tier 1");
    await form.getByRole("button", { name: "Mark as human moment" }).click();
    await page().waitForSelector('[data-testid="human-moment-done"]');
    expect(await page().locator('[data-testid="human-moment-reason"]').textContent()).toBe(reason);
    expect(await page().locator('[data-testid="human-moment-history"]').textContent()).toMatch(
      /Marked by Demo CX lead/,
    );

    await page().goto(`${webUrl}/human-moments`);
    const row = page().locator(`[data-testid="human-moment-row"][data-touchpoint-id="${EMAIL}"]`);
    expect(await row.textContent()).toContain("Support Tier 1");
    expect(await row.textContent()).toContain(reason);

    await page().goto(`${webUrl}/journeys/${credentials.journeyId}`);
    const card = page().locator('[data-testid="touchpoint-card"][data-touchpoint-key="support-email"]');
    expect(await card.locator(".badge-human").textContent()).toBe("Human moment");
    expect(errors).toEqual([]);
  });

  it("moves one item to another touchpoint, and both counts follow", async () => {
    const [emailBefore, chatbotBefore] = [await itemCount(EMAIL), await itemCount(CHATBOT)];
    await page().goto(`${webUrl}/touchpoints/${EMAIL}`);
    const first = page().locator('[data-testid="verbatim"]:has(input.pick)').first();
    const itemId = (await first.getAttribute("data-item-id")) as string;
    // Each item's touchpoint picker is rendered when its "Move" opens, not twenty times over with the page.
    expect(await first.locator("select").count()).toBe(0);
    await first.getByText("Move this item…").click();
    await first.locator("select").selectOption(CHATBOT);
    await first.getByRole("button", { name: "Move" }).click();
    await page().waitForSelector('[data-testid="items-done"]');
    expect(await page().locator('[data-testid="items-done"]').textContent()).toMatch(/^1 item moved/);
    expect(await page().locator(`[data-testid="verbatim"][data-item-id="${itemId}"]`).count()).toBe(0);
    expect(Number(await page().locator('[data-testid="item-count"]').getAttribute("data-value"))).toBe(emailBefore - 1);
    expect(await itemCount(CHATBOT)).toBe(chatbotBefore + 1);
  });

  it("asks for items and a touchpoint instead of failing", async () => {
    const response = await fetch(`${webUrl}/touchpoints/${EMAIL}?/move`, {
      method: "POST",
      headers: sessionHeaders({
        origin: webUrl,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      }),
      body: new URLSearchParams({ touchpointId: CHATBOT }),
    });
    expect(await response.json()).toMatchObject({ type: "failure", status: 400 });
  });
});
