/** The access report's rules table shows the time left of each rule and grant, from the report's own time. */
import { accessReport } from "../../report/access";
import { reportView, timeLeft } from "../../report/view";
import type { FluxarkSnapshot } from "../../report/snapshot";

const NOW = Date.parse("2030-01-01T00:00:00Z");

test("time left: days and hours, hours and minutes, minutes; ended, never, unknown", () => {
    const at = new Date(NOW).toISOString();
    expect(timeLeft("2030-01-03T04:30:00.000Z", at)).toBe("2d 4h");
    expect(timeLeft("2030-01-01T04:30:00.000Z", at)).toBe("4h 30m");
    expect(timeLeft("2030-01-01T00:00:30.000Z", at)).toBe("1m");
    expect(timeLeft("2029-12-31T23:00:00.000Z", at)).toBe("ended");
    expect(timeLeft("never", at)).toBe("never");
    expect(timeLeft("unknown", at)).toBe("unknown");
});

test("the rules table has a time-left column per ACL rule and grant", () => {
    const fx: FluxarkSnapshot = {
        url: "https://fx.example",
        servers: [{ id: 1, name: "web-1", groups: ["web"], remoteUsers: [{ id: 10, username: "deploy" }] }],
        users: [
            {
                id: 1,
                username: "kim",
                active: true,
                groups: ["oncall"],
                acl: [
                    { aclId: 5, remoteUserId: 10, serverId: 1, expireTime: "2030-01-01 04:00:00" },
                    { aclId: 6, remoteUserId: 10, serverId: 1, expireTime: "" },
                ],
            },
        ],
        groups: [
            {
                id: 2,
                name: "oncall",
                expireTime: "",
                grants: [{ serverGroup: "web", username: "deploy", expireTime: "2030-01-02 12:00:00" }],
            },
        ],
    };
    const report = accessReport(fx, { now: NOW, expiringDays: 14, source: { kind: "snapshot", takenAt: new Date(NOW).toISOString() } });
    const rules = reportView(report).tables.find((t) => t.id === "rules")!;
    const column = rules.columns.find((c) => c.header === "time left")!;
    expect(Object.fromEntries(rules.rows.map((r) => [rules.rowKey(r), column.text(r)]))).toEqual({
        "acl:5": "4h 0m",
        "acl:6": "never",
        "grant:oncall:web": "1d 12h",
    });
});
