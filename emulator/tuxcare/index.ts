/** Every TuxCare portal API area, mounted under the portal's `/api` root. */
import type { Route } from "../http";
import type { TuxcareContext } from "./common";
import { elsRoutes } from "./els";
import { groupRoutes } from "./group";
import { iplRoutes } from "./ipl";
import { kcareRoutes } from "./kcare";

function under(prefix: string, routes: Route[]): Route[] {
    return routes.map((r) => ({ ...r, pattern: prefix + r.pattern }));
}

export function tuxcareRoutes(ctx: TuxcareContext): Route[] {
    return [...under("/els", elsRoutes(ctx)), ...under("/ipl", iplRoutes(ctx)), ...under("/kcare", kcareRoutes(ctx)), ...under("/group", groupRoutes(ctx))];
}
