/** Turns @pulumi/policy's view of a resource into the rules' facts (see facts.ts). */
import type { PolicyResource } from "@pulumi/policy";
import { resourceTypeOf } from "../provider/tokens";
import { UNKNOWN, type ResourceFacts } from "./facts";

// The error the proxy throws on an unknown; @pulumi/policy marks it internal, so its types omit it.
const { UnknownValueError } = require("@pulumi/policy/proxy") as { UnknownValueError: new () => Error };

/**
 * A copy of `value` without @pulumi/policy's proxy: reading an unknown through it throws, which
 * would abort the whole rule with a "can't run during preview" note. Here an unknown is `UNKNOWN`,
 * and each rule decides what it can still tell.
 */
export function plain(value: unknown): unknown {
    if (typeof value !== "object" || value === null) return value;
    const read = (key: string | number): unknown => {
        try {
            return plain((value as Record<string | number, unknown>)[key]);
        } catch (e) {
            if (e instanceof UnknownValueError) return UNKNOWN;
            throw e;
        }
    };
    // By index: Array.prototype.map would read every element through the proxy itself, and one unknown
    // element would make the whole list unknown.
    if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => read(i));
    // The dynamic provider's serialized code (`__provider`) is of no interest to a rule.
    return Object.fromEntries(
        Object.keys(value)
            .filter((k) => !k.startsWith("__"))
            .map((k) => [k, read(k)]),
    );
}

interface PolicyView {
    type: string;
    name: string;
    urn: string;
    props: Record<string, unknown>;
    propertyDependencies?: Record<string, PolicyResource[]>;
}

export function toFacts(r: PolicyView): ResourceFacts | undefined {
    const kind = resourceTypeOf(r.type);
    if (kind === undefined) return undefined;
    const deps = Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([prop, rs]) => [prop, rs.map((d) => d.urn)]));
    return { kind, name: r.name, urn: r.urn, props: plain(r.props) as Record<string, unknown>, deps };
}
