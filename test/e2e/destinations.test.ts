/**
 * Alert destinations in a real browser against both local Workers: a webhook pointed at a loopback receiver started
 * here, its secret shown once, a test sent through the real outbound queue and the cron (`/__scheduled`), the log's
 * "Delivered", and the receiver's own Standard Webhooks verification; an unsafe target refused beside the field; the
 * policy page's check denying a bot at a human moment.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hydrated, seriousViolations, useBrowserPage } from "./browser.ts";

const webUrl = inject("webUrl");
const ingestUrl = inject("ingestUrl");
const page = useBrowserPage();

/** What the receiver got, and whether each request verified under the destination's secret. */
const received: { type: string; verified: boolean }[] = [];
let secret = "";
let receiver: Server;
let receiverUrl = "";

const header = (headers: IncomingHttpHeaders, name: string) => String(headers[name] ?? "");

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      try {
        const event = new Webhook(secret).verify(body, {
          "webhook-id": header(req.headers, "webhook-id"),
          "webhook-timestamp": header(req.headers, "webhook-timestamp"),
          "webhook-signature": header(req.headers, "webhook-signature"),
        }) as { type: string };
        received.push({ type: event.type, verified: true });
        res.writeHead(204).end();
      } catch {
        received.push({ type: "", verified: false });
        res.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((ready) => receiver.listen(0, "127.0.0.1", ready));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/firebreak`;
});

afterAll(() => {
  receiver?.close();
});

/** Runs the ingest Worker's cron now, as `wrangler dev --test-scheduled` allows. */
const runCron = () => fetch(`${ingestUrl}/__scheduled?cron=*/5+*+*+*+*`);

describe("alert destinations", () => {
  it("refuses an unsafe target beside the field, with why", { timeout: 60_000 }, async () => {
    const p = page();
    await p.goto(`${webUrl}/settings`);
    await p.getByRole("link", { name: "Alert destinations" }).click();
    await p.waitForURL(/\/settings\/destinations$/);
    await hydrated(p);
    await p.check('[data-testid="kind-webhook"]');
    await p.fill('[data-testid="destination-name"]', "Internal");
    await p.fill('[data-testid="destination-target"]', "https://10.0.0.1/x");
    await p.click('[data-testid="create-destination"]');
    const error = p.locator('[data-testid="target-error"]');
    await error.waitFor();
    expect(await error.textContent()).toContain("10.0.0.0/8 is not public");
    expect(await p.getAttribute('[data-testid="destination-target"]', "aria-invalid")).toBe("true");
    expect(await p.locator('[data-testid="secret-once"]').count()).toBe(0);
  });

  it("adds a webhook (secret once), sends a signed test that the cron delivers, and logs it", {
    retry: 1,
    timeout: 120_000,
  }, async () => {
    const p = page();
    const name = `Local receiver ${Date.now()}`;
    await p.goto(`${webUrl}/settings/destinations`);
    await hydrated(p);
    await p.check('[data-testid="kind-webhook"]');
    await p.fill('[data-testid="destination-name"]', name);
    await p.fill('[data-testid="destination-target"]', receiverUrl);
    await p.click('[data-testid="create-destination"]');
    await p.waitForSelector('[data-testid="secret-once"]');
    secret = (await p.locator('[data-testid="new-secret"] code').textContent()) ?? "";
    expect(secret).toMatch(/^whsec_/);
    expect(await p.locator('[data-testid="secret-once"]').textContent()).toContain("Standard Webhooks");
    expect(await seriousViolations(p)).toEqual([]);

    const row = p.locator('[data-testid="destination-row"]', { hasText: name });
    expect(await row.getAttribute("data-enabled")).toBe("true");
    await row.locator('[data-testid="send-test"]').click();
    await p.locator('[data-testid="destination-done"]', { hasText: "Test queued" }).waitFor();
    // Shown once: a reload has neither the secret nor the panel.
    await p.reload();
    expect(await p.content()).not.toContain(secret);

    await row.getByRole("link", { name: "Log" }).click();
    await p.waitForURL(/\/settings\/destinations\/dst_/);
    expect(await p.locator('[data-testid="log-row"]').first().getAttribute("data-status")).toBe("pending");

    // The cron claims due deliveries; a tick that starts while another runs may leave it to the next one.
    let status = "pending";
    for (let tick = 0; tick < 10 && status !== "delivered"; tick++) {
      expect((await runCron()).status).toBeLessThan(500);
      await new Promise((r) => setTimeout(r, 500));
      await p.reload();
      status = (await p.locator('[data-testid="log-row"]').first().getAttribute("data-status")) ?? "";
    }
    expect(status).toBe("delivered");
    const first = p.locator('[data-testid="log-row"]').first();
    expect(await first.textContent()).toContain("Test");
    await first.locator('[data-testid="attempts-toggle"]').click();
    expect(await first.locator('[data-testid="attempts"] li').first().getAttribute("data-outcome")).toBe("delivered");
    expect(received).toContainEqual({ type: "alert.test", verified: true });
    expect(received.every((r) => r.verified)).toBe(true);
    expect(await seriousViolations(p)).toEqual([]);

    // Back on the list: the week's counts and the last outcome.
    await p.goto(`${webUrl}/settings/destinations`);
    const listed = p.locator('[data-testid="destination-row"]', { hasText: name });
    expect(await listed.locator('[data-testid="week-counts"]').textContent()).toContain("1 delivered");
    expect(await listed.locator('[data-testid="last-delivery"]').textContent()).toContain("Delivered");

    // Off, then deleted after confirming.
    await hydrated(p);
    await listed.locator('[data-testid="toggle"]').click();
    await p.locator('[data-testid="destination-done"]', { hasText: "is off" }).waitFor();
    expect(await listed.getAttribute("data-enabled")).toBe("false");
    await listed.getByText("Delete", { exact: true }).click();
    await listed.locator('[data-testid="confirm-delete"]').click();
    await p.locator('[data-testid="destination-done"]', { hasText: "Deleted" }).waitFor();
    expect(await p.locator('[data-testid="destination-row"]', { hasText: name }).count()).toBe(0);
  });

  it("answers 404 for a destination that is not the workspace's", async () => {
    const p = page();
    const res = await p.goto(`${webUrl}/settings/destinations/dst_not_a_destination`);
    expect(res?.status()).toBe(404);
  });
});

describe("the human-moments policy page", () => {
  it("shows the policy and denies a bot at a human moment", { timeout: 60_000 }, async () => {
    const p = page();
    await p.goto(`${webUrl}/human-moments`);
    await p.locator('[data-testid="policy-link"]').click();
    await p.waitForURL(/\/human-moments\/policy$/);
    await hydrated(p);
    expect(await p.locator('[data-testid="policy-moment"]').count()).toBeGreaterThan(0);
    expect(await p.locator('[data-testid="policy-version"] code').textContent()).toMatch(/\S{8,}/);
    expect(await p.content()).toContain(`${ingestUrl}/api/v1/policy/human-moments`);

    await p.check('[data-testid="by-touchpoint"]');
    const moment = p.locator('[data-testid="check-touchpoint"] option', { hasText: "(human moment)" }).first();
    const value = (await moment.getAttribute("value")) ?? "";
    await p.selectOption('[data-testid="check-touchpoint"]', value);
    await p.selectOption('[data-testid="check-kind"]', "bot");
    await p.check('[data-testid="check-customer-facing"]');
    await p.click('[data-testid="check-submit"]');
    const decision = p.locator('[data-testid="check-decision"]');
    await decision.waitFor();
    expect(await decision.getAttribute("data-decision")).toBe("deny");
    expect(await decision.textContent()).toContain("is a human moment");

    // A person following up there is what the moment asks for.
    await p.selectOption('[data-testid="check-kind"]', "human_followup");
    await p.click('[data-testid="check-submit"]');
    await p.locator('[data-testid="check-decision"][data-decision="allow"]').waitFor();
    expect(await seriousViolations(p)).toEqual([]);
  });
});
