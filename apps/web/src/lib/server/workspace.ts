/**
 * Which workspace a request sees. Until sign-in exists every request sees the demo workspace (`ws_demo`), or the
 * first one when there is no demo. This is the only place that decides it, so auth replaces just this module.
 * @module
 */
import type { Db } from "@firebreak/db/client";
import { findDefaultWorkspace } from "@firebreak/db/queries/map";

export interface CurrentWorkspace {
  id: string;
  name: string;
}

export const DEMO_WORKSPACE_ID = "ws_demo";

/** The workspace for this request, or `null` when the database has none yet. */
export function currentWorkspace(db: Db): Promise<CurrentWorkspace | null> {
  return findDefaultWorkspace(db, DEMO_WORKSPACE_ID);
}
