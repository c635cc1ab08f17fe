/**
 * `pulumi up` of 100 mixed resources against an emulator that fails about a fifth of requests
 * (503, 429 with Retry-After, dropped connections, answers lost after the write, a gateway's 502
 * or 504 after the write, an HTML page on 200 after the request was carried out) completes in at
 * most two runs, and the services then hold exactly the declared objects: none missing, none
 * doubled. The faults after the write are the ones that would make a second object if a create
 * were ever sent again blindly.
 */
import { ElsKey, FluxarkServer, FluxarkUser, IpLicense, KcareKey } from "../../provider";
import { fluxarkConfig, makeStack, startTestEnv, tuxcareConfig } from "../helpers/pulumi";

jest.setTimeout(15 * 60_000);

test("100 resources under ~20% injected faults, gateway errors after writes and HTML answers included: at most two runs, exactly the declared objects", async () => {
    const env = await startTestEnv();
    try {
        const program = async () => {
            for (let i = 0; i < 25; i++) new KcareKey(`kc-${i}`, { limit: i, note: `kc ${i}` });
            for (let i = 0; i < 25; i++) new ElsKey(`els-${i}`, { productCode: i % 2 ? "ESU" : "CELS", limit: i, note: `els ${i}` });
            for (let i = 0; i < 20; i++)
                new IpLicense(`ipl-${i}`, { ip: `203.0.113.${i + 1}`, type: i % 2 ? "kernelcare" : "imunify360-unlimited" });
            for (let i = 0; i < 15; i++) new FluxarkServer(`srv-${i}`, { name: `srv${i}`, ipAddr: `10.8.0.${i + 1}` });
            for (let i = 0; i < 15; i++)
                new FluxarkUser(`user-${i}`, {
                    username: `u${i}`,
                    email: `u${i}@example.com`,
                    password: "Fault-Passw0rd",
                    fullName: `U ${i}`,
                    authType: "password",
                });
        };
        const stack = await makeStack(env, "faults", program, { ...tuxcareConfig(env), ...fluxarkConfig(env) });
        // FAULTS_SEED repeats another sequence of faults (the default is fixed so CI runs are alike;
        // the concurrent requests draw in an order that varies, so a seed fixes the rates' outcome
        // only roughly). A rare seed may draw no fault of some kind within the ~250 requests a run
        // makes, so "every kind happened" below may fail for it although the provider coped.
        const seed = Number(process.env.FAULTS_SEED ?? 20261122);
        // Other writes see all six kinds (22% in all); reads the four that are not about writes (14%).
        const rates = {
            serverErrorRate: 0.04,
            rateLimitRate: 0.03,
            dropBeforeRate: 0.03,
            dropAfterWriteRate: 0.04,
            gatewayAfterWriteRate: 0.04,
            htmlRate: 0.04,
        };
        // License keys have no unique name, so a create sent twice makes a second key: their creates get
        // the faults after the write far more often (a gateway error, an HTML page or a lost answer on
        // half of them), so that every run sees each there, whatever order the requests draw in.
        const keyCreates = { ...rates, dropAfterWriteRate: 0.1, gatewayAfterWriteRate: 0.2, htmlRate: 0.2 };
        await env.admin.setFaults({
            seed,
            rules: [
                { match: "kcare.key.create", retryAfterSeconds: 1, ...keyCreates },
                { match: "els.key.create", retryAfterSeconds: 1, ...keyCreates },
                { match: "*", retryAfterSeconds: 1, ...rates },
            ],
        });
        let runs = 0;
        const failures: string[] = []; // shown when the count below fails

        for (; runs < 2; ) {
            runs++;
            const ok = await stack.up().then(
                () => true,
                (e: unknown) => {
                    failures.push(
                        String(e)
                            .split("\n")
                            .filter((l) => /error/i.test(l))
                            .slice(0, 20)
                            .join("\n"),
                    );
                    return false;
                },
            );
            if (ok) break;
        }
        if (failures.length) process.stderr.write(`failed runs of up (seed ${seed}):\n${failures.join("\n---\n")}\n`);
        const { injected, injectedByOperation } = await env.admin.faults();
        process.stderr.write(`faults injected (seed ${seed}, ${runs} run(s) of up): ${JSON.stringify(injectedByOperation)}\n`);
        await env.admin.setFaults({ rules: [] });

        expect(runs).toBeLessThanOrEqual(2);
        // Every kind of fault happened, and the three after a write reached the creates of license keys,
        // where sending again would double a key.
        const kinds = ["serverError", "rateLimit", "dropBefore", "dropAfterWrite", "gatewayAfterWrite", "html"];
        const happened = (count: (kind: string) => number) => Object.fromEntries(kinds.map((k) => [k, count(k) > 0]));
        expect(happened((k) => injected[k] ?? 0)).toEqual(happened(() => 1));
        const onKeyCreates = (k: string) =>
            (injectedByOperation["kcare.key.create"]?.[k] ?? 0) + (injectedByOperation["els.key.create"]?.[k] ?? 0);
        expect({
            dropAfterWrite: onKeyCreates("dropAfterWrite") > 0,
            gatewayAfterWrite: onKeyCreates("gatewayAfterWrite") > 0,
            html: onKeyCreates("html") > 0,
        }).toEqual({ dropAfterWrite: true, gatewayAfterWrite: true, html: true });
        // Each declared object exactly once: a doubled one and a missing one would keep a count equal.
        const held = async <T extends Record<string, unknown>>(collection: string, name: (row: T) => unknown) =>
            (await env.admin.list<T>(collection)).map((r) => String(name(r))).sort();
        const declared = (n: number, name: (i: number) => string) => Array.from({ length: n }, (_, i) => name(i)).sort();
        expect({
            kcareKeys: await held<{ note: string; limit: number }>("kcareKeys", (k) => `${k.note}/${k.limit}`),
            elsKeys: await held<{ description: string; productCode: string }>("elsKeys", (k) => `${k.description}/${k.productCode}`),
            ipLicenses: await held<{ ip: string }>("ipLicenses", (l) => l.ip),
            servers: await held<{ name: string }>("fluxarkServers", (s) => s.name),
            users: await held<{ username: string }>("fluxarkUsers", (u) => u.username),
        }).toEqual({
            kcareKeys: declared(25, (i) => `kc ${i}/${i}`),
            elsKeys: declared(25, (i) => `els ${i}/${i % 2 ? "ESU" : "CELS"}`),
            ipLicenses: declared(20, (i) => `203.0.113.${i + 1}`),
            servers: declared(15, (i) => `srv${i}`),
            users: declared(15, (i) => `u${i}`),
        });
        // Refreshed, every resource still finds its object: no key was taken from a page or a lie.
        await stack.preview({ refresh: true, expectNoChanges: true });
        await stack.destroy();
    } finally {
        await env.close();
    }
});
