import { ZSourceName } from "@firebreak/core/providers/connect";
import { getProvider } from "@firebreak/core/providers/index";
import { isTestEventId } from "@firebreak/core/providers/test-event";
import { replayDelivery, replaySource } from "@firebreak/db/pipelines/replay";
import { change, rotateSecret } from "@firebreak/db/pipelines/sources";
import * as deliveries from "@firebreak/db/queries/deliveries";
import * as feedback from "@firebreak/db/queries/feedback";
import * as placement from "@firebreak/db/queries/placement";
import { DELIVERY_STATUSES } from "@firebreak/db/schema";
import { error, redirect } from "@sveltejs/kit";
import { z } from "zod";
import { providerChoices, providerFields } from "$lib/server/connect";
import { dbFrom } from "$lib/server/db";
import { formAction, refuse } from "$lib/server/form-action";
import { findSource } from "$lib/server/sources";
import { sendTestEvent, type TestEventResult } from "$lib/server/test-event";
import { currentWorkspace } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

const PAGE_SIZE = 50;
const SUMMARY_DAYS = 7;

type Status = (typeof DELIVERY_STATUSES)[number];
const isStatus = (value: string | null): value is Status => DELIVERY_STATUSES.includes(value as Status);

/** A source's delivery log: every receipt, accepted or not, newest first, with a week's summary by status. */
export const load: PageServerLoad = async ({ params, platform, url }) => {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const source = await findSource(db, workspace.id, params.id, platform?.env.INGEST_URL ?? "");
  if (!source) error(404, { message: "This source does not exist in your workspace." });

  const statusParam = url.searchParams.get("status");
  const status = isStatus(statusParam) ? statusParam : undefined;
  const before = Number(url.searchParams.get("before")) || undefined;
  const [rows, counts, tests, touchpoints] = await Promise.all([
    deliveries.listForSource(db, workspace.id, source.id, { status, before, limit: PAGE_SIZE + 1 }),
    deliveries.countByStatus(db, workspace.id, source.id, Date.now() - SUMMARY_DAYS * 86_400_000),
    feedback.latestTests(db, workspace.id, source.id),
    placement.touchpointChoices(db, workspace.id),
  ]);
  const page = rows.slice(0, PAGE_SIZE);
  return {
    workspace,
    source,
    setup: source.hasWebhook ? (getProvider(source.provider)?.setup(source.webhookUrl) ?? null) : null,
    /** What the settings form edits: the provider's own settings and, for generic JSON, the mapping. */
    editable: providerChoices().find((choice) => choice.id === source.provider) ?? null,
    touchpoints,
    tests,
    status: status ?? null,
    statuses: DELIVERY_STATUSES,
    summaryDays: SUMMARY_DAYS,
    counts,
    deliveries: page.map((d) => ({
      id: d.id,
      status: d.status,
      reason: d.reason,
      httpStatus: d.httpStatus,
      receivedAt: d.receivedAt,
      ackMs: d.ackMs,
      processMs: d.processMs,
      attempts: d.attempts,
      itemCount: d.itemCount,
      eventId: d.providerEventId,
      duplicateOf: d.duplicateOf,
      test: isTestEventId(d.providerEventId),
    })),
    // Older rows continue strictly before the last shown receipt time.
    olderThan: rows.length > PAGE_SIZE ? (page.at(-1)?.receivedAt ?? null) : null,
  };
};

const ZNothing = z.object({});
const ZRotate = z.object({
  secret: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().trim().min(8, "The signing secret is at least 8 characters.").max(500).optional(),
  ),
});
const ZReplay = z.object({ deliveryId: z.string().min(1).max(64) });
/** The settings form; the provider's `setting.<name>` fields and the mapping are read by `providerFields`. */
const ZSettingsForm = z.looseObject({
  name: ZSourceName,
  defaultTouchpointId: z.preprocess((value) => (value === "" ? null : value), z.string().max(64).nullable()),
});

const GONE = "This source no longer exists.";

/** A rotated secret, shown this once (never for a pasted one: that is already the user's). */
interface Rotated {
  done: string;
  rotated: { secret: string | null };
}

