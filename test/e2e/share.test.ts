/**
 * Shared maps and review sessions end to end: an editor shares the demo journey, a signed-out browser opens it;
 * passwords, revocation, expiry, unknown links, the headers, embedding by allowed origins only, and a planted email
 * that never reaches the shared page. Then a review session: shared from its page once started, read signed out
 * with its agenda and decisions and no way into the app, a customer's email typed into its notes never shown,
 * revoked from the session page; its password and embed flows as the map's.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hydrated, sessionHeaders, useBrowserPage } from "./browser.ts";
import {
  closedSessionId,
  createSessionShareLink,
  createShareLink,
  deleteReviewSession,
  expireShareLink,
  revokeShareLink,
} from "./share-links.ts";
import { sendDemoFeedback } from "./webhooks.ts";

const webUrl = inject("webUrl");
const { journeyId } = inject("credentials");

const editor = useBrowserPage();
const visitor = useBrowserPage({ width: 1280, height: 900 }, { signedIn: false });

const SHARE_HEADERS = {
  "x-robots-tag": "noindex, nofollow",
  "referrer-policy": "no-referrer",
  "cache-control": "private, no-store",
};

/** Two tiny sites on loopback that frame a URL: one the link allows, one it does not. */
function framingSite(): Promise<{ server: Server; origin: string; frame: (src: string) => string }> {
  let src = "";
  const server = createServer((_, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><title>Intranet</title><iframe id="map" src="${src}" width="900" height="600"></iframe>`);
  });
  return new Promise((ready) =>
    server.listen(0, "127.0.0.1", () => {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      ready({
        server,
        origin,
        frame: (url) => {
          src = url;
          return `${origin}/`;
        },
      });
    }),
  );
}

let allowed: Awaited<ReturnType<typeof framingSite>>;
let refused: Awaited<ReturnType<typeof framingSite>>;

beforeAll(async () => {
  [allowed, refused] = await Promise.all([framingSite(), framingSite()]);
});

afterAll(() => {
  allowed?.server.close();
  refused?.server.close();
});

describe("sharing the journey map", () => {
  it("an editor makes a link on the map, and a signed-out browser sees the map read-only", async () => {
    const p = editor();
    await p.goto(`${webUrl}/journeys/${journeyId}`);
    await hydrated(p);
    await p.getByTestId("share-open").click();
    await p.getByTestId("share-label").fill("Board pack");
    await p.getByTestId("share-create").click();
    const url = (await p.getByTestId("share-url").locator("code").textContent()) ?? "";
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/share\/fbs_[A-Za-z0-9_-]{43}$/);

    const v = visitor();
    const response = await v.goto(url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()).toMatchObject(SHARE_HEADERS);
    expect(await v.locator('meta[name="robots"]').getAttribute("content")).toBe("noindex, nofollow");
    expect(await v.locator("h1").textContent()).toBe("Online purchase");
    expect(await v.getByTestId("touchpoint-card").count()).toBeGreaterThan(5);
    expect(await v.getByTestId("friction-score").count()).toBeGreaterThan(5);
    expect(await v.getByTestId("shared-why").count()).toBeGreaterThan(0);
    expect(await v.getByTestId("shared-verbatim").count()).toBeGreaterThan(0);
    // No app navigation and no way into the signed-in app: every link stays on the page.
    expect(await v.locator('nav[aria-label="Main"]').count()).toBe(0);
    // Read, not worked in: the page loads no script, and sends its data once, as HTML.
    expect(await v.locator("script").count()).toBe(0);
    const hrefs = await v.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.filter((href) => !href.startsWith("#"))).toEqual([]);
    // A card leads to its own reasons further down.
    const first = hrefs.find((href) => href.startsWith("#why-")) ?? "";
    expect(await v.locator(first).count()).toBe(1);

    // Opened by a signed-in member, it is the same page: nothing of their account is read into it.
    const asMember = await (await fetch(url, { headers: sessionHeaders({ accept: "text/html" }) })).text();
    expect(asMember).toContain("Online purchase");
    expect(asMember).not.toContain("demo@firebreak.test");

    // The map's list counts the views.
    await p.goto(`${webUrl}/journeys/${journeyId}`);
    const row = p.getByTestId("share-link-row").filter({ hasText: "Board pack" }).first();
    expect(await row.getByTestId("share-views").textContent()).toBe("2");
    expect(await row.getAttribute("data-status")).toBe("active");
  });

  it("never shows planted personal data of a verbatim, whether it came through a signed webhook or not", async () => {
    const marker = `share-${Date.now()}`;
    const email = `planted.${marker}@example.com`;
    const sent = await sendDemoFeedback({
      // Everything planted comes before the marker, so finding the marker proves the page showed it (redacted).
      comment:
        "Refund to DK50 0040 0440 1162 43, not the card 4111 1111 1111 1111; CPR 010190-1234. " +
        `The tracking page is broken, mail me at ${email} or call +45 20 12 34 56 (${marker}).`,
      customer: { email, id: `cust-${marker}` },
    });
    expect(sent).toBe(202);

    const { url } = await createShareLink();
    let html = "";
    for (let attempt = 0; attempt < 40 && !html.includes(marker); attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 500));
      html = await (await fetch(url, { headers: { accept: "text/html" } })).text();
    }
    expect(html).toContain(marker);
    expect(html).toContain("[email]");
    expect(html).not.toContain(email);
    expect(html).not.toContain(`cust-${marker}`);
    expect(html).not.toContain("20 12 34 56");
    for (const planted of ["DK50 0040 0440 1162 43", "4111 1111 1111 1111", "010190-1234"])
      expect(html).not.toContain(planted);
    for (const kind of ["[iban]", "[card]", "[cpr]"]) expect(html).toContain(kind);
    expect(html).not.toMatch(/itm_[0-9a-z]{20}|cus_[0-9a-z]{20}|dlv_[0-9a-z]{20}/);
  });

  it("asks for the password, refuses a wrong one, and shows the map for the right one", async () => {
    const { url } = await createShareLink({ password: "correct horse 42" });
    const v = visitor();
    const first = await v.goto(url);
    expect(first?.headers()).toMatchObject(SHARE_HEADERS);
    await v.getByTestId("share-password").waitFor();
    expect(await v.getByTestId("shared-journey").count()).toBe(0);
    // A plain form: the page loads no script.
    expect(await v.locator("script").count()).toBe(0);

    await v.getByTestId("share-password-input").fill("wrong password");
    await v.getByTestId("share-unlock").click();
    await v.getByTestId("share-password-error").waitFor();
    expect(await v.getByTestId("share-password-error").textContent()).toMatch(/not right/);

    await v.getByTestId("share-password-input").fill("correct horse 42");
    await v.getByTestId("share-unlock").click();
    await v.getByTestId("shared-journey").waitFor();
    expect(v.url()).toBe(url);
    // The unlock lasts in this browser: reloading shows the map again.
    await v.reload();
    expect(await v.getByTestId("shared-journey").count()).toBe(1);
  });

  it("answers 410 right after a revoke and after expiry, 404 for unknown links, page or JSON", async () => {
    const revoked = await createShareLink();
    expect((await fetch(revoked.url, { headers: { accept: "text/html" } })).status).toBe(200);
    await revokeShareLink(revoked.id);
    const v = visitor();
    const gone = await v.goto(revoked.url);
    expect(gone?.status()).toBe(410);
    expect(gone?.headers()).toMatchObject(SHARE_HEADERS);
    expect(await v.getByTestId("share-error-message").textContent()).toMatch(/revoked/);
    expect(await v.locator("h1").textContent()).toMatch(/no longer works/);
    expect(await v.locator('nav[aria-label="Main"]').count()).toBe(0);
    const json = await fetch(revoked.url, { headers: { accept: "application/json" } });
    expect(json.status).toBe(410);
    expect(json.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(await json.json()).toMatchObject({ error: { code: "gone", requestId: expect.any(String) } });

    const expired = await createShareLink();
    await expireShareLink(expired.id);
    const old = await v.goto(expired.url);
    expect(old?.status()).toBe(410);
    expect(await v.getByTestId("share-error-message").textContent()).toMatch(/expired/);

    for (const unknown of [`fbs_${"A".repeat(43)}`, "not-a-token"]) {
      const missing = await v.goto(`${webUrl}/share/${unknown}`);
      expect(missing?.status()).toBe(404);
      expect(missing?.headers()).toMatchObject(SHARE_HEADERS);
      expect(await v.getByTestId("share-error-message").textContent()).toMatch(/Nothing is shared/);
      const asJson = await fetch(`${webUrl}/share/${unknown}`, { headers: { accept: "application/json" } });
      expect(asJson.status).toBe(404);
      expect(await asJson.json()).toMatchObject({ error: { code: "not_found" } });
    }
  });

  it("lets only the link's own origins frame its embed view; every other page keeps denying frames", async () => {
    const embeddable = await createShareLink({ origins: allowed.origin });
    const embedUrl = `${embeddable.url}?embed=1`;

    const headers = (await fetch(embedUrl, { headers: { accept: "text/html" } })).headers;
    expect(headers.get("content-security-policy")).toContain(`frame-ancestors ${allowed.origin}`);
    expect(headers.get("x-frame-options")).toBeNull();
    const plain = (await fetch(embeddable.url, { headers: { accept: "text/html" } })).headers;
    expect(plain.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(plain.get("x-frame-options")).toBe("DENY");
    const notEmbeddable = await createShareLink();
    const refusedHeaders = (await fetch(`${notEmbeddable.url}?embed=1`, { headers: { accept: "text/html" } })).headers;
    expect(refusedHeaders.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(refusedHeaders.get("x-frame-options")).toBe("DENY");
    const app = (await fetch(`${webUrl}/journeys/${journeyId}?embed=1`, { headers: sessionHeaders() })).headers;
    expect(app.get("content-security-policy")).toContain("frame-ancestors 'none'");

    const v = visitor();
    await v.goto(allowed.frame(embedUrl));
    const framed = v.frameLocator("#map");
    await framed.getByTestId("shared-journey").waitFor();
    expect(await framed.getByTestId("touchpoint-card").count()).toBeGreaterThan(5);

    const blocked: string[] = [];
    v.on("console", (message) => {
      if (/frame-ancestors/.test(message.text())) blocked.push(message.text());
    });
    await v.goto(refused.frame(embedUrl));
    await v.waitForTimeout(1500);
    expect(await v.frameLocator("#map").getByTestId("shared-journey").count()).toBe(0);
    expect(blocked.join("\n")).toMatch(/frame-ancestors/);
  });
});

describe("sharing a review session", () => {
  const marker = `session-${Date.now()}`;
  const email = `planted.${marker}@example.com`;
  let sessionId = "";
  let shareUrl = "";

  afterAll(async () => {
    // The review suite expects the demo's seeded session to be the last one started.
    if (sessionId) await deleteReviewSession(sessionId);
  });

  /** Every link on a page that leads anywhere but down the page itself. */
  const outwardLinks = (page: ReturnType<typeof visitor>) =>
    page
      .locator("a[href]")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? "").filter((href) => !href.startsWith("#")));

  it("an editor shares a session from its page once it has started, and a signed-out browser reads it", async () => {
    const p = editor();
    await p.goto(`${webUrl}/reviews`);
    await hydrated(p);
    await p.getByLabel("Title (optional)").fill(`Shared review ${marker}`);
    await p.getByRole("button", { name: "Create session" }).click();
    await p.waitForURL(/\/reviews\/rvw_/);
    sessionId = new URL(p.url()).pathname.split("/").at(-1) as string;
    await hydrated(p);
    // A draft's figures move until the meeting freezes them: nothing to share yet.
    expect(await p.getByTestId("share-open").count()).toBe(0);

    await p.getByTestId("start-session").click();
    await p.getByTestId("review-done").waitFor();
    const item = p.locator('[data-testid="agenda-item"][data-kind="theme"]').first();
    // During the meeting someone types a customer's details into the notes.
    await item.getByLabel("Notes").fill(`${email} rang twice about it, +45 20 12 34 56.`);
    await item.getByLabel("Decision").fill(`Rewrite the tracking emails (${marker}).`);
    await item.getByRole("button", { name: /Save notes/ }).click();
    await p.getByTestId("review-done").filter({ hasText: "Notes saved" }).waitFor();
    await item.getByText("Add an action item").click();
    await item.getByLabel("What needs doing").fill(`Call back ${email}`);
    await item.getByRole("button", { name: "Add", exact: true }).click();
    await p.getByTestId("review-done").filter({ hasText: "Action item added" }).waitFor();

    await p.getByTestId("share-open").click();
    await p.getByTestId("share-label").fill("Leadership");
    await p.getByTestId("share-create").click();
    shareUrl = (await p.getByTestId("share-url").locator("code").textContent()) ?? "";
    expect(shareUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/share\/fbs_[A-Za-z0-9_-]{43}$/);

    const v = visitor();
    const response = await v.goto(shareUrl);
    expect(response?.status()).toBe(200);
    expect(response?.headers()).toMatchObject(SHARE_HEADERS);
    expect(await v.locator("h1").textContent()).toBe(`Shared review ${marker}`);
    expect(await v.getByTestId("shared-session").count()).toBe(1);
    expect(await v.getByTestId("agenda-item").count()).toBeGreaterThan(5);
    expect(await v.getByTestId("contribution").count()).toBeGreaterThan(5);
    expect(await v.getByTestId("decision").allTextContents()).toContain(`Rewrite the tracking emails (${marker}).`);
    expect(await v.getByTestId("notes").allTextContents()).toContain("[email] rang twice about it, [phone].");
    expect(await v.getByTestId("action-item").allTextContents()).toContainEqual(
      expect.stringContaining("Call back [email]"),
    );
    // No app navigation and no way into the signed-in app (touchpoints and issues are named, not linked).
    expect(await v.locator('nav[aria-label="Main"]').count()).toBe(0);
    expect(await outwardLinks(v)).toEqual([]);
    expect(await v.locator("form").count()).toBe(0);

    const html = await (await fetch(shareUrl, { headers: { accept: "text/html" } })).text();
    expect(html).toContain(marker);
    expect(html).not.toContain(email);
    expect(html).not.toContain("20 12 34 56");
    expect(html).not.toContain(sessionId);
    expect(html).not.toContain("demo@firebreak.test");
    expect(html).not.toMatch(/itm_[0-9a-z]{20}|cus_[0-9a-z]{20}/);
  });

  it("lists the session's links with their views on its page, and a revoke there answers 410 at once", async () => {
    const p = editor();
    await p.goto(`${webUrl}/reviews/${sessionId}`);
    await hydrated(p);
    const row = p.getByTestId("share-link-row").filter({ hasText: "Leadership" });
    expect(await row.getByTestId("share-views").textContent()).toBe("2");
    expect(await row.getAttribute("data-status")).toBe("active");
    await row.getByText("Revoke", { exact: true }).click();
    await row.getByTestId("confirm-revoke-share").click();
    await p.getByTestId("share-revoked").waitFor();
    expect(await p.getByTestId("share-link-row").filter({ hasText: "Leadership" }).getAttribute("data-status")).toBe(
      "revoked",
    );

    const gone = await visitor().goto(shareUrl);
    expect(gone?.status()).toBe(410);
    expect(gone?.headers()).toMatchObject(SHARE_HEADERS);

    // Settings › Sharing lists it too, named by the session it showed.
    await p.goto(`${webUrl}/settings/sharing`);
    const listed = p.getByTestId("share-link-row").filter({ hasText: "Leadership" });
    expect(await listed.textContent()).toContain(`Shared review ${marker}`);
    expect(await listed.locator(`a[href="/reviews/${sessionId}"]`).count()).toBe(1);
  });

  it("asks for a session link's password and frames its embed view only for the listed origin", async () => {
    const closed = await closedSessionId();
    const { url } = await createSessionShareLink(closed, { password: "review horse 42", origins: allowed.origin });
    const v = visitor();
    await v.goto(url);
    await v.getByTestId("share-password").waitFor();
    expect(await v.locator("h1").textContent()).toContain("review session is protected");
    expect(await v.getByTestId("shared-session").count()).toBe(0);
    await v.getByTestId("share-password-input").fill("review horse 42");
    await v.getByTestId("share-unlock").click();
    await v.getByTestId("shared-session").waitFor();
    expect(await v.getByTestId("decision").count()).toBeGreaterThan(0);

    const open = await createSessionShareLink(closed, { origins: allowed.origin });
    const embedUrl = `${open.url}?embed=1`;
    const headers = (await fetch(embedUrl, { headers: { accept: "text/html" } })).headers;
    expect(headers.get("content-security-policy")).toContain(`frame-ancestors ${allowed.origin}`);
    expect(headers.get("x-frame-options")).toBeNull();
    await v.goto(allowed.frame(embedUrl));
    const framed = v.frameLocator("#map");
    await framed.getByTestId("shared-session").waitFor();
    expect(await framed.getByTestId("agenda-item").count()).toBeGreaterThan(0);
    const plain = (await fetch(open.url, { headers: { accept: "text/html" } })).headers;
    expect(plain.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});
