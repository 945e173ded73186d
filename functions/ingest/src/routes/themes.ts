/**
 * `/api/v1/themes`, `/api/v1/items` and `/api/v1/touchpoint-rules`: curating what analysis found. Rename, pin (with
 * keywords per language), merge and split recurring issues; move items to another touchpoint by hand; manage the
 * rules that place items; re-cluster now instead of waiting for the schedule.
 * @module
 */
import { newId } from "@firebreak/core";
import { placement, reclusterWorkspace, themes } from "@firebreak/db";
import { z } from "@hono/zod-openapi";
import { workspaceEmbedder } from "../ai.ts";
import { ApiError } from "../errors.ts";
import { apiRoute, apiRouter, idParams, jsonBody, jsonResponse } from "../openapi.ts";

const ZId = z.string().min(1).max(64);
const ZParams = idParams("theme", "thm");
const ZLanguage = z.union([z.string().regex(/^[a-z]{2}$/), z.literal("*")]);
const ZKeywords = z.record(ZLanguage, z.array(z.string().trim().min(2).max(80)).max(30)).openapi("ThemeKeywords", {
  description: "Keywords per language (`*` for any language), which decide a pinned theme's members.",
  example: { en: ["refund"], da: ["refusion"], "*": ["paypal"] },
});

const ZPatchTheme = z
  .object({
    label: z.string().trim().min(1).max(120),
    description: z.string().trim().max(2000),
    pinned: z.boolean(),
    keywords: ZKeywords,
    fixShippedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "nothing to change" })
  .refine(
    (patch) => !patch.keywords || Object.values(patch.keywords).some((k) => k.length > 0) || patch.pinned === false,
    {
      message: "keywords: give at least one keyword, or unpin the theme",
    },
  )
  .openapi("ThemePatch", {
    description:
      "At least one field. `label` is kept through re-clustering; pinning without keywords suggests some per language.",
    example: { label: "Refund delays", pinned: true },
  });
const ZMerge = z
  .object({ into: ZId.openapi({ description: "The theme that takes over the items." }) })
  .openapi("ThemeMerge");
const ZSplit = z
  .object({ itemIds: z.array(ZId).min(1).max(500), label: z.string().trim().min(1).max(120) })
  .openapi("ThemeSplit", { description: "Items to split off into a new pinned theme, and its label." });
const ZMove = z
  .object({ itemIds: z.array(ZId).min(1).max(500), touchpointId: ZId })
  .openapi("ItemMove", { description: "Items to place by hand; kept through revisions and learned from." });
const ZListThemes = z.object({
  all: z
    .enum(["true", "false"])
    .optional()
    .openapi({ param: { description: "`true` adds merged and archived themes." } }),
});

const ZTheme = z
  .object({
    id: z.string(),
    label: z.string(),
    description: z.string(),
    status: z.enum(["candidate", "active", "merged", "archived"]),
    pinned: z.boolean().openapi({ description: "A pinned theme's keywords decide its members." }),
    labelLocked: z.boolean().openapi({ description: "A person named it: re-clustering keeps the label." }),
    phrases: z.array(z.string()).openapi({ description: "Its most distinctive phrases, as customers wrote them." }),
    negativeShare: z.number(),
    languages: z.record(z.string(), z.number()).openapi({ description: "Items per language in the last window." }),
    mergedIntoId: z.string().nullable(),
    keywords: z.record(z.string(), z.array(z.string())),
    itemCount: z.number().int(),
    firstSeenAt: z.number().nullable(),
    lastSeenAt: z.number().nullable(),
    fixShippedAt: z.number().nullable().openapi({ description: "When a fix shipped (ms since the epoch)." }),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi("Theme");

const ZRecluster = z
  .object({
    items: z.number().int(),
    themes: z.number().int(),
    created: z.number().int(),
    changedItems: z.number().int(),
    pinned: z.number().int(),
    ms: z.number(),
    backend: z.string().openapi({ description: "`local` TF-IDF, or the embedder's when Workers AI answered." }),
    embedded: z.number().int(),
  })
  .openapi("ReclusterSummary");

const ZRuleView = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    touchpointId: z.string(),
    priority: z.number().int(),
    kind: z.enum(["source", "tag", "question", "keyword", "channel"]),
    language: z.string().nullable(),
    match: z.array(z.string()),
    enabled: z.boolean(),
    createdAt: z.number(),
  })
  .openapi("TouchpointRule");

