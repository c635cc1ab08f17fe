import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { UsageError } from "../../cli/args";
import { DEFAULT_MAX_INPUT_MB, maxInputMb, readInputFile } from "../../cli/input-file";

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), "input-cap-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the report command's input files are capped", () => {
    test("a file over the cap is refused before it is read, naming the option, the size, the cap and the flag", () => {
        const file = path.join(dir, "preview.json");
        writeFileSync(file, "x".repeat(3 * 1024 * 1024));
        const refusal = () => readInputFile(file, "preview", 2);
        expect(refusal).toThrow(UsageError);
        expect(refusal).toThrow(`--preview ${file}: 3.0 MiB, over the 2 MiB limit on input files; --max-input-mb N raises the limit`);
    });

    test("a file within the cap is read whole; the default cap is 64 MiB", () => {
        const file = path.join(dir, "small.json");
        writeFileSync(file, '{"steps": []}');
        expect(readInputFile(file, "preview", 0.001)).toBe('{"steps": []}');
        expect(readInputFile(file, "stack")).toBe('{"steps": []}');
        expect(DEFAULT_MAX_INPUT_MB).toBe(64);
        expect(maxInputMb(undefined)).toBe(64);
    });

    test("a missing file or a folder is named too", () => {
        expect(() => readInputFile(path.join(dir, "missing.json"), "snapshot")).toThrow(
            /--snapshot .*missing\.json: cannot be read \(no such file\)/,
        );
        expect(() => readInputFile(dir, "stack")).toThrow(/cannot be read \(a folder, not a file\)/);
    });

    test.each(["0", "-1", "lots", "", "5000"])("--max-input-mb %j is refused", (raw) => {
        expect(() => maxInputMb(raw)).toThrow(/--max-input-mb must be a number of MiB above 0 and at most 4096/);
    });

    test("--max-input-mb takes whole and fractional MiB", () => {
        expect(maxInputMb("256")).toBe(256);
        expect(maxInputMb(" 0.5 ")).toBe(0.5);
    });
});
