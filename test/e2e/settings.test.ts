import { describe, expect, inject, it } from "vitest";
import { hydrated, seriousViolations, useBrowserPage } from "./browser.ts";

const webUrl = inject("webUrl");
const ingestUrl = inject("ingestUrl");

const page = useBrowserPage();

const api = (token: string, path: string, init: RequestInit = {}) =>
  fetch(`${ingestUrl}/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  });

/** What the page shows once the token has been created, revoked and used: filled in by the tokens test. */
const made = { name: "", token: "", id: "" };

describe("API tokens", () => {
  // Retried: the two local Workers share one SQLite file, and a read meeting the other's write can hit SQLITE_BUSY.
  it("creates a token shown once, which works against the API until it is revoked", {
    retry: 2,
    timeout: 90_000,
  }, async () => {
    // A fresh name per attempt, so a retry finds its own row.
    made.name = `Warehouse sync ${Date.now()}`;
    const p = page();
    await p.goto(`${webUrl}/journeys`);
    await p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await p.getByRole("link", { name: "API tokens" }).click();
    await p.waitForURL(/\/settings\/tokens$/);
    await hydrated(p);

    await p.fill('[data-testid="token-name"]', made.name);
    await p.check('[data-testid="scope-write"]');
    await p.selectOption('[data-testid="token-expires"]', "30");
    await p.click('[data-testid="create-token"]');
    await p.waitForSelector('[data-testid="token-once"]');
    made.token = (await p.locator('[data-testid="new-token"] code').textContent()) ?? "";
    expect(made.token).toMatch(/^fbk_[A-Za-z0-9_-]{43}$/);
    expect(await p.locator('[data-testid="token-once"]').textContent()).toContain("You won't see this token again");
    expect(await seriousViolations(p)).toEqual([]);

    const row = p.locator('[data-testid="token-row"]', { hasText: made.name });
    made.id = (await row.getAttribute("data-token-id")) ?? "";
    expect(await row.textContent()).toContain(made.token.slice(0, 12));
    expect(await row.getAttribute("data-status")).toBe("active");
    expect(await row.locator('[data-testid="token-last-used"]').textContent()).toContain("Never");

    // The token is the real one, with the scope chosen: it reads and writes through the ingest API.
    expect((await api(made.token, "/sources")).status).toBe(200);
    const created = await api(made.token, "/sources", {
      method: "POST",
      body: JSON.stringify({ provider: "standard-webhooks", name: "Created by a token (e2e)" }),
    });
    expect(created.status).toBe(201);

    // Never shown again, and its use is stamped.
    await p.reload();
    expect(await p.content()).not.toContain(made.token);
    expect(await row.locator('[data-testid="token-last-used"] time').count()).toBe(1);

    await hydrated(p);
    await row.getByLabel(`Revoke ${made.name}`).click();
    // The confirmation is readable in both colour schemes (its red is lighter in the dark one).
    for (const colorScheme of ["dark", "light"] as const) {
      await p.emulateMedia({ colorScheme });
      expect(await seriousViolations(p)).toEqual([]);
    }
    await row.locator('[data-testid="confirm-revoke"]').click();
    await p.waitForSelector('[data-testid="token-done"]');
    expect(await p.locator('[data-testid="token-done"]').textContent()).toContain("Revoked");
    expect(await row.getAttribute("data-status")).toBe("revoked");

    // Revocation takes effect on the very next request.
    const refused = await api(made.token, "/sources");
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  });
});

describe("audit log", () => {
  it("lists the token's life newest first and filters by action, actor and date in the URL", {
    retry: 2,
    timeout: 90_000,
  }, async () => {
    expect(made.id, "the tokens test ran first").toBeTruthy();
    const p = page();
    await p.goto(`${webUrl}/settings`);
    await p.getByRole("link", { name: "Audit log" }).click();
    await p.waitForURL(/\/settings\/audit$/);
    await hydrated(p);

    // By action: the revocation and the creation of the token, newest first, linked to it, details in words.
    await p.selectOption('[data-testid="filter-action"]', "api_token");
    await p.click('[data-testid="apply-filters"]');
    await p.waitForURL(/action=api_token/);
    const entries = p.locator('[data-testid="audit-entry"]', { hasText: made.name });
    expect(await entries.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")))).toEqual([
      "api_token.revoked",
      "api_token.created",
    ]);
    const actions = await p
      .locator('[data-testid="audit-entry"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action") ?? ""));
    expect(actions.every((a) => a.startsWith("api_token."))).toBe(true);
    const link = entries.first().locator('[data-testid="audit-target-link"]');
    expect(await link.getAttribute("href")).toBe(`/settings/tokens#token-${encodeURIComponent(made.id)}`);
    const created = entries.nth(1);
    await created.locator("summary", { hasText: "Details" }).click();
    const details = (await created.locator('[data-testid="audit-details"]').textContent()) ?? "";
    expect(details).toContain("Scopes");
    expect(details).toContain("write");
    expect(details).not.toContain(made.token);
    expect(await seriousViolations(p)).toEqual([]);

    // By actor: what the token itself did through the API (it created a source).
    await p.goto(`${webUrl}/settings/audit`);
    await hydrated(p);
    const tokenActor = await p
      .locator('[data-testid="filter-actor"] option', { hasText: made.name })
      .getAttribute("value");
    expect(tokenActor).toBe(`token:${made.id}`);
    await p.selectOption('[data-testid="filter-actor"]', tokenActor ?? "");
    await p.click('[data-testid="apply-filters"]');
    await p.waitForURL(/actor=token/);
    const byToken = p.locator('[data-testid="audit-entry"]');
    expect(await byToken.count()).toBe(1);
    expect(await byToken.getAttribute("data-action")).toBe("source.created");
    expect(await byToken.locator('[data-testid="audit-actor"]').textContent()).toContain(made.name);
    expect(await byToken.locator('[data-testid="audit-target-link"]').textContent()).toBe("Created by a token (e2e)");

    // By date, kept with the other filters in the URL: nothing happens tomorrow.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await p.fill('[data-testid="filter-from"]', tomorrow);
    await p.click('[data-testid="apply-filters"]');
    await p.waitForURL(new RegExp(`from=${tomorrow}`));
    expect(p.url()).toContain("actor=token");
    expect(await p.locator('[data-testid="audit-empty"]').textContent()).toContain("No entries match");

    // Today's entries are back once the range covers today, and a bad range is a 400 that says why.
    const today = new Date().toISOString().slice(0, 10);
    await p.goto(`${webUrl}/settings/audit?from=${today}&to=${today}`);
    expect(await p.locator('[data-testid="audit-entry"]').count()).toBeGreaterThanOrEqual(3);
    const bad = await p.goto(`${webUrl}/settings/audit?from=${tomorrow}&to=${today}`);
    expect(bad?.status()).toBe(400);
    expect(await p.content()).toContain("The start date is after the end date.");
  });
});
