/**
 * `/api/v1/destinations`: where alerts go. Create one (a webhook's signing secret is returned this once), rename,
 * enable or disable, delete, read its delivery log, and queue a signed test through the real outbound queue.
 * @module
 */
import { DESTINATION_KIND_INFO, DESTINATION_KINDS, STORED_DESTINATION_KINDS } from "@firebreak/core";
import { destinations, outbound } from "@firebreak/db";
import { z } from "@hono/zod-openapi";
import { allowsLoopback } from "../env.ts";
import { ApiError } from "../errors.ts";
import { apiRoute, apiRouter, idParams, jsonBody, jsonResponse, orNull } from "../openapi.ts";

const TAG = "Destinations";
const NO_DESTINATION = "No such destination in this workspace.";
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const ZIso = orNull(z.iso.datetime());
const params = idParams("destination", "dst");

const kindsDescribed = (kinds: readonly (keyof typeof DESTINATION_KIND_INFO)[]) =>
  kinds.map((kind) => `\`${kind}\`: ${DESTINATION_KIND_INFO[kind].description}`).join(" ");
/** What can be made here; a Zendesk destination is made with the playbook that opens tickets in it. */
const ZKind = z.enum(DESTINATION_KINDS).openapi({ description: kindsDescribed(DESTINATION_KINDS) });
const ZStoredKind = z.enum(STORED_DESTINATION_KINDS).openapi({ description: kindsDescribed(STORED_DESTINATION_KINDS) });

