import { RETENTION_LIMITS, ZRetention } from "@firebreak/core/privacy";
import { type ErasureCounts, type ErasurePreview, erase, preview } from "@firebreak/db/pipelines/erasure";
import * as audit from "@firebreak/db/queries/audit";
import * as workspaces from "@firebreak/db/queries/workspaces";
import { dbFrom } from "$lib/server/db";
import { formAction, refuse } from "$lib/server/form-action";
import { NO_KEY, secretsKeyOf, ZEraseCustomer, ZFindCustomer } from "$lib/server/privacy";
import { requireRole } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

/** Personal data is the owners' business: every action here takes the owner role. */
const OWNER = { role: "owner" } as const;

/** The audit entries this page lists as its history. */
const PRIVACY_ACTIONS = ["customer.erased", "customer.exported", "workspace.retention_updated"];

export const load: PageServerLoad = async ({ platform }) => {
  const db = dbFrom(platform);
  const { workspace } = requireRole("owner");
  const [retention, history] = await Promise.all([
    workspaces.retention(db, workspace.id),
    audit.latest(db, workspace.id, PRIVACY_ACTIONS, 10),
  ]);
  return {
    workspace,
    retention: retention ?? { rawPayloadDays: 30, itemDays: 730 },
    limits: RETENTION_LIMITS,
    canLookUp: secretsKeyOf(platform) !== undefined,
    history: history.map((entry) => ({
      id: entry.id,
      action: entry.action,
      actor: entry.actor,
      at: entry.createdAt,
      details: entry.details,
    })),
  };
};

const NOT_FOUND =
  "No customer in this workspace matches that. Identifiers are compared exactly, as your tools sent them.";

/** A customer found, with what erasing them would delete: the confirmation step. */
interface Found {
  done: string;
  found: { by: string; value: string; preview: ErasurePreview };
}

interface Erased {
  done: string;
  erased: ErasureCounts;
}

export const actions = {
  find: formAction<ReturnType<typeof ZFindCustomer.parse>, Found>(
    ZFindCustomer,
    async (db, workspaceId, selector, _by, { platform }) => {
      const secretsKey = secretsKeyOf(platform);
      if (!secretsKey) return refuse(503, NO_KEY);
      const counted = await preview(db, workspaceId, selector, secretsKey);
      if (!counted) return refuse(404, NOT_FOUND);
      return { done: "Found.", found: { by: selector.kind, value: selector.value, preview: counted } };
    },
    OWNER,
  ),
  erase: formAction<ReturnType<typeof ZEraseCustomer.parse>, Erased>(
    ZEraseCustomer,
    async (db, workspaceId, { confirm: _, ...selector }, by, { platform }) => {
      const secretsKey = secretsKeyOf(platform);
      if (!secretsKey) return refuse(503, NO_KEY);
      const result = await erase(db, workspaceId, selector, { ...by, secretsKey });
      if (!result.ok) return refuse(404, NOT_FOUND);
      const { items, rawPayloads } = result.counts;
      return {
        done: `Erased: ${items} feedback ${items === 1 ? "item" : "items"} and ${rawPayloads} raw ${rawPayloads === 1 ? "payload" : "payloads"} deleted, the map recounted.`,
        erased: result.counts,
      };
    },
    OWNER,
  ),
  retention: formAction(
    ZRetention,
    async (db, workspaceId, retention, by) =>
      (await workspaces.setRetention(db, workspaceId, retention, by))
        ? `Saved: raw payloads are kept ${retention.rawPayloadDays} days and feedback ${retention.itemDays} days.`
        : refuse(404, "There is no workspace yet."),
    OWNER,
  ),
} satisfies Actions;
