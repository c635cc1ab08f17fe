import { exampleReports } from "../helpers/report-examples";
import { REPORT_SCHEMA_VERSION, type Report } from "../../report/model";
import { renderReport } from "../../report/render";

describe("renderReport json", () => {
    it.each(Object.values(exampleReports) as Report[])("writes the $kind report as versioned JSON that reads back the same", (report) => {
        const text = renderReport(report, "json");
        const back = JSON.parse(text) as Report;
        expect(back).toEqual(report);
        expect(back.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
        expect(text.endsWith("\n")).toBe(true);
    });

    it("every example flag points at a row of its report", () => {
        for (const report of Object.values(exampleReports) as Report[]) {
            const tables: Record<string, { key: string }[]> =
                report.kind === "access"
                    ? {
                          access: report.rows,
                          users: report.users,
                          servers: report.servers,
                          remoteUsers: report.remoteUsers,
                          rules: report.rules,
                      }
                    : report.kind === "licenses"
                      ? { keys: report.rows, ipLicenses: report.ipLicenses, kcareStatus: report.kcareStatus, products: report.products }
                      : { changes: report.rows, unmodelled: report.unmodelled };
            for (const flag of report.flags) {
                if (flag.row) expect(tables[flag.row.table]?.map((r) => r.key)).toContain(flag.row.key);
            }
            const counts = { info: 0, warning: 0, critical: 0 };
            for (const flag of report.flags) counts[flag.severity]++;
            expect(report.summary.flags).toEqual(counts);
        }
    });
});
