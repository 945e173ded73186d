/**
 * Share links for the e2e tests, made and revoked through the app's own form actions as the demo owner (what the
 * Share control and the Sharing page post), and aged past their expiry in the run's local D1; and the removal of a
 * review session a test started, so the review suite still finds the demo's history as seeded.
 */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { expect, inject } from "vitest";
import { sessionHeaders } from "./browser.ts";

const ROOT = resolve(import.meta.dirname, "../..");

/** Posts a form action as an enhanced form would, and returns the raw answer (`{ type, status, data }`). */
async function postAction(path: string, fields: Record<string, string>) {
  const webUrl = inject("webUrl");
  const res = await fetch(`${webUrl}${path}`, {
    method: "POST",
    headers: sessionHeaders({
      origin: webUrl,
      accept: "application/json",
      "x-sveltekit-action": "true",
      "content-type": "application/x-www-form-urlencoded",
    }),
    body: new URLSearchParams(fields),
  });
  return res.text();
}

export interface MadeLink {
  id: string;
  token: string;
  url: string;
}

/** A link to the demo journey, made with the map's Share form fields. */
export function createShareLink(fields: Record<string, string> = {}): Promise<MadeLink> {
  return shareFrom(`/journeys/${inject("credentials").journeyId}`, fields);
}

/** A link to a started review session, made with the session page's Share form fields. */
export function createSessionShareLink(sessionId: string, fields: Record<string, string> = {}): Promise<MadeLink> {
  return shareFrom(`/reviews/${encodeURIComponent(sessionId)}`, fields);
}

/** A closed (so started) review session: the demo's seeded one, unless a suite closed a later one. */
export async function closedSessionId(): Promise<string> {
  const list = await (await fetch(`${inject("webUrl")}/reviews`, { headers: sessionHeaders() })).text();
  const row = list.split('data-testid="review-row"').find((chunk, index) => index > 0 && />\s*Closed\s*</.test(chunk));
  const id = decodeURIComponent(/href="\/reviews\/(rvw_[^"?]+)"/.exec(row ?? "")?.[1] ?? "");
  expect(id).toMatch(/^rvw_/);
  return id;
}

async function shareFrom(page: string, fields: Record<string, string>): Promise<MadeLink> {
  const body = await postAction(`${page}?/share`, { label: "e2e link", expires: "30", ...fields });
  const token = /\/share\/(fbs_[A-Za-z0-9_-]{43})/.exec(body)?.[1];
  const id = /(shr_[0-9a-z]{26})/.exec(body)?.[1];
  expect(token && id, body).toBeTruthy();
  return { id: id as string, token: token as string, url: `${inject("webUrl")}/share/${token}` };
}

/** Revokes a link on the Sharing page. */
export async function revokeShareLink(id: string) {
  const body = await postAction("/settings/sharing?/revoke", { id });
  expect(JSON.parse(body).type, body).toBe("success");
}

/** Moves a link's expiry into the past, straight in the run's local D1 (no form makes an expired link). */
export function expireShareLink(id: string) {
  return d1(`UPDATE share_links SET expires_at = 1 WHERE id = '${id.replace(/[^a-z0-9_]/g, "")}'`);
}

/**
 * Deletes a review session a test made, with its agenda and action items (no form deletes one): the next session's
 * "previous session" and carried-over items are the demo's again, whichever suite runs next.
 */
export function deleteReviewSession(id: string) {
  const safe = id.replace(/[^a-z0-9_]/g, "");
  return d1(
    `DELETE FROM action_items WHERE session_id = '${safe}'; DELETE FROM agenda_items WHERE session_id = '${safe}'; DELETE FROM review_sessions WHERE id = '${safe}'`,
  );
}

/** One SQL command on the run's local D1. */
async function d1(command: string) {
  await promisify(execFile)(
    resolve(ROOT, "node_modules/.bin/wrangler"),
    [
      "d1",
      "execute",
      "firebreak",
      "--local",
      "--persist-to",
      resolve(ROOT, ".wrangler/e2e-state"),
      "--command",
      command,
    ],
    { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
}
