/**
 * The root middleware: reads the session, then enforces ROUTE_ACCESS for
 * the route being requested before any loader or action runs.
 */
import { data, redirect, type MiddlewareFunction } from "react-router";
import { and, eq, sql } from "drizzle-orm";
import { ARCHIVED_PERMISSIONS, can, requirementFor, routeKey, type Requirement } from "#app/access.ts";
import { authContext, type Auth } from "#app/context.ts";
import { getDb, preparedOnce } from "#db/client.ts";
import { memberships, projects } from "#db/schema.ts";
import { positiveId } from "#app/http.server.ts";
import { SESSION_COOKIE, readCookie, userForToken } from "./auth.server.ts";

export function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  const back = url.pathname.replace(/\.data$/, "") + url.search;
  throw redirect(`/login?returnTo=${encodeURIComponent(back)}`);
}

const membership = preparedOnce((db) =>
  db
    .select({ role: memberships.role, archivedAt: projects.archivedAt })
    .from(memberships)
    .innerJoin(projects, eq(projects.id, memberships.projectId))
    .where(and(eq(memberships.projectId, sql.placeholder("projectId")), eq(memberships.userId, sql.placeholder("userId"))))
    .prepare(),
);

export function roleIn(projectId: number, userId: number, db = getDb()) {
  return membership(db).get({ projectId, userId })?.role ?? null;
}

async function intentOf(request: Request): Promise<string | null> {
  try {
    const form = await request.clone().formData();
    const v = form.get("intent");
    return typeof v === "string" ? v : null;
  } catch {
    return null;
  }
}

function check(requirement: Requirement, auth: Auth, request: Request, params: Record<string, string | undefined>, writes: boolean): Auth {
  if (requirement === "public") return auth;
  if (!auth.user) loginRedirect(request);
  if (requirement === "signed-in") return auth;
  if (requirement === "admin") {
    if (!auth.user.isAdmin) throw data({ error: "errors.forbidden" }, { status: 403 });
    return auth;
  }
  const id = positiveId.safeParse(params.projectId);
  const member = id.success ? membership(getDb()).get({ projectId: id.data, userId: auth.user.id }) : undefined;
  const role = member?.role ?? null;
  // Not a member (or no such project): the same 404, so names do not leak.
  if (!role) throw data({ error: "errors.projectNotFound" }, { status: 404 });
  if (!can(role, requirement.project)) throw data({ error: "errors.forbidden" }, { status: 403 });
  // An archived project is read-only (decision 047): every action on it that is not reading it, taking
  // it away or restoring it is refused here, before any route's action runs — whichever route it is.
  if (writes && member?.archivedAt && !ARCHIVED_PERMISSIONS.includes(requirement.project)) {
    throw data({ error: "errors.projectArchived" }, { status: 409 });
  }
  return { ...auth, role };
}

/**
 * The outermost middleware: nothing the app answers may be kept by a browser
 * or a proxy — pages, their data (`.data`), downloads, refusals and redirects
 * all go out with `Cache-Control: no-store`, so a shared computer's back
 * button or a company proxy does not keep a project after sign-out. It wraps
 * the access check, so an answer the check throws gets it too. Static files
 * (express, server.js) keep their own caching. No ETag is sent, so nothing
 * is revalidated either; the page memo is the server's own (decision 018).
 */
export const noStoreMiddleware: MiddlewareFunction<Response> = async (_args, next) => {
  const response = await next();
  if (!/\bno-store\b/i.test(response.headers.get("Cache-Control") ?? "")) response.headers.set("Cache-Control", "no-store");
  return response;
};

export const accessMiddleware: MiddlewareFunction<Response> = async ({ request, params, context, pattern }, next) => {
  const session = userForToken(getDb(), readCookie(request, SESSION_COOKIE));
  let auth: Auth = { user: session?.user ?? null, sessionId: session?.sessionId ?? null, role: null };
  const method = request.method.toUpperCase();
  const intent = method === "GET" || method === "HEAD" ? null : await intentOf(request);
  const key = routeKey(pattern);
  const found = requirementFor(key, method, intent);
  if (!found) {
    console.error(`access: no entry in ROUTE_ACCESS for ${key}; refused`);
    throw data({ error: "errors.notFound" }, { status: 404 });
  }
  auth = check(found.requirement, auth, request, params, method !== "GET" && method !== "HEAD");
  if (found.refuse) throw data({ error: found.refuse === 405 ? "errors.methodNotAllowed" : "errors.badForm" }, { status: found.refuse });
  context.set(authContext, auth);
  const response = await next();
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "same-origin");
  response.headers.set("X-Frame-Options", "DENY");
  return response;
};
