/**
 * `/api/v1/alerts`, `/api/v1/alert-rules` and `/api/v1/follow-ups`: the alert inbox for other tools (list,
 * acknowledge, resolve), the rules that raise alerts, and the follow-ups assigned to people at human moments.
 * @module
 */
import { ALERT_RULE_KINDS, ALERT_SEVERITIES, KIND_LABELS } from "@firebreak/core";
import { alertRules, alerts, followUps } from "@firebreak/db";
import { z } from "@hono/zod-openapi";
import { ApiError } from "../errors.ts";
import { apiRoute, apiRouter, idParams, jsonBody, jsonResponse, orNull } from "../openapi.ts";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const ZIso = orNull(z.iso.datetime());
const ZKind = z.enum(ALERT_RULE_KINDS).openapi({
  description: Object.entries(KIND_LABELS)
    .map(([kind, { description }]) => `\`${kind}\`: ${description}`)
    .join(" "),
});

const ZReason = z.object({ label: z.string(), detail: z.string() }).openapi("AlertReason");
const ZAlert = z
  .object({
    id: z.string(),
    kind: ZKind,
    status: z.enum(["open", "acknowledged", "resolved"]),
    severity: z.enum(ALERT_SEVERITIES),
    title: z.string(),
    reasons: z.array(ZReason).openapi({ description: "Why flagged, at the latest evaluation." }),
    value: z.number().openapi({ description: "The measure: a rate ratio, a friction score or a count." }),
    peakValue: z.number(),
    touchpoint: orNull(z.object({ id: z.string(), name: z.string() })),
    theme: orNull(z.object({ id: z.string(), name: z.string() })),
    rule: orNull(z.object({ id: z.string(), name: z.string() })),
    openedAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    lastNotifiedAt: ZIso,
    notifyCount: z.number().int(),
    acknowledgedAt: ZIso,
    resolvedAt: ZIso,
    resolvedReason: orNull(z.string()),
  })
  .openapi("Alert");

function toAlert(a: alerts.ListedAlert): z.infer<typeof ZAlert> {
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    severity: a.severity,
    title: a.title,
    reasons: a.reasons,
    value: a.value,
    peakValue: a.peakValue,
    touchpoint: a.touchpointId && a.touchpointName ? { id: a.touchpointId, name: a.touchpointName } : null,
    theme: a.themeId && a.themeName ? { id: a.themeId, name: a.themeName } : null,
    rule: a.ruleId && a.ruleName ? { id: a.ruleId, name: a.ruleName } : null,
    openedAt: new Date(a.openedAt).toISOString(),
    lastSeenAt: new Date(a.lastSeenAt || a.openedAt).toISOString(),
    lastNotifiedAt: iso(a.lastNotifiedAt),
    notifyCount: a.notifyCount,
    acknowledgedAt: iso(a.acknowledgedAt),
    resolvedAt: iso(a.resolvedAt),
    resolvedReason: a.resolvedReason,
  };
}

const ZCursor = z
  .string()
  .regex(/^\d{1,16}\|[A-Za-z0-9_]{1,64}$/)
  .openapi({ description: "The `next` of the previous page." });
