/**
 * The README is a landing page that links the pages under docs/, and the pages (and the examples'
 * READMEs) link each other and the repository's files: every relative link must name a file that exists, and every `#anchor`
 * a heading of the page it points to (as GitHub makes anchors from headings).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../helpers/pulumi";

const PAGES = [
    "README.md",
    ...readdirSync(path.join(REPO_ROOT, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`),
];
const EXAMPLE_READMES = readdirSync(path.join(REPO_ROOT, "examples"))
    .map((d) => `examples/${d}/README.md`)
    .filter((f) => existsSync(path.join(REPO_ROOT, f)));

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes; repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
    const anchors = new Set<string>();
    const seen = new Map<string, number>();
    let fenced = false;
    for (const line of markdown.split("\n")) {
        if (line.startsWith("```")) fenced = !fenced;
        const heading = fenced ? null : /^#{1,6} (.+)$/.exec(line);
        if (!heading) continue;
        const slug = heading[1]!
            .trim()
            .toLowerCase()
            .replace(/[^\p{L}\p{N}\s_-]/gu, "")
            .replace(/\s/g, "-");
        const n = seen.get(slug) ?? 0;
        seen.set(slug, n + 1);
        anchors.add(n === 0 ? slug : `${slug}-${n}`);
    }
    return anchors;
}

/** The targets of a page's Markdown links, outside code blocks and code spans. */
function linksOf(markdown: string): string[] {
    const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
    return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

test("the README links the docs pages (a landing page, not a manual)", () => {
    const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const linked = new Set(linksOf(readme).map((l) => l.split("#")[0]));
    for (const page of PAGES.filter((p) => p.startsWith("docs/"))) expect([page, linked.has(page)]).toEqual([page, true]);
});

test.each([...PAGES, ...EXAMPLE_READMES])("%s: every relative link names a file that exists, every anchor a heading", (page) => {
    const dir = path.dirname(path.join(REPO_ROOT, page));
    const broken: string[] = [];
    for (const link of linksOf(readFileSync(path.join(REPO_ROOT, page), "utf8"))) {
        if (/^[a-z]+:/i.test(link)) continue;
        const [file, anchor] = link.split("#") as [string, string | undefined];
        const target = file === "" ? path.join(REPO_ROOT, page) : path.resolve(dir, file);
        if (!existsSync(target)) {
            broken.push(`${link}: no such file`);
            continue;
        }
        if (anchor !== undefined && target.endsWith(".md") && !anchorsOf(readFileSync(target, "utf8")).has(anchor))
            broken.push(`${link}: no such heading`);
    }
    expect(broken).toEqual([]);
});
