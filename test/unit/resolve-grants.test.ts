import { GRANT_SET_OUTSIDE, NEVER_EXPIRES, resolveGrants, type Grant } from "../../provider/fluxark/user-group";

// What a declared grant becomes against the grants already applied (state): FluxArk's own fields
// resolved, and the program-side access metadata (reason, requestedBy, approvedBy, breakGlass) kept.
const metadata = { reason: "INC-42 on-call", requestedBy: "kim", approvedBy: "lee", breakGlass: true };

describe("resolveGrants", () => {
    test("a grant made outside Pulumi, declared bare, stays as FluxArk holds it and keeps the program's metadata", () => {
        const applied: Grant[] = [{ serverGroup: "prod", username: GRANT_SET_OUTSIDE }];
        const { grants, failures } = resolveGrants([{ serverGroup: "prod", username: undefined, ...metadata }], applied);
        expect(failures).toEqual([]);
        expect(grants).toEqual([{ serverGroup: "prod", username: GRANT_SET_OUTSIDE, ...metadata }]);
        expect(Object.keys(grants[0]!)).not.toContain("expireTime");
    });

    test("a grant declared in full keeps its metadata, with no expiry key when none is declared", () => {
        const { grants, failures } = resolveGrants([{ serverGroup: "web", username: "deploy", ...metadata }], []);
        expect(failures).toEqual([]);
        expect(grants).toEqual([{ serverGroup: "web", username: "deploy", ...metadata }]);
        expect(Object.keys(grants[0]!)).not.toContain("expireTime");
    });

    test('"never" over an applied grant with no expiry keeps the applied spelling, metadata included', () => {
        const applied: Grant[] = [{ serverGroup: "web", username: "deploy" }];
        const { grants } = resolveGrants(
            [{ serverGroup: "web", username: "deploy", expireTime: NEVER_EXPIRES, reason: "standing access" }],
            applied,
        );
        expect(grants).toEqual([{ serverGroup: "web", username: "deploy", reason: "standing access" }]);
    });

    test("half a declaration over a grant made outside Pulumi is refused, naming the unset field", () => {
        const applied: Grant[] = [{ serverGroup: "prod", username: GRANT_SET_OUTSIDE }];
        const { failures } = resolveGrants([{ serverGroup: "prod", username: "deploy", ...metadata }], applied);
        expect(failures.map((f) => f.property)).toEqual(["grants[0].expireTime"]);
    });
});
