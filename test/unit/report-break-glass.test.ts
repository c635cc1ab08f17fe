/** The access diff flags access that a rule or grant marked breakGlass adds or extends (the access file's program-side metadata). */
import { accessDiffReport } from "../../report/access-diff";
import type { Preview } from "../../report/preview";
import type { FluxarkSnapshot } from "../../report/snapshot";

const NOW = Date.parse("2030-01-01T00:00:00Z");
const fx: FluxarkSnapshot = {
    url: "https://fx.example",
    servers: [{ id: 1, name: "web-1", groups: ["web"], remoteUsers: [{ id: 10, username: "deploy" }] }],
    users: [
        { id: 1, username: "kim", active: true, groups: [], acl: [] },
        { id: 2, username: "lee", active: true, groups: ["oncall"], acl: [] },
    ],
    groups: [{ id: 3, name: "oncall", expireTime: "", grants: [] }],
};
const source = { kind: "snapshot" as const, takenAt: new Date(NOW).toISOString() };
const acl = (inputs: Record<string, unknown>): Preview => ({
    totalSteps: 1,
    steps: [
        {
            op: "create",
            urn: "urn:pulumi:s::p::pulumi-nodejs:dynamic/fluxark:FluxarkAcl::access:kim@web-1:deploy",
            type: "pulumi-nodejs:dynamic/fluxark:FluxarkAcl",
            kind: "FluxarkAcl",
            new: { inputs: { userId: 1, userServerId: 10, expireTime: "2030-01-01 04:00:00", ...inputs }, outputs: {} },
        },
    ],
});
const flagsOf = (p: Preview) =>
    accessDiffReport(fx, p, { now: NOW, source })
        .flags.filter((f) => f.code === "break-glass-access")
        .map((f) => [f.severity, f.row?.key, f.message]);

test("a break-glass rule's added access is flagged with its approver; an ordinary one is not", () => {
    expect(flagsOf(acl({ reason: "outage", requestedBy: "kim", approvedBy: "sam", breakGlass: true }))).toEqual([
        [
            "warning",
            "added:kim@web-1:deploy",
            "kim's access to web-1 as deploy (until 2030-01-01 04:00 UTC) is break-glass access, approved by sam: review it after the fact",
        ],
    ]);
    expect(flagsOf(acl({ reason: "hotfix", requestedBy: "kim" }))).toEqual([]);
});

test("a break-glass grant flags the access its server group gives the group's members", () => {
    const grants = (breakGlass: boolean) => [
        {
            serverGroup: "web",
            username: "deploy",
            expireTime: "2030-01-02 00:00:00",
            reason: "incident",
            requestedBy: "lee",
            approvedBy: "sam",
            ...(breakGlass ? { breakGlass } : {}),
        },
    ];
    const preview = (breakGlass: boolean): Preview => ({
        totalSteps: 1,
        steps: [
            {
                op: "update",
                urn: "urn:pulumi:s::p::pulumi-nodejs:dynamic/fluxark:UserGroup::oncall",
                type: "pulumi-nodejs:dynamic/fluxark:UserGroup",
                kind: "UserGroup",
                old: { id: "3", inputs: { name: "oncall", grants: [] }, outputs: { groupId: 3 } },
                new: { id: "3", inputs: { name: "oncall", grants: grants(breakGlass) }, outputs: { groupId: 3 } },
            },
        ],
    });
    expect(flagsOf(preview(true)).map(([, key]) => key)).toEqual(["added:lee@web-1:deploy"]);
    expect(flagsOf(preview(false))).toEqual([]);
});