const ZDestination = z
  .object({
    id: z.string(),
    kind: ZStoredKind,
    name: z.string(),
    targetHint: orNull(z.string()).openapi({
      description: "The host of the URL or the domain of the address; the target itself is never returned.",
    }),
    enabled: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .openapi("Destination");
const ZNewDestination = ZDestination.extend({
  secret: orNull(z.string()).openapi({
    description:
      "A webhook's Standard Webhooks signing secret (`whsec_…`), shown this once; null for other kinds. Verify each request's `webhook-signature` with it.",
  }),
}).openapi("NewDestination");

const ZCreate = z
  .object({
    kind: ZKind,
    name: z.string().trim().min(1).max(80),
    target: z.string().trim().min(1).max(2048).optional().openapi({
      description:
        "The Slack incoming-webhook URL or the webhook's endpoint (https, a public address), or the email address; none for the inbox.",
    }),
    allRules: z.boolean().optional().openapi({
      description: "Add the destination to every alert rule's `destinationIds` in the same write (default false).",
    }),
  })
  .openapi("DestinationCreate");
const ZPatch = z
  .object({ name: z.string().trim().min(1).max(80), enabled: z.boolean() })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change" })
  .openapi("DestinationPatch");

const ZAttempt = z
  .object({
    attempt: z.number().int(),
    outcome: z.enum(["delivered", "retry", "failed", "refused"]),
    responseStatus: orNull(z.number().int()),
    durationMs: z.number().int(),
    error: orNull(z.string()),
    at: z.iso.datetime(),
  })
  .openapi("OutboundAttempt");
const ZOutboundDelivery = z
  .object({
    id: z.string().openapi({ description: "Also the `webhook-id` header, the same on every retry." }),
    eventType: z.string().openapi({ description: "`alert.triggered`, or `alert.test` for a test." }),
    alertId: orNull(z.string()),
    status: z.enum(["pending", "delivered", "failed", "refused"]),
    attempts: z.number().int(),
    nextAttemptAt: ZIso,
    responseStatus: orNull(z.number().int()),
    lastError: orNull(z.string()),
    createdAt: z.iso.datetime(),
    deliveredAt: ZIso,
    attemptLog: z.array(ZAttempt).openapi({ description: "Every attempt, newest first." }),
  })
  .openapi("OutboundDelivery");
const ZCursor = z
  .string()
  .regex(/^\d{1,16}\|[A-Za-z0-9_]{1,64}$/)
  .openapi({ description: "The `next` of the previous page." });

const toDestination = (d: destinations.DestinationView): z.infer<typeof ZDestination> => ({
  id: d.id,
  kind: d.kind,
  name: d.name,
  targetHint: d.targetHint,
  enabled: d.enabled,
  createdAt: new Date(d.createdAt).toISOString(),
});

const toDelivery = (d: outbound.LoggedDelivery): z.infer<typeof ZOutboundDelivery> => ({
  id: d.id,
  eventType: d.eventType,
  alertId: d.alertId,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: iso(d.nextAttemptAt),
  responseStatus: d.responseStatus,
  lastError: d.lastError,
  createdAt: new Date(d.createdAt).toISOString(),
  deliveredAt: iso(d.deliveredAt),
  attemptLog: d.attemptLog.map((a) => ({
    attempt: a.attempt,
    outcome: a.outcome,
    responseStatus: a.responseStatus,
    durationMs: a.durationMs,
    error: a.error,
    at: new Date(a.at).toISOString(),
  })),
});

export const destinationRoutes = apiRouter()
  .openapi(
    apiRoute({
      method: "get",
      path: "/",
      operationId: "listDestinations",
      tag: TAG,
      scope: "read",
      summary: "List destinations",
      responses: { 200: jsonResponse(z.object({ data: z.array(ZDestination) }), "Newest first, without secrets.") },
    }),
    async (c) => {
      const rows = await destinations.list(c.get("db"), c.get("auth").workspaceId);
      return c.json({ data: rows.map(toDestination) }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/",
      operationId: "createDestination",
      tag: TAG,
      scope: "write",
      summary: "Create a destination",
      description:
        "URLs must be https to a public address: private, loopback, link-local and internal names are refused (`message` says why). Alert rules name destinations in `destinationIds`.",
      request: { body: jsonBody(ZCreate) },
      responses: { 201: jsonResponse(ZNewDestination, "The destination, with a webhook's secret this once.") },
      errors: { 400: "Invalid input, or an unsafe or malformed target: `message` says which and why." },
    }),
    async (c) => {
      const { workspaceId, tokenId } = c.get("auth");
      const created = await destinations.create(c.get("db"), workspaceId, c.req.valid("json"), {
        actor: `token:${tokenId}`,
        now: c.get("options").now(),
        secretsKey: c.env.SECRETS_KEY,
        allowLoopback: allowsLoopback(c.env),
      });
      if (!created.ok) throw new ApiError("bad_request", created.message);
      return c.json({ ...toDestination(created.destination), secret: created.secret }, 201);
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/{id}",
      operationId: "getDestination",
      tag: TAG,
      scope: "read",
      summary: "Get a destination",
      description: "Never the target or the secret.",
      request: { params },
      responses: { 200: jsonResponse(ZDestination, "The destination.") },
      errors: { 404: NO_DESTINATION },
    }),
    async (c) => {
      const row = await destinations.get(c.get("db"), c.get("auth").workspaceId, c.req.valid("param").id);
      if (!row) throw new ApiError("not_found", NO_DESTINATION);
      return c.json(toDestination(destinations.toView(row)), 200);
    },
  )
  .openapi(
    apiRoute({
      method: "patch",
      path: "/{id}",
      operationId: "updateDestination",
      tag: TAG,
      scope: "write",
      summary: "Rename, enable or disable a destination",
      description:
        "A disabled destination gets no new alerts, and what was already queued for it is refused, not sent. The target and secret cannot change: create another destination.",
      request: { params, body: jsonBody(ZPatch) },
      responses: { 200: jsonResponse(ZDestination, "The destination after the change.") },
      errors: { 404: NO_DESTINATION },
    }),
    async (c) => {
      const { workspaceId, tokenId } = c.get("auth");
      const updated = await destinations.update(
        c.get("db"),
        workspaceId,
        c.req.valid("param").id,
        c.req.valid("json"),
        {
          actor: `token:${tokenId}`,
          now: c.get("options").now(),
        },
      );
      if (!updated) throw new ApiError("not_found", NO_DESTINATION);
      return c.json(toDestination(updated), 200);
    },
  )
  .openapi(
    apiRoute({
      method: "delete",
      path: "/{id}",
      operationId: "deleteDestination",
      tag: TAG,
      scope: "write",
      summary: "Delete a destination",
      description: "Its queued deliveries and its log go with it; alert rules that name it skip it.",
      request: { params },
      responses: { 204: { description: "Deleted." } },
      errors: { 404: NO_DESTINATION },
    }),
    async (c) => {
      const { workspaceId, tokenId } = c.get("auth");
      const removed = await destinations.remove(c.get("db"), workspaceId, c.req.valid("param").id, {
        actor: `token:${tokenId}`,
        now: c.get("options").now(),
      });
      if (!removed) throw new ApiError("not_found", NO_DESTINATION);
      return c.body(null, 204);
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/{id}/deliveries",
      operationId: "listDestinationDeliveries",
      tag: TAG,
      scope: "read",
      summary: "A destination's delivery log",
      description: "Newest first, each delivery with every attempt (refusals included). Page with `before`.",
      request: {
        params,
        query: z.object({ before: ZCursor.optional(), limit: z.coerce.number().int().min(1).max(100).optional() }),
      },
      responses: {
        200: jsonResponse(z.object({ data: z.array(ZOutboundDelivery), next: orNull(ZCursor) }), "A page of the log."),
      },
      errors: { 404: NO_DESTINATION },
    }),
    async (c) => {
      const { workspaceId } = c.get("auth");
      const db = c.get("db");
      const { id } = c.req.valid("param");
      const { before, limit } = c.req.valid("query");
      if (!(await destinations.get(db, workspaceId, id))) throw new ApiError("not_found", NO_DESTINATION);
      const [createdAt, deliveryId] = before?.split("|") ?? [];
      const page = await outbound.deliveryPage(db, workspaceId, id, {
        before: createdAt && deliveryId ? { createdAt: Number(createdAt), id: deliveryId } : undefined,
        limit,
      });
      const next = page.next ? `${page.next.createdAt}|${page.next.id}` : null;
      return c.json({ data: page.deliveries.map(toDelivery), next }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/{id}/test",
      operationId: "testDestination",
      tag: TAG,
      scope: "write",
      summary: "Send a test",
      description:
        "Queues an `alert.test` message (shaped like an alert, clearly labelled a test) through the outbound queue: the next cron tick (every 5 minutes) signs and sends it, and it appears in the delivery log like any alert.",
      request: { params },
      responses: { 202: jsonResponse(ZOutboundDelivery, "The queued delivery.") },
      errors: { 404: NO_DESTINATION, 409: "The destination is disabled." },
    }),
    async (c) => {
      const { workspaceId, tokenId } = c.get("auth");
      const sent = await destinations.sendTest(c.get("db"), workspaceId, c.req.valid("param").id, {
        actor: `token:${tokenId}`,
        now: c.get("options").now(),
        appUrl: c.env.APP_URL,
      });
      if (!sent.ok) throw new ApiError(sent.status === 404 ? "not_found" : "conflict", sent.message);
      return c.json(toDelivery({ ...sent.delivery, attemptLog: [] }), 202);
    },
  );