/** Pausing refuses deliveries with 423 at once (the version bump reaches every cached copy); resuming accepts them. */
const setStatus = (status: "active" | "paused") =>
  formAction(ZNothing, async (db, workspaceId, _input, by, { params }) => {
    const updated = await change(db, workspaceId, params.id ?? "", { status }, by);
    if (!updated.ok) return refuse(404, GONE);
    return status === "paused"
      ? "Paused: deliveries are refused with HTTP 423 until you resume."
      : "Resumed: deliveries are accepted again.";
  });

export const actions = {
  pause: setStatus("paused"),
  resume: setStatus("active"),
  rotate: formAction<z.infer<typeof ZRotate>, Rotated>(
    ZRotate,
    async (db, workspaceId, { secret }, by, { params, platform }) => {
      const secretsKey = platform?.env.SECRETS_KEY;
      if (!secretsKey) return refuse(503, "Secrets cannot be rotated: the web app has no SECRETS_KEY.");
      const source = await findSource(db, workspaceId, params.id ?? "", "");
      if (!source) return refuse(404, GONE);
      const pasted = source.secretIssuedBy === "provider" ? secret : undefined;
      if (source.secretIssuedBy === "provider" && !pasted) {
        return refuse(400, `Paste the new signing secret from ${source.providerLabel}.`);
      }
      const result = await rotateSecret(db, workspaceId, source.id, pasted, secretsKey, by);
      if (!result.ok) return refuse(result.problem === "not_found" ? 404 : 400, result.message);
      return {
        done: "Secret replaced: deliveries signed with the old one are refused from now on.",
        rotated: { secret: pasted ? null : result.secret },
      };
    },
  ),
  /**
   * Name, default touchpoint and the provider's settings, through the same `change` as the API's PATCH. Settings the
   * form does not show (set through the API) are kept; a field left blank clears its setting.
   */
  settings: formAction(ZSettingsForm, async (db, workspaceId, input, by, { params }) => {
    const source = await findSource(db, workspaceId, params.id ?? "", "");
    if (!source) return refuse(404, GONE);
    const choice = providerChoices().find((p) => p.id === source.provider);
    const fields = choice ? providerFields(choice, input) : null;
    if (fields && !fields.ok) return refuse(400, fields.message);
    const shown = new Set(Object.keys(choice?.settings ?? {}));
    const kept = Object.entries(source.settings).filter(([name]) => !shown.has(name));
    const result = await change(
      db,
      workspaceId,
      source.id,
      {
        name: input.name,
        defaultTouchpointId: input.defaultTouchpointId,
        settings: { ...Object.fromEntries(kept), ...fields?.settings },
        ...(choice?.mappingExample ? { fieldMapping: fields?.fieldMapping ?? null } : {}),
      },
      by,
    );
    if (!result.ok) return refuse(result.problem === "not_found" ? 404 : 400, result.message);
    return "Settings saved: the next delivery uses them.";
  }),
  test: formAction<z.infer<typeof ZNothing>, TestEventResult>(
    ZNothing,
    (db, workspaceId, _input, by, { params, platform }) =>
      sendTestEvent(db, platform, workspaceId, params.id ?? "", by.now),
  ),
  replay: formAction(ZReplay, async (db, workspaceId, { deliveryId }, by, { platform }) => {
    const queue = platform?.env.DELIVERIES;
    if (!queue) return refuse(503, "Replays are not configured: the web app has no DELIVERIES queue binding.");
    const result = await replayDelivery(db, queue, workspaceId, deliveryId, by);
    if (result.ok) return "Replayed: the delivery is back in the queue.";
    if (result.problem === "not_found") return refuse(404, "That delivery no longer exists.");
    return refuse(409, `A ${result.status.replace("_", "-")} delivery has nothing to replay.`);
  }),
  replayAll: formAction(ZNothing, async (db, workspaceId, _input, by, { params, platform }) => {
    const queue = platform?.env.DELIVERIES;
    if (!queue) return refuse(503, "Replays are not configured: the web app has no DELIVERIES queue binding.");
    const source = await findSource(db, workspaceId, params.id ?? "", "");
    if (!source) return refuse(404, GONE);
    const sent = await replaySource(db, queue, workspaceId, source.id, "dead_lettered", by);
    return sent === 0 ? "No dead letters to replay." : `Replayed ${sent} dead ${sent === 1 ? "letter" : "letters"}.`;
  }),
} satisfies Actions;
