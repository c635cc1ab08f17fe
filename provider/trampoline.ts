/**
 * The provider object handed to pulumi.dynamic.Resource. Pulumi serializes it, with everything
 * it captures, into every resource's state (`__provider`), so it captures only two strings and
 * loads the real implementation by package name at call time (DESIGN.md rule 1): state stays
 * small, credentials and clients are never captured, and the installed version's code runs.
 *
 * Only `configure` is serialized. The dynamic-provider host calls `configure()` on a provider
 * right after loading it, before any other method and before yielding, so `configure` installs
 * the real methods (check, diff, create, read, update, delete) on the object from the runtime.
 * Serializing all seven methods cost 2.7 KB per resource (each function carries ~250 bytes of
 * serializer wrapping); this costs about 0.6 KB.
 *
 * The host evaluates this text as a module without a file name, so the package is resolved from
 * the program's folder (the provider process's working directory) through module.createRequire:
 * that works for a consumer project, symlinked or not, and for this repository's own root
 * program through the package's `exports` self-reference.
 */
import type * as pulumi from "@pulumi/pulumi";

const RUNTIME_MODULE = "pulumi-tuxcare-fluxark/runtime";

export function trampoline(kind: string): pulumi.dynamic.ResourceProvider {
    const runtimeModule = RUNTIME_MODULE;
    const provider = {
        configure(this: object, req: pulumi.dynamic.ConfigureRequest): Promise<void> {
            const runtime = require("module").createRequire(require("path").join(process.cwd(), "package.json"))(runtimeModule);
            Object.assign(this, runtime.methods(kind));
            return runtime.configure(req.config);
        },
    };
    // The CRUD methods arrive through configure(); the SDK's type asks for create up front.
    return provider as unknown as pulumi.dynamic.ResourceProvider;
}
