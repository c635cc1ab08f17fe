/** `npm run bench` runs on a fresh clone and prints its table (here at a tenth of the sizes). */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);

test("the benchmark runs and prints every figure", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, "dist/bench/run.js"), "--quick"], {
        maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).toMatch(/\| measurement +\| figure/);
    const ours = /refresh of \d+ objects: ours \(one list per kind\) +\| (\d+) requests/.exec(stdout);
    const naive = /refresh of \d+ objects: naive \(one list per resource\) +\| (\d+) requests/.exec(stdout);
    expect(Number(ours?.[1])).toBeLessThanOrEqual(10);
    expect(Number(naive?.[1])).toBeGreaterThan(Number(ours?.[1]));
    expect(stdout).toMatch(/__provider per resource \(largest\) +\| \d+ bytes/);
    expect(stdout).toMatch(/up of \d+ resources at 50 ms latency: ours +\| [\d.]+ s/);
    expect(stdout).toMatch(/provider process peak memory, up of \d+ resources: engine floor \(no-op\) +\| \d+ MB/);
    expect(stdout).toMatch(/provider process peak memory, up of \d+ resources: ours +\| \d+ MB/);
    expect(stdout).toMatch(/up of \d+ resources: native plugin +\| [\d.]+ s +\| [\d.]+x the floor/);
    expect(stdout).toMatch(/native plugin process peak memory, up of \d+ +\| \d+ MB/);
    // The access diff's rows: its time, and how it grew with the steps (a figure, not a timed assertion).
    expect(stdout).toMatch(/report diff of a [\d.]+ MiB preview, 500 steps +\| [\d.]+ s +\| \d+ access changes/);
    expect(stdout).toMatch(
        /report diff of a [\d.]+ MiB preview, 1000 steps +\| [\d.]+ s +\| [\d.]+x the time of 500 steps \(2x the steps\)/,
    );
    const bytes = (label: string) => Number(new RegExp(`state bytes per resource: ${label} +\\| (\\d+) bytes`).exec(stdout)?.[1]);
    // No closure is stored per native resource: it writes less state than the dynamic one.
    expect(bytes("native ElsKey")).toBeGreaterThan(0);
    expect(bytes("native ElsKey")).toBeLessThan(bytes("dynamic ElsKey"));
});
