/** Every TuxCare portal API area, mounted under the portal's `/api` root. */
import type { Route } from "../http";
import type { EmulatedTuxcare } from "./common";
import { elsRoutes } from "./els";
import { groupRoutes } from "./group";
import { iplRoutes } from "./ipl";
import { kcareRoutes } from "./kcare";

function under(prefix: string, routes: Route[]): Route[] {
    return routes.map((r) => ({ ...r, pattern: prefix + r.pattern }));
}

export function tuxcareRoutes(api: EmulatedTuxcare): Route[] {
    return [
        ...under("/els", elsRoutes(api)),
        ...under("/ipl", iplRoutes(api)),
        ...under("/kcare", kcareRoutes(api)),
        ...under("/group", groupRoutes(api)),
    ];
}
