import { clearRegisteredSecrets, redact, registerSecret } from "../../provider/core/redact";
import { ApiError } from "../../provider/core/errors";
import { signToken } from "../../provider/tuxcare/client";
import { CATALOG } from "../../provider/catalog";
import { callHandler } from "../../provider/runtime";
import { secretFieldNames, secretOutputNames } from "../../provider/core/secrets";

/** An SSH private key as FluxArk's document shows one (with a passphrase), plus the quotes and backslashes JSON must escape. */
const PRIVATE_KEY = [
    "-----BEGIN OPENSSH PRIVATE KEY-----",
    "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABBwvRxmHh",
    "QbYRm0AJk8/+rzAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIHk=",
    'comment "deploy\\key" end',
    "-----END OPENSSH PRIVATE KEY-----",
    "",
].join("\n");

describe("redaction", () => {
    afterEach(() => clearRegisteredSecrets());

    test("masks the token query parameter, plain and URL-encoded", () => {
        const url = "https://portal.tuxcare.com/api/kcare/key/list.json?token=demo%7C1692699188%7C35b8466e&limit=2";
        expect(redact(url)).toBe("https://portal.tuxcare.com/api/kcare/key/list.json?token=[REDACTED]&limit=2");
        expect(redact("GET /x?a=1&token=demo|1|abc")).toBe("GET /x?a=1&token=[REDACTED]");
    });

    test("masks Authorization header values", () => {
        expect(redact('{"Authorization": "Basic 1vwAFfL3T42bhLJA52rqZ"}')).toBe('{"Authorization": "Basic [REDACTED]"}');
        expect(redact("authorization: Bearer abc.def")).toBe("authorization: Bearer [REDACTED]");
    });

    test("masks the reseller token in the nagios-res path", () => {
        expect(redact("https://p/api/kcare/nagios-res/reseller/demo|1|abc")).toBe("https://p/api/kcare/nagios-res/reseller/[REDACTED]");
    });

    test("masks registered secret values wherever they appear, also URL-encoded", () => {
        registerSecret("s3cr3t key+/=");
        expect(redact("key is s3cr3t key+/= here")).toBe("key is [REDACTED] here");
        expect(redact(`q=${encodeURIComponent("s3cr3t key+/=")}`)).toBe("q=[REDACTED]");
    });

    test("a secret registered after earlier redactions is masked too, and the longer of two overlapping secrets whole", () => {
        registerSecret("first-secret");
        expect(redact("first-secret")).toBe("[REDACTED]");
        registerSecret("KEY-1234");
        registerSecret("KEY-1234-EXTRA");
        expect(redact("a KEY-1234 b KEY-1234-EXTRA c first-secret")).toBe("a [REDACTED] b [REDACTED] c [REDACTED]");
        expect(redact("x KEY-1234-EXTRA", ["other-secret"])).toBe("x [REDACTED]");
        expect(redact("x other-secret")).toBe("x other-secret");
        expect(redact("x other-secret", ["other-secret"])).toBe("x [REDACTED]");
    });

    test("leaves short values alone, so ordinary words are not masked", () => {
        registerSecret("ab");
        expect(redact("abc")).toBe("abc");
    });

    test("ApiError messages and stacks are redacted at construction", () => {
        registerSecret("super-secret-value");
        const e = new ApiError({ kind: "Auth", message: "failed for super-secret-value at ?token=abc" });
        expect(e.message).not.toContain("super-secret-value");
        expect(e.message).not.toContain("token=abc");
        expect(e.stack).not.toContain("super-secret-value");
    });

    describe("the signed TuxCare token wherever it appears", () => {
        const token = signToken("demo", "emulator-secret-key", 1692699188);

        test.each([
            ["echoed bare in a message", `Authorization failed for token ${token}`],
            ["in JSON", JSON.stringify({ token, message: "expired" })],
            ["URL-encoded outside a token= parameter", `GET /api/x?t=${encodeURIComponent(token)}`],
            ["its signature alone", `bad signature ${token.split("|")[2]}.`],
        ])("%s", (_name, text) => {
            const out = redact(text);
            expect(out).toContain("[REDACTED]");
            expect(out).not.toMatch(/[0-9a-f]{40}/);
            expect(out).not.toContain("1692699188|");
        });

        test("a longer hex run (a SHA-256) is not a signature", () => {
            const sha256 = "a".repeat(64);
            expect(redact(`digest ${sha256}`)).toBe(`digest ${sha256}`);
        });
    });

    test("strips user and password from URLs, also with JSON-escaped slashes", () => {
        expect(redact("GET https://admin:p4ss@fluxark.example.com/api/users/list -> 500")).toBe(
            "GET https://[REDACTED]@fluxark.example.com/api/users/list -> 500",
        );
        expect(redact('{"url":"https:\\/\\/bob:hunter22@host\\/api"}')).toBe('{"url":"https:\\/\\/[REDACTED]@host\\/api"}');
        expect(redact("mail bob@example.com about https://host/x")).toBe("mail bob@example.com about https://host/x");
    });

    test("masks the query-string forms of a secret: encodeURIComponent (%20, %40) and the form encoding (+)", () => {
        const password = "p@ss word!(1)~";
        registerSecret(password);
        const form = new URLSearchParams({ password }).toString();
        expect(form).toContain("+"); // the two encodings differ: this one has + for the space ...
        expect(encodeURIComponent(password)).toContain("%20"); // ... that one %20, and they escape !()~ differently
        expect(redact(`POST /x?${form}`)).toBe("POST /x?password=[REDACTED]");
        expect(redact(`POST /x?password=${encodeURIComponent(password)}`)).toBe("POST /x?password=[REDACTED]");
    });

    test("masks the JSON-escaped form of a secret, escaped once and twice (a body quoted inside an error body)", () => {
        const password = 'quo"te\\back\tslash';
        registerSecret(password);
        const body = JSON.stringify({ password });
        expect(body).not.toContain(password); // JSON escaped it ...
        expect(redact(`echo: ${body}`)).toBe('echo: {"password":"[REDACTED]"}'); // ... and it is masked all the same
        const nested = JSON.stringify({ messages: [`request body: ${body}`] });
        expect(redact(nested)).toBe(JSON.stringify({ messages: ['request body: {"password":"[REDACTED]"}'] }));
    });

    test("masks a multi-line SSH private key whole, JSON-escaped, URL-encoded, and line by line when cut short", () => {
        registerSecret(PRIVATE_KEY);
        const lines = PRIVATE_KEY.split("\n").filter((l) => l.length >= 12 && !l.startsWith("-----"));
        const check = (text: string) => {
            const out = redact(text);
            for (const line of lines) {
                expect(out).not.toContain(line);
                expect(out).not.toContain(JSON.stringify(line).slice(1, -1));
            }
            return out;
        };
        expect(check(`key: ${PRIVATE_KEY}`)).toBe("key: [REDACTED]");
        expect(check(JSON.stringify({ ssh_key: PRIVATE_KEY }))).toBe('{"ssh_key":"[REDACTED]"}');
        expect(check(`?ssh_key=${encodeURIComponent(PRIVATE_KEY)}`)).toBe("?ssh_key=[REDACTED]");
        expect(check(`?${new URLSearchParams({ ssh_key: PRIVATE_KEY }).toString()}`)).toBe("?ssh_key=[REDACTED]");
        // A server that truncates its echo, or re-wraps the key on one line, still shows no line of it.
        check(`echo: ${JSON.stringify(PRIVATE_KEY).slice(0, 120)}...`);
        check(PRIVATE_KEY.split("\n").join(" "));
        // The PEM armour is the same in every key: it stays readable.
        expect(redact("-----BEGIN OPENSSH PRIVATE KEY-----")).toBe("-----BEGIN OPENSSH PRIVATE KEY-----");
    });

    test("a secret that contains a 40-hex run is masked whole, not cut in two by the signature rule", () => {
        const secret = `pre-${"b".repeat(40)}-post`;
        registerSecret(secret);
        expect(redact(`x ${secret} y`)).toBe("x [REDACTED] y");
    });

    describe("secret inputs, declared in the field tables and registered by the runtime", () => {
        test("the field tables declare every credential input secret, and nothing else", () => {
            const declared = Object.fromEntries(CATALOG.map((e) => [e.type, secretFieldNames(e.fields)]));
            expect(declared).toEqual({
                "tuxcare:ElsKey": ["adopt"],
                "tuxcare:IpLicense": [],
                "tuxcare:KcareKey": ["adopt"],
                "tuxcare:ServerGroup": [],
                "fluxark:FluxarkServer": [],
                // The remote user's sshKey is the private key FluxArk logs in with.
                "fluxark:FluxarkServerUser": ["password", "sshKey"],
                // A portal user's sshKey is the user's public key: not a secret.
                "fluxark:FluxarkUser": ["password"],
                "fluxark:FluxarkAcl": [],
                "fluxark:UserGroup": [],
            });
            const els = CATALOG.find((e) => e.type === "tuxcare:ElsKey")!;
            expect(secretOutputNames(els.fields, ["key"])).toEqual(["adopt", "key"]);
        });

        test("the first call the engine makes (check) registers the secret inputs, before any API call", async () => {
            const inputs = { serverId: 3, username: "deploy", authMethod: "key-pass", password: "Remote pass+word@1", sshKey: PRIVATE_KEY };
            expect(redact(`echo ${JSON.stringify(inputs)}`)).toContain("Remote pass+word@1");
            await callHandler("fluxark:FluxarkServerUser", "check", [{}, inputs]);
            const echoed = redact(`echo ${JSON.stringify(inputs)} and ?${new URLSearchParams({ p: inputs.password }).toString()}`);
            expect(echoed).toBe(
                'echo {"serverId":3,"username":"deploy","authMethod":"key-pass","password":"[REDACTED]","sshKey":"[REDACTED]"} and ?p=[REDACTED]',
            );
        });

        test("a check failure that quotes a value never shows a secret input", async () => {
            // A password pasted into the wrong field: the rule quotes the value it refuses.
            const result = (await callHandler("fluxark:FluxarkServerUser", "check", [
                {},
                { serverId: 3, username: "deploy", authMethod: "Pasted-Passw0rd", password: "Pasted-Passw0rd" },
            ])) as { failures: { property: string; reason: string }[] };
            const failure = result.failures.find((f) => f.property === "authMethod");
            expect(failure?.reason).toContain('"[REDACTED]"');
            expect(failure?.reason).not.toContain("Pasted-Passw0rd");
        });

        test("a license key given to adopt, and a password in old state, are registered too", async () => {
            await callHandler("tuxcare:KcareKey", "check", [{}, { limit: 1, adopt: "AdoptedKey0123456" }]);
            await callHandler("fluxark:FluxarkUser", "check", [
                { password: "Old-State-Passw0rd" },
                { username: "u", email: "u@example.com", fullName: "U", authType: "password", password: "New-Passw0rd" },
            ]);
            expect(redact("AdoptedKey0123456 Old-State-Passw0rd New-Passw0rd")).toBe("[REDACTED] [REDACTED] [REDACTED]");
        });
    });
});