const ZRule = z
  .object({
    touchpointId: ZId,
    priority: z.number().int().min(0).max(100_000).default(100),
    kind: z.enum(["source", "tag", "question", "keyword", "channel"]),
    language: z
      .string()
      .regex(/^[a-z]{2}$/)
      .nullable()
      .default(null),
    match: z
      .array(z.string().trim().min(1).max(200))
      .min(1)
      .max(50)
      .openapi({ description: "Source ids, tags, question ids, channels or keywords (stemmed per `language`)." }),
    enabled: z.boolean().default(true),
  })
  .openapi("NewTouchpointRule", {
    description: "Rules run in `priority` order (lowest first); the first match places the item.",
    example: { touchpointId: "tp_0kd3x5v2am7q8w1e9r4t6y2u3i5o", kind: "keyword", language: "en", match: ["refund"] },
  });
const ZPatchRule = z
  .object({
    touchpointId: ZId,
    priority: z.number().int().min(0).max(100_000),
    language: z
      .string()
      .regex(/^[a-z]{2}$/)
      .nullable(),
    match: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
    enabled: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "nothing to change" })
  .openapi("TouchpointRulePatch", { description: "At least one field.", example: { enabled: false } });

const actor = (c: { get(key: "auth"): { tokenId: string }; get(key: "options"): { now(): number } }) => ({
  actor: `token:${c.get("auth").tokenId}`,
  now: c.get("options").now(),
});

const NO_THEME = "No such theme in this workspace.";

const tag = "Themes";

const listThemes = apiRoute({
  method: "get",
  path: "/",
  operationId: "listThemes",
  tag,
  scope: "read",
  summary: "List themes",
  description: "Active themes, pinned first, then by items; `all=true` adds merged and archived ones.",
  request: { query: ZListThemes },
  responses: { 200: jsonResponse(z.object({ data: z.array(ZTheme) }), "The themes.") },
});
const recluster = apiRoute({
  method: "post",
  path: "/recluster",
  operationId: "reclusterThemes",
  tag,
  scope: "write",
  summary: "Re-cluster now",
  description: "Normally the cron's job, every 6 hours: the last 90 days' items. Ids, names and merges are kept.",
  responses: { 200: jsonResponse(ZRecluster, "What the re-clustering found.") },
});
const getTheme = apiRoute({
  method: "get",
  path: "/{id}",
  operationId: "getTheme",
  tag,
  scope: "read",
  summary: "Get a theme",
  request: { params: ZParams },
  responses: { 200: jsonResponse(ZTheme, "The theme.") },
  errors: { 404: NO_THEME },
});
const updateTheme = apiRoute({
  method: "patch",
  path: "/{id}",
  operationId: "updateTheme",
  tag,
  scope: "write",
  summary: "Rename, describe or pin a theme",
  request: { params: ZParams, body: jsonBody(ZPatchTheme) },
  responses: { 200: jsonResponse(ZTheme, "The changed theme.") },
  errors: { 404: NO_THEME },
});
const mergeTheme = apiRoute({
  method: "post",
  path: "/{id}/merge",
  operationId: "mergeTheme",
  tag,
  scope: "write",
  summary: "Merge a theme into another",
  description: "Its items and their rollups move to `into`; the merge survives re-clustering.",
  request: { params: ZParams, body: jsonBody(ZMerge) },
  responses: {
    200: jsonResponse(
      z.object({ merged: z.string(), into: z.string(), movedItems: z.number().int() }).openapi("ThemeMerged"),
      "Merged.",
    ),
  },
  errors: {
    400: "Invalid input, or a theme merged into itself.",
    404: "Both themes must exist in this workspace and not be merged already.",
  },
});
const splitTheme = apiRoute({
  method: "post",
  path: "/{id}/split",
  operationId: "splitTheme",
  tag,
  scope: "write",
  summary: "Split items off into a new pinned theme",
  request: { params: ZParams, body: jsonBody(ZSplit) },
  responses: {
    201: jsonResponse(
      z.object({ theme: ZTheme, movedItems: z.number().int() }).openapi("ThemeSplitResult"),
      "The new theme.",
    ),
  },
  errors: { 400: "Invalid input, or none of the items belong to this theme.", 404: NO_THEME },
});

