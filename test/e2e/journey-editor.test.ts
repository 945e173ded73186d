import { describe, expect, inject, it } from "vitest";
import { useBrowserPage } from "./browser.ts";

const webUrl = inject("webUrl");

const page = useBrowserPage();

const cards = () => page().locator('[data-testid="editor-touchpoint"]');
/** The card named exactly `name` (a card's menus mention other names, e.g. channels in its edit form). */
const card = (name: string) => cards().filter({ has: page().locator(`h3:text-is("${name}")`) });

/** Card names in board order, stage by stage. */
async function cardNames(): Promise<string[]> {
  return page().locator('[data-testid="editor-touchpoint"] h3').allTextContents();
}

async function createJourney(name: string) {
  await page().goto(`${webUrl}/journeys`);
  await page().locator("summary", { hasText: "New journey" }).click();
  await page().getByLabel("Name").fill(name);
  await page().getByRole("button", { name: "Create journey" }).click();
  await page().waitForURL(/\/journeys\/[^/]+\/edit/);
  return page().url().replace(/\?.*$/, "");
}

const answered = (action: string) =>
  page().waitForResponse((r) => r.url().includes(`?/${action}`) && r.request().method() === "POST");

async function addStage(name: string) {
  const before = await page().locator('[data-testid="editor-stage"]').count();
  await page().getByLabel("Stage name", { exact: true }).last().fill(name);
  await page().getByRole("button", { name: "Add stage" }).click();
  await expect.poll(() => page().locator('[data-testid="editor-stage"]').count()).toBe(before + 1);
}

async function addTouchpoint(stage: string, name: string, channel: string) {
  const column = page().locator('[data-testid="editor-stage"]', { has: page().getByRole("heading", { name: stage }) });
  await column.locator("summary", { hasText: "Add touchpoint" }).click();
  const form = column.locator('form[action="?/createTouchpoint"]');
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Channel").selectOption(channel);
  await form.getByRole("button", { name: `Add to ${stage}` }).click();
  await page().waitForSelector(`[data-testid="editor-touchpoint"] h3:text-is("${name}")`);
  await column.locator("summary", { hasText: "Add touchpoint" }).click(); // close the panel again
}

