/**
 * The example GitOps workflow (examples/gitops/github-workflow.yml), read as GitHub reads it: each
 * job runs on its own events only, and the access request's form values never reach a script as
 * text pasted into it (an input like `"; curl ... #` would run), only as environment variables.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../../scripts/project-dir";

interface Step {
    run?: string;
    env?: Record<string, string>;
}
interface Workflow {
    on: { schedule: { cron: string }[]; workflow_dispatch: { inputs: Record<string, { required?: boolean }> } };
    jobs: Record<string, { if: string; steps: Step[] }>;
}
const workflow = parse(readFileSync(path.join(REPO_ROOT, "examples/gitops/github-workflow.yml"), "utf8")) as Workflow;

test("the request job runs on manual dispatch only, the sweep on its own schedule, the drift gate on the other", () => {
    const crons = workflow.on.schedule.map((s) => s.cron);
    expect(crons).toHaveLength(2);
    expect(workflow.jobs["access-request"]!.if).toBe("github.event_name == 'workflow_dispatch'");
    expect(workflow.jobs["access-sweep"]!.if).toBe(`github.event.schedule == '${crons[1]}'`);
    expect(workflow.jobs.drift!.if).toBe(`github.event_name == 'pull_request' || github.event.schedule == '${crons[0]}'`);
    expect(Object.keys(workflow.on.workflow_dispatch.inputs)).toEqual([
        "user",
        "server",
        "as",
        "for",
        "reason",
        "approved_by",
        "break_glass",
    ]);
});

test("no form value or event text is pasted into a script", () => {
    const scripts = Object.values(workflow.jobs).flatMap((j) => j.steps.map((s) => s.run ?? ""));
    for (const script of scripts)
        expect(script).not.toMatch(/\$\{\{\s*(inputs|github\.event\.(inputs|pull_request\.(title|body|head))|github\.head_ref)/);
    const request = workflow.jobs["access-request"]!.steps.find((s) => s.run?.includes("access request"))!;
    expect(request.env).toMatchObject({ IN_USER: "${{ inputs.user }}", IN_REASON: "${{ inputs.reason }}" });
    expect(request.run).toContain('--reason "$IN_REASON"');
    expect(request.run).toContain("--body pr-body.md");
});

test("the sweep removes ended entries with --write and opens a pull request only when the file changed", () => {
    const sweep = workflow.jobs["access-sweep"]!.steps.find((s) => s.run?.includes("access sweep"))!.run!;
    expect(sweep).toContain('access sweep --file "$ACCESS_FILE" --write');
    expect(sweep).toContain(`if git diff --quiet -- "$ACCESS_FILE"; then cat sweep.md; exit 0; fi`);
});
