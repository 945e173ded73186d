import * as members from "@firebreak/db/queries/members";
import { fail, redirect } from "@sveltejs/kit";
import { z } from "zod";
import { callAuth, safeNext } from "$lib/server/auth-call";
import { dbFrom } from "$lib/server/db";
import { DEMO_LOGIN } from "$lib/server/demo-login";
import { readForm } from "$lib/server/form-action";
import type { Actions, PageServerLoad } from "./$types";

const ZSignIn = z.object({
  email: z.email("Enter your email address."),
  password: z.string().min(1, "Enter your password.").max(128),
  next: z.string().optional(),
});

export const load: PageServerLoad = async ({ locals, url, platform }) => {
  const next = url.searchParams.get("next");
  if (locals.user) redirect(303, safeNext(next));
  // The local demo's login is shown only while its account exists (the seed makes it; a deployment never has it).
  const demo = (await members.hasAccount(dbFrom(platform), DEMO_LOGIN.email)) ? DEMO_LOGIN : null;
  return { next: next ?? "", demo };
};

export const actions: Actions = {
  default: async (event) => {
    const form = Object.fromEntries(await readForm(event.request));
    const parsed = ZSignIn.safeParse(form);
    const email = typeof form.email === "string" ? form.email : "";
    if (!parsed.success) return fail(400, { message: parsed.error.issues[0]?.message ?? "Invalid form.", email });
    const result = await callAuth(event, "/sign-in/email", {
      email: parsed.data.email,
      password: parsed.data.password,
    });
    if (!result.ok) return fail(result.status === 429 ? 429 : 400, { message: result.message, email });
    redirect(303, safeNext(parsed.data.next ?? null));
  },
};
