/**
 * The provider object handed to pulumi.dynamic.Resource. Pulumi serializes it, with everything
 * it captures, into every resource's state (`__provider`), so it captures only the resource kind and
 * loads the real implementation by package name at call time (DESIGN.md rule 1): state stays
 * small, credentials and clients are never captured, and the installed version's code runs.
 *
 * Only `configure` is serialized. The dynamic-provider host calls `configure()` on a provider
 * right after loading it, before any other method and before yielding, so `configure` installs
 * the real methods (check, diff, create, read, update, delete) on the object from the runtime.
 * Serializing all seven methods cost 2.7 KB per resource (each function carries ~250 bytes of
 * serializer wrapping); this costs about 0.6 KB, and the engine writes it into every checkpoint.
 *
 * The host evaluates this text as a module without a file name, so the package is resolved from
 * the program's folder (the provider process's working directory) through module.createRequire
 * given that folder (a path ending in "/" is taken as a directory):
 * that works for a consumer project, symlinked or not, and for this repository's own root
 * program through the package's `exports` self-reference.
 */
import type * as pulumi from "@pulumi/pulumi";

export function trampoline(kind: string): pulumi.dynamic.ResourceProvider {
    const provider = {
        // Every character here is stored twice per resource (inputs and outputs), hence the terse form.
        // The module name is a literal, not a captured constant: a capture costs its name once more.
        // The method's text is stored in every resource's state: rewriting it (to `node:module`, to a
        // template) would change every checkpoint, so it stays as written. The comments stay outside it.
        // biome-ignore-start lint/style/useNodejsImportProtocol: the text is in every state, see above
        // biome-ignore-start lint/style/useTemplate: the text is in every state, see above
        // biome-ignore format: the text is in every state, see above
        configure(this: object, req: pulumi.dynamic.ConfigureRequest): Promise<void> {
            return require("module").createRequire(process.cwd() + "/")("pulumi-tuxcare-fluxark/runtime").install(this, kind, req);
        },
        // biome-ignore-end lint/style/useNodejsImportProtocol: the text is in every state
        // biome-ignore-end lint/style/useTemplate: the text is in every state
    };
    // The CRUD methods arrive through configure(); the SDK's type asks for create up front.
    return provider as unknown as pulumi.dynamic.ResourceProvider;
}
