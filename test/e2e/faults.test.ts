/**
 * `pulumi up` of 100 mixed resources against an emulator that fails 20% of requests (5xx, 429
 * with Retry-After, dropped connections, answers lost after the write) completes in at most two
 * runs, and the services then hold exactly the declared objects: none missing, none doubled.
 */
import { ElsKey, FluxarkServer, FluxarkUser, IpLicense, KcareKey } from "../../provider";
import { fluxarkConfig, makeStack, startTestEnv, tuxcareConfig } from "../helpers/pulumi";

jest.setTimeout(15 * 60_000);

test("100 resources under 20% injected faults: at most two runs, exactly the declared objects", async () => {
    const env = await startTestEnv();
    try {
        const program = async () => {
            for (let i = 0; i < 25; i++) new KcareKey(`kc-${i}`, { limit: i, note: `kc ${i}` });
            for (let i = 0; i < 25; i++) new ElsKey(`els-${i}`, { productCode: i % 2 ? "ESU" : "CELS", limit: i, note: `els ${i}` });
            for (let i = 0; i < 20; i++) new IpLicense(`ipl-${i}`, { ip: `203.0.113.${i + 1}`, type: i % 2 ? "kernelcare" : "imunify360-unlimited" });
            for (let i = 0; i < 15; i++) new FluxarkServer(`srv-${i}`, { name: `srv${i}`, ipAddr: `10.8.0.${i + 1}` });
            for (let i = 0; i < 15; i++) new FluxarkUser(`user-${i}`, { username: `u${i}`, email: `u${i}@example.com`, password: "Fault-Passw0rd", fullName: `U ${i}`, authType: "password" });
        };
        const stack = await makeStack(env, "faults", program, { ...tuxcareConfig(env), ...fluxarkConfig(env) });
        // FAULTS_SEED repeats another sequence of faults (the default is fixed so CI runs are alike).
        // A few seeds draw no fault of some kind within the ~200 requests a run makes (seed 14's
        // first "dropped before" draw is its 219th), so "every kind happened" below may fail for
        // them although the provider coped.
        const seed = Number(process.env.FAULTS_SEED ?? 20261122);
        await env.admin.setFaults({ seed, rules: [{ match: "*", serverErrorRate: 0.05, rateLimitRate: 0.05, retryAfterSeconds: 1, dropBeforeRate: 0.05, dropAfterWriteRate: 0.05 }] });

        let runs = 0;
        const failures: string[] = []; // shown when the count below fails

        for (; runs < 2; ) {
            runs++;
            const ok = await stack.up().then(
                () => true,
                (e: unknown) => {
                    failures.push(String(e).split("\n").filter((l) => /error/i.test(l)).slice(0, 20).join("\n"));
                    return false;
                },
            );
            if (ok) break;
        }
        if (failures.length) process.stderr.write(`failed runs of up (seed ${seed}):\n${failures.join("\n---\n")}\n`);
        const injected = (await env.admin.faults()).injected;
        await env.admin.setFaults({ rules: [] });

        expect(runs).toBeLessThanOrEqual(2);
        // Every kind of fault happened, including answers lost after a write.
        expect(injected).toMatchObject({ serverError: expect.any(Number), rateLimit: expect.any(Number), dropBefore: expect.any(Number), dropAfterWrite: expect.any(Number) });
        const count = async (c: string) => (await env.admin.list(c)).length;
        expect({ kc: await count("kcareKeys"), els: await count("elsKeys"), ipl: await count("ipLicenses"), servers: await count("fluxarkServers"), users: await count("fluxarkUsers") }).toEqual({ kc: 25, els: 25, ipl: 20, servers: 15, users: 15 });
        const notes = (await env.admin.list<{ note: string }>("kcareKeys")).map((k) => k.note);
        expect(new Set(notes).size).toBe(25);
        await stack.preview({ expectNoChanges: true });
        await stack.destroy();
    } finally {
        await env.close();
    }
});
