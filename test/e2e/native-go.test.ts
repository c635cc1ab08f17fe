/**
 * The Go side of the native packages: `go test` in test/go runs a Go program (the generated Go
 * SDK, an Automation API inline program) through the real engine against this emulator.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { languageEnv, printed } from "../helpers/language-env";
import { REPO_ROOT } from "../helpers/pulumi";

jest.setTimeout(900_000);
const env = languageEnv("go", { name: "go-imported", ip: "10.3.3.3" });

test("go test: a Go program creates, imports, refreshes, updates and destroys through the plugins", async () => {
    const vars = { ...env.vars, GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod", GONOSUMDB: "github.com/pulumi/pulumi" };
    const output = await printed(promisify(execFile)("go", ["test", "-count=1", "-v", "./..."], { cwd: path.join(REPO_ROOT, "test", "go"), env: vars, maxBuffer: 64 * 1024 * 1024 }));
    expect(output).toMatch(/--- PASS: TestNativeGo/);
    expect(output).not.toMatch(/--- FAIL/);
    // The imported server was taken over, not copied, and destroy removed everything.
    expect(await env.env.admin.list("fluxarkServers")).toEqual([]);
});
