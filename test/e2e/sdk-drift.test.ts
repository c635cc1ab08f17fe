/**
 * The checked-in Go and Python SDKs are what the generator (sdk/generate, Pulumi's own code
 * generators) makes from the checked-in schemas: regenerated into a temporary folder, compared
 * file by file. Regenerate with `npm run sdk`.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../helpers/pulumi";

const execFileAsync = promisify(execFile);
// On a fresh machine the first run compiles Pulumi's code generators: minutes, once.
jest.setTimeout(900_000);

/** Every file under a folder, relative to it, skipping what builds and installs leave there. */
function files(root: string, dir = ""): string[] {
    return readdirSync(path.join(root, dir)).flatMap((name) => {
        const rel = path.join(dir, name);
        if (/\.egg-info$|^__pycache__$|^build$|^dist$/.test(name)) return [];
        return statSync(path.join(root, rel)).isDirectory() ? files(root, rel) : [rel];
    });
}

test("go run ./sdk/generate reproduces sdk/go and sdk/python", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "tuxcare-fluxark-sdk-"));
    try {
        const schemas = ["tuxcare", "fluxark"].map((p) => path.join(REPO_ROOT, "schema", `${p}.json`));
        await execFileAsync("go", ["run", ".", "-out", out, ...schemas], {
            cwd: path.join(REPO_ROOT, "sdk", "generate"),
            env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod", GONOSUMDB: "github.com/pulumi/pulumi" },
            maxBuffer: 16 * 1024 * 1024,
        });
        for (const sub of ["go/tuxcare", "go/fluxark", "python/tuxcare", "python/fluxark"]) {
            const generated = files(path.join(out, sub)).sort();
            expect(generated.length).toBeGreaterThan(5);
            expect(files(path.join(REPO_ROOT, "sdk", sub)).sort()).toEqual(generated);
            for (const f of generated)
                expect([sub, f, readFileSync(path.join(REPO_ROOT, "sdk", sub, f), "utf8")]).toEqual([
                    sub,
                    f,
                    readFileSync(path.join(out, sub, f), "utf8"),
                ]);
        }
    } finally {
        rmSync(out, { recursive: true, force: true });
    }
});
