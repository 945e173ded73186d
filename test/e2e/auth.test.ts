import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hydrated, launchBrowser, openPage, postAs } from "./browser.ts";

const webUrl = inject("webUrl");
const { journeyId, login } = inject("credentials");

let browser: Browser;
/** The demo workspace's owner (the run's session). */
let owner: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await openPage(browser);
});

afterAll(async () => {
  await browser?.close();
});

/** A fresh signed-out browser context. */
const stranger = () => openPage(browser, undefined, { signedIn: false });

describe("signing in", () => {
  it("sends a signed-out visitor to the login page and back to where they were going", async () => {
    const page = await stranger();
    await page.goto(`${webUrl}/themes`);
    await hydrated(page);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.getByTestId("demo-login").textContent()).toContain(login.email);

    await page.getByLabel("Email").fill(login.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await page.getByTestId("auth-error").textContent()).toMatch(/invalid email or password/i);

    await page.getByLabel("Password").fill(login.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${webUrl}/themes`);
    expect(await page.getByTestId("account-menu").textContent()).toContain("Nordlys");

    await page.getByTestId("account-menu").click();
    await page.getByTestId("sign-out").click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${webUrl}/journeys`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.context().close();
  });

  it("answers a signed-out JSON request with 401 in the one error shape", async () => {
    const response = await fetch(`${webUrl}/sources/src_x/imports`, {
      method: "POST",
      headers: { origin: webUrl, accept: "application/json", "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized", requestId: expect.any(String) } });
  });
});

describe("sign-in rate limit", () => {
  it("refuses the 11th attempt in 5 minutes from one address with 429 and Retry-After, and not another address", async () => {
    // Its own client address, so the rest of the run's sign-ins (from 127.0.0.1) are not counted with these.
    const attempt = (ip: string) =>
      fetch(`${webUrl}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { origin: webUrl, "content-type": "application/json", "cf-connecting-ip": ip },
        body: JSON.stringify({ email: login.email, password: "guess-guess-guess" }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await attempt("203.0.113.7")).status);
    expect(statuses).toEqual(Array(10).fill(401));
    const limited = await attempt("203.0.113.7");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited", requestId: expect.any(String) } });
    expect((await attempt("203.0.113.8")).status).toBe(401);
  });
});

describe("workspaces and roles", () => {
  it("gives a new account its own empty workspace that cannot see the demo's", async () => {
    const page = await stranger();
    await page.goto(`${webUrl}/signup`);
    await hydrated(page);
    await page.getByLabel("Your name").fill("Bo Berg");
    await page.getByLabel("Work email").fill("bo@example.com");
    await page.getByLabel("Password").fill("bo-password-2026");
    await page.getByLabel("Workspace name").fill("Berg Bikes");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/journeys$/, { waitUntil: "commit" });
    expect(await page.getByTestId("account-menu").textContent()).toContain("Berg Bikes");
    expect(await page.locator("main").textContent()).not.toContain("Nordlys");

    const foreign = await page.goto(`${webUrl}/journeys/${journeyId}`);
    expect(foreign?.status()).toBe(404);
    await page.context().close();
  });

  it("invites a viewer, who can look but not change, until the owner makes them an editor or removes them", async () => {
    await owner.goto(`${webUrl}/settings/members`);
    await hydrated(owner);
    await owner.getByLabel("Email").fill("carla@example.com");
    await owner.getByRole("radio", { name: /viewer/ }).check();
    await owner.getByRole("button", { name: "Send invitation" }).click();
    const link = await owner.getByTestId("invite-link").locator("input").inputValue();
    expect(link).toMatch(new RegExp(`^${webUrl}/invite/[\\w-]{32}$`));

    const carla = await stranger();
    await carla.goto(link);
    await hydrated(carla);
    expect(await carla.locator("h1").textContent()).toContain("Join");
    await carla.getByLabel("Your name").fill("Carla Holm");
    await carla.getByLabel("Choose a password").fill("carla-password-2026");
    await carla.getByRole("button", { name: "Create account and join" }).click();
    await carla.waitForURL(/\/journeys/, { waitUntil: "commit" });
    expect(await carla.getByTestId("viewer-note").isVisible()).toBe(true);

    // A viewer: the editor is refused with a reason, and so is any change.
    const editor = await carla.goto(`${webUrl}/journeys/${journeyId}/edit`);
    expect(editor?.status()).toBe(403);
    const refused = await postAs(carla, "/themes?/rename", { id: "th_x", label: "Renamed" });
    expect(refused).toMatchObject({ type: "failure", status: 403 });
    // The link worked once.
    const reused = await (await stranger()).goto(link);
    expect(reused?.status()).toBe(410);

    // The owner makes her an editor: at once, no new sign-in.
    await owner.reload();
    const row = owner.getByTestId("member-row").filter({ hasText: "carla@example.com" });
    await row.getByRole("combobox").selectOption("editor");
    await row.getByRole("button", { name: /Save/ }).click();
    await owner.getByTestId("members-done").waitFor();
    expect(await owner.getByTestId("members-done").textContent()).toContain("now editor");
    expect((await carla.goto(`${webUrl}/journeys/${journeyId}/edit`))?.status()).toBe(200);
    // An editor is still no owner: API tokens and the audit log stay the owners'.
    expect((await carla.goto(`${webUrl}/settings/tokens`))?.status()).toBe(403);
    expect((await carla.goto(`${webUrl}/settings/audit`))?.status()).toBe(403);
    const minted = await postAs(carla, "/settings/tokens?/create", { name: "Mine", scope: "admin", expires: "30" });
    expect(minted).toMatchObject({ type: "failure", status: 403 });

    // The last owner cannot be demoted.
    const ownerRow = owner.getByTestId("member-row").filter({ hasText: login.email });
    await ownerRow.getByRole("combobox").selectOption("viewer");
    await ownerRow.getByRole("button", { name: /Save/ }).click();
    await owner.getByTestId("members-error").waitFor();
    expect(await owner.getByTestId("members-error").textContent()).toMatch(/at least one owner/);

    // Removed: her next request lands outside the workspace.
    await owner.reload();
    await owner
      .getByTestId("member-row")
      .filter({ hasText: "carla@example.com" })
      .getByRole("button", { name: /Remove/ })
      .click();
    await owner.getByTestId("members-done").waitFor();
    await carla.goto(`${webUrl}/journeys/${journeyId}`);
    expect(new URL(carla.url()).pathname).toBe("/workspaces/new");
    await carla.context().close();
  });
});
