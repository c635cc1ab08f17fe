/**
 * The breaking-change check of the native packages' schemas against the last released ones
 * (schema/released/v<version>/<package>.json, copied there at each release): what would break a
 * program or a stack written against the release. Removed resources, functions, types, config
 * settings, inputs or outputs; a type change; an input or a function argument becoming required; an
 * output no longer always set; a property gaining replaceOnChanges (an update becomes a replacement).
 * Additions are not breaking. `node dist/scripts/schema-compat.js` prints the breaks and fails on
 * any, unless the version was raised for them (the major, or the minor below 1.0); a unit test
 * runs it on the checked-in schemas.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PACKAGES } from "../provider/tokens";
import { REPO_ROOT } from "./project-dir";

type Json = Record<string, unknown>;
interface ObjectSpec {
    properties?: Record<string, Json>;
    required?: string[];
    inputProperties?: Record<string, Json>;
    requiredInputs?: string[];
    replaceOnChanges?: string[];
}
interface FunctionSpec {
    inputs?: ObjectSpec;
    outputs?: ObjectSpec;
}
export interface PackageSchema {
    name: string;
    version: string;
    resources?: Record<string, ObjectSpec>;
    functions?: Record<string, FunctionSpec>;
    types?: Record<string, ObjectSpec>;
    config?: { variables?: Record<string, Json> };
}

export const RELEASED_DIR = path.join(REPO_ROOT, "schema", "released");

/** A property's type, without what does not change its shape (descriptions, defaults, secrecy). */
function shape(spec: Json | undefined): string {
    if (!spec) return "";
    const keep = ["type", "items", "additionalProperties", "$ref", "oneOf"];
    const strip = (v: unknown): unknown =>
        Array.isArray(v)
            ? v.map(strip)
            : v && typeof v === "object"
              ? Object.fromEntries(
                    Object.entries(v)
                        .filter(([k]) => keep.includes(k))
                        .map(([k, x]) => [k, strip(x)]),
                )
              : v;
    return JSON.stringify(strip(spec));
}

const missing = <T>(before: Record<string, T> | undefined, after: Record<string, T> | undefined) =>
    Object.keys(before ?? {}).filter((k) => !(k in (after ?? {})));
const gained = (before: string[] | undefined, after: string[] | undefined) => (after ?? []).filter((k) => !(before ?? []).includes(k));

/** Breaks between two property maps: removed, or of another type. */
function propertyBreaks(
    where: string,
    what: string,
    before: Record<string, Json> | undefined,
    after: Record<string, Json> | undefined,
): string[] {
    const breaks = missing(before, after).map((p) => `${where}: ${what} "${p}" was removed`);
    for (const [p, spec] of Object.entries(before ?? {})) {
        const now = after?.[p];
        if (now && shape(spec) !== shape(now)) breaks.push(`${where}: ${what} "${p}" changed type from ${shape(spec)} to ${shape(now)}`);
    }
    return breaks;
}

function objectBreaks(where: string, before: ObjectSpec, after: ObjectSpec): string[] {
    return [
        ...propertyBreaks(where, "input", before.inputProperties, after.inputProperties),
        ...propertyBreaks(where, "output", before.properties, after.properties),
        ...gained(before.requiredInputs, after.requiredInputs).map((p) => `${where}: input "${p}" became required`),
        ...(before.required ?? [])
            .filter((p) => after.properties?.[p] && !(after.required ?? []).includes(p))
            .map((p) => `${where}: output "${p}" is no longer always set`),
        ...gained(before.replaceOnChanges, after.replaceOnChanges).map((p) => `${where}: a change of "${p}" now replaces the resource`),
    ];
}

export function breakingChanges(before: PackageSchema, after: PackageSchema): string[] {
    const breaks: string[] = [];
    for (const [token, spec] of Object.entries(before.resources ?? {})) {
        const now = after.resources?.[token];
        breaks.push(...(now ? objectBreaks(`resource ${token}`, spec, now) : [`resource ${token} was removed`]));
    }
    for (const [token, spec] of Object.entries(before.functions ?? {})) {
        const now = after.functions?.[token];
        if (!now) {
            breaks.push(`function ${token} was removed`);
            continue;
        }
        breaks.push(...propertyBreaks(`function ${token}`, "argument", spec.inputs?.properties, now.inputs?.properties));
        breaks.push(
            ...gained(spec.inputs?.required, now.inputs?.required).map((p) => `function ${token}: argument "${p}" became required`),
        );
        breaks.push(...propertyBreaks(`function ${token}`, "result", spec.outputs?.properties, now.outputs?.properties));
    }
    for (const [token, spec] of Object.entries(before.types ?? {})) {
        const now = after.types?.[token];
        if (!now) {
            breaks.push(`type ${token} was removed`);
            continue;
        }
        breaks.push(...propertyBreaks(`type ${token}`, "property", spec.properties, now.properties));
        breaks.push(...gained(spec.required, now.required).map((p) => `type ${token}: property "${p}" became required`));
    }
    breaks.push(...propertyBreaks(`config of ${before.name}`, "setting", before.config?.variables, after.config?.variables));
    return breaks;
}

/** Whether the version says it may break what `released` promised: a new major (a new minor below 1.0). */
export function breakAnnounced(released: string, current: string): boolean {
    const [rMajor = 0, rMinor = 0] = released.split(".").map(Number);
    const [cMajor = 0, cMinor = 0] = current.split(".").map(Number);
    return cMajor > rMajor || (rMajor === 0 && cMajor === 0 && cMinor > rMinor);
}

/** The newest released version kept in schema/released/. */
export function lastRelease(dir = RELEASED_DIR): string | undefined {
    if (!existsSync(dir)) return undefined;
    const versions = readdirSync(dir)
        .filter((d) => /^v\d+\.\d+\.\d+$/.test(d))
        .map((d) => d.slice(1));
    const key = (v: string) => v.split(".").map(Number);
    return versions
        .sort((a, b) => {
            const [x, y] = [key(a), key(b)];
            return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
        })
        .pop();
}

const read = (file: string) => JSON.parse(readFileSync(file, "utf8")) as PackageSchema;

/** The check's findings for every package: breaks, and whether the version allows them. */
export function checkAgainstRelease(
    schemaDir = path.join(REPO_ROOT, "schema"),
    releasedDir = RELEASED_DIR,
): { released?: string; breaks: string[]; allowed: boolean } {
    const released = lastRelease(releasedDir);
    if (!released) return { breaks: [], allowed: true };
    const breaks = PACKAGES.flatMap((pkg) => {
        const file = path.join(releasedDir, `v${released}`, `${pkg}.json`);
        return existsSync(file) ? breakingChanges(read(file), read(path.join(schemaDir, `${pkg}.json`))) : [];
    });
    const current = read(path.join(schemaDir, `${PACKAGES[0]}.json`)).version;
    return { released, breaks, allowed: breaks.length === 0 || breakAnnounced(released, current) };
}

if (require.main === module) {
    const { released, breaks, allowed } = checkAgainstRelease();
    for (const b of breaks) process.stdout.write(`${b}\n`);
    if (!allowed) {
        process.stderr.write(
            `${breaks.length} breaking change(s) against the released v${released} schemas: keep compatibility, or raise the version (and say so in CHANGELOG.md)\n`,
        );
        process.exit(1);
    }
    process.stdout.write(`schemas compatible with v${released ?? "(none released)"}\n`);
}
