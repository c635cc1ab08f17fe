/**
 * The Go side of the native packages: `go test` runs a Go program (the generated Go SDK, required
 * by its published module path through a local module proxy, and an Automation API inline
 * program) through the real engine against this emulator.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { goModuleSetup } from "../helpers/go-module";
import { languageEnv, printed } from "../helpers/language-env";

jest.setTimeout(900_000);
const env = languageEnv("go", { name: "go-imported", ip: "10.3.3.3" });

test("go test: a Go program creates, imports, refreshes, updates and destroys through the plugins", async () => {
    const go = await goModuleSetup(env.env.dir);
    const output = await printed(
        promisify(execFile)("go", ["test", "-count=1", "-v", "-run", "^TestNativeGo$", "."], {
            cwd: go.dir,
            env: { ...env.vars, ...go.vars },
            maxBuffer: 64 * 1024 * 1024,
        }),
    );
    expect(output).toMatch(/--- PASS: TestNativeGo/);
    expect(output).not.toMatch(/--- FAIL/);
    // The imported server was taken over, not copied, and destroy removed everything.
    expect(await env.env.admin.list("fluxarkServers")).toEqual([]);
});
