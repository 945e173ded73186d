import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { SECURITY_HEADERS } from "../../apps/web/src/lib/server/security-headers.ts";
import { hydrated, seriousViolations, sessionHeaders, useBrowserPage } from "./browser.ts";
import { closedSessionId, createSessionShareLink, createShareLink, revokeShareLink } from "./share-links.ts";

const webUrl = inject("webUrl");
const ingestUrl = inject("ingestUrl");
const { journeyId } = inject("credentials");

const page = useBrowserPage();

/** Ids of the demo's records, found from the pages themselves; a future state is made with the editor's form. */
const ids = {
  journey: journeyId,
  future: "",
  touchpoint: "",
  source: "",
  invitation: "",
  review: "",
  /** A started session with a share link: its page shows the Share control and its links. */
  sharedReview: "",
  share: "",
  shareSession: "",
  sharePassword: "",
  shareRevoked: "",
  alert: "",
};

/** Every page of the web app; `{name}` is replaced with an id from `ids`. */
const PAGES = [
  "/",
  "/journeys",
  "/journeys/{journey}",
  "/journeys/{journey}/edit",
  "/journeys/{future}",
  "/journeys/{future}/edit",
  "/journeys/{future}/compare",
  "/touchpoints/{touchpoint}",
  "/themes",
  "/themes/explore",
  "/inbox",
  "/segments",
  "/human-moments",
  "/playbooks",
  "/playbooks/pbk_demo_delay_notice",
  "/reviews",
  "/reviews/actions",
  "/reviews/{review}",
  "/reviews/{sharedReview}",
  "/sources",
  "/sources/new",
  "/sources/{source}",
  "/sources/{source}/import",
  "/journeys/jr_does_not_exist",
  "/settings",
  "/settings/tokens",
  "/settings/sharing",
  "/settings/audit",
  "/settings/members",
  "/settings/privacy",
  "/settings/destinations",
  "/human-moments/policy",
  "/workspaces",
  "/workspaces/new",
  "/alerts",
  "/alerts?status=resolved",
  "/alerts/{alert}",
  "/alerts/alt_does_not_exist",
  "/alerts/rules",
  "/follow-ups",
  "/follow-ups?status=done",
];

/** Pages for signed-out visitors, scanned without a session. */
const PUBLIC_PAGES = ["/login", "/signup", "/invite/{invitation}", "/invite/not-a-real-invitation"];

/** Shared pages, opened signed out: a map and a review session (each also embedded), one behind a password, a revoked one (410), an unknown one (404). */
const SHARE_PAGES = [
  "/share/{share}",
  "/share/{share}?embed=1",
  "/share/{shareSession}",
  "/share/{shareSession}?embed=1",
  "/share/{sharePassword}",
  "/share/{shareRevoked}",
  "/share/not-a-link",
];

const url = (path: string) =>
  webUrl + path.replace(/\{(\w+)\}/g, (_, name: keyof typeof ids) => encodeURIComponent(ids[name]));

/** How far the page scrolls sideways beyond the viewport (0 when it fits). */
const sidewaysOverflow = (target: Page) =>
  target.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

