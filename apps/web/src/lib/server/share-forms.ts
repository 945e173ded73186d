/**
 * Making and revoking share links from the web app's forms (the Share control on a journey map and on a review
 * session, `/settings/sharing`): the fields checked with the core's rules, the token made and shown once, only its
 * hash stored. One set of fields for every kind of link; a journey's adds which days it shows.
 * @module
 */
import {
  DEFAULT_SHARE_EXPIRY_DAYS,
  generateShareToken,
  hashSharePassword,
  parseEmbedOrigins,
  SHARE_EXPIRY_DAYS,
  type ShareKind,
  shareLinkStatus,
  ZSharePassword,
} from "@firebreak/core/share";
import type { Db } from "@firebreak/db/client";
import * as shareLinks from "@firebreak/db/queries/share-links";
import type { Actor } from "@firebreak/db/queries/themes";
import { z } from "zod";
import { daysBetween, MAX_RANGE_DAYS } from "$lib/range";
import { type ChangeOutcome, formAction, refuse } from "./form-action.ts";

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const EXPIRY_CHOICES = SHARE_EXPIRY_DAYS.map(String) as [string, ...string[]];

/** What every link asks: a label, an expiry, an optional password and the sites that may embed it. */
const ZShareFields = z.object({
  label: z.string().trim().max(80, "Keep the label under 80 characters.").default(""),
  expires: z.enum(EXPIRY_CHOICES, "Choose when the link expires.").default(String(DEFAULT_SHARE_EXPIRY_DAYS)),
  // An empty field means no password.
  password: z.preprocess((value) => (value === "" ? undefined : value), ZSharePassword.optional()),
  origins: z
    .string()
    .max(2000, "Keep the list of sites under 2,000 characters.")
    .default("")
    .transform((text, ctx) => {
      const parsed = parseEmbedOrigins(text);
      if (parsed.ok) return parsed.origins;
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }),
});

/** A journey map's link also says which days it shows. */
const ZCreateJourneyShare = ZShareFields.extend({
  /** `view`: the days on screen when the link was made; `rolling`: the 90 days up to each visit. */
  range: z.enum(["view", "rolling"], "Choose which days the link shows.").default("rolling"),
  from: z.string().regex(DAY).optional(),
  to: z.string().regex(DAY).optional(),
})
  .refine((input) => input.range === "rolling" || (input.from && input.to && input.from <= input.to), {
    message: "The map's range is missing; reload the map and share again.",
    path: ["range"],
  })
  .refine((input) => input.range === "rolling" || daysBetween(input.from ?? "", input.to ?? "") <= MAX_RANGE_DAYS, {
    message: `A shared range covers at most ${MAX_RANGE_DAYS} days.`,
    path: ["range"],
  });

/** The Share form's schema per kind of link: a review session's is frozen, so it has no days to choose. */
export const ZCreateShare = { journey: ZCreateJourneyShare, session: ZShareFields } as const;

export type CreateShareInput = z.infer<typeof ZShareFields> & Partial<z.infer<typeof ZCreateJourneyShare>>;

/** The new link, in this response only: the token is never stored or shown again. */
export interface SharedOnce {
  done: string;
  created: { id: string; label: string; url: string; embedUrl: string | null };
}

const NOT_FOUND: Record<ShareKind, string> = {
  journey: "That journey does not exist in your workspace.",
  session: "That review session does not exist in your workspace.",
};

/** Makes a link to a journey or session of the workspace; `origin` is the app's public origin, for the URL. */
export async function createShare(
  db: Db,
  workspaceId: string,
  target: { kind: ShareKind; id: string },
  input: CreateShareInput,
  by: Actor,
  origin: string,
): Promise<ChangeOutcome<SharedOnce>> {
  const { token, hash } = await generateShareToken();
  const outcome = await shareLinks.create(
    db,
    workspaceId,
    {
      kind: target.kind,
      targetId: target.id,
      label: input.label,
      tokenHash: hash,
      passwordHash: input.password ? await hashSharePassword(input.password) : null,
      embedOrigins: input.origins,
      expiresAt: by.now + Number(input.expires) * DAY_MS,
      range:
        target.kind === "journey" && input.range === "view" && input.from && input.to
          ? { from: input.from, to: input.to }
          : null,
    },
    by,
  );
  if (outcome === "target_not_found") return refuse(404, NOT_FOUND[target.kind]);
  if (outcome === "session_not_started")
    return refuse(409, "Start the session first: a draft's figures change until the meeting freezes them.");
  const url = `${origin}/share/${token}`;
  return {
    done: "Link created. Copy it now: it is shown only once.",
    created: {
      id: outcome.id,
      label: input.label,
      url,
      embedUrl: input.origins.length > 0 ? `${url}?embed=1` : null,
    },
  };
}

/**
 * The Share form's action on a page that shows one journey or session, its id the route parameter `param`.
 * @example export const actions = { share: shareAction("session", "sessionId") };
 */
export function shareAction(kind: ShareKind, param: "journeyId" | "sessionId") {
  const schema: z.ZodType<CreateShareInput> = ZCreateShare[kind];
  return formAction<CreateShareInput, SharedOnce>(schema, (db, workspaceId, input, by, event) =>
    createShare(
      db,
      workspaceId,
      { kind, id: event.params[param] ?? "" },
      input,
      by,
      publicOrigin(event.platform, event.url),
    ),
  );
}

export const ZRevokeShare = z.object({ id: z.string().min(1).max(64) });

/** Revokes a link of the workspace; its next view answers 410. */
export async function revokeShare(db: Db, workspaceId: string, id: string, by: Actor): Promise<ChangeOutcome> {
  const outcome = await shareLinks.revoke(db, workspaceId, id, by);
  if (outcome === "not_found") return refuse(404, "That link no longer exists.");
  if (outcome === "already_revoked") return refuse(409, "That link was already revoked.");
  return "Revoked: the link stops working at once.";
}

/** The revoke form's action, the same on every page that lists links. */
export const revokeShareAction = () =>
  formAction(ZRevokeShare, (db, workspaceId, { id }, by) => revokeShare(db, workspaceId, id, by));

/** A listed link as the pages show it, with its state now. */
export function shareRow(row: shareLinks.ListedShareLink, now = Date.now()) {
  return {
    id: row.id,
    kind: row.kind,
    targetId: row.targetId,
    targetName: row.targetName,
    label: row.label,
    hasPassword: row.hasPassword,
    embeddable: row.embedOrigins.length > 0,
    range: row.rangeFrom && row.rangeTo ? { from: row.rangeFrom, to: row.rangeTo } : null,
    viewCount: row.viewCount,
    lastViewedAt: row.lastViewedAt,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    createdBy: row.createdByName,
    status: shareLinkStatus(row, now),
  };
}

export type ShareRow = ReturnType<typeof shareRow>;

/** The app's public origin: `APP_URL` when set (behind a proxy), else the request's. */
export function publicOrigin(platform: App.Platform | undefined, url: URL): string {
  return platform?.env.APP_URL?.replace(/\/$/, "") ?? url.origin;
}