describe("the journey editor", () => {
  it("creates a journey, builds and reorders it by keyboard, renames, and compares a future state", async () => {
    const errors: string[] = [];
    page().on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    const journeyName = `Returns ${Date.now()}`;

    // Create from the journeys page.
    const editUrl = await createJourney(journeyName);
    expect(await page().getByTestId("editor-title").textContent()).toBe(journeyName);

    // Two stages, three touchpoints.
    await addStage("Request");
    await addStage("Refund");
    await addTouchpoint("Request", "Return form", "web");
    await addTouchpoint("Request", "Label email", "email");
    await addTouchpoint("Refund", "Refund notice", "email");
    expect(await cardNames()).toEqual(["Return form", "Label email", "Refund notice"]);

    // Keyboard: focus "Label email", Alt+ArrowUp moves it first; the move is announced.
    await cards().filter({ hasText: "Label email" }).focus();
    const saved = () =>
      page().waitForResponse((r) => r.url().includes("moveTouchpoint") && r.request().method() === "POST");
    await Promise.all([saved(), page().keyboard.press("Alt+ArrowUp")]);
    await expect
      .poll(() => page().getByTestId("editor-announcement").textContent())
      .toMatch(/^Moved Label email to position 1 of 2 in Request\./);
    expect(await cardNames()).toEqual(["Label email", "Return form", "Refund notice"]);
    // Focus stays on the moved card, so it can keep moving: Alt+ArrowRight takes it to the next stage.
    await expect
      .poll(() => page().evaluate(() => document.activeElement?.querySelector("h3")?.textContent))
      .toBe("Label email");
    // The move saves in the background: wait for its answer, not for "network idle" (already reached at load).
    await Promise.all([saved(), page().keyboard.press("Alt+ArrowRight")]);
    await expect
      .poll(() => page().getByTestId("editor-announcement").textContent())
      .toMatch(/^Moved Label email to position 1 of 2 in Refund\./);

    // Persisted: a reload shows the same order.
    await page().goto(editUrl);
    expect(await cardNames()).toEqual(["Return form", "Label email", "Refund notice"]);
    const refund = page().locator('[data-testid="editor-stage"]', {
      has: page().getByRole("heading", { name: "Refund" }),
    });
    expect(await refund.locator('[data-testid="editor-touchpoint"] h3').allTextContents()).toEqual([
      "Label email",
      "Refund notice",
    ]);

    // Rename: the key stays.
    const card = cards().filter({ hasText: "Return form" });
    const key = await card.locator(".key-code").textContent();
    await card.getByLabel("Edit Return form").click();
    await card.getByLabel("Name").fill("Start a return");
    await card.getByRole("button", { name: "Save touchpoint" }).click();
    await page().waitForSelector('[data-testid="editor-touchpoint"] h3:text-is("Start a return")');
    expect(await cards().filter({ hasText: "Start a return" }).locator(".key-code").textContent()).toBe(key);

    // Duplicate as future state, then compare.
    await page().getByRole("button", { name: "Duplicate as future state" }).click();
    await page().waitForURL(/duplicated=1/);
    expect(await page().getByTestId("editor-title").textContent()).toBe(`${journeyName} (future state)`);
    expect(await cardNames()).toEqual(["Start a return", "Label email", "Refund notice"]);
    await page().getByRole("link", { name: "Compare with current" }).click();
    await page().waitForSelector('[data-testid="compare-table"]');
    expect(await page().getByTestId("compare-title").textContent()).toBe(
      `${journeyName} → ${journeyName} (future state)`,
    );
    const rows = page().locator('[data-testid="compare-row"]');
    expect(await rows.count()).toBe(3);
    expect(await rows.evaluateAll((all) => all.map((r) => r.getAttribute("data-changes")))).toEqual(["", "", ""]);
    expect(errors).toEqual([]);
  });

  it("undoes a move, a delete and an archive from the toast, and the undone state is what is stored", async () => {
    const journeyName = `Undo ${Date.now()}`;
    const editUrl = await createJourney(journeyName);
    await addStage("Ask");
    await addTouchpoint("Ask", "Chat", "chat");
    await addTouchpoint("Ask", "Phone line", "phone");
    const toast = page().getByTestId("undo-toast");

    // Move "Phone line" first by keyboard, then undo it with the toast's button.
    await card("Phone line").focus();
    await Promise.all([answered("moveTouchpoint"), page().keyboard.press("Alt+ArrowUp")]);
    await toast.waitFor();
    expect(await cardNames()).toEqual(["Phone line", "Chat"]);
    await expect.poll(() => page().getByTestId("editor-announcement").textContent()).toContain("To undo");
    await Promise.all([answered("moveTouchpoint"), toast.getByRole("button", { name: /Undo/ }).click()]);
    await expect.poll(() => page().getByTestId("editor-announcement").textContent()).toMatch(/^Undone\./);
    expect(await cardNames()).toEqual(["Chat", "Phone line"]);
    await toast.waitFor({ state: "detached" });
    await page().goto(editUrl);
    expect(await cardNames()).toEqual(["Chat", "Phone line"]);

    // Delete the empty "Chat", then undo with Ctrl+Z: it is back first, with its key.
    const chat = card("Chat");
    const key = await chat.locator(".key-code").textContent();
    await chat.getByLabel("Move or delete Chat").click();
    await Promise.all([answered("deleteTouchpoint"), chat.getByRole("button", { name: "Delete touchpoint" }).click()]);
    await toast.waitFor();
    await expect.poll(cardNames).toEqual(["Phone line"]);
    await page().locator("body").focus();
    await Promise.all([answered("restore"), page().keyboard.press("Control+z")]);
    await expect.poll(cardNames).toEqual(["Chat", "Phone line"]);
    await page().goto(editUrl);
    expect(await cardNames()).toEqual(["Chat", "Phone line"]);
    expect(await card("Chat").locator(".key-code").textContent()).toBe(key);

    // Archive from the editor: the journeys page offers to restore it.
    await page().getByLabel(`More actions for ${journeyName}`).click();
    await page().getByRole("button", { name: "Archive journey" }).click();
    await page().waitForURL(/\/journeys(\?|$)/);
    await toast.waitFor();
    expect(await toast.textContent()).toContain(`Archived ${journeyName}.`);
    await Promise.all([answered("restore"), toast.getByRole("button", { name: /Undo/ }).click()]);
    await expect.poll(() => page().getByTestId("journey-row").filter({ hasText: journeyName }).count()).toBe(1);
  });
});
