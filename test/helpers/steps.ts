/**
 * Tests that build on each other's state (a lifecycle on one stack: up, change, refresh, destroy).
 * Jest runs them in order and, after a failure, runs the later ones anyway, each failing for a
 * reason of its own that hides the first. Declared with `step`, a later test fails at once with
 * "skipped because step X failed", so one failure reads as one failure.
 */

/** The error of a step not run; without a stack, so jest prints the one line and no code frame of this file. */
function skipped(failed: string): Error {
    const error = new Error(`skipped because step "${failed}" failed: this step builds on its state`);
    error.stack = error.message;
    return error;
}

/** The order of steps: `run` does a step, or refuses it naming the earlier step that threw or never finished (timed out). */
export function stepChain(): (name: string, fn: () => unknown) => Promise<void> {
    let running: string | undefined;
    let failed: string | undefined;
    return async (name, fn) => {
        // Still running when the next step starts: jest gave up on it (its timeout).
        if (running !== undefined) failed ??= running;
        if (failed !== undefined) throw skipped(failed);
        running = name;
        try {
            await fn();
        } catch (e) {
            failed ??= name;
            throw e;
        } finally {
            if (running === name) running = undefined;
        }
    };
}

/** A `test` for the next step of this describe block (or file): `const step = steps();` then `step("up creates ...", async () => ...)`. */
export function steps(): (name: string, fn: () => unknown, timeout?: number) => void {
    const run = stepChain();
    return (name, fn, timeout) => test(name, () => run(name, fn), timeout);
}
