import { describe, expect, inject, it } from "vitest";
import { hydrated, useBrowserPage } from "./browser.ts";

const webUrl = inject("webUrl");

const page = useBrowserPage();

/** The demo's complaint escalations: a human moment owned by Customer Care Leads. */
const ESCALATIONS = "tp_retail_support_complaint_escalation";

describe("playbooks", () => {
  it("lists the demo's playbooks in words, all off", async () => {
    await page().goto(`${webUrl}/playbooks`);
    const rows = page().locator('[data-testid="playbook-row"]');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    const delay = page().locator('[data-testid="playbook-row"][data-playbook-id="pbk_demo_delay_notice"]');
    expect(await delay.locator('[data-testid="playbook-summary"]').textContent()).toBe(
      "When a Spike or Surge of repeat contacts alert (warning or worse) at “Tracking updates” opens → send a signed webhook via “Automation tool (placeholder)”",
    );
    expect(await delay.locator('[data-testid="playbook-toggle"]').getAttribute("aria-checked")).toBe("false");
  });

  it("refuses a customer-facing playbook at a human moment with its reason and owner, then creates an internal one and dry-runs it", async () => {
    await page().goto(`${webUrl}/playbooks`);
    await hydrated(page());
    await page().locator('[data-testid="playbook-name"]').fill("Tell the leads about escalations");
    await page().locator('[data-testid="kind-escalation"]').check();
    await page().locator('[data-testid="playbook-touchpoint"]').selectOption(ESCALATIONS);
    expect(await page().locator('[data-testid="touchpoint-human-moment"]').textContent()).toContain(
      "Customer Care Leads",
    );
    await page().locator('[data-testid="action-webhook"]').check();
    await page().locator('[data-testid="playbook-destination"]').selectOption("new");
    await page().locator('[data-testid="connect-url"]').fill("https://hooks.example.com/e2e-playbook");
    await page().locator('[data-testid="playbook-customer-facing"]').check();
    await page().locator('[data-testid="playbook-submit"]').click();

    const refusal = page().locator('[data-testid="playbook-error"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("“Complaint escalations” is a human moment");
    expect(await page().locator('[data-testid="refusal-reason"]').textContent()).toContain(
      "must reach a person with the authority to fix it",
    );
    expect(await page().locator('[data-testid="refusal-owner"]').textContent()).toBe("Customer Care Leads");

    await page().locator('[data-testid="playbook-customer-facing"]').uncheck();
    await page().locator('[data-testid="connect-url"]').fill("https://hooks.example.com/e2e-playbook");
    await page().locator('[data-testid="playbook-submit"]').click();
    const secret = page().locator('[data-testid="signing-secret"]');
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/whsec_/);
    await secret.getByRole("link", { name: "Open the playbook" }).click();

    await page().waitForURL(/\/playbooks\/pbk_/);
    await hydrated(page());
    expect(await page().locator("h1").textContent()).toBe("Tell the leads about escalations");
    await page().locator('[data-testid="dry-run"]').click();
    const result = page().locator('[data-testid="dry-run-result"]');
    await result.waitFor();
    expect(await result.getAttribute("data-outcome")).toBe("executed");
    expect(await page().locator('[data-testid="dry-run-body"]').textContent()).toContain(
      '"type": "playbook.triggered"',
    );
    const run = page().locator('[data-testid="playbook-run"]').first();
    expect(await run.textContent()).toContain("Dry run: sent");
  });
});