const ZListAlerts = z.object({
  status: z
    .enum(["active", "open", "acknowledged", "resolved"])
    .optional()
    .openapi({ description: "`active` (default) is open and acknowledged." }),
  kind: ZKind.optional(),
  before: ZCursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
const NO_ALERT = "No such alert in this workspace.";
const alertTag = "Alerts";

const listAlerts = apiRoute({
  method: "get",
  path: "/",
  operationId: "listAlerts",
  tag: alertTag,
  scope: "read",
  summary: "List alerts",
  description:
    "Newest first. One alert per condition: while a condition holds its alert is updated in place (and notified again only when it gets worse); it resolves by itself when the condition clears.",
  request: { query: ZListAlerts },
  responses: {
    200: jsonResponse(z.object({ data: z.array(ZAlert), next: orNull(ZCursor) }), "A page of alerts."),
  },
});
const getAlert = apiRoute({
  method: "get",
  path: "/{id}",
  operationId: "getAlert",
  tag: alertTag,
  scope: "read",
  summary: "Get an alert",
  request: { params: idParams("alert", "alt") },
  responses: { 200: jsonResponse(ZAlert, "The alert.") },
  errors: { 404: NO_ALERT },
});
const actOnAlert = (action: "acknowledge" | "resolve") =>
  apiRoute({
    method: "post",
    path: `/{id}/${action}`,
    operationId: `${action}Alert`,
    tag: alertTag,
    scope: "write",
    summary: action === "acknowledge" ? "Acknowledge an alert" : "Resolve an alert by hand",
    description:
      action === "acknowledge"
        ? "Someone is on it: the alert stays until its condition clears, and opens again if it gets worse."
        : "Closes the alert now; if its condition still holds, the next evaluation opens a new one.",
    request: { params: idParams("alert", "alt") },
    responses: { 200: jsonResponse(ZAlert, "The alert after the change.") },
    errors: { 404: NO_ALERT, 409: `The alert is not ${action === "acknowledge" ? "open" : "unresolved"}.` },
  });

async function alertView(c: { get(key: "db"): Parameters<typeof alerts.get>[0] }, workspaceId: string, id: string) {
  const alert = await alerts.get(c.get("db"), workspaceId, id);
  if (!alert) throw new ApiError("not_found", NO_ALERT);
  return toAlert(alert);
}

const act = (action: "acknowledge" | "resolve") =>
  apiRouter().openapi(actOnAlert(action), async (c) => {
    const { workspaceId, tokenId } = c.get("auth");
    const { id } = c.req.valid("param");
    const db = c.get("db");
    const changed = await alerts.act(db, workspaceId, [id], action, `token:${tokenId}`, c.get("options").now());
    const view = await alertView(c, workspaceId, id);
    if (changed === 0) throw new ApiError("conflict", `The alert is ${view.status}.`);
    return c.json(view, 200);
  });

export const alertRoutes = apiRouter()
  .openapi(listAlerts, async (c) => {
    const { status, kind, before, limit } = c.req.valid("query");
    const [openedAt, id] = before?.split("|") ?? [];
    const page = await alerts.list(c.get("db"), c.get("auth").workspaceId, {
      status: status ?? "active",
      kind,
      before: openedAt && id ? { openedAt: Number(openedAt), id } : undefined,
      limit,
    });
    return c.json(
      { data: page.alerts.map(toAlert), next: page.next ? `${page.next.openedAt}|${page.next.id}` : null },
      200,
    );
  })
  .openapi(getAlert, async (c) => c.json(await alertView(c, c.get("auth").workspaceId, c.req.valid("param").id), 200))
  .route("/", act("acknowledge"))
  .route("/", act("resolve"));

const ZParams = z.record(z.string(), z.union([z.number(), z.string()])).openapi("AlertRuleParams", {
  description:
    "Per kind, all optional: `spike`/`repeat_surge` `alpha` (significance, 0.0001–0.1, default 0.01) and `minRecent` (items in the last 7 days); `friction_threshold` `threshold` (1–100, default 60) and `hysteresis` (points below the threshold before it resolves, default 5); `new_theme` `minItems` (default 5) and `withinDays` (default 14); `escalation`, `human_moment_negative`, `automation_at_human_moment` `windowHours` (1–336).",
  example: { threshold: 70 },
});
const ZRule = z
  .object({
    id: z.string(),
    kind: ZKind,
    name: z.string(),
    touchpointId: orNull(z.string()),
    themeId: orNull(z.string()),
    params: ZParams,
    destinationIds: z.array(z.string()),
    enabled: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("AlertRule");
const ZRuleFields = {
  name: z.string().trim().min(1).max(120),
  touchpointId: orNull(z.string().min(1).max(64)).optional(),
  themeId: orNull(z.string().min(1).max(64)).optional(),
  params: ZParams.optional(),
  destinationIds: z.array(z.string().min(1).max(64)).max(20).optional(),
  enabled: z.boolean().optional(),
};
const ZCreateRule = z.object({ kind: ZKind, ...ZRuleFields }).openapi("AlertRuleCreate");
const ZPatchRule = z
  .object(ZRuleFields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change" })
  .openapi("AlertRulePatch");
const NO_RULE = "No such alert rule in this workspace.";
const ruleTag = "Alert rules";
const ruleParams = idParams("alert rule", "alr");

const toRuleView = (r: alertRules.AlertRuleRow): z.infer<typeof ZRule> => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  touchpointId: r.touchpointId,
  themeId: r.themeId,
  params: r.params,
  destinationIds: r.destinationIds,
  enabled: r.enabled,
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt || r.createdAt).toISOString(),
});

function ruleOutcome(change: alertRules.RuleChange) {
  if (change.ok) return toRuleView(change.rule);
  throw new ApiError(change.status === 404 ? "not_found" : "bad_request", change.message);
}

export const alertRuleRoutes = apiRouter()
  .openapi(
    apiRoute({
      method: "get",
      path: "/",
      operationId: "listAlertRules",
      tag: ruleTag,
      scope: "read",
      summary: "List alert rules",
      description: "A workspace starts with one rule of every kind, workspace-wide, with default parameters.",
      responses: { 200: jsonResponse(z.object({ data: z.array(ZRule) }), "The rules, oldest first.") },
    }),
    async (c) => c.json({ data: (await alertRules.list(c.get("db"), c.get("auth").workspaceId)).map(toRuleView) }, 200),
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/",
      operationId: "createAlertRule",
      tag: ruleTag,
      scope: "write",
      summary: "Create an alert rule",
      request: { body: jsonBody(ZCreateRule) },
      responses: { 201: jsonResponse(ZRule, "The rule.") },
      errors: {
        400: "Invalid input: parameters out of bounds, or a touchpoint, issue or destination not in this workspace.",
      },
    }),
    async (c) => {
      const { workspaceId, tokenId } = c.get("auth");
      const change = await alertRules.create(
        c.get("db"),
        workspaceId,
        c.req.valid("json"),
        `token:${tokenId}`,
        c.get("options").now(),
      );
      return c.json(ruleOutcome(change), 201);
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/{id}",
      operationId: "getAlertRule",
      tag: ruleTag,
      scope: "read",
      summary: "Get an alert rule",
      request: { params: ruleParams },
      responses: { 200: jsonResponse(ZRule, "The rule.") },
      errors: { 404: NO_RULE },
    }),
    async (c) => {
      const rule = await alertRules.get(c.get("db"), c.get("auth").workspaceId, c.req.valid("param").id);
      if (!rule) throw new ApiError("not_found", NO_RULE);
      return c.json(toRuleView(rule), 200);
    },
  )
  .openapi(
    apiRoute({
      method: "patch",
      path: "/{id}",
      operationId: "updateAlertRule",
      tag: ruleTag,
      scope: "write",
      summary: "Change an alert rule",
      description:
        "Fields left out keep their values; `params` replaces the parameters as a whole. The kind cannot change.",
      request: { params: ruleParams, body: jsonBody(ZPatchRule) },
      responses: { 200: jsonResponse(ZRule, "The changed rule.") },
      errors: { 400: "Invalid input.", 404: NO_RULE },
    }),
    async (c) => {
      const { workspaceId, tokenId } = c.get("auth");
      const db = c.get("db");
      const existing = await alertRules.get(db, workspaceId, c.req.valid("param").id);
      if (!existing) throw new ApiError("not_found", NO_RULE);
      const change = await alertRules.update(
        db,
        workspaceId,
        existing.id,
        { ...alertRules.toRule(existing), ...c.req.valid("json") },
        `token:${tokenId}`,
        c.get("options").now(),
      );
      return c.json(ruleOutcome(change), 200);
    },
  )
  .openapi(
    apiRoute({
      method: "delete",
      path: "/{id}",
      operationId: "deleteAlertRule",
      tag: ruleTag,
      scope: "write",
      summary: "Delete an alert rule",
      description: "Its open alerts resolve at the next evaluation.",
      request: { params: ruleParams },
      responses: { 204: { description: "Deleted." } },
      errors: { 404: NO_RULE },
    }),
    async (c) => {
      const { workspaceId, tokenId } = c.get("auth");
      const removed = await alertRules.remove(
        c.get("db"),
        workspaceId,
        c.req.valid("param").id,
        `token:${tokenId}`,
        c.get("options").now(),
      );
      if (!removed) throw new ApiError("not_found", NO_RULE);
      return c.body(null, 204);
    },
  );

