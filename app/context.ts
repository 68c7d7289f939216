/**
 * Request-scoped values set by the root middleware and read by loaders and
 * actions: who is signed in, and their role in the project of the URL.
 */
import { createContext } from "react-router";
import type { ProjectRole } from "./access.ts";
import type { SessionUser } from "./domain/auth.server.ts";

export type Auth = {
  user: SessionUser | null;
  sessionId: string | null;
  /** The user's role in the project of the URL (set for project routes only). */
  role: ProjectRole | null;
};

export const authContext = createContext<Auth>({ user: null, sessionId: null, role: null });

/** The client's address as the HTTP server saw it (for sign-in throttling). */
export const clientAddressContext = createContext<string>("unknown");

/**
 * Whether the client is on this computer (app/domain/client.server.ts). Only
 * the production server can tell; anywhere else (the development server) no
 * client is, so the published demo password is refused there too.
 */
export const clientIsLocalContext = createContext<boolean>(false);

/**
 * The path the HTTP server received, before React Router takes `.data` off a
 * data request's URL: the page memo answers documents only. Null where no
 * HTTP server set it (the development server): the memo is then not used.
 */
export const receivedPathContext = createContext<string | null>(null);
