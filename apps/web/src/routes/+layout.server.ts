import type { LayoutServerLoad } from "./$types";

/** Who is signed in, in which workspace and as what: the header's account menu, and what pages may offer. */
export const load: LayoutServerLoad = ({ locals }) => ({
  viewer: locals.user
    ? {
        name: locals.user.name,
        email: locals.user.email,
        workspace: locals.membership?.workspace ?? null,
        role: locals.membership?.role ?? null,
      }
    : null,
});
