/** Reading a resource's inputs and outputs from a Pulumi step or state, where any value may be unknown until the update runs. */
import type { StepState } from "./preview";

import { UNKNOWN } from "../provider/core/check";

export const num = (v: unknown): number | undefined =>
    typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined;
export const str = (v: unknown): string | undefined => (typeof v === "string" && v !== UNKNOWN ? v : undefined);
export const flag = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);
export const strList = (v: unknown): string[] | undefined =>
    Array.isArray(v) && v.every((x) => str(x) !== undefined) ? (v as string[]) : undefined;
/** A field of a state: the provider's outputs first (normalised), the inputs otherwise. */
export const field = (s: StepState | undefined, name: string): unknown =>
    s === undefined ? undefined : name in s.outputs ? s.outputs[name] : s.inputs[name];
