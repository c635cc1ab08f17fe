/**
 * An http:// API address to another machine would carry the FluxArk API key (and the TuxCare
 * account token) in clear: `up` fails naming the address setting and the one that allows it, and
 * nothing is sent. The emulator, on loopback, needs no setting (every other test uses it so).
 */
import { FluxarkServer } from "../../provider";
import { DEFAULT_FLUXARK_API_KEY } from "../../emulator";
import { collectOutput, makeStack, startTestEnv } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);

test("a plain http:// fluxark:url to another machine fails naming fluxark:allowInsecureHttp, and sends nothing", async () => {
    const env = await startTestEnv();
    try {
        // 192.0.2.0/24 is TEST-NET-1: documentation only, never routed. Nothing must try to reach it.
        const stack = await makeStack(env, "insecure", async () => void new FluxarkServer("web", { name: "web", ipAddr: "10.0.0.1" }), {
            "fluxark:url": { value: "http://192.0.2.10:8080/fluxark" },
            "fluxark:apiKey": { value: DEFAULT_FLUXARK_API_KEY.key, secret: true },
        });
        const output = collectOutput();
        const started = Date.now();
        const message = await stack.up({ onOutput: output.onOutput }).then(
            () => "up passed",
            (e: Error) => e.message,
        );
        expect(message).toMatch(
            /fluxark:url \(or FLUXARK_URL\) is plain http:\/\/ to 192\.0\.2\.10, which would send the credentials in clear: use https:\/\/, or set fluxark:allowInsecureHttp \(or FLUXARK_ALLOW_INSECURE_HTTP\) to true/,
        );
        // Refused before any connection: no retries against an unreachable address, and no key in what was printed.
        expect(Date.now() - started).toBeLessThan(120_000);
        expect(`${message}\n${output.text()}`).not.toContain(DEFAULT_FLUXARK_API_KEY.key);
        expect(
            (await stack.exportStack()).deployment.resources?.filter((r: { type: string }) => r.type.includes("FluxarkServer")) ?? [],
        ).toEqual([]);
        expect(await env.admin.requests()).toEqual([]);
    } finally {
        await env.close();
    }
});
