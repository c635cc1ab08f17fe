/**
 * What the rules read: a resource reduced to its kind (its catalog type, the same for the dynamic
 * resource and the native one: provider/tokens.ts), its name, and plain properties in which a value
 * not known yet (an output of a resource still to be made, at preview) is `UNKNOWN` instead of a value.
 */
import type { ResourceType } from "../provider/tokens";

export const UNKNOWN: unique symbol = Symbol("unknown until the resources it depends on exist");

export function isKnown<T>(v: T | typeof UNKNOWN): v is T {
    return v !== UNKNOWN;
}

export interface ResourceFacts {
    kind: ResourceType;
    /** The resource's Pulumi name (the last part of its URN). */
    name: string;
    urn: string;
    props: Record<string, unknown>;
    /** Per input property, the URNs of the resources its value came from. */
    deps: Record<string, string[]>;
}

/** The value of `prop` if known, or of the resource it came from (`{ urn }`) if not; undefined when neither. */
export function reference(r: ResourceFacts, prop: string): { value: unknown } | { urn: string } | undefined {
    const v = r.props[prop];
    if (isKnown(v) && v !== undefined) return { value: v };
    const [urn] = r.deps[prop] ?? [];
    return urn === undefined ? undefined : { urn };
}

/** Whether `r.props[prop]` names `target`: it came from `target`, or equals `target.props[idProp]`. */
export function refersTo(r: ResourceFacts, prop: string, target: ResourceFacts, idProp: string): boolean {
    if ((r.deps[prop] ?? []).includes(target.urn)) return true;
    const v = r.props[prop];
    const id = target.props[idProp];
    return isKnown(v) && isKnown(id) && v !== undefined && id !== undefined && Number(v) === Number(id);
}
