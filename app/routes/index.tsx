import { redirect } from "react-router";
import { getDb } from "#db/client.ts";
import { adminExists } from "#app/domain/auth.server.ts";

/** A fresh installation starts at the set-up page; otherwise at the projects. */
export function loader() {
  return redirect(adminExists(getDb()) ? "/projects" : "/setup");
}
