/**
 * The API's OpenAPI 3.1 document, generated from the routes' own schemas, at `GET /api/openapi.json`, and the same
 * document as a page at `GET /api/docs`. Both are built once per isolate and base URL, and carry an ETag.
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { etag } from "hono/etag";
import type { AppContext } from "./context.ts";
import { docsPagePolicy, type OpenApiDocument, renderDocsPage } from "./docs-page.ts";
import { BEARER_SCHEME } from "./openapi.ts";
import { registerWebhookDocs } from "./webhook-docs.ts";

export const API_VERSION = "1.0.0";

/** One tag per resource, in the order the docs page shows them. */
const TAGS = [
  {
    name: "Sources",
    description:
      "Where feedback comes from: connect a provider, get its webhook URL, pause, rotate the secret, read the delivery log.",
  },
  { name: "Deliveries", description: "Replaying one webhook delivery." },
  { name: "Providers", description: "What can be connected." },
  {
    name: "Enrichment",
    description: "API credentials for providers whose webhooks carry only ids, and fetching the details.",
  },
  { name: "Imports", description: "CSV/JSONL backfills, sent in chunks of rows." },
  { name: "Feedback", description: "The normalized, redacted, analysed items." },
  { name: "Themes", description: "Recurring issues: rename, pin with keywords, merge, split, re-cluster." },
  { name: "Items", description: "Placing items on touchpoints by hand." },
  { name: "Touchpoint rules", description: "The rules that place new items on touchpoints." },
  {
    name: "Personal data",
    description:
      "A customer's right to erasure and to a copy of their data. Admin tokens only; every request is audited.",
  },
  {
    name: "Policy",
    description:
      "The human-moments policy: the touchpoints a lead marked “never automate” and what identifies them, and a check of one action against it.",
  },
  {
    name: "Alerts",
    description:
      "The alert inbox: spikes, friction over a threshold, new recurring issues, surges of repeat contacts, escalation cues, and negative feedback or automation at human moments. One alert per condition, with why it was flagged.",
  },
  { name: "Alert rules", description: "What raises alerts, how sensitive each rule is, and where its alerts go." },
  {
    name: "Destinations",
    description:
      "Where alerts go: the inbox, Slack, a signed webhook or email; each with its delivery log and a test you can send.",
  },
  {
    name: "Follow-ups",
    description: "Tasks for people at human moments, assigned to the moment's owner: Firebreak never automates there.",
  },
  {
    name: "Playbooks",
    description:
      "Proactive playbooks: when an alert opens or gets worse, send a signed webhook, a Slack message or a Zendesk ticket. Dry runs, an audit trail of runs, and never a customer-facing action at a human moment.",
  },
  {
    name: "Webhooks",
    description:
      "The endpoints providers send events to. Not for API clients: each delivery is checked against the source's signing secret.",
  },
];

const DESCRIPTION = [
  "Firebreak's public REST API: connect feedback sources, read the analysed feedback, and curate what analysis found.",
  "Authenticate with an API token of your workspace: `Authorization: Bearer <token>`. Every request acts on the token's workspace only. Times are ISO 8601 in feedback items and milliseconds since the epoch elsewhere.",
].join("\n\n");

/** The document for a Worker served at `baseUrl`. */
export function apiDocument(app: OpenAPIHono<AppContext>, baseUrl: string): OpenApiDocument {
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: "Firebreak API", version: API_VERSION, description: DESCRIPTION },
    servers: [{ url: baseUrl.replace(/\/$/, ""), description: "This deployment" }],
    tags: TAGS,
  });
}

/**
 * Adds the bearer scheme and the webhook endpoints to `app`'s document, and serves the document and its page. Call
 * it after every route is mounted: a route mounted later is missing from the document.
 */
export function withApiDocs<A extends OpenAPIHono<AppContext>>(app: A): A {
  app.openAPIRegistry.registerComponent("securitySchemes", BEARER_SCHEME, {
    type: "http",
    scheme: "bearer",
    description:
      "An API token of the workspace. Scopes: `read` lists and reads; `write` also changes (and reads); `admin` can do everything. Each operation names the scope it needs (`x-required-scope`).",
  });
  registerWebhookDocs(app.openAPIRegistry);

  let built: { baseUrl: string; json: string; html: string; policy: string } | undefined;
  const build = async (baseUrl: string) => {
    if (built?.baseUrl !== baseUrl) {
      const document = apiDocument(app, baseUrl);
      built = {
        baseUrl,
        json: JSON.stringify(document),
        html: renderDocsPage(document),
        policy: await docsPagePolicy(),
      };
    }
    return built;
  };

  app.use("/api/openapi.json", etag()).use("/api/docs", etag());
  app.get("/api/openapi.json", async (c) => {
    const { json } = await build(c.env.INGEST_URL);
    c.header("Cache-Control", "public, max-age=300");
    return c.body(json, 200, { "Content-Type": "application/json; charset=utf-8" });
  });
  app.get("/api/docs", async (c) => {
    const { html, policy } = await build(c.env.INGEST_URL);
    c.header("Cache-Control", "public, max-age=300");
    // The app's default policy (`default-src 'none'`) would block the page's stylesheet; this one admits it by hash.
    c.header("Content-Security-Policy", policy);
    return c.html(html);
  });
  return app;
}
