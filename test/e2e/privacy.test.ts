import { readFile } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { seriousViolations, useBrowserPage } from "./browser.ts";
import { sendDemoFeedback } from "./webhooks.ts";

const webUrl = inject("webUrl");

const page = useBrowserPage();

/** A customer of the demo workspace, new for each run, with one answer through the real webhook endpoint. */
const EMAIL = `erase-${Date.now()}@example.com`;
const COMMENT = `The parcel never came and nobody answers my mails (${Date.now()}).`;

async function sendFeedback() {
  expect(await sendDemoFeedback({ comment: COMMENT, customer: { email: EMAIL } })).toBe(202);
}

/** Looks the customer up by email on the privacy page; true once the confirmation step shows. */
async function findByEmail(): Promise<boolean> {
  const p = page();
  await p.goto(`${webUrl}/settings/privacy`);
  await p.locator("#svelte-announcer").waitFor({ state: "attached" });
  await p.getByLabel("Email address").check();
  await p.getByLabel("Email or id").fill(EMAIL);
  await p.getByRole("button", { name: "Find customer" }).click();
  const outcome = p.locator('[data-testid="erase-preview"], [data-testid="find-error"]');
  await outcome.first().waitFor();
  return (await p.getByTestId("erase-preview").count()) > 0;
}

describe("the privacy page", () => {
  it("finds a customer by email, shows what an erasure deletes, exports them, and erases them once confirmed", async () => {
    await sendFeedback();
    // The queue consumer stores the item within a second or two.
    let found = false;
    for (let attempt = 0; attempt < 30 && !found; attempt++) {
      found = await findByEmail();
      if (!found) await new Promise((r) => setTimeout(r, 500));
    }
    expect(found).toBe(true);
    const p = page();
    expect(await p.getByTestId("count-customers").textContent()).toBe("1");
    expect(await p.getByTestId("count-items").textContent()).toBe("1");
    expect(await p.getByTestId("count-payloads").textContent()).toBe("1");
    // The confirmation step is held to axe like every page, in both colour schemes.
    for (const colorScheme of ["dark", "light"] as const) {
      await p.emulateMedia({ colorScheme });
      expect(await seriousViolations(p)).toEqual([]);
    }

    // Their data as a file: the redacted item, never the email itself.
    const [download] = await Promise.all([
      p.waitForEvent("download"),
      p.getByRole("button", { name: "Download their data (JSON)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^customer-export-\d+\.json$/);
    const exported = JSON.parse(await readFile((await download.path()) as string, "utf8"));
    expect(exported.items.map((i: { text: string }) => i.text)).toEqual([COMMENT]);
    expect(JSON.stringify(exported)).not.toContain(EMAIL);

    // Nothing happens until the box is ticked: the browser refuses the form.
    await p.getByRole("button", { name: "Erase customer" }).click();
    expect(await p.getByTestId("erase-done").count()).toBe(0);
    await p.getByLabel(/cannot be undone/).check();
    await p.getByRole("button", { name: "Erase customer" }).click();
    const done = p.getByTestId("erase-done");
    await done.waitFor();
    expect(await done.textContent()).toContain("Erased: 1 feedback item and 1 raw payload deleted");
    expect(await seriousViolations(p)).toEqual([]);

    // Gone: the same lookup finds nobody, and the history says what was done, not to whom.
    expect(await findByEmail()).toBe(false);
    expect(await p.getByTestId("find-error").textContent()).toContain("No customer in this workspace matches that");
    const history = await p.getByTestId("privacy-history").textContent();
    expect(history).toContain("Customer erased");
    expect(history).toContain("Customer exported");
    expect(history).not.toContain(EMAIL);
  });

  it("says which field is wrong when a lookup is not what it claims to be", async () => {
    const p = page();
    await p.goto(`${webUrl}/settings/privacy`);
    await p.locator("#svelte-announcer").waitFor({ state: "attached" });
    await p.getByLabel("Email address").check();
    await p.getByLabel("Email or id").fill("not an address");
    await p.getByRole("button", { name: "Find customer" }).click();
    await p.locator("#lookup-error").waitFor();
    expect(await p.locator("#lookup-error").textContent()).toBe("That is not an email address.");
    expect(await p.getByLabel("Email or id").getAttribute("aria-invalid")).toBe("true");
    expect(await p.getByLabel("Email or id").inputValue()).toBe("not an address");
    expect(await seriousViolations(p)).toEqual([]);
  });

  it("saves the retention settings within their bounds", async () => {
    const p = page();
    await p.goto(`${webUrl}/settings/privacy`);
    await p.locator("#svelte-announcer").waitFor({ state: "attached" });
    const items = p.getByLabel("Feedback items, days");
    const before = await items.inputValue();
    await items.fill("400");
    await p.getByRole("button", { name: "Save retention" }).click();
    await p.getByTestId("retention-done").waitFor();
    expect(await p.getByTestId("retention-done").textContent()).toContain("feedback 400 days");
    await p.reload();
    expect(await p.getByLabel("Feedback items, days").inputValue()).toBe("400");
    // Back to what it was, for the rest of the suite.
    await p.getByLabel("Feedback items, days").fill(before);
    await p.getByRole("button", { name: "Save retention" }).click();
    await p.getByTestId("retention-done").waitFor();
  });
});
