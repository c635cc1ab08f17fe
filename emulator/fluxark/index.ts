/** Every FluxArk Management API area, mounted under the installation's `/api`. */
import type { Route } from "../http";
import type { FluxarkContext } from "./common";
import { serverRoutes } from "./servers";
import { userRoutes } from "./users";

const under = (prefix: string, routes: Route[]): Route[] => routes.map((r) => ({ ...r, pattern: prefix + r.pattern }));

export function fluxarkRoutes(ctx: FluxarkContext): Route[] {
    return [...under("/api/servers", serverRoutes(ctx)), ...under("/api/users", userRoutes(ctx))];
}
