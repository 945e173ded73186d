/**
 * `/api/v1/playbooks`: proactive playbooks for other tools. List, create, read, change and delete them; try one with a
 * dry run (decides and records, sends nothing); read its runs, the audit trail. A customer-facing playbook scoped to
 * a human moment is refused with a 409 whose message names the moment, why it is one and who owns it.
 * @module
 */
import {
  CUSTOMER_FACING_HELP,
  describePlaybook,
  ZPlaybookAction,
  ZPlaybookInput,
  ZPlaybookPatch,
  ZPlaybookTrigger,
} from "@firebreak/core";
import { type Db, playbookRuns, playbooks } from "@firebreak/db";
import { z } from "@hono/zod-openapi";
import { allowsLoopback } from "../env.ts";
import { ApiError } from "../errors.ts";
import { apiRoute, apiRouter, idParams, jsonBody, jsonResponse, orNull } from "../openapi.ts";

const tag = "Playbooks";
const NO_PLAYBOOK = "No such playbook in this workspace.";
const REFUSED = "Customer-facing at a human moment: the message names the moment, its reason and its owner.";
const params = idParams("playbook", "pbk");

const ZPlaybook = z
  .object({
    id: z.string(),
    name: z.string(),
    summary: z.string().openapi({ description: "Trigger → action in words." }),
    trigger: ZPlaybookTrigger,
    action: ZPlaybookAction,
    customerFacing: z.boolean().openapi({ description: CUSTOMER_FACING_HELP }),
    enabled: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Playbook");
const ZCreated = ZPlaybook.extend({
  signingSecret: orNull(z.string()).openapi({
    description: "When the request connected a new webhook destination: its signing secret, shown this once.",
  }),
}).openapi("PlaybookCreated");

const ZMoment = z
  .object({ touchpointId: z.string(), name: z.string(), reason: z.string(), owner: z.string() })
  .openapi("PlaybookHumanMoment");
const ZDestination = z
  .object({ id: z.string(), name: z.string(), kind: z.string(), hint: orNull(z.string()) })
  .openapi("PlaybookDestination", { description: "Where it sends; the hint is a host, never the secret part." });
const ZOutcome = z.enum(["executed", "skipped", "refused", "failed"]);

const ZRun = z
  .object({
    id: z.string(),
    dryRun: z.boolean(),
    outcome: ZOutcome,
    reason: z.string(),
    alertId: orNull(z.string()),
    humanMoment: orNull(ZMoment),
    destination: orNull(ZDestination),
    deliveryId: orNull(z.string()).openapi({ description: "The queued outbound delivery (executed runs)." }),
    createdAt: z.iso.datetime(),
  })
  .openapi("PlaybookRun");

const ZDryRunRequest = z
  .object({
    alertId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .openapi({ description: "An alert to try; by default the newest alert the trigger matches, else a sample." }),
  })
  .openapi("PlaybookDryRunRequest");
const ZDryRun = z
  .object({
    runId: z.string(),
    source: z.enum(["alert", "latest", "sample"]),
    matched: z.boolean(),
    outcome: ZOutcome,
    reason: z.string(),
    humanMoment: orNull(ZMoment),
    alert: z.object({
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      severity: z.string(),
      touchpointId: orNull(z.string()),
      change: z.enum(["opened", "worsened"]),
    }),
    wouldSend: orNull(
      z.object({
        destination: ZDestination,
        eventType: z.string(),
        body: z
          .unknown()
          .openapi({ description: "What the destination would receive: a body, a Slack message, a ticket." }),
      }),
    ),
  })
  .openapi("PlaybookDryRun");

const iso = (ms: number) => new Date(ms).toISOString();

type Destinations = Awaited<ReturnType<typeof playbooks.destinationChoices>>;

function present(p: playbooks.PlaybookView, destinations: Destinations): z.infer<typeof ZPlaybook> {
  const destination = destinations.find((d) => d.id === p.action.destinationId);
  return {
    id: p.id,
    name: p.name,
    summary: describePlaybook(p, { destination: destination?.name }),
    trigger: p.trigger,
    action: p.action,
    customerFacing: p.customerFacing,
    enabled: p.enabled,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

function toRun(row: playbooks.PlaybookRunRow): z.infer<typeof ZRun> {
  const detail = row.detail as Partial<{
    reason: string;
    humanMoment: z.infer<typeof ZMoment>;
    destination: z.infer<typeof ZDestination>;
    deliveryId: string;
  }>;
  return {
    id: row.id,
    dryRun: row.dryRun,
    outcome: row.outcome,
    reason: detail.reason ?? "",
    alertId: row.alertId,
    humanMoment: detail.humanMoment ?? null,
    destination: detail.destination ?? null,
    deliveryId: detail.deliveryId ?? null,
    createdAt: iso(row.createdAt),
  };
}

/** Who changes a playbook through the API, with what a `connect` destination needs. */
function changeActor(tokenId: string, now: number, env: Env) {
  return { actor: `token:${tokenId}`, now, secretsKey: env.SECRETS_KEY, allowLoopback: allowsLoopback(env) };
}

/** A create's or change's answer: the playbook as shown, with a new webhook's signing secret this once; else its error. */
async function answer(db: Db, workspaceId: string, change: playbooks.PlaybookChange) {
  if (!change.ok) {
    const code = change.status === 404 ? "not_found" : change.status === 409 ? "conflict" : "bad_request";
    throw new ApiError(code, change.message);
  }
  const destinations = await playbooks.destinationChoices(db, workspaceId);
  return { ...present(change.playbook, destinations), signingSecret: change.signingSecret };
}

export const playbookRoutes = apiRouter()
  .openapi(
    apiRoute({
      method: "get",
      path: "/",
      operationId: "listPlaybooks",
      tag,
      scope: "read",
      summary: "List playbooks",
      description: "Newest first.",
      responses: { 200: jsonResponse(z.object({ data: z.array(ZPlaybook) }), "The playbooks.") },
    }),
    async (c) => {
      const { workspaceId } = c.get("auth");
      const db = c.get("db");
      const [rows, destinations] = await Promise.all([
        playbooks.list(db, workspaceId),
        playbooks.destinationChoices(db, workspaceId),
      ]);
      return c.json({ data: rows.map((p) => present(p, destinations)) }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/",
      operationId: "createPlaybook",
      tag,
      scope: "write",
      summary: "Create a playbook",
      description:
        "Off unless `enabled` is true. The action sends through an existing destination (`destinationId`) or one connected now (`connect`: a URL for `webhook` and `slack`, a Zendesk subdomain, email and API token for `ticket`; stored encrypted, the token never returned). A customer-facing playbook scoped to a human moment is refused.",
      request: { body: jsonBody(ZPlaybookInput) },
      responses: { 201: jsonResponse(ZCreated, "The playbook.") },
      errors: {
        400: "Invalid input: a touchpoint, issue or destination not in this workspace, or an unsafe URL.",
        409: REFUSED,
      },
    }),
    async (c) => {
      const { workspaceId, tokenId } = c.get("auth");
      const db = c.get("db");
      const by = changeActor(tokenId, c.get("options").now(), c.env);
      const change = await playbooks.create(db, workspaceId, c.req.valid("json"), by);
      return c.json(await answer(db, workspaceId, change), 201);
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/{id}",
      operationId: "getPlaybook",
      tag,
      scope: "read",
      summary: "Get a playbook",
      request: { params },
      responses: { 200: jsonResponse(ZPlaybook, "The playbook.") },
      errors: { 404: NO_PLAYBOOK },
    }),
    async (c) => {
      const { workspaceId } = c.get("auth");
      const db = c.get("db");
      const playbook = await playbooks.get(db, workspaceId, c.req.valid("param").id);
      if (!playbook) throw new ApiError("not_found", NO_PLAYBOOK);
      return c.json(present(playbook, await playbooks.destinationChoices(db, workspaceId)), 200);
    },
  )
  .openapi(
    apiRoute({
      method: "patch",
      path: "/{id}",
      operationId: "updatePlaybook",
      tag,
      scope: "write",
      summary: "Change, enable or disable a playbook",
      description:
        "Enabling a customer-facing playbook scoped to a human moment, or making one so, is refused; switching it off never is.",
      request: { params, body: jsonBody(ZPlaybookPatch) },
      responses: { 200: jsonResponse(ZCreated, "The changed playbook.") },
      errors: { 400: "Invalid input.", 404: NO_PLAYBOOK, 409: REFUSED },
    }),
    async (c) => {
      const { workspaceId, tokenId } = c.get("auth");
      const db = c.get("db");
      const by = changeActor(tokenId, c.get("options").now(), c.env);
      const change = await playbooks.update(db, workspaceId, c.req.valid("param").id, c.req.valid("json"), by);
      return c.json(await answer(db, workspaceId, change), 200);
    },
  )
  .openapi(
    apiRoute({
      method: "delete",
      path: "/{id}",
      operationId: "deletePlaybook",
      tag,
      scope: "write",
      summary: "Delete a playbook",
      description: "Its runs go with it; its destination and what was already sent stay.",
      request: { params },
      responses: { 204: { description: "Deleted." } },
      errors: { 404: NO_PLAYBOOK },
    }),
    async (c) => {
      const { workspaceId, tokenId } = c.get("auth");
      const removed = await playbooks.remove(c.get("db"), workspaceId, c.req.valid("param").id, {
        actor: `token:${tokenId}`,
        now: c.get("options").now(),
      });
      if (!removed) throw new ApiError("not_found", NO_PLAYBOOK);
      return c.body(null, 204);
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/{id}/dry-run",
      operationId: "dryRunPlaybook",
      tag,
      scope: "write",
      summary: "Try a playbook without sending",
      description:
        "Decides what the playbook would do about an alert (enabled or not): whether the trigger matches, the policy's decision, and what would be sent where. Records a dry-run run in its trail; sends nothing.",
      request: { params, body: jsonBody(ZDryRunRequest) },
      responses: { 200: jsonResponse(ZDryRun, "The decision and what would be sent.") },
      errors: { 404: `${NO_PLAYBOOK} Or no such alert.` },
    }),
    async (c) => {
      const { workspaceId } = c.get("auth");
      const db = c.get("db");
      const now = c.get("options").now();
      const playbook = await playbooks.get(db, workspaceId, c.req.valid("param").id);
      if (!playbook) throw new ApiError("not_found", NO_PLAYBOOK);
      const found = await playbookRuns.dryRunEvent(db, workspaceId, playbook, {
        alertId: c.req.valid("json").alertId,
        appUrl: c.env.APP_URL,
        now,
      });
      if (!found) throw new ApiError("not_found", "No such alert in this workspace.");
      const run = await playbookRuns.dryRun(db, workspaceId, playbook, found, { now });
      const { event, decision } = run;
      return c.json(
        {
          runId: run.runId,
          source: run.source,
          matched: run.matched,
          outcome: decision.outcome,
          reason: decision.reason,
          humanMoment: decision.humanMoment ?? null,
          alert: {
            id: event.id,
            kind: event.kind,
            title: event.title,
            severity: event.severity,
            touchpointId: event.touchpointId,
            change: event.change,
          },
          wouldSend: run.wouldSend,
        },
        200,
      );
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/{id}/runs",
      operationId: "listPlaybookRuns",
      tag,
      scope: "read",
      summary: "A playbook's runs",
      description:
        "The audit trail, newest first: what it did (or would have, in a dry run), refused or could not do, and why.",
      request: {
        params,
        query: z.object({ limit: z.coerce.number().int().min(1).max(200).optional() }),
      },
      responses: { 200: jsonResponse(z.object({ data: z.array(ZRun) }), "The runs.") },
      errors: { 404: NO_PLAYBOOK },
    }),
    async (c) => {
      const { workspaceId } = c.get("auth");
      const db = c.get("db");
      const { id } = c.req.valid("param");
      if (!(await playbooks.get(db, workspaceId, id))) throw new ApiError("not_found", NO_PLAYBOOK);
      const rows = await playbooks.runs(db, workspaceId, id, c.req.valid("query").limit);
      return c.json({ data: rows.map(toRun) }, 200);
    },
  );
