import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { getDb } from "#db/client.ts";
import { clearSessionCookie, deleteSessionByToken, readCookie, SESSION_COOKIE } from "#app/domain/auth.server.ts";

/** Signing out is a POST: the session row is deleted, so the cookie opens nothing any more. */
export function action({ request }: Route.ActionArgs) {
  deleteSessionByToken(getDb(), readCookie(request, SESSION_COOKIE));
  return redirect("/login?notice=signed-out", { headers: { "Set-Cookie": clearSessionCookie(request) } });
}

/** State never changes on GET: opening /logout only goes home. */
export function loader() {
  return redirect("/");
}
