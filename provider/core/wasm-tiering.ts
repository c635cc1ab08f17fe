/**
 * undici parses HTTP with llhttp compiled to WebAssembly. V8 first compiles it with its baseline
 * compiler (Liftoff) and, once the parser is hot, recompiles it with TurboFan in the background;
 * that recompilation of llhttp's one huge state machine briefly takes about 25 MB, a sixth of the
 * provider process's peak (measured with `npm run bench`). Our answers are small JSON documents,
 * for which baseline code parses fast enough, so the provider process stays on it.
 *
 * Both flags are ordinary V8 options (not test-only ones), and they affect only WebAssembly, of
 * which the dynamic-provider process runs nothing else. Set before the first request compiles
 * the parser. Not used in a program's own process (functions), which is the user's to tune.
 */
import { setFlagsFromString } from "node:v8";

let applied = false;

export function keepWebAssemblyOnBaselineTier(): void {
    if (applied) return;
    applied = true;
    setFlagsFromString("--no-wasm-tier-up");
    setFlagsFromString("--no-wasm-dynamic-tiering");
}
