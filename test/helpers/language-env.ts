/**
 * For the tests that run a program in another language (test/go, test/python) against an
 * emulator: the usual test environment (emulator, Pulumi home and backend), the object the
 * program imports, and the variables that tell the program where all of it is.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { fluxarkClientFor } from "./clients";
import { startTestEnv, type TestEnv } from "./pulumi";

export interface LanguageEnv {
    env: TestEnv;
    /** The environment of the program's process. */
    vars: NodeJS.ProcessEnv;
}

/** Set up in beforeAll, torn down in afterAll; read its fields inside tests. `imported` names the server made out of band. */
export function languageEnv(lang: string, imported: { name: string; ip: string }): LanguageEnv {
    const ctx = {} as LanguageEnv;
    beforeAll(async () => {
        ctx.env = await startTestEnv({ idleTimeoutMs: 20 * 60_000 });
        const { emulator } = ctx.env;
        const flux = fluxarkClientFor(emulator);
        const importedId = await flux.client.createServer({
            name: imported.name,
            ip_addr: imported.ip,
            active: true,
            is_jump: false,
            is_cron: false,
            is_api: false,
            port: 22,
            groups: [],
        });
        await flux.transport.close();
        const work = path.join(ctx.env.dir, `${lang}-project`);
        mkdirSync(work);
        ctx.vars = {
            ...process.env,
            ...ctx.env.envVars,
            PULUMI_CONFIG_PASSPHRASE: `${lang}-passphrase`,
            EMULATOR_URL: emulator.url,
            TUXCARE_API_URL: emulator.tuxcareApiUrl,
            TUXCARE_LOGIN: DEFAULT_TUXCARE_ACCOUNT.login,
            TUXCARE_SECRET: DEFAULT_TUXCARE_ACCOUNT.secretKey,
            FLUXARK_URL: emulator.fluxarkUrl,
            FLUXARK_KEY: DEFAULT_FLUXARK_API_KEY.key,
            IMPORT_SERVER_ID: String(importedId),
            WORK_DIR: work,
        };
    });
    afterAll(async () => ctx.env?.close());
    return ctx;
}

/** What a command printed, on success or failure alike. */
export function printed(run: Promise<{ stdout: string; stderr: string }>): Promise<string> {
    return run.then(
        (r) => `${r.stdout}\n${r.stderr}`,
        (e: { stdout?: string; stderr?: string; message: string }) => `${e.stdout ?? ""}\n${e.stderr ?? ""}\n${e.message}`,
    );
}
