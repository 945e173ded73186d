/**
 * Audit actors (`user:<id>`, `token:<id>`, `system…`) as people read them: a teammate's name, "API token", "Firebreak".
 * @module
 */
import type { Db } from "@firebreak/db/client";
import * as members from "@firebreak/db/queries/members";

const FIXED: Record<string, string> = {
  system: "Firebreak",
  "system:demo": "Demo setup",
  // Changes made before sign-in existed.
  "user:web": "Web app",
};

/** A label for each distinct actor given, looked up in one query. */
export async function actorLabels(db: Db, actors: Iterable<string | null>): Promise<Record<string, string>> {
  const distinct = [...new Set([...actors].filter((a): a is string => Boolean(a)))];
  const userIds = distinct.filter((a) => a.startsWith("user:") && !(a in FIXED)).map((a) => a.slice(5));
  const names = await members.namesOf(db, userIds);
  const labels: Record<string, string> = {};
  for (const actor of distinct) {
    labels[actor] =
      FIXED[actor] ??
      (actor.startsWith("user:") ? (names.get(actor.slice(5)) ?? "A former member") : null) ??
      (actor.startsWith("token:") ? "API token" : actor.startsWith("system") ? "Firebreak" : actor);
  }
  return labels;
}
