/**
 * For the tests that run a program in another language (test/go, test/python) against an
 * emulator: the emulator, a fresh Pulumi home and backend, the object the program imports, and
 * the environment that tells the program where all of it is.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, EmulatorAdmin, startEmulator, type Emulator } from "../../emulator";
import { fluxarkClientFor } from "./clients";

export interface LanguageEnv {
    emulator: Emulator;
    admin: EmulatorAdmin;
    /** The environment of the program's process. */
    vars: NodeJS.ProcessEnv;
}

/** Set up in beforeAll, torn down in afterAll; read its fields inside tests. `imported` names the server made out of band. */
export function languageEnv(lang: string, imported: { name: string; ip: string }): LanguageEnv {
    const ctx = {} as LanguageEnv & { dir: string };
    beforeAll(async () => {
        ctx.emulator = await startEmulator({ idleTimeoutMs: 20 * 60_000 });
        ctx.admin = new EmulatorAdmin(ctx.emulator.url);
        ctx.dir = mkdtempSync(path.join(tmpdir(), `tuxcare-fluxark-${lang}-`));
        const flux = fluxarkClientFor(ctx.emulator);
        const importedId = await flux.client.createServer({ name: imported.name, ip_addr: imported.ip, active: true, is_jump: false, is_cron: false, is_api: false, port: 22, groups: [] });
        await flux.transport.close();
        for (const sub of ["project", "state"]) mkdirSync(path.join(ctx.dir, sub));
        ctx.vars = {
            ...process.env,
            PULUMI_BACKEND_URL: `file://${path.join(ctx.dir, "state")}`,
            PULUMI_HOME: path.join(ctx.dir, "home"),
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_CONFIG_PASSPHRASE: `${lang}-passphrase`,
            EMULATOR_URL: ctx.emulator.url,
            TUXCARE_API_URL: ctx.emulator.tuxcareApiUrl,
            TUXCARE_LOGIN: DEFAULT_TUXCARE_ACCOUNT.login,
            TUXCARE_SECRET: DEFAULT_TUXCARE_ACCOUNT.secretKey,
            FLUXARK_URL: ctx.emulator.fluxarkUrl,
            FLUXARK_KEY: DEFAULT_FLUXARK_API_KEY.key,
            IMPORT_SERVER_ID: String(importedId),
            WORK_DIR: path.join(ctx.dir, "project"),
        };
    });
    afterAll(async () => {
        await ctx.emulator?.close();
        if (ctx.dir) rmSync(ctx.dir, { recursive: true, force: true });
    });
    return ctx;
}

/** What a command printed, on success or failure alike. */
export function printed(run: Promise<{ stdout: string; stderr: string }>): Promise<string> {
    return run.then(
        (r) => `${r.stdout}\n${r.stderr}`,
        (e: { stdout?: string; stderr?: string; message: string }) => `${e.stdout ?? ""}\n${e.stderr ?? ""}\n${e.message}`,
    );
}
