import { redirect } from "@sveltejs/kit";
import { callAuth } from "$lib/server/auth-call";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = () => redirect(303, "/");

export const actions: Actions = {
  default: async (event) => {
    await callAuth(event, "/sign-out", {});
    redirect(303, "/login");
  },
};
