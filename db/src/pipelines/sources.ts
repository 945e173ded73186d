/**
 * Connecting, changing and re-keying sources, shared by the ingest API and the web app so both encrypt, audit and
 * answer alike.
 * @module
 */
import { chooseSecret, encryptSecret, isConnectable, newId } from "@firebreak/core";
import { describeProblem, validateMapping } from "@firebreak/core/providers/generic-json/index";
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

/** Why a change to a source did not happen. */
export type Refusal = { ok: false; problem: "bad_request" | "not_found"; message: string };

/** A source with its secret in plain text: the one time it is shown. */
export type WithSecret = { ok: true; source: sources.SourceRow; secret: string } | Refusal;

/** A changed source. */
export type SourceChange = { ok: true; source: sources.SourceRow } | Refusal;

const NO_SUCH_SOURCE: Refusal = { ok: false, problem: "not_found", message: "No such source in this workspace." };

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
  if (!existing) return NO_SUCH_SOURCE;
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
  if (!rotated) return NO_SUCH_SOURCE;
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

/** The fields of a change, as the audit log names them; values are left out (settings may be sensitive). */
const AUDITED_FIELDS = ["name", "journeyId", "defaultTouchpointId", "settings", "fieldMapping"] as const;

/**
 * Changes a source (the REST API's PATCH and the web app's settings, pause and resume forms), after checking that the
 * journey and default touchpoint it names are the workspace's own and that a generic JSON mapping is usable. Pausing
 * and resuming are audited as such; any other change as `source.updated` with the names of the fields that changed.
 */
export async function change(
  db: Db,
  workspaceId: string,
  id: string,
  patch: sources.SourcePatch,
  by: SourceActor,
): Promise<SourceChange> {
  const existing = await sources.get(db, workspaceId, id);
  if (!existing) return NO_SUCH_SOURCE;
  const problem = await checkPatch(db, workspaceId, existing, patch);
  if (problem) return { ok: false, problem: "bad_request", message: problem };
  const updated = await sources.update(db, workspaceId, id, patch);
  if (!updated) return NO_SUCH_SOURCE;
  const entry = { workspaceId, actor: by.actor, targetType: "source", targetId: id, at: by.now };
  const fields = AUDITED_FIELDS.filter(
    (field) => patch[field] !== undefined && JSON.stringify(patch[field]) !== JSON.stringify(existing[field]),
  );
  const entries = [
    ...(fields.length > 0 ? [audit.entry(db, { ...entry, action: "source.updated", details: { fields } })] : []),
    ...(patch.status && patch.status !== existing.status
      ? [audit.entry(db, { ...entry, action: patch.status === "paused" ? "source.paused" : "source.resumed" })]
      : []),
  ];
  const [first, ...rest] = entries;
  if (first) await db.batch([first, ...rest]);
  return { ok: true, source: updated };
}

async function checkPatch(
  db: Db,
  workspaceId: string,
  source: sources.SourceRow,
  patch: sources.SourcePatch,
): Promise<string | undefined> {
  const owned = await sources.ownsReferences(db, workspaceId, patch);
  if (!owned.journey) return "The journey is not one of this workspace's.";
  if (!owned.touchpoint) return "The default touchpoint is not in one of this workspace's current journeys.";
  if (patch.fieldMapping && source.provider === "generic-json") {
    const [mappingProblem] = validateMapping(patch.fieldMapping);
    if (mappingProblem) return `fieldMapping: ${describeProblem(mappingProblem)}`;
  }
  return undefined;
}
