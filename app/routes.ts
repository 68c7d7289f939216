import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/index.tsx"),
  route("projects", "routes/projects.tsx"),
  route("projects/new", "routes/projects.new.tsx"),
  route("projects/:projectId", "routes/project.tsx", [
    index("routes/project.home.tsx"),
    route("team", "routes/project.team.tsx"),
    route("phases/:phaseId", "routes/project.phase.tsx"),
    route("phases/:phaseId/steps/:stepId", "routes/project.step.tsx"),
  ]),
  route("preferences", "routes/preferences.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
