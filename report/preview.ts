/**
 * A Pulumi preview, read from `pulumi preview --json` output or from the Automation API's engine
 * events, as one list of steps on the FluxArk access resources. Both forms carry, per step, the op,
 * the URN and the old and new state (inputs and outputs); only their field names differ.
 */
import { z } from "zod";
import { className, parseUrn, resourceTypeOf, type ClassName, type ResourceType } from "../provider/tokens";

/**
 * Per resource type, whether its changes move access: the access diff follows those (access-diff.ts
 * applies each such kind) and leaves the others, licenses, out.
 */
export const MOVES_ACCESS = {
    "tuxcare:ElsKey": false,
    "tuxcare:IpLicense": false,
    "tuxcare:KcareKey": false,
    "tuxcare:ServerGroup": false,
    "fluxark:FluxarkServer": true,
    "fluxark:FluxarkServerUser": true,
    "fluxark:FluxarkUser": true,
    "fluxark:FluxarkAcl": true,
    "fluxark:UserGroup": true,
} as const satisfies Record<ResourceType, boolean>;

/** A resource kind whose changes move access, by its class name (`FluxarkAcl`). */
export type AccessKind = ClassName<{ [T in ResourceType]: (typeof MOVES_ACCESS)[T] extends true ? T : never }[ResourceType]>;

export interface StepState {
    id?: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
}

export interface PreviewStep {
    op: string;
    urn: string;
    type: string;
    kind: AccessKind;
    old?: StepState;
    new?: StepState;
}

export interface Preview {
    stack?: string;
    /** Every step of the preview, access-related or not. */
    totalSteps: number;
    steps: PreviewStep[];
}

/**
 * The access kind of a type token: the native provider's `fluxark:index:UserGroup`, or the dynamic
 * resource's `pulumi-nodejs:dynamic/fluxark:UserGroup`.
 */
export function accessKind(token: string): AccessKind | undefined {
    const type = resourceTypeOf(token);
    return type && MOVES_ACCESS[type] ? (className(type) as AccessKind) : undefined;
}

const stateSchema = z.looseObject({
    type: z.string().optional(),
    id: z.string().optional(),
    inputs: z.record(z.string(), z.unknown()).nullish(),
    outputs: z.record(z.string(), z.unknown()).nullish(),
});
const jsonStepSchema = z.looseObject({ op: z.string(), urn: z.string(), oldState: stateSchema.nullish(), newState: stateSchema.nullish() });
const previewJsonSchema = z.looseObject({ steps: z.array(jsonStepSchema).nullish() });
const eventSchema = z.looseObject({
    resourcePreEvent: z
        .looseObject({
            metadata: z.looseObject({
                op: z.string(),
                urn: z.string(),
                type: z.string().optional(),
                old: stateSchema.nullish(),
                new: stateSchema.nullish(),
            }),
        })
        .optional(),
});

type RawState = z.infer<typeof stateSchema>;
const toState = (s: RawState | null | undefined): StepState | undefined =>
    s ? { id: s.id, inputs: s.inputs ?? {}, outputs: s.outputs ?? {} } : undefined;

function step(
    op: string,
    urn: string,
    type: string | undefined,
    old: RawState | null | undefined,
    next: RawState | null | undefined,
): PreviewStep | undefined {
    const t = type ?? next?.type ?? old?.type ?? parseUrn(urn)?.type ?? "";
    const kind = accessKind(t);
    return kind ? { op, urn, type: t, kind, old: toState(old), new: toState(next) } : undefined;
}

const stackOf = (urn: string | undefined) => (urn ? parseUrn(urn)?.stack : undefined);

/**
 * A preview file: `pulumi preview --json` output, or the engine events of `pulumi preview
 * --event-log FILE` (one JSON event a line) or a JSON array of Automation API events.
 */
export function previewFromFile(text: string, file: string): Preview {
    const trimmed = text.trim();
    if (trimmed.startsWith("[")) return previewFromEvents(parseJson(trimmed, file) as unknown[]);
    const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== "");
    if (lines.length > 1 && lines.every((l) => l.trim().startsWith("{") && l.trim().endsWith("}"))) {
        const events = lines.map((l) => parseJson(l, file));
        if (events.some((e) => e && typeof e === "object" && ("sequence" in e || "resourcePreEvent" in e)))
            return previewFromEvents(events);
    }
    return previewFromJson(trimmed, file);
}

function parseJson(text: string, file: string): unknown {
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new Error(
            `--preview ${file}: not JSON (${(e as Error).message}); give the output of \`pulumi preview --json\` or the event log of \`pulumi preview --event-log FILE\``,
        );
    }
}

/** `pulumi preview --json` output. The error names the file and what is wrong with it. */
export function previewFromJson(text: string, file: string): Preview {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (e) {
        throw new Error(`--preview ${file}: not JSON (${(e as Error).message}); give the output of \`pulumi preview --json\``);
    }
    const parsed = previewJsonSchema.safeParse(json);
    if (!parsed.success)
        throw new Error(
            `--preview ${file}: not the output of \`pulumi preview --json\` (${parsed.error.issues[0]!.path.join(".")}: ${parsed.error.issues[0]!.message})`,
        );
    const raw = parsed.data.steps ?? [];
    return {
        stack: stackOf(raw[0]?.urn),
        totalSteps: raw.length,
        steps: raw.flatMap((s) => step(s.op, s.urn, undefined, s.oldState, s.newState) ?? []),
    };
}

/** The Automation API's engine events of a preview (`stack.preview({ onEvent })`). */
export function previewFromEvents(events: readonly unknown[]): Preview {
    const metas = events.flatMap((e) => {
        const parsed = eventSchema.safeParse(e);
        return parsed.success && parsed.data.resourcePreEvent ? [parsed.data.resourcePreEvent.metadata] : [];
    });
    return {
        stack: stackOf(metas[0]?.urn),
        totalSteps: metas.length,
        steps: metas.flatMap((m) => step(m.op, m.urn, m.type, m.old, m.new) ?? []),
    };
}

const stackExportSchema = z.looseObject({
    deployment: z.looseObject({
        resources: z
            .array(
                z.looseObject({
                    urn: z.string(),
                    type: z.string(),
                    id: z.string().optional(),
                    inputs: z.record(z.string(), z.unknown()).nullish(),
                    outputs: z.record(z.string(), z.unknown()).nullish(),
                }),
            )
            .nullish(),
    }),
});

/** The access resources of a `pulumi stack export`, as unchanged ("same") steps: what the stack declares now. */
export function stackStates(text: string, file: string): PreviewStep[] {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (e) {
        throw new Error(`--stack ${file}: not JSON (${(e as Error).message}); give the output of \`pulumi stack export\``);
    }
    const parsed = stackExportSchema.safeParse(json);
    if (!parsed.success)
        throw new Error(
            `--stack ${file}: not the output of \`pulumi stack export\` (${parsed.error.issues[0]!.path.join(".")}: ${parsed.error.issues[0]!.message})`,
        );
    return (parsed.data.deployment.resources ?? []).flatMap((r) => {
        const state = { type: r.type, id: r.id, inputs: r.inputs, outputs: r.outputs };
        return step("same", r.urn, r.type, state, state) ?? [];
    });
}
