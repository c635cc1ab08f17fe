/**
 * The contexts of one process, one per API: the dynamic-provider process and the native host
 * configure them from stack config, the CLI from the environment. A resource's handlers are given
 * the context of their API (see catalog.ts), so each service has one transport per process.
 */
import type { ConfigSource } from "./core/settings";
import { fluxark } from "./fluxark/context";
import { tuxcare } from "./tuxcare/context";

export { fluxark, tuxcare };

export function configure(config: ConfigSource | undefined): void {
    tuxcare.configure(config);
    fluxark.configure(config);
}

/** The command line's configuration: the environment alone, each run starting afresh (see ApiContext.restart). */
export function configureFromEnvironment(env: NodeJS.ProcessEnv): void {
    tuxcare.restart(env);
    fluxark.restart(env);
}