export const themeRoutes = apiRouter()
  .openapi(listThemes, async (c) => {
    const rows = await themes.list(c.get("db"), c.get("auth").workspaceId, {
      all: c.req.valid("query").all === "true",
    });
    return c.json({ data: rows.map(themes.toView) }, 200);
  })
  .openapi(recluster, async (c) => {
    const { workspaceId } = c.get("auth");
    const db = c.get("db");
    const summary = await reclusterWorkspace(db, workspaceId, {
      now: c.get("options").now(),
      embedder: await workspaceEmbedder(db, c.env, workspaceId),
    });
    return c.json(summary, 200);
  })
  .openapi(getTheme, async (c) => {
    const theme = await themes.get(c.get("db"), c.get("auth").workspaceId, c.req.valid("param").id);
    if (!theme) throw new ApiError("not_found", NO_THEME);
    return c.json(themes.toView(theme), 200);
  })
  .openapi(updateTheme, async (c) => {
    const { fixShippedAt, ...rest } = c.req.valid("json");
    const change = {
      ...rest,
      ...(fixShippedAt !== undefined ? { fixShippedAt: fixShippedAt === null ? null : Date.parse(fixShippedAt) } : {}),
    };
    const updated = await themes.update(
      c.get("db"),
      c.get("auth").workspaceId,
      c.req.valid("param").id,
      change,
      actor(c),
    );
    if (!updated) throw new ApiError("not_found", NO_THEME);
    return c.json(themes.toView(updated), 200);
  })
  .openapi(mergeTheme, async (c) => {
    const result = await themes.merge(
      c.get("db"),
      c.get("auth").workspaceId,
      c.req.valid("param").id,
      c.req.valid("json").into,
      actor(c),
    );
    if (!result.ok && result.problem === "same")
      throw new ApiError("bad_request", "into: a theme cannot merge into itself");
    if (!result.ok)
      throw new ApiError("not_found", "Both themes must exist in this workspace and not be merged already.");
    return c.json({ merged: c.req.valid("param").id, into: c.req.valid("json").into, movedItems: result.moved }, 200);
  })
  .openapi(splitTheme, async (c) => {
    const by = actor(c);
    const input = c.req.valid("json");
    const result = await themes.split(
      c.get("db"),
      c.get("auth").workspaceId,
      c.req.valid("param").id,
      { ...input, newId: newId("thm", by.now) },
      by,
    );
    if (!result.ok && result.problem === "no_items")
      throw new ApiError("bad_request", "itemIds: none of these items belong to this theme");
    if (!result.ok) throw new ApiError("not_found", NO_THEME);
    return c.json({ theme: themes.toView(result.theme), movedItems: result.moved }, 201);
  });

