/**
 * Posts to one of the page's form actions from script (a drag, a key press, an undo), as `use:enhance` would.
 * @module
 */
import type { ActionResult } from "@sveltejs/kit";
import { deserialize } from "$app/forms";

/** Calls `?/action` of the current page with `fields`; the action's result. */
export async function postAction(action: string, fields: Record<string, string | number>): Promise<ActionResult> {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.set(key, String(value));
  const response = await fetch(`?/${action}`, { method: "POST", body, headers: { "x-sveltekit-action": "true" } });
  return deserialize(await response.text());
}
