/**
 * `/api/v1/themes`, `/api/v1/items` and `/api/v1/touchpoint-rules`: curating what analysis found. Rename, pin (with
 * keywords per language), merge and split recurring issues; move items to another touchpoint by hand; manage the
 * rules that place items; re-cluster now instead of waiting for the schedule.
 * @module
 */
import { newId } from "@firebreak/core";
import { placement, reclusterWorkspace, themes } from "@firebreak/db";
import { Hono } from "hono";
import { z } from "zod";
import { workspaceEmbedder } from "../ai.ts";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { requireToken } from "../middleware/auth.ts";
import { validate } from "../validator.ts";

const ZId = z.string().min(1).max(64);
const ZParams = z.object({ id: ZId });
const ZLanguage = z.union([z.string().regex(/^[a-z]{2}$/), z.literal("*")]);
const ZKeywords = z.record(ZLanguage, z.array(z.string().trim().min(2).max(80)).max(30));

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
  );
const ZMerge = z.object({ into: ZId });
const ZSplit = z.object({ itemIds: z.array(ZId).min(1).max(500), label: z.string().trim().min(1).max(120) });
const ZMove = z.object({ itemIds: z.array(ZId).min(1).max(500), touchpointId: ZId });
const ZListThemes = z.object({ all: z.enum(["true", "false"]).optional() });

const ZRule = z.object({
  touchpointId: ZId,
  priority: z.number().int().min(0).max(100_000).default(100),
  kind: z.enum(["source", "tag", "question", "keyword", "channel"]),
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .nullable()
    .default(null),
  match: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
  enabled: z.boolean().default(true),
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
  .refine((patch) => Object.keys(patch).length > 0, { message: "nothing to change" });

const actor = (c: { get(key: "auth"): { tokenId: string }; get(key: "options"): { now(): number } }) => ({
  actor: `token:${c.get("auth").tokenId}`,
  now: c.get("options").now(),
});

const NO_THEME = "No such theme in this workspace.";

export const themeRoutes = new Hono<AppContext>()
  .get("/", requireToken("read"), validate("query", ZListThemes), async (c) => {
    const rows = await themes.list(c.get("db"), c.get("auth").workspaceId, {
      all: c.req.valid("query").all === "true",
    });
    return c.json({ data: rows.map(themes.toView) });
  })
  .post("/recluster", requireToken("write"), async (c) => {
    const { workspaceId } = c.get("auth");
    const db = c.get("db");
    const summary = await reclusterWorkspace(db, workspaceId, {
      now: c.get("options").now(),
      embedder: await workspaceEmbedder(db, c.env, workspaceId),
    });
    return c.json(summary);
  })
  .get("/:id", requireToken("read"), validate("param", ZParams), async (c) => {
    const theme = await themes.get(c.get("db"), c.get("auth").workspaceId, c.req.valid("param").id);
    if (!theme) throw new ApiError("not_found", NO_THEME);
    return c.json(themes.toView(theme));
  })
  .patch("/:id", requireToken("write"), validate("param", ZParams), validate("json", ZPatchTheme), async (c) => {
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
    return c.json(themes.toView(updated));
  })
  .post("/:id/merge", requireToken("write"), validate("param", ZParams), validate("json", ZMerge), async (c) => {
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
    return c.json({ merged: c.req.valid("param").id, into: c.req.valid("json").into, movedItems: result.moved });
  })
  .post("/:id/split", requireToken("write"), validate("param", ZParams), validate("json", ZSplit), async (c) => {
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

export const itemRoutes = new Hono<AppContext>().post(
  "/move",
  requireToken("write"),
  validate("json", ZMove),
  async (c) => {
    const { itemIds, touchpointId } = c.req.valid("json");
    const moved = await placement.moveItems(c.get("db"), c.get("auth").workspaceId, itemIds, touchpointId, actor(c));
    if (moved === null)
      throw new ApiError(
        "not_found",
        "No such touchpoint in this workspace, or its journey is archived or a future state.",
      );
    return c.json({ touchpointId, movedItems: moved });
  },
);

const NO_RULE = "No such rule in this workspace.";
const NO_TOUCHPOINT = "touchpointId: no such touchpoint in this workspace";

export const ruleRoutes = new Hono<AppContext>()
  .get("/", requireToken("read"), async (c) => {
    return c.json({ data: await placement.listRules(c.get("db"), c.get("auth").workspaceId) });
  })
  .post("/", requireToken("write"), validate("json", ZRule), async (c) => {
    const created = await placement.createRule(c.get("db"), c.get("auth").workspaceId, c.req.valid("json"), actor(c));
    if (!created) throw new ApiError("bad_request", NO_TOUCHPOINT);
    return c.json(created, 201);
  })
  .patch("/:id", requireToken("write"), validate("param", ZParams), validate("json", ZPatchRule), async (c) => {
    const updated = await placement.updateRule(
      c.get("db"),
      c.get("auth").workspaceId,
      c.req.valid("param").id,
      c.req.valid("json"),
      actor(c),
    );
    if (updated === null) throw new ApiError("bad_request", NO_TOUCHPOINT);
    if (!updated) throw new ApiError("not_found", NO_RULE);
    return c.json(updated);
  })
  .delete("/:id", requireToken("write"), validate("param", ZParams), async (c) => {
    if (!(await placement.deleteRule(c.get("db"), c.get("auth").workspaceId, c.req.valid("param").id, actor(c))))
      throw new ApiError("not_found", NO_RULE);
    return c.body(null, 204);
  });
