/**
 * Share links for the e2e tests, made and revoked through the app's own form actions as the demo owner (what the
 * Share control and the Sharing page post), and aged past their expiry in the run's local D1.
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
export async function createShareLink(fields: Record<string, string> = {}): Promise<MadeLink> {
  const { journeyId } = inject("credentials");
  const body = await postAction(`/journeys/${journeyId}?/share`, { label: "e2e link", expires: "30", ...fields });
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
export async function expireShareLink(id: string) {
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
      `UPDATE share_links SET expires_at = 1 WHERE id = '${id.replace(/[^a-z0-9_]/g, "")}'`,
    ],
    { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
}
