/**
 * The two APIs are independent (DESIGN.md): nothing under provider/tuxcare loads provider/fluxark
 * or the reverse, directly or through another module, and provider/core (shared by both) loads
 * neither. Read from the source: every import, export-from and require of the .ts files under
 * provider/, relative ones followed transitively (type-only imports count too).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");
const PROVIDER = join(ROOT, "provider");

function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return sourceFiles(path);
        return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
    });
}

const SPECIFIERS = [
    /\bimport\s+(?:type\s+)?[^;]*?\bfrom\s*["']([^"']+)["']/g,
    /\bexport\s+(?:type\s+)?[^;]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\b(?:require|import)\s*\(\s*["']([^"']+)["']\s*\)/g,
];

/** The files a module imports by relative path (package imports are outside the graph). */
function importsOf(file: string): string[] {
    const text = readFileSync(file, "utf8");
    const found = new Set<string>();
    for (const pattern of SPECIFIERS) for (const m of text.matchAll(pattern)) if (m[1]!.startsWith(".")) found.add(m[1]!);
    return [...found].map((spec) => {
        const base = resolve(dirname(file), spec);
        const target = [`${base}.ts`, join(base, "index.ts"), base].find((p) => existsSync(p) && statSync(p).isFile());
        if (!target) throw new Error(`${relative(ROOT, file)} imports ${spec}, which is not a file`);
        return target;
    });
}

const graph = new Map(sourceFiles(PROVIDER).map((f) => [f, importsOf(f)]));

/** Every chain of imports from `from` to a file under `forbidden`, as "a -> b -> c" (first one per target). */
function pathsInto(from: string, forbidden: string): string[] {
    const via = new Map<string, string[]>([[from, [from]]]);
    const queue = [from];
    const hits: string[] = [];
    while (queue.length > 0) {
        const file = queue.shift()!;
        for (const next of graph.get(file) ?? importsOf(file)) {
            if (via.has(next)) continue;
            const chain = [...via.get(file)!, next];
            via.set(next, chain);
            if (next.startsWith(`${forbidden}/`)) hits.push(chain.map((f) => relative(ROOT, f)).join(" -> "));
            else queue.push(next);
        }
    }
    return hits;
}

const under = (dir: string) => [...graph.keys()].filter((f) => f.startsWith(`${join(PROVIDER, dir)}/`));

describe("the provider's import graph", () => {
    test("is read: a resource file reaches core, and the catalog reaches both APIs", () => {
        expect(under("tuxcare").length).toBeGreaterThan(4);
        expect(under("fluxark").length).toBeGreaterThan(4);
        expect(pathsInto(join(PROVIDER, "tuxcare/els-key.ts"), join(PROVIDER, "core")).length).toBeGreaterThan(0);
        expect(pathsInto(join(PROVIDER, "catalog.ts"), join(PROVIDER, "tuxcare")).length).toBeGreaterThan(0);
        expect(pathsInto(join(PROVIDER, "catalog.ts"), join(PROVIDER, "fluxark")).length).toBeGreaterThan(0);
    });

    test.each([
        ["tuxcare", "fluxark"],
        ["fluxark", "tuxcare"],
        ["core", "tuxcare"],
        ["core", "fluxark"],
    ])("nothing under provider/%s reaches provider/%s", (from, to) => {
        expect(under(from).flatMap((f) => pathsInto(f, join(PROVIDER, to)))).toEqual([]);
    });
});
