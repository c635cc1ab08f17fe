/**
 * The contract every resource implements in the provider process, and the context it is given.
 * The trampoline (provider/trampoline.ts) forwards the engine's calls to these handlers.
 */
import type * as pulumi from "@pulumi/pulumi";

export type Props = Record<string, unknown>;

export interface ResourceHandlers {
    check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult>;
    diff(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult>;
    create(inputs: Props): Promise<pulumi.dynamic.CreateResult>;
    read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult>;
    update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult>;
    delete(id: string, props: Props): Promise<void>;
}

export type HandlerMethod = keyof ResourceHandlers;

/** A warning the user sees in the preview and update output. */
export function warn(resourceType: string, message: string): void {
    process.stderr.write(`warning: ${resourceType}: ${message}\n`);
}
