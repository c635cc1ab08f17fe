/**
 * One declaration per resource. A resource file calls `defineResource` with what is its own (type
 * token, input schema, field table, outputs, import id, and the API calls of create, read, update
 * and delete); everything the resources share derives from the declaration here:
 *
 * - `check`: the zod schema through `checkInputs` (plus the resource's own rule, if any);
 * - `diff`: the field table through `diffFields`; an `immutable` field's change fails at preview;
 * - the copy-from-state on read: `readInputs` keeps what the table says cannot be read; an update
 *   keeps the create-only inputs as they were;
 * - the secrets: the class wraps secret inputs in `pulumi.secret` and has the engine keep them and
 *   the secret outputs secret (core/secrets.ts); the runtime masks them in every log and error;
 * - the class's base (`Resource`), the reference docs, the JSON description and the native schema.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { trampoline } from "../trampoline";
import { checkInputs, containsUnknown, UNKNOWN } from "./check";
import { changedFields, diffFields, readable, sameValue, type FieldTable } from "./diff";
import { ApiError, PartialWriteError } from "./errors";
import { keepUnread, warn, type Props, type ResourceHandlers } from "./resource";
import { noteTakenOver, takenOverThisRun } from "./taken-over";
import { withSecretInputs, withSecretOutputs } from "./secrets";

/** A value the API makes (a key, an id, a creation time): its type, whether it is a credential, whether an update can change it, its doc. */
export interface OutputSpec {
    type: z.ZodType;
    secret?: boolean;
    /**
     * An update never changes it: `true` for a value kept from creation (a creation time, a license
     * key), `"id"` for the resource id as a number (FluxArk's ids). A preview of an update shows a
     * stable output as it is, so what depends on it is not planned for replacement; any other output
     * is unknown until the update runs (docs/stable-outputs.md).
     */
    stable?: true | "id";
    doc: string;
}

/** The values of a resource's outputs, typed from their declaration: `XInputs & OutputValues<typeof outputs>` is its state. */
export type OutputValues<T extends Record<string, OutputSpec>> = { [K in keyof T]: z.output<T[K]["type"]> };

/** How `pulumi import` names the resource, and the state its read needs to find the object from that id alone. */
export interface ImportIdSpec<Ctx> {
    /** The id's form, for the docs and the schema. */
    format: string;
    /** The canonical resource id and the state its read needs; undefined when no such object exists. */
    resolve(ctx: Ctx, id: string): Promise<{ id: string; state: Props } | undefined>;
}

/** What a resource does with its API: the calls of each step of its life. Check and diff derive from the field table; with them, the six `handlers`. */
export interface Lifecycle {
    create: ResourceHandlers["create"];
    read: ResourceHandlers["read"];
    /** Absent when every field replaces: the engine then never updates. */
    update?: ResourceHandlers["update"];
    delete: ResourceHandlers["delete"];
}

export interface ResourceSpec<
    Api extends string,
    Ctx,
    S extends z.ZodType,
    O extends Record<string, OutputSpec> = Record<string, OutputSpec>,
