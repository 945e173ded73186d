/**
 * Connecting, changing and re-keying sources, shared by the ingest API and the web app so both encrypt, audit and
 * answer alike.
 * @module
 */
import { chooseSecret, encryptSecret, isConnectable, newId } from "@firebreak/core";
import type { Db } from "../client.ts";
import * as audit from "../queries/audit.ts";
import * as sources from "../queries/sources.ts";

/** Who changes a source, and when: `user:<id>`, `token:<id>`. */
export interface SourceActor {
  actor: string;
  now: number;
}

export interface ConnectInput {
  provider: string;
  name: string;
  journeyId?: string | null;
  defaultTouchpointId?: string | null;
  /** The provider's secret, pasted; omitted where Firebreak issues it. */
  secret?: string;
  settings?: Record<string, string | number | boolean>;
  fieldMapping?: Record<string, string> | null;
}

/** A source with its secret in plain text: the one time it is shown. */
export type WithSecret =
  | { ok: true; source: sources.SourceRow; secret: string }
  | { ok: false; problem: "bad_request" | "not_found"; message: string };

/** Creates a source with an encrypted secret and audits it; the plain secret is returned this once. */
export async function connect(
  db: Db,
  workspaceId: string,
  input: ConnectInput,
  secretsKey: string,
  by: SourceActor,
): Promise<WithSecret> {
  if (!isConnectable(input.provider)) return { ok: false, problem: "bad_request", message: "unknown provider" };
  const choice = chooseSecret(input.provider, input.secret);
  if (!choice.ok) return { ok: false, problem: "bad_request", message: `secret: ${choice.message}` };
  const id = newId("src", by.now);
  const source = await sources.create(db, {
    id,
    workspaceId,
    provider: input.provider,
    name: input.name,
    journeyId: input.journeyId ?? null,
    defaultTouchpointId: input.defaultTouchpointId ?? null,
    secretCiphertext: await encryptSecret(choice.secret, secretsKey),
    secretHint: choice.secret.slice(-4),
    settings: input.settings ?? {},
    fieldMapping: input.fieldMapping ?? null,
    createdAt: by.now,
  });
  await audit.entry(db, {
    workspaceId,
    actor: by.actor,
    action: "source.created",
    targetType: "source",
    targetId: id,
    at: by.now,
  });
  return { ok: true, source, secret: choice.secret };
}

/**
 * Replaces a source's secret (a fresh one, or the one pasted) and audits it. The old secret stops verifying at once:
 * the version bump reaches every isolate's cached source on its next delivery.
 */
export async function rotateSecret(
  db: Db,
  workspaceId: string,
  id: string,
  supplied: string | undefined,
  secretsKey: string,
  by: SourceActor,
): Promise<WithSecret> {
  const existing = await sources.get(db, workspaceId, id);
  if (!existing) return { ok: false, problem: "not_found", message: "No such source in this workspace." };
  const choice = chooseSecret(existing.provider, supplied);
  if (!choice.ok) return { ok: false, problem: "bad_request", message: `secret: ${choice.message}` };
  const rotated = await sources.rotateSecret(
    db,
    workspaceId,
    id,
    await encryptSecret(choice.secret, secretsKey),
    choice.secret.slice(-4),
    by.now,
  );
  if (!rotated) return { ok: false, problem: "not_found", message: "No such source in this workspace." };
  await audit.entry(db, {
    workspaceId,
    actor: by.actor,
    action: "source.secret_rotated",
    targetType: "source",
    targetId: id,
    at: by.now,
  });
  return { ok: true, source: rotated, secret: choice.secret };
}

/** Changes a source; pausing and resuming are audited. `undefined` when there is no such source. */
export async function change(db: Db, workspaceId: string, id: string, patch: sources.SourcePatch, by: SourceActor) {
  const updated = await sources.update(db, workspaceId, id, patch);
  if (updated && patch.status) {
    await audit.entry(db, {
      workspaceId,
      actor: by.actor,
      action: patch.status === "paused" ? "source.paused" : "source.resumed",
      targetType: "source",
      targetId: id,
      at: by.now,
    });
  }
  return updated;
}
