/** Every FluxArk Management API area, mounted under the installation's `/api`. */
import type { EmuResponse, Route } from "../http";
import type { EmulatedFluxark } from "./common";
import { serverRoutes } from "./servers";
import { userRoutes } from "./users";

const under = (prefix: string, routes: Route[]): Route[] => routes.map((r) => ({ ...r, pattern: prefix + r.pattern }));

/**
 * The status an answer goes out with. The document names one status, 403 for a missing permission,
 * and shows its error body without any: so a business error (a missing or duplicate object, a bad
 * field) goes out as HTTP 200 with that body, unless the emulator is set to send the 400/404 the
 * handlers name. Credential refusals are answered before the handler (`refuseApiKey` in common.ts)
 * and never pass here.
 */
function withDocumentedStatus(api: EmulatedFluxark, r: EmuResponse): EmuResponse {
    if (api.errorStatus || r.status < 400) return r;
    return { ...r, status: 200 };
}

export function fluxarkRoutes(api: EmulatedFluxark): Route[] {
    const routes = [...under("/api/servers", serverRoutes(api)), ...under("/api/users", userRoutes(api))];
    return routes.map((r) => ({ ...r, handler: async (req) => withDocumentedStatus(api, await r.handler(req)) }));
}
