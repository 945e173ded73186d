/**
 * The ingest Worker's entry: checks the environment once, then serves webhooks and the REST API, consumes the
 * delivery queue, and runs the cron: the sweep, the enrichment job, the re-clustering of themes, segment days, item
 * retention and outbound delivery to alert destinations (only with a sound environment: it sends to the outside).
 * @module
 */

import { logEmailSender } from "@firebreak/core/email";
import type { replay } from "@firebreak/db";
import { runScheduledAlertsFor } from "./alerts.ts";
import { createApp } from "./app.ts";
import { runScheduledEnrichment } from "./enrichment.ts";
import { allowsLoopback, checkEnv } from "./env.ts";
import { errorBody } from "./errors.ts";
import { deliverDueOutbound } from "./outbound.ts";
import { handleDeliveryBatch, sweepStuckDeliveries } from "./queue.ts";
import { runScheduledRetention } from "./retention.ts";
import { runScheduledSegmentBuilds } from "./segment-builds.ts";
import { runScheduledRecluster } from "./themes.ts";

const app = createApp();

export default {
  fetch(request, env, ctx) {
    const problem = checkEnv(env);
    if (problem) {
      console.error(JSON.stringify({ level: "error", message: `bad environment: ${problem}` }));
      return Response.json(errorBody("bad_environment", "The service is misconfigured.", crypto.randomUUID()), {
        status: 500,
      });
    }
    return app.fetch(request, env, ctx);
  },
  queue: handleDeliveryBatch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(sweepStuckDeliveries(env));
    // Separately, so a slow provider API never holds up the sweep, and a failing one never stops it.
    ctx.waitUntil(runScheduledEnrichment(env, { fetch: (input, init) => fetch(input, init) }));
    ctx.waitUntil(runScheduledRecluster(env));
    ctx.waitUntil(runScheduledSegmentBuilds(env));
    ctx.waitUntil(runScheduledRetention(env));
    ctx.waitUntil(runScheduledAlertsFor(env, logEmailSender));
    if (!checkEnv(env))
      ctx.waitUntil(
        deliverDueOutbound(env, {
          fetch: (input, init) => fetch(input, init),
          email: logEmailSender,
          allowLoopback: allowsLoopback(env),
        }),
      );
  },
} satisfies ExportedHandler<Env, replay.DeliveryMessage>;
