/**
 * The form actions people take on alerts, shared by the inbox and an alert's page: acknowledge (someone is on it) and
 * resolve by hand. Editors and owners act; each change is audited by `alerts.act`.
 * @module
 */
import * as alerts from "@firebreak/db/queries/alerts";
import { z } from "zod";
import { formAction, refuse } from "./form-action.ts";

const ZAlertId = z.object({ id: z.string().min(1).max(64) });

const act = (action: "acknowledge" | "resolve", done: string, gone: string) =>
  formAction(ZAlertId, async (db, workspaceId, { id }, by) => {
    const changed = await alerts.act(db, workspaceId, [id], action, by.actor, by.now);
    return changed === 1 ? done : refuse(409, gone);
  });

export const alertActions = {
  acknowledge: act(
    "acknowledge",
    "Acknowledged: it stays here until its condition clears, and opens again if it gets worse.",
    "That alert is no longer open: someone acknowledged or resolved it already.",
  ),
  resolve: act(
    "resolve",
    "Resolved. If its condition still holds, the next evaluation opens a new alert.",
    "That alert is already resolved.",
  ),
};
