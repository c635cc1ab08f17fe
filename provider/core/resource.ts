/**
 * The contract every resource implements in the provider process, and the helpers its handlers share.
 * The trampoline (provider/trampoline.ts) forwards the engine's calls to these handlers. A resource
 * file declares its lifecycle (create, read, update, delete) with `defineResource` (core/define.ts),
 * which derives the six handlers from it (check and diff from the field table) and gives them the
 * process's context of the resource's API.
 */
import type * as pulumi from "@pulumi/pulumi";
import { PartialWriteError } from "./errors";

export type Props = Record<string, unknown>;

export interface ResourceHandlers {
    check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult>;
    diff(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult>;
    create(inputs: Props): Promise<pulumi.dynamic.CreateResult>;
    read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult>;
    update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult>;
    delete(id: string, props: Props): Promise<void>;
}

/** The name of one of the six handlers. */
export type HandlerName = keyof ResourceHandlers;

/**
 * The inputs a read found: each field the answer carried, and the last applied value of each it did
 * not. `read` names every input (so none is forgotten); undefined there means "not read": absent from
 * the answer, or never returned (a write-only password, a create-only input). Never "" or a default,
 * which would show a change after every `up` against an API that leaves the field out.
 */
export function keepUnread<T extends object>(read: { [K in keyof Required<T>]: T[K] | undefined }, last: T): T {
    const out = {} as T;
    for (const key of Object.keys(read) as (keyof T)[]) out[key] = read[key] === undefined ? last[key] : (read[key] as T[keyof T]);
    return out;
}

/** A warning the user sees in the preview and update output. */
export function warn(resourceType: string, message: string): void {
    process.stderr.write(`warning: ${resourceType}: ${message}\n`);
}

/**
 * Runs the steps that follow the making of an object (reading it back, setting what the create
 * call cannot). If one fails, the object still exists: it is reported as created but not fully
 * configured, with `recorded()` as its state, so the engine keeps it and the next `up` finishes the
 * job through `update` instead of making another (which would fail as a duplicate, or double it).
 */
export async function finishCreate(
    id: string,
    inputs: Props,
    recorded: () => object,
    finish: () => Promise<object>,
): Promise<pulumi.dynamic.CreateResult> {
    return { id, outs: await recordingPartial("create", id, inputs, recorded, finish) };
}

/**
 * Runs an update made of several writes (grants or members added and removed one by one). If one
 * fails, those before it were made: the state recorded is `recorded()` (what the writes that
 * succeeded left), so the next `up` makes only the rest, and a refresh shows nothing that is not so.
 */
export async function finishUpdate(
    id: string,
    news: Props,
    recorded: () => object,
    finish: () => Promise<object>,
): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: await recordingPartial("update", id, news, recorded, finish) };
}

async function recordingPartial(
    step: "create" | "update",
    id: string,
    inputs: Props,
    recorded: () => object,
    finish: () => Promise<object>,
): Promise<object> {
    try {
        return await finish();
    } catch (e) {
        // The host hands these properties to protobuf as they are: it adds __provider only to a result,
        // and an undefined value makes it throw inside its error path, so the call never answers.
        const properties = JSON.parse(JSON.stringify({ ...recorded(), __provider: inputs.__provider })) as Props;
        throw new PartialWriteError(step, id, properties, e);
    }
}

/** Drops undefined values, deeply: the host's protobuf Struct conversion rejects them, and JSON need not carry them. */
export function withoutUndefined<T>(value: T): T {
    if (Array.isArray(value)) return value.map(withoutUndefined) as T;
    if (value && typeof value === "object") {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([, v]) => v !== undefined)
                .map(([k, v]) => [k, withoutUndefined(v)]),
        ) as T;
    }
    return value;
}
