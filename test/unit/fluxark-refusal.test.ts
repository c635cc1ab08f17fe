/**
 * How the FluxArk client tells a refused key from a business error. The document shows no message
 * for a bad key and no status for it, so an installation's own wording on HTTP 200 must still read
 * as a refusal, and the document's business errors must not.
 */
import { refusalKind } from "../../provider/fluxark/client";

test.each([
    [200, "Invalid API key", "Auth"],
    [200, "Missing API key", "Auth"],
    [200, "Unauthorized", "Auth"],
    [200, "Authentication required", "Auth"],
    [200, "Authorization required", "Auth"],
    [200, "Missing permission: Users", "Permission"],
    [200, "You don't have the permissions to do the action", "Permission"],
    [401, undefined, "Auth"],
    [401, "Duplicate server name", "Auth"],
    [403, undefined, "Permission"],
    [403, "Missing permission: Servers", "Permission"],
    [403, "Invalid API key", "Auth"],
])("HTTP %s with %j is %s", (status, message, kind) => {
    expect(refusalKind(status, message)).toBe(kind);
});

test.each([
    "Duplicate server name",
    "Invalid authentication method",
    "Duplicate server name credential-store",
    "Missing user",
    "Missing server group",
    "A JSON object is required",
    "Invalid ip_addr",
    "Invalid ssh_key",
    "Missing user; [request: GET /api/users/9/acl args {} authorization: Basic k]",
])("the business error %j on HTTP 200 or 400 is no refusal", (message) => {
    expect([refusalKind(200, message), refusalKind(400, message)]).toEqual([undefined, undefined]);
});
