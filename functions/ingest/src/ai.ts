/**
 * The optional Workers AI pass. It runs only where both sides opted in: the Worker has an `AI` binding (deploy
 * config only; local dev and CI have none) and the workspace has `ai_enabled`. It never sees raw text: it works on
 * what the local pipeline already redacted, and whatever it cannot do, the local result stands for.
 * @module
 */
import { type AiBinding, type AnalysisContext, type Embedder, refineWithAi, workersAiBackend } from "@firebreak/core";
import { type Db, type items, workspaces } from "@firebreak/db";

interface WorkspaceItems {
  workspaceId: string;
  items: items.ItemToWrite[];
}

/**
 * Refines the batch's analysed items in place, one model pass per AI-enabled workspace: unthemed items are placed
 * by their embedding (when the workspace's themes were built on the same model) and English sentiment is blended in.
 * A failure keeps the local analysis and is logged in one line; it never fails the batch.
 */
export async function refineBatchWithAi(
  ai: AiBinding | undefined,
  groups: Iterable<WorkspaceItems>,
  contexts: ReadonlyMap<string, AnalysisContext | undefined>,
): Promise<void> {
  if (!ai) return;
  const byWorkspace = new Map<string, items.ItemToWrite[]>();
  for (const group of groups) {
    if (!contexts.get(group.workspaceId)?.aiEnabled) continue;
    byWorkspace.set(group.workspaceId, [...(byWorkspace.get(group.workspaceId) ?? []), ...group.items]);
  }
  const backend = workersAiBackend(ai);
  for (const [workspaceId, batch] of byWorkspace) {
    try {
      const context = contexts.get(workspaceId);
      const refined = await refineWithAi(
        batch.map((item) => item.analyzed),
        backend,
        context?.embeddedThemes,
      );
      batch.forEach((item, i) => {
        item.analyzed = refined.items[i] ?? item.analyzed;
      });
      if (refined.errors.length > 0) logFallback(workspaceId, batch.length, refined.errors);
    } catch (error) {
      logFallback(workspaceId, batch.length, [error]);
    }
  }
}

function logFallback(workspaceId: string, items: number, errors: readonly unknown[]) {
  console.warn(
    JSON.stringify({
      level: "warn",
      message: "workers-ai: kept the local analysis",
      workspaceId,
      items,
      errors: errors.map((e) => (e instanceof Error ? e.message : String(e))),
    }),
  );
}

/** The embedder re-clustering should use for `workspaceId`: Workers AI when bound and enabled there, else none. */
export async function workspaceEmbedder(
  db: Db,
  env: Pick<Env, "AI">,
  workspaceId: string,
): Promise<Embedder | undefined> {
  if (!env.AI) return undefined;
  const workspace = await workspaces.get(db, workspaceId);
  return workspace?.aiEnabled ? workersAiBackend(env.AI).embedder : undefined;
}