beforeAll(async () => {
  const p = page();
  await p.goto(`${webUrl}/journeys/${journeyId}`);
  ids.touchpoint = decodeURIComponent(
    ((await p.locator('[data-testid="touchpoint-card"] a').first().getAttribute("href")) ?? "")
      .replace(/^\/touchpoints\//, "")
      .replace(/\?.*$/, ""),
  );
  await p.goto(`${webUrl}/reviews`);
  ids.review = decodeURIComponent(
    ((await p.locator('[data-testid="review-row"] a').first().getAttribute("href")) ?? "").replace(/^\/reviews\//, ""),
  );
  await p.goto(`${webUrl}/sources`);
  const sources = await p
    .locator('main a[href^="/sources/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  ids.source = decodeURIComponent(sources.find((h) => /^\/sources\/(?!new$)[^/?]+$/.test(h))?.slice(9) ?? "");
  await p.goto(`${webUrl}/alerts`);
  ids.alert = decodeURIComponent(
    ((await p.getByTestId("alert-title").first().getAttribute("href")) ?? "").replace(/^\/alerts\//, ""),
  );

  // A future state of the demo journey: reuse one a retry made, else duplicate the journey.
  await p.goto(`${webUrl}/journeys/${journeyId}/edit`);
  const existing = p.locator('a[href$="/edit"]', { has: p.locator("text=future state") });
  if ((await existing.count()) === 0) {
    await p.getByRole("button", { name: "Duplicate as future state" }).click();
    await p.waitForURL(/duplicated=1/);
  } else await existing.first().click();
  ids.future = decodeURIComponent(/\/journeys\/([^/]+)\/edit/.exec(p.url())?.[1] ?? "");
  expect(ids.future).not.toBe(journeyId);

  // An invitation, for the invitee's page.
  await p.goto(`${webUrl}/settings/members`);
  await p.getByLabel("Email").fill("axe-invitee@example.com");
  await p.getByRole("button", { name: "Send invitation" }).click();
  const link = await p.getByTestId("invite-link").locator("input").inputValue();
  ids.invitation = link.replace(/^.*\/invite\//, "");
  expect(ids.touchpoint && ids.source && ids.invitation && ids.alert).toBeTruthy();

  ids.share = (await createShareLink({ label: "axe" })).token;
  ids.sharePassword = (await createShareLink({ label: "axe, password", password: "axe-password-1" })).token;
  const revoked = await createShareLink({ label: "axe, revoked" });
  await revokeShareLink(revoked.id);
  ids.shareRevoked = revoked.token;
  ids.sharedReview = await closedSessionId();
  ids.shareSession = (await createSessionShareLink(ids.sharedReview, { label: "axe, session" })).token;
});

const signedOut = useBrowserPage({ width: 1440, height: 900 }, { signedIn: false });

describe.each(["light", "dark"] as const)("axe-core in the %s colour scheme", (colorScheme) => {
  it.each(PAGES)("%s has no serious or critical violations", async (path) => {
    await page().emulateMedia({ colorScheme });
    await page().setViewportSize({ width: 1440, height: 900 });
    await page().goto(url(path));
    expect(await seriousViolations(page())).toEqual([]);
  });

  it.each([...PUBLIC_PAGES, ...SHARE_PAGES])("%s (signed out) has no serious or critical violations", async (path) => {
    await signedOut().emulateMedia({ colorScheme });
    await signedOut().goto(url(path));
    expect(new URL(signedOut().url()).pathname + new URL(signedOut().url()).search).toBe(
      url(path).slice(webUrl.length),
    );
    expect(await seriousViolations(signedOut())).toEqual([]);
  });
});

describe("security headers", () => {
  const pages = [
    ...PAGES.map((path) => [path, true] as const),
    ...[...PUBLIC_PAGES, ...SHARE_PAGES].map((path) => [path, false] as const),
  ];
  /** Shared maps add their own: not indexed, no referrer (the token is in the address), never cached. */
  const SHARE_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "private, no-store",
  };
  it.each(pages)("%s (signed in: %s) is served with the CSP and the security headers", async (path, signedIn) => {
    // As a browser asks: a share link asked for as data answers JSON, without a page's policy.
    const accept = { accept: "text/html" };
    const response = await fetch(url(path), {
      redirect: "manual",
      headers: signedIn ? sessionHeaders(accept) : accept,
    });
    const headers = Object.fromEntries(response.headers);
    const expected = path.startsWith("/share/") ? { ...SECURITY_HEADERS, ...SHARE_HEADERS } : SECURITY_HEADERS;
    expect(headers).toMatchObject(Object.fromEntries(Object.entries(expected).map(([k, v]) => [k.toLowerCase(), v])));
    // A redirect ("/" → the first journey) carries no page, so SvelteKit sends it no policy; its target is checked.
    if (response.status >= 300 && response.status < 400) return;
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toMatch(/frame-ancestors 'none'/);
    // Scripts from the app alone: its modules, and inline only with the page's nonce (a shared link's page loads none).
    expect(csp).toMatch(/script-src 'self'( 'nonce-[^']+')?(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    // The page's modules load once its content is parsed, not announced ahead of it (hooks.server.ts).
    expect(headers.link ?? "").not.toMatch(/modulepreload|\.js>/);
  });
});

describe("the API reference (the ingest Worker's /api/docs)", () => {
  it.each(["light", "dark"] as const)("has no serious or critical violations (%s)", async (colorScheme) => {
    await page().emulateMedia({ colorScheme });
    await page().setViewportSize({ width: 1440, height: 900 });
    const response = await page().goto(`${ingestUrl}/api/docs`);
    expect(response?.status()).toBe(200);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it("fits a phone (tables scroll inside themselves) and is styled under its own strict CSP", async () => {
    await page().emulateMedia({ colorScheme: "light" });
    await page().setViewportSize({ width: 390, height: 844 });
    const blocked: string[] = [];
    const onConsole = (message: { text(): string }) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    };
    page().on("console", onConsole);
    const response = await page().goto(`${ingestUrl}/api/docs`);
    page().off("console", onConsole);
    const csp = response?.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    // The stylesheet applied (the body has its font), so the policy's hash admitted it.
    expect(
      await page()
        .locator("body")
        .evaluate((el) => getComputedStyle(el).fontFamily),
    ).toMatch(/system-ui/);
    expect(await sidewaysOverflow(page())).toBe(0);
    expect(await seriousViolations(page())).toEqual([]);
    expect(blocked).toEqual([]);
  });
});

describe("a phone-sized screen (390 px)", () => {
  it.each(["/journeys/{journey}", "/touchpoints/{touchpoint}", "/sources", "/settings/tokens", "/settings/audit"])(
    "%s fits the width (only the map scrolls sideways, inside itself) and stays accessible",
    async (path) => {
      await page().emulateMedia({ colorScheme: "light" });
      await page().setViewportSize({ width: 390, height: 844 });
      await page().goto(url(path));
      expect(await sidewaysOverflow(page())).toBe(0);
      expect(await seriousViolations(page())).toEqual([]);
    },
  );
});

describe("error pages", () => {
  it.each(["/journeys/jr_does_not_exist", "/touchpoints/tp_does_not_exist", "/sources/src_does_not_exist"])(
    "%s is a 404 that says what is missing and where to go next",
    async (path) => {
      await page().setViewportSize({ width: 390, height: 844 });
      const response = await page().goto(webUrl + path);
      expect(response?.status()).toBe(404);
      expect(await page().locator("h1").textContent()).toBe("We couldn't find that page");
      expect(await page().getByTestId("error-message").textContent()).toMatch(/does not exist in your workspace/);
      expect(await page().getByRole("link", { name: "Go to journeys" }).getAttribute("href")).toBe("/journeys");
      expect(await page().getByRole("link", { name: "Go to sources" }).getAttribute("href")).toBe("/sources");
      expect(await sidewaysOverflow(page())).toBe(0);
    },
  );
});

/** The open panel's box against the window: it must lie wholly inside (never cut off by the board or the edge). */
const insideWindow = (target: Page, panel: string) =>
  target.locator(panel).evaluate((el) => {
    const box = el.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    return box.left >= 0 && box.top >= 0 && box.right <= width && box.bottom <= window.innerHeight;
  });

/** Opens the ⋯ menu of the last card in the first stage (in a narrow column, near the board's clipping edge). */
async function openCardMenu(target: Page) {
  await target.goto(url("/journeys/{journey}/edit"));
  await hydrated(target);
  const card = target
    .locator('[data-testid="editor-stage"]')
    .first()
    .locator('[data-testid="editor-touchpoint"]')
    .last();
  await card.locator("summary[aria-label^='Move or delete']").click();
  await card.locator("details[open] .panel-pop").waitFor();
  return card;
}

describe("open menus and error states", () => {
  it.each(["light", "dark"] as const)("the editor with a card's ⋯ menu open (%s)", async (colorScheme) => {
    await page().emulateMedia({ colorScheme });
    await page().setViewportSize({ width: 1280, height: 800 });
    await openCardMenu(page());
    expect(await insideWindow(page(), "details[open] .panel-pop")).toBe(true);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it("a ⋯ menu on a phone (390 px) stays inside the screen and accessible", async () => {
    await page().emulateMedia({ colorScheme: "light" });
    await page().setViewportSize({ width: 390, height: 844 });
    const card = await openCardMenu(page());
    expect(await insideWindow(page(), "details[open] .panel-pop")).toBe(true);
    expect(await seriousViolations(page())).toEqual([]);
    await page().keyboard.press("Escape");
    // The stage's menu at the right edge of its column, and the journey's own at the right edge of the header.
    await page()
      .locator('[data-testid="editor-stage"]')
      .first()
      .locator("summary[aria-label^='Move or delete stage']")
      .click();
    expect(await insideWindow(page(), "details[open] .panel-pop")).toBe(true);
    await page().keyboard.press("Escape");
    await page().locator("summary[aria-label^='More actions for']").click();
    expect(await insideWindow(page(), "details[open] .panel-pop")).toBe(true);
    expect(await card.count()).toBe(1);
  });

  it("the map with its filter menu open", async () => {
    await page().emulateMedia({ colorScheme: "light" });
    await page().setViewportSize({ width: 390, height: 844 });
    await page().goto(url("/journeys/{journey}"));
    await hydrated(page());
    await page().locator("details.multi summary").last().click();
    await page().locator("details.multi[open] .menu").waitFor();
    expect(await insideWindow(page(), "details.multi[open] .menu")).toBe(true);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it("the journey name form showing its field error", async () => {
    await page().emulateMedia({ colorScheme: "dark" });
    await page().setViewportSize({ width: 1280, height: 800 });
    await page().goto(url("/journeys/{future}/edit"));
    await hydrated(page());
    await page().locator("summary", { hasText: "Rename" }).click();
    await page().getByLabel("Journey name").fill("   ");
    await page().getByRole("button", { name: "Save", exact: true }).click();
    await page().getByTestId("name-error").waitFor();
    expect(await page().getByTestId("name-error").textContent()).toBe("Give the journey a name.");
    expect(await page().getByLabel("Journey name").getAttribute("aria-invalid")).toBe("true");
    expect(await seriousViolations(page())).toEqual([]);
  });

  it("the human-moment form showing a too-short reason", async () => {
    await page().emulateMedia({ colorScheme: "light" });
    await page().setViewportSize({ width: 1280, height: 800 });
    await page().goto(url("/touchpoints/{touchpoint}"));
    await hydrated(page());
    const panel = page().getByTestId("human-moment");
    const opener = panel.locator("summary", { hasText: /Mark as human moment|Edit reason or owner/ });
    if ((await opener.count()) > 0) await opener.first().click();
    const form = panel.getByTestId("human-moment-form").first();
    await form.getByLabel("Why must a person handle this?").fill("Too short");
    await form.getByLabel("Owner").fill("Care team");
    await form.locator('button[type="submit"]').first().click();
    await panel.getByTestId("reason-error").waitFor();
    expect(await seriousViolations(page())).toEqual([]);
  });
});

/** The focused element, where it sits on the map, and whether it shows a focus ring (a card's ring is the card's). */
const focused = (target: Page) =>
  target.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const card = el.closest<HTMLElement>('[data-testid="touchpoint-card"]');
    const style = getComputedStyle(card ?? el);
    return {
      name: `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40)}"`,
      id: el.id,
      where: card
        ? "card"
        : el.closest(".filter-bar")
          ? "filters"
          : el.closest('[data-testid="recurring-issues"]')
            ? "issues"
            : "",
      ring: style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) >= 2,
    };
  });

describe("the map by keyboard alone", () => {
  it("skips to the content, then tabs through filters, touchpoint cards and recurring issues with a visible ring", async () => {
    await page().emulateMedia({ colorScheme: "light" });
    await page().setViewportSize({ width: 1440, height: 900 });
    await page().goto(url("/journeys/{journey}"));
    await hydrated(page());

    await page().keyboard.press("Tab");
    expect(await focused(page())).toMatchObject({ name: 'a "Skip to content"', ring: true });
    await page().keyboard.press("Enter");
    expect((await focused(page())).id).toBe("main");

    const order: string[] = [];
    const withoutRing: string[] = [];
    for (let stop = 0; stop < 200 && !order.includes("issues"); stop++) {
      await page().keyboard.press("Tab");
      const now = await focused(page());
      if (!now.ring) withoutRing.push(now.name);
      if (now.where && order.at(-1) !== now.where) order.push(now.where);
    }
    expect(order).toEqual(["filters", "card", "issues"]);
    expect(withoutRing).toEqual([]);
  });
});

describe("loading states", () => {
  it("shows the progress bar and the map's skeleton while a slow journey map loads, still with reduced motion", async () => {
    await page().setViewportSize({ width: 1440, height: 900 });
    await page().emulateMedia({ colorScheme: "dark", reducedMotion: "reduce" });
    await page().goto(`${webUrl}/journeys`);
    await hydrated(page());
    // Slow the map's data down so the loading state is visible for a while.
    await page().route("**/journeys/*/__data.json*", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    try {
      await page().locator(`main a[href="/journeys/${journeyId}"]`).first().click();
      await page().getByTestId("map-skeleton").waitFor();
      expect(await page().getByTestId("navigation-progress").isVisible()).toBe(true);
      expect(await page().locator('[data-testid="map-skeleton"] .card').count()).toBeGreaterThan(10);
      const animation = await page()
        .locator('[data-testid="navigation-progress"] .bar')
        .evaluate((bar) => getComputedStyle(bar).animationName);
      expect(animation).toBe("none");
      await page().locator('[data-testid="touchpoint-card"]').first().waitFor();
      expect(await page().getByTestId("map-skeleton").count()).toBe(0);
      expect(await page().getByTestId("navigation-progress").count()).toBe(0);
    } finally {
      await page().unrouteAll();
      await page().emulateMedia({ reducedMotion: "no-preference" });
    }
  });
});
