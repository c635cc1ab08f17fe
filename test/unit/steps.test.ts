/** The step chain of the e2e lifecycle files: after a step fails, or never finishes, each later step fails naming it, without running. */
import { stepChain } from "../helpers/steps";

test("a step that throws: the later ones fail naming it and do not run; the first failure keeps its own error", async () => {
    const run = stepChain();
    const ran: string[] = [];
    await run("up", () => void ran.push("up"));
    await expect(run("update", () => Promise.reject(new Error("update broke")))).rejects.toThrow("update broke");
    await expect(run("refresh", () => void ran.push("refresh"))).rejects.toThrow('skipped because step "update" failed');
    await expect(run("destroy", () => void ran.push("destroy"))).rejects.toThrow('skipped because step "update" failed');
    expect(ran).toEqual(["up"]);
});

test("a step still running when the next starts (jest's timeout) is named, even once it finishes late", async () => {
    const run = stepChain();
    let finish!: () => void;
    const late = run("up", () => new Promise<void>((resolve) => (finish = resolve)));
    await expect(run("update", () => undefined)).rejects.toThrow('skipped because step "up" failed');
    finish();
    await late;
    await expect(run("destroy", () => undefined)).rejects.toThrow('skipped because step "up" failed');
});

test("steps that pass run in order, each once", async () => {
    const run = stepChain();
    const ran: string[] = [];
    for (const name of ["up", "update", "destroy"]) await run(name, async () => void ran.push(name));
    expect(ran).toEqual(["up", "update", "destroy"]);
});