const moveItems = apiRoute({
  method: "post",
  path: "/move",
  operationId: "moveItems",
  tag: "Items",
  scope: "write",
  summary: "Place items on a touchpoint by hand",
  description: "Items and their rollup contributions move together; placement learns from it.",
  request: { body: jsonBody(ZMove) },
  responses: {
    200: jsonResponse(
      z.object({ touchpointId: z.string(), movedItems: z.number().int() }).openapi("ItemsMoved"),
      "Moved (items of other workspaces are ignored).",
    ),
  },
  errors: { 404: "No such touchpoint in this workspace, or its journey is archived or a future state." },
});

export const itemRoutes = apiRouter().openapi(moveItems, async (c) => {
  const { itemIds, touchpointId } = c.req.valid("json");
  const moved = await placement.moveItems(c.get("db"), c.get("auth").workspaceId, itemIds, touchpointId, actor(c));
  if (moved === null)
    throw new ApiError(
      "not_found",
      "No such touchpoint in this workspace, or its journey is archived or a future state.",
    );
  return c.json({ touchpointId, movedItems: moved }, 200);
});

const NO_RULE = "No such rule in this workspace.";
const NO_TOUCHPOINT = "touchpointId: no such touchpoint in this workspace";
const RuleParams = idParams("rule", "rul");

const listRules = apiRoute({
  method: "get",
  path: "/",
  operationId: "listTouchpointRules",
  tag: "Touchpoint rules",
  scope: "read",
  summary: "List placement rules",
  responses: { 200: jsonResponse(z.object({ data: z.array(ZRuleView) }), "The rules in priority order.") },
});
const createRule = apiRoute({
  method: "post",
  path: "/",
  operationId: "createTouchpointRule",
  tag: "Touchpoint rules",
  scope: "write",
  summary: "Create a placement rule",
  description: "New items are placed by it at once; the last 90 days' unassigned items at the next re-clustering.",
  request: { body: jsonBody(ZRule) },
  responses: { 201: jsonResponse(ZRuleView, "Created.") },
  errors: { 400: "Invalid input, or no such touchpoint in this workspace." },
});
const updateRule = apiRoute({
  method: "patch",
  path: "/{id}",
  operationId: "updateTouchpointRule",
  tag: "Touchpoint rules",
  scope: "write",
  summary: "Change a placement rule",
  request: { params: RuleParams, body: jsonBody(ZPatchRule) },
  responses: { 200: jsonResponse(ZRuleView, "The changed rule.") },
  errors: { 400: "Invalid input, or no such touchpoint in this workspace.", 404: NO_RULE },
});
const deleteRule = apiRoute({
  method: "delete",
  path: "/{id}",
  operationId: "deleteTouchpointRule",
  tag: "Touchpoint rules",
  scope: "write",
  summary: "Delete a placement rule",
  request: { params: RuleParams },
  responses: { 204: { description: "Deleted." } },
  errors: { 404: NO_RULE },
});

export const ruleRoutes = apiRouter()
  .openapi(listRules, async (c) => {
    return c.json({ data: await placement.listRules(c.get("db"), c.get("auth").workspaceId) }, 200);
  })
  .openapi(createRule, async (c) => {
    const created = await placement.createRule(c.get("db"), c.get("auth").workspaceId, c.req.valid("json"), actor(c));
    if (!created) throw new ApiError("bad_request", NO_TOUCHPOINT);
    return c.json(created, 201);
  })
  .openapi(updateRule, async (c) => {
    const updated = await placement.updateRule(
      c.get("db"),
      c.get("auth").workspaceId,
      c.req.valid("param").id,
      c.req.valid("json"),
      actor(c),
    );
    if (updated === null) throw new ApiError("bad_request", NO_TOUCHPOINT);
    if (!updated) throw new ApiError("not_found", NO_RULE);
    return c.json(updated, 200);
  })
  .openapi(deleteRule, async (c) => {
    if (!(await placement.deleteRule(c.get("db"), c.get("auth").workspaceId, c.req.valid("param").id, actor(c))))
      throw new ApiError("not_found", NO_RULE);
    return c.body(null, 204);
  });