> {
    /** The type token, `<api>:<Name>`: the only place it is spelled. */
    type: `${Api}:${string}`;
    /** One line on what the resource is. */
    description: string;
    /** The API it belongs to: its handlers are given that API's context. */
    api: Api;
    /** Validation, normalisation and defaults of the inputs. */
    inputs: S;
    /** Per input: how a change is applied, whether it is secret and readable, its doc. */
    fields: FieldTable<z.output<S>>;
    /** What the API makes, beyond the inputs. */
    outputs: O;
    importId: ImportIdSpec<Ctx>;
    lifecycle(ctx: Ctx): Lifecycle;
    /** A domain rule on top of the schema (one that depends on the old inputs). */
    check?(result: pulumi.dynamic.CheckResult, olds: Props): pulumi.dynamic.CheckResult;
    /** A domain extra once the table has planned the diff (a warning about what a replacement strands), or a plan of its own. */
    // biome-ignore lint/suspicious/noConfusingVoidType: an extra that only warns returns nothing, and a function without a return gives Promise<void>
    diff?(ctx: Ctx, planned: pulumi.dynamic.DiffResult, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult | void>;
    /**
     * The inputs as an update applies them to the object in `olds` (its state): what the program
     * leaves as it is taken from there. Diff and update see these; it throws when they cannot be made so.
     */
    resolve?(news: Props, olds: Props): Props;
}

/** A resource's class base: the constructor every resource class shares. */
export type ResourceBase = new <Args extends object>(
    name: string,
    args: Args,
    opts?: pulumi.CustomResourceOptions,
) => pulumi.dynamic.Resource;

export interface ResourceDefinition<Api extends string = string, Ctx = unknown> {
    type: string;
    description: string;
    api: Api;
    schema: z.ZodType;
    fields: FieldTable<Record<string, unknown>>;
    outputs: Readonly<Record<string, OutputSpec>>;
    importId: ImportIdSpec<Ctx>;
    /** Names of the outputs the API makes that are secret (secret inputs are marked in the field table). */
    secretOutputs: string[];
    /** Names of the outputs no update changes (`stable` in their spec). */
    stableOutputs: string[];
    /** The outputs a preview shows for a create (no `olds`) or an update, without calling the API. */
    previewOutputs(news: Props, olds?: Props): Props;
    /** The check the engine's Check runs (schema and domain rule); it needs no API, so discovery runs it too. */
    check(olds: Props, news: Props): pulumi.dynamic.CheckResult;
    /** The six handlers the runtime calls, over the given context. */
    handlers(ctx: Ctx): ResourceHandlers;
    /** The handlers over the process's context of the resource's API. */
    handlersIn(contexts: { [K in Api]: Ctx }): ResourceHandlers;
    /** An import id resolved in the process's context of the resource's API. */
    resolveImport(contexts: { [K in Api]: Ctx }, id: string): Promise<{ id: string; state: Props } | undefined>;
    /** The base of the resource's class: `class X extends x.Resource<XArgs> { declare ... }`. */
    Resource: ResourceBase;
}

/**
 * The inputs a read found: each readable field from the answer (undefined: the answer did not carry
 * it), every other the last applied value. Never "" or a default, which would show a change after
 * every `up` against an API that leaves the field out. A field the program leaves unset and the
 * table says is then not managed (`unsetLeavesAsIs`) stays unset: the engine would keep a value read
 * into the inputs in plaintext, and a secret one (a private key) must not reach state that way.
 */
export function readInputs<I extends object>(fields: FieldTable<I>, read: Partial<I>, last: I): I {
    const found = {} as { [K in keyof Required<I>]: I[K] | undefined };
    const managed = (key: keyof I) => !fields[key].unsetLeavesAsIs || (last[key] !== undefined && last[key] !== null);
    for (const key of Object.keys(fields) as (keyof I)[]) found[key] = readable(fields[key]) && managed(key) ? read[key] : undefined;
    return keepUnread<I>(found, last);
}

/** The error of a change to an immutable field, at preview (or when adopting an object that differs). */
export function immutableChangeError(type: string, field: string, id: string, from: unknown, to: unknown, reason: string): ApiError {
    const show = (v: unknown) => JSON.stringify(v ?? "");
    return new ApiError({
        kind: "Validation",
        message: `${field} of ${type} "${id}" cannot change from ${show(from)} to ${show(to)}: ${reason}`,
    });
}

/** A field's value when unset: its schema's default (a missing old description is the default ""). */
function defaultOf(schema: z.ZodType, field: string): unknown {
    const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
    const parsed = shape[field]?.safeParse(undefined);
    return parsed?.success ? parsed.data : undefined;
}

/** A definition that keeps its schema's and outputs' own types: the generated public types (core/public-types.ts) are checked against them. */
export type TypedDefinition<Api extends string, Ctx, S extends z.ZodType, O extends Record<string, OutputSpec>> = Omit<
    ResourceDefinition<Api, Ctx>,
    "schema" | "outputs"
> & { schema: S; outputs: Readonly<O> };

export function defineResource<Api extends string, Ctx, S extends z.ZodType, O extends Record<string, OutputSpec>>(
    spec: ResourceSpec<Api, Ctx, S, O>,
): TypedDefinition<Api, Ctx, S, O> {
    const fields = spec.fields as FieldTable<Record<string, unknown>>;
    const immutable = Object.entries(fields).filter(([, f]) => f.behaviour === "immutable");
    for (const [name, f] of immutable) if (!f.reason) throw new Error(`${spec.type}: immutable field ${name} needs a reason`);
    const createOnly = Object.entries(fields)
        .filter(([, f]) => f.behaviour === "createOnly")
        .map(([name]) => name);
    const secretOutputs = Object.entries(spec.outputs)
        .filter(([, o]) => o.secret === true)
        .map(([name]) => name);
    const stableOutputs = Object.entries(spec.outputs)
        .filter(([, o]) => o.stable !== undefined)
        .map(([name]) => name);
    const idOutputs = Object.entries(spec.outputs)
        .filter(([, o]) => o.stable === "id")
        .map(([name]) => name);

    /** Changes to immutable fields fail, unless the object is replaced anyway (the new one takes them). */
    function rejectImmutableChanges(id: string, olds: Props, news: Props, planned: pulumi.dynamic.DiffResult): void {
        if (planned.replaces?.length) return;
        for (const [name, f] of immutable) {
            const unset = defaultOf(spec.inputs, name);
            if (containsUnknown(news[name])) continue; // known at the update's own diff
            if (!sameValue(olds[name] ?? unset, news[name] ?? unset))
                throw immutableChangeError(spec.type, name, id, olds[name] ?? unset, news[name] ?? unset, f.reason!);
        }
    }

    const check = (olds: Props, news: Props): pulumi.dynamic.CheckResult => {
        const result = checkInputs(spec.inputs, news);
        return spec.check ? spec.check(result, olds) : result;
    };

    const resolved = (news: Props, olds: Props): Props => (spec.resolve && !containsUnknown(news) ? spec.resolve(news, olds) : news);

    const handlers = (ctx: Ctx): ResourceHandlers => {
        const life = spec.lifecycle(ctx);
        return {
            check: async (olds, news) => check(olds, news),
            async diff(id, olds, declared) {
                const news = resolved(declared, olds);
                const planned = diffFields(fields, olds, news);
                rejectImmutableChanges(id, olds, news, planned);
                return (await spec.diff?.(ctx, planned, olds, news)) ?? planned;
            },
            async create(props) {
                const adopting = props.adopt !== undefined && props.adopt !== false;
                try {
                    const result = await life.create(props);
                    if (adopting) noteTakenOver(spec.type, result.id);
                    return result;
                } catch (e) {
                    if (adopting && e instanceof PartialWriteError) noteTakenOver(spec.type, e.id);
                    throw e;
                }
            },
            read: life.read,
            async update(id, olds, news) {
                if (!life.update) throw new Error(`${spec.type} has no in-place update: every change replaces it`);
                const { outs } = await life.update(id, olds, resolved(news, olds));
                // A create-only input keeps the value the object was created (or adopted) with.
                return { outs: { ...outs, ...Object.fromEntries(createOnly.map((name) => [name, olds[name]])) } };
            },
            async delete(id, props) {
                if (takenOverThisRun(spec.type, id)) {
                    warn(
                        spec.type,
                        `${id} was not deleted: another resource of this stack took it over in this update (a renamed or replaced resource adopting it), and it is that resource's now`,
                    );
                    return;
                }
                await life.delete(id, props);
            },
        };
    };

    /**
     * What a create or an update (`olds`: the state) would leave: the new inputs, unknowns and all;
     * on an update the create-only inputs as they were (as `update` keeps them) and the stable
     * outputs as they are; every other output unknown.
     */
    const previewOutputs = (news: Props, olds?: Props): Props => ({
        ...news,
        ...(olds && Object.fromEntries(createOnly.map((n) => [n, olds[n]]))),
        ...Object.fromEntries(Object.keys(spec.outputs).map((n) => [n, olds && stableOutputs.includes(n) ? olds[n] : UNKNOWN])),
    });

    const [module, name] = spec.type.split(":") as [string, string];
    const provider = trampoline(spec.type);
    const outputNames = Object.keys(spec.outputs);
    const hasSecrets = secretOutputs.length > 0 || Object.values(fields).some((f) => f.secret === true);
    class DefinedResource<Args extends object> extends pulumi.dynamic.Resource {
        constructor(resourceName: string, args: Args, opts?: pulumi.CustomResourceOptions) {
            // The outputs are named (undefined) so the engine gives the class an Output for each.
            const props: Props = { ...withSecretInputs(fields, args), ...Object.fromEntries(outputNames.map((o) => [o, undefined])) };
            super(provider, resourceName, props, hasSecrets ? withSecretOutputs(fields, opts, secretOutputs) : opts, module, name);
            // The dynamic host cannot preview an update (the engine then shows every output unknown):
            // an output that is the id comes from the id, which a preview of an update knows.
            for (const o of idOutputs) (this as unknown as Record<string, pulumi.Output<number>>)[o] = this.id.apply(Number);
        }
    }

    return {
        type: spec.type,
        description: spec.description,
        api: spec.api,
        schema: spec.inputs,
        fields,
        outputs: spec.outputs,
        importId: spec.importId,
        secretOutputs,
        stableOutputs,
        previewOutputs,
        check,
        handlers,
        handlersIn: (contexts) => handlers(contexts[spec.api]),
        resolveImport: (contexts, id) => spec.importId.resolve(contexts[spec.api], id),
        Resource: DefinedResource,
    };
}

/** The inputs whose change the table says an update applies (a partial update sends only these). */
export function changedInputs<I extends object>(fields: FieldTable<I>, olds: Props, news: Props, inputs: I): Partial<I> {
    const { changed } = changedFields(fields, olds, news);
    return Object.fromEntries(changed.map((k) => [k, inputs[k as keyof I]])) as Partial<I>;
}
