import { exportCustomer } from "@firebreak/db/pipelines/customer-export";
import { dbFrom } from "$lib/server/db";
import {
  ApiError,
  assertSameOrigin,
  methodNotAllowed,
  parseWith,
  requestIdOf,
  toErrorResponse,
} from "$lib/server/http";
import { NO_KEY, secretsKeyOf, ZFindCustomer } from "$lib/server/privacy";
import { requireRoleForApi } from "$lib/server/workspace";
import type { RequestHandler } from "./$types";

/**
 * A customer's export as a JSON download, posted by the privacy page's "Download export" form (a plain form post, so
 * the browser saves the answer as a file). Bad input and unknown customers answer in the API's error shape.
 */
export const POST: RequestHandler = async ({ request, url, platform }) => {
  const requestId = requestIdOf(request);
  try {
    assertSameOrigin(request, url);
    const body = await request.formData().catch(() => {
      throw new ApiError("unsupported_media_type", "Send the form as application/x-www-form-urlencoded.");
    });
    const form = Object.fromEntries([...body].filter(([, v]) => typeof v === "string"));
    const selector = parseWith(ZFindCustomer, form, "form");
    const secretsKey = secretsKeyOf(platform);
    if (!secretsKey) throw new ApiError("service_unavailable", NO_KEY);
    const { workspace, userId } = requireRoleForApi("owner");
    const db = dbFrom(platform);
    const now = Date.now();
    const result = await exportCustomer(db, workspace.id, selector, {
      actor: `user:${userId}`,
      now,
      secretsKey,
    });
    if (!result.ok) throw new ApiError("not_found", "No such customer in this workspace.");
    return Response.json(result.data, {
      headers: {
        "content-disposition": `attachment; filename="customer-export-${now}.json"`,
        "cache-control": "no-store",
        "x-request-id": requestId,
      },
    });
  } catch (error) {
    return toErrorResponse(error, requestId);
  }
};

export const fallback = methodNotAllowed;
