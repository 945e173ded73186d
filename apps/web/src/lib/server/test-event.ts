/**
 * "Send a test event": a sample delivery signed with the source's own secret (decrypted here, server-side only) and
 * posted to the ingest Worker's real webhook endpoint, so it is verified, deduplicated, queued and analysed like any
 * other delivery.
 * @module
 */
import { decryptSecret } from "@firebreak/core/crypto";
import { newId } from "@firebreak/core/ids";
import { getProvider } from "@firebreak/core/providers/index";
import type { Db } from "@firebreak/db/client";
import * as sources from "@firebreak/db/queries/sources";
import { type Problem, refuse } from "./form-action";
import { webhookUrl } from "./sources";

/** What the ingest endpoint answered. */
export interface TestEventResult {
  done: string;
  test: { status: number; deliveryId: string | null; message: string | null };
}

export async function sendTestEvent(
  db: Db,
  platform: App.Platform | undefined,
  workspaceId: string,
  sourceId: string,
  now: number,
): Promise<TestEventResult | Problem> {
  const source = await sources.get(db, workspaceId, sourceId);
  if (!source) return refuse(404, "This source no longer exists.");
  const build = getProvider(source.provider)?.testEvent;
  if (!build) return refuse(400, "Firebreak cannot sign a sample delivery for this provider.");
  const env = platform?.env;
  if (!env?.SECRETS_KEY || !env.INGEST) {
    return refuse(503, "Test events are not configured: the web app needs SECRETS_KEY and the INGEST binding.");
  }
  const secret = await decryptSecret(source.secretCiphertext, env.SECRETS_KEY);
  const event = await build({
    secret,
    now,
    webhookUrl: webhookUrl(env.INGEST_URL, source),
    settings: source.settings,
    fieldMapping: source.fieldMapping,
    nonce: newId("t", now),
  });
  let response: Response;
  try {
    response = await env.INGEST.fetch(
      new Request(event.url, { method: "POST", headers: event.headers, body: event.body }),
    );
  } catch {
    return refuse(502, "The ingest Worker did not answer. Is it running?");
  }
  const body = (await response.json().catch(() => null)) as {
    deliveryId?: string;
    error?: { message?: string };
  } | null;
  const test = {
    status: response.status,
    deliveryId: body?.deliveryId ?? null,
    message: body?.error?.message ?? null,
  };
  const done =
    response.status === 202
      ? "Test event accepted: it is in the delivery log below and is being analysed."
      : `The ingest endpoint answered HTTP ${response.status}${test.message ? `: ${test.message}` : ""}.`;
  return { done, test };
}
