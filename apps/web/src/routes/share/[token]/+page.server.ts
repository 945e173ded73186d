import { isShareToken, lockedForMs, shareTokenHash, verifySharePassword } from "@firebreak/core/share";
import * as shareLinks from "@firebreak/db/queries/share-links";
import { getSharedJourney, getSharedSession } from "@firebreak/db/queries/share-view";
import { error, fail, redirect } from "@sveltejs/kit";
import { z } from "zod";
import { DEFAULT_RANGE_DAYS, lastDays, todayUtc } from "$lib/range";
import { dbFrom } from "$lib/server/db";
import { readForm } from "$lib/server/form-action";
import { GONE_MESSAGES, rememberUnlock, visit } from "$lib/server/share";
import type { Actions, PageServerLoad } from "./$types";

/**
 * A shared page loads no script: it is read, not worked in, and its password form posts as a plain form. So a
 * stakeholder's browser gets the HTML alone, without the page's data again for hydration (240 kB of a 960 kB map of
 * 80 touchpoints) or the app's modules, and the page runs nothing.
 */
export const csr = false;

/** What each kind of link shows; the one place each kind's read model is read. */
async function sharedContent(db: ReturnType<typeof dbFrom>, link: shareLinks.ViewedLink) {
  if (link.kind === "journey") {
    const range =
      link.rangeFrom && link.rangeTo
        ? { from: link.rangeFrom, to: link.rangeTo }
        : lastDays(DEFAULT_RANGE_DAYS, todayUtc());
    const journey = await getSharedJourney(db, link.workspaceId, link.targetId, range);
    return journey && { kind: "journey" as const, journey };
  }
  const session = await getSharedSession(db, link.workspaceId, link.targetId);
  return session && { kind: "session" as const, session };
}

export const load: PageServerLoad = async ({ params, url, cookies, platform, locals }) => {
  const db = dbFrom(platform);
  const embed = url.searchParams.get("embed") === "1";
  const found = await visit(db, params.token, cookies, platform?.env);
  if (found.state !== "shown" && found.state !== "password") {
    error(found.state === "unknown" ? 404 : 410, { message: GONE_MESSAGES[found.state] });
  }
  // Only a working link's own view may be framed, and only by the origins it lists (hooks.server.ts applies them).
  if (embed) locals.shareFrameOrigins = found.link.embedOrigins;
  if (found.state === "password") {
    return {
      embed,
      state: "password" as const,
      kind: found.link.kind,
      lockedMinutes: Math.ceil(found.lockedForMs / 60_000),
    };
  }
  const content = await sharedContent(db, found.link);
  if (!content) error(410, { message: GONE_MESSAGES.missing });
  return { embed, state: "shown" as const, content };
};

const ZUnlock = z.object({ password: z.string().min(1, "Enter the password.").max(200, "That password is too long.") });

export const actions = {
  /** The password of a protected link: checked in constant time, wrong ones counted and locking the link a while. */
  unlock: async ({ params, request, url, cookies, platform }) => {
    const db = dbFrom(platform);
    const link = isShareToken(params.token)
      ? await shareLinks.lookup(db, await shareTokenHash(params.token))
      : undefined;
    const now = Date.now();
    if (!link) return fail(404, { message: GONE_MESSAGES.unknown });
    if (link.revokedAt !== null) return fail(410, { message: GONE_MESSAGES.revoked });
    if (link.expiresAt <= now) return fail(410, { message: GONE_MESSAGES.expired });
    if (!link.passwordHash) redirect(303, url.pathname + url.search.replace(/[?&]\/unlock/, ""));
    const locked = lockedForMs(link, now);
    if (locked > 0) return fail(429, { message: lockedMessage(locked) });
    const parsed = ZUnlock.safeParse(Object.fromEntries(await readForm(request)));
    if (!parsed.success) return fail(400, { message: parsed.error.issues[0]?.message ?? "Enter the password." });
    if (!(await verifySharePassword(parsed.data.password, link.passwordHash))) {
      const lockedUntil = await shareLinks.failPassword(db, link.id, now);
      return lockedUntil
        ? fail(429, { message: lockedMessage(lockedUntil - now) })
        : fail(400, { message: "That password is not right. Check it with the person who shared the link." });
    }
    await shareLinks.clearPasswordFailures(db, link.id);
    await rememberUnlock(
      cookies,
      url,
      { id: link.id, passwordHash: link.passwordHash, expiresAt: link.expiresAt },
      platform?.env,
      now,
    );
    const embed = url.searchParams.get("embed") === "1" ? "?embed=1" : "";
    redirect(303, `${url.pathname}${embed}`);
  },
} satisfies Actions;

function lockedMessage(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return `Too many wrong passwords: this link accepts none for ${minutes} ${minutes === 1 ? "minute" : "minutes"}. Try again later.`;
}
