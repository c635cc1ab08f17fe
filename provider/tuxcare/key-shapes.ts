/**
 * The shapes of the license keys the portal hands out, checked on every create answer so that
 * whatever else arrives (an HTML page, an error sentence, an empty string) is never taken as a new
 * key, fingerprinted into a resource id and stored as a secret.
 *
 * Why these patterns: every KernelCare key in the document is 16 letters and digits
 * (`WsTs821nSAtiastD`, `CEGaUovC9Bi8ppH9`), and every ESU key is the product code, a dash and 24
 * letters and digits (`ESU-yUDxBd5ethmGO5d3hnAZEau0`). The document promises neither length, so
 * the length is allowed to vary (12 to 64) while the alphabet is held to what it shows: no spaces,
 * no punctuation, no markup, which is what a page or a message always contains. The prefix of an
 * ELS key is any product-code-like word (`CELS`, `PHP_ELS`), not only the code asked for: the
 * document shows only ESU keys, so it cannot say that CELS keys begin with `CELS-`.
 *
 * The shape alone cannot tell a key from a one-word message (`Unauthorized`, `MaintenanceMode` are
 * 12 and 15 letters), so the client looks at how the answer came first (client.ts unwrapTuxcare,
 * core/answer.ts mayBeBareString). The string is taken JSON-quoted, enveloped, or unquoted as raw
 * text, but only with `Content-Type: application/json` (how the service labels its answers),
 * `text/plain` or none, and never from markup. An unquoted word with text/plain or no type stays
 * accepted because the document promises only "(string)" and the emulator's `--bare` mode sends the
 * key exactly so (raw, `text/plain; charset=utf-8`). An HTML content type, or any other type, is
 * refused as an undocumented answer, whatever its text: InvalidResponse, outcome unknown, and the
 * create is settled by listing. The risk left is a server that sends a
 * one-word refusal as `text/plain` on a 200: the key list does not hold it, so a refresh drops it.
 *
 * A real key that fails these patterns is not lost: the create fails as "outcome unknown" and is
 * reconciled by listing, which adopts the new key as the list shows it.
 */
import { z } from "zod";
import { isOneWord, licenseKeySchema } from "../core/validators";

export const KCARE_KEY_PATTERN = /^[A-Za-z0-9]{12,64}$/;
export const ELS_KEY_PATTERN = /^[A-Z][A-Z0-9_]*-[A-Za-z0-9]{12,64}$/;

const KCARE_KEY_RULE = "12 to 64 letters and digits";
const ELS_KEY_RULE = "a product code, a dash, 12 to 64 letters and digits";

// The messages never quote the value: it may be a key.
export const kcareKeyString = z.string().regex(KCARE_KEY_PATTERN, `not a KernelCare key (${KCARE_KEY_RULE})`);
export const elsKeyString = z.string().regex(ELS_KEY_PATTERN, `not an ELS key (${ELS_KEY_RULE})`);

/** A key the program gives (to adopt, or to look up): trimmed, one word, then the key's shape. */
function keyInput(what: string, pattern: RegExp, rule: string) {
    // Blank or several words already has its own message from licenseKeySchema.
    return licenseKeySchema(what).refine((s) => !isOneWord(s) || pattern.test(s), `must be ${what}: ${rule}`);
}

export const kcareKeyInput = keyInput("a KernelCare key", KCARE_KEY_PATTERN, KCARE_KEY_RULE);
export const elsKeyInput = keyInput("an ELS key", ELS_KEY_PATTERN, ELS_KEY_RULE);

/** A server registered with a license key, as the keys' outputs describe it. */
export const licenseServer = z
    .object({ id: z.string(), ip: z.string(), hostname: z.string() })
    .meta({ id: "Server", description: "A server registered with a license key." });
