import { fail, redirect } from "@sveltejs/kit";
import { z } from "zod";
import { callAuth } from "$lib/server/auth-call";
import { readForm } from "$lib/server/form-action";
import { createWorkspace } from "$lib/server/workspaces";
import type { Actions, PageServerLoad } from "./$types";

const ZSignUp = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(80),
  email: z.email("Enter a valid email address."),
  password: z.string().min(10, "Use at least 10 characters for the password.").max(128),
  workspace: z.string().trim().min(1, "Name your workspace.").max(80),
});

export const load: PageServerLoad = ({ locals }) => {
  if (locals.user) redirect(303, "/");
};

export const actions: Actions = {
  default: async (event) => {
    const form = Object.fromEntries(await readForm(event.request));
    const values = {
      name: String(form.name ?? ""),
      email: String(form.email ?? ""),
      workspace: String(form.workspace ?? ""),
    };
    const parsed = ZSignUp.safeParse(form);
    if (!parsed.success) return fail(400, { message: parsed.error.issues[0]?.message ?? "Invalid form.", values });
    const { name, email, password, workspace } = parsed.data;
    const result = await callAuth(event, "/sign-up/email", { name, email, password });
    if (!result.ok) return fail(result.status === 429 ? 429 : 400, { message: result.message, values });
    const user = result.body.user as { id: string };
    await createWorkspace(event, user.id, workspace);
    redirect(303, "/journeys");
  },
};