const ZFollowUp = z
  .object({
    id: z.string(),
    status: z.enum(["open", "done", "dismissed"]),
    itemId: z.string(),
    touchpoint: orNull(z.object({ id: z.string(), name: z.string() })),
    assignee: orNull(z.string()),
    reasons: z.array(z.string()),
    text: z.string().openapi({ description: "What the customer wrote, with personal data removed at ingest." }),
    createdAt: z.iso.datetime(),
    notifiedAt: ZIso,
    closedAt: ZIso,
    note: orNull(z.string()),
  })
  .openapi("FollowUp");
type FollowUpListed = Awaited<ReturnType<typeof followUps.list>>[number];
const toFollowUp = (f: FollowUpListed): z.infer<typeof ZFollowUp> => ({
  id: f.id,
  status: f.status,
  itemId: f.itemId,
  touchpoint: f.touchpointId && f.touchpointName ? { id: f.touchpointId, name: f.touchpointName } : null,
  assignee: f.assignee,
  reasons: f.reasons,
  text: f.itemText,
  createdAt: new Date(f.createdAt).toISOString(),
  notifiedAt: iso(f.notifiedAt),
  closedAt: iso(f.closedAt),
  note: f.note,
});
const NO_FOLLOW_UP = "No such follow-up in this workspace.";
const followUpTag = "Follow-ups";

