/**
 * `GET /?journey=…` answers one journey map, the web app's query for the map page (90 days, hotspots, recurring
 * issues), as counts, so the bench times the query and not the transfer of its result.
 * @module
 */
import { createDb } from "@firebreak/db";
import { getJourneyMap, NO_FILTER } from "@firebreak/db/queries/map";

const DAY_MS = 86_400_000;

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const to = new Date().toISOString().slice(0, 10);
    const range = { from: new Date(Date.parse(to) - 89 * DAY_MS).toISOString().slice(0, 10), to };
    const map = await getJourneyMap(
      createDb(env.DB),
      url.searchParams.get("workspace") ?? "ws_demo",
      url.searchParams.get("journey") ?? "",
      range,
      NO_FILTER,
    );
    if (!map) return new Response("no such journey", { status: 404 });
    return Response.json({
      items: map.totals.counters.itemCount,
      touchpoints: map.stages.reduce((sum, stage) => sum + stage.touchpoints.length, 0),
      spikes: map.totals.spikeCount,
      topFriction: map.totals.topFriction?.score ?? null,
      issues: map.recurringIssues.issues.length,
    });
  },
} satisfies ExportedHandler<{ DB: D1Database }>;
