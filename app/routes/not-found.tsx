import { data } from "react-router";
import { ErrorPage } from "#app/root.tsx";

export function loader() {
  throw data({ error: "errors.notFound" }, { status: 404 });
}

export function action() {
  throw data({ error: "errors.notFound" }, { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary({ error }: { error: unknown }) {
  return <ErrorPage error={error} />;
}
