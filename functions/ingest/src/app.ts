/** @module The ingest Worker's Hono app: request ids, D1, the one error shape, the routes and their OpenAPI document. */
import { createDb } from "@firebreak/db";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { withApiDocs } from "./api-docs.ts";
import type { AppOptions } from "./context.ts";
import { errorResponse, handleError } from "./errors.ts";
import { fetchingJwks } from "./jwks.ts";
import { apiRouter } from "./openapi.ts";
import { alertRoutes, alertRuleRoutes, followUpRoutes } from "./routes/alerts.ts";
import { customerRoutes } from "./routes/customers.ts";
import { destinationRoutes } from "./routes/destinations.ts";
import { enrichmentRoutes } from "./routes/enrichment.ts";
import { feedbackRoutes } from "./routes/feedback.ts";
import { importRoutes, sourceImportRoutes } from "./routes/imports.ts";
import { playbookRoutes } from "./routes/playbooks.ts";
import { policyRoutes } from "./routes/policy.ts";
import { deliveryRoutes, providerRoutes, sourceRoutes } from "./routes/sources.ts";
import { itemRoutes, ruleRoutes, themeRoutes } from "./routes/themes.ts";
import { webhookRoutes } from "./routes/webhooks.ts";

export function createApp(options: AppOptions = { now: Date.now, jwks: fetchingJwks() }) {
  const app = apiRouter();
  app
    .use(requestId())
    // `overwrite: false`: a response that sets its own policy keeps it (the docs page admits its stylesheet).
    .use(
      secureHeaders({
        contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
        overwrite: false,
      }),
    )
    .use(async (c, next) => {
      c.set("db", createDb(c.env.DB));
      c.set("options", options);
      await next();
    })
    .get("/health", (c) => c.json({ ok: true }))
    .route("/webhooks", webhookRoutes)
    .route("/api/v1/sources", sourceRoutes)
    .route("/api/v1/sources", sourceImportRoutes)
    .route("/api/v1/sources", enrichmentRoutes)
    .route("/api/v1/imports", importRoutes)
    .route("/api/v1/deliveries", deliveryRoutes)
    .route("/api/v1/providers", providerRoutes)
    .route("/api/v1/feedback", feedbackRoutes)
    .route("/api/v1/themes", themeRoutes)
    .route("/api/v1/alerts", alertRoutes)
    .route("/api/v1/alert-rules", alertRuleRoutes)
    .route("/api/v1/follow-ups", followUpRoutes)
    .route("/api/v1/destinations", destinationRoutes)
    .route("/api/v1/items", itemRoutes)
    .route("/api/v1/touchpoint-rules", ruleRoutes)
    .route("/api/v1/customers", customerRoutes)
    .route("/api/v1/policy", policyRoutes)
    .route("/api/v1/playbooks", playbookRoutes);
  // After every route: the document is built from what is mounted.
  withApiDocs(app)
    .notFound((c) => errorResponse(c, "not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`))
    .onError(handleError);
  return app;
}

export type App = ReturnType<typeof createApp>;