export const followUpRoutes = apiRouter()
  .openapi(
    apiRoute({
      method: "get",
      path: "/",
      operationId: "listFollowUps",
      tag: followUpTag,
      scope: "read",
      summary: "List follow-ups",
      description:
        "Tasks for people: feedback at a human moment with an escalation cue, at or below the touchpoint's sentiment threshold, or handled by a bot or macro. Assigned to the human moment's owner. Newest first.",
      request: {
        query: z.object({
          status: z.enum(["open", "done", "dismissed"]).optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
      responses: { 200: jsonResponse(z.object({ data: z.array(ZFollowUp) }), "The follow-ups.") },
    }),
    async (c) => {
      const rows = await followUps.list(c.get("db"), c.get("auth").workspaceId, c.req.valid("query"));
      return c.json({ data: rows.map(toFollowUp) }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "patch",
      path: "/{id}",
      operationId: "updateFollowUp",
      tag: followUpTag,
      scope: "write",
      summary: "Close or reopen a follow-up",
      request: {
        params: idParams("follow-up", "fup"),
        body: jsonBody(
          z
            .object({ status: z.enum(["open", "done", "dismissed"]), note: z.string().trim().max(2000).optional() })
            .openapi("FollowUpPatch"),
        ),
      },
      responses: { 200: jsonResponse(ZFollowUp, "The follow-up.") },
      errors: { 404: NO_FOLLOW_UP },
    }),
    async (c) => {
      const { workspaceId, tokenId } = c.get("auth");
      const db = c.get("db");
      const { id } = c.req.valid("param");
      const { status, note } = c.req.valid("json");
      await followUps.setStatus(db, workspaceId, [id], status, {
        actor: `token:${tokenId}`,
        now: c.get("options").now(),
        note,
      });
      const row = (await followUps.list(db, workspaceId, { id })).at(0);
      if (!row) throw new ApiError("not_found", NO_FOLLOW_UP);
      return c.json(toFollowUp(row), 200);
    },
  );
