/**
 * The emulator is safe to run on a developer's machine and in users' CI: web pages cannot reach
 * it (Host and Origin), the admin interface can require a token, bodies are bounded and never
 * read before the caller is authenticated, and no name reaches an object's prototype.
 * Everything here goes over HTTP (raw sockets where the timing of the body matters).
 */
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, EmulatorAdmin, startEmulator, type Emulator } from "../../emulator";
import { signToken } from "../../provider/tuxcare/client";

interface Answer {
    status: number;
    text: string;
}

const portOf = (emulator: Emulator) => Number(new URL(emulator.url).port);

/** One request through node:http, which lets a test set the Host and Origin headers a browser would. */
function call(emulator: Emulator, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
        const req = httpRequest(
            {
                host: "127.0.0.1",
                port: portOf(emulator),
                method,
                path,
                agent: false,
                headers: { host: `127.0.0.1:${portOf(emulator)}`, ...headers },
            },
            (res) => {
                let text = "";
                res.setEncoding("utf8");
                res.on("data", (d: string) => (text += d));
                res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
            },
        );
        req.on("error", reject);
        req.end(body);
    });
}

const jsonBody = (body: unknown) => ({ headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const fluxarkAuth = { authorization: `Basic ${DEFAULT_FLUXARK_API_KEY.key}` };
const tuxcareToken = () =>
    encodeURIComponent(signToken(DEFAULT_TUXCARE_ACCOUNT.login, DEFAULT_TUXCARE_ACCOUNT.secretKey, Math.floor(Date.now() / 1000)));

/**
 * Sends a request head and at most the given start of its body over a raw socket, then waits
 * without sending more: what the server answered, and whether it closed the connection. A server
 * that waited for the whole body would answer nothing (and `answer` would be "" after `waitMs`).
 */
function sendPartly(
    emulator: Emulator,
    head: string[],
    bodyStart: Buffer = Buffer.alloc(0),
    waitMs = 5_000,
): Promise<{ answer: string; closed: boolean }> {
    return new Promise((resolve) => {
        const socket = connect(portOf(emulator), "127.0.0.1");
        let answer = "";
        const finish = (closed: boolean) => {
            clearTimeout(timer);
            socket.destroy();
            resolve({ answer, closed });
        };
        const timer = setTimeout(() => finish(false), waitMs);
        socket.on("data", (d) => (answer += d.toString("latin1")));
        socket.on("error", () => undefined); // the server may close while we still write: expected
        socket.on("close", () => finish(true));
        socket.write([`${head[0]}`, `Host: 127.0.0.1:${portOf(emulator)}`, ...head.slice(1), "", ""].join("\r\n"));
        if (bodyStart.length > 0) socket.write(bodyStart);
    });
}

const statusLine = (answer: string) => answer.split("\r\n")[0];
const chunk = (data: Buffer) => Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from("\r\n")]);
const MiB = 1024 * 1024;

describe("who may call: Host and Origin", () => {
    let emulator: Emulator;
    beforeAll(async () => {
        emulator = await startEmulator();
    });
    afterAll(() => emulator.close());
    beforeEach(() => emulator.store.clear());

    test.each([
        "evil.example",
        "evil.example:PORT",
        "127.0.0.2:PORT",
        "127.0.0.1.evil.example:PORT",
        "localhost.evil.example",
        "[::2]:PORT",
    ])("a foreign Host (%s, as after DNS rebinding) gets 403 from the admin interface and the APIs, and no data", async (hostPattern) => {
        emulator.store.put("fluxarkUsers", "1", { id: 1, username: "visible-only-to-loopback" });
        const host = hostPattern.replace("PORT", String(portOf(emulator)));
        for (const [method, path, headers] of [
            ["GET", "/_admin/state", {}],
            ["POST", "/_admin/reset", {}],
            ["GET", "/fluxark/api/users/list", fluxarkAuth],
            ["GET", `/tuxcare/api/kcare/key/list.json?token=${tuxcareToken()}`, {}],
        ] as const) {
            const answer = await call(emulator, method, path, { ...headers, host });
            expect({ path, status: answer.status }).toEqual({ path, status: 403 });
            expect(answer.text).toMatch(/Host header/);
            expect(answer.text).not.toContain("visible-only-to-loopback");
        }
        expect(emulator.store.get("fluxarkUsers", "1")).toBeDefined(); // the reset was refused
    });

    test.each(["127.0.0.1:PORT", "localhost:PORT", "[::1]:PORT", "LocalHost:PORT", "localhost", "127.0.0.1:9999"])(
        "a loopback Host (%s) is answered",
        async (hostPattern) => {
            const host = hostPattern.replace("PORT", String(portOf(emulator)));
            expect(await call(emulator, "GET", "/_admin/state", { host })).toMatchObject({ status: 200 });
            expect(await call(emulator, "GET", "/fluxark/api/users/list", { ...fluxarkAuth, host })).toMatchObject({ status: 200 });
        },
    );

    test("a request without a Host header (HTTP/1.0 allows that) is refused", async () => {
        const answer = await new Promise<string>((resolve) => {
            const socket = connect(portOf(emulator), "127.0.0.1");
            let text = "";
            socket.on("data", (d) => (text += d.toString()));
            socket.on("close", () => resolve(text));
            socket.write("GET /_admin/state HTTP/1.0\r\n\r\n");
        });
        expect(statusLine(answer)).toBe("HTTP/1.1 403 Forbidden");
    });

    test.each(["http://evil.example", "null", "http://localhost:3000", "https://127.0.0.1:PORT"])(
        "a foreign Origin (%s) cannot reset, change or read the state, nor create through the APIs",
        async (originPattern) => {
            const origin = originPattern.replace("PORT", String(portOf(emulator)));
            emulator.store.put("fluxarkUsers", "1", { id: 1, username: "kept" });
            for (const [method, path, extra] of [
                ["POST", "/_admin/reset", {}],
                ["GET", "/_admin/state", {}],
                ["PUT", "/_admin/collections/fluxarkUsers/2", jsonBody({ id: 2 })],
                [
                    "POST",
                    `/tuxcare/api/kcare/key/create.json?token=${tuxcareToken()}&limit=1`,
                    { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "note=csrf" },
                ],
            ] as const) {
                const { headers = {}, body } = extra as { headers?: Record<string, string>; body?: string };
                const answer = await call(emulator, method, path, { ...headers, origin }, body);
                expect({ path, status: answer.status }).toEqual({ path, status: 403 });
                expect(answer.text).toMatch(/Origin header/);
                expect(answer.text).not.toContain("kept");
            }
            expect(emulator.store.list("fluxarkUsers")).toEqual([{ id: 1, username: "kept" }]);
            expect(emulator.store.list("kcareKeys")).toEqual([]);
        },
    );

    test.each(["cross-site", "same-site"])(
        "a request a page makes without Origin (an <img> GET) but with Sec-Fetch-Site: %s creates nothing",
        async (site) => {
            const answer = await call(emulator, "GET", `/tuxcare/api/kcare/key/create.json?token=${tuxcareToken()}&limit=1`, {
                "sec-fetch-site": site,
                "sec-fetch-mode": "no-cors",
            });
            expect(answer.status).toBe(403);
            expect(answer.text).toMatch(/Sec-Fetch-Site header/);
            expect(emulator.store.list("kcareKeys")).toEqual([]);
        },
    );

    test.each(["same-origin", "none"])(
        "Sec-Fetch-Site: %s (the emulator's own page, a URL typed by the user) is accepted",
        async (site) => {
            expect(await call(emulator, "GET", "/_admin/state", { "sec-fetch-site": site })).toMatchObject({ status: 200 });
        },
    );

    test("the emulator's own origin, and no Origin at all (Node clients, curl), are accepted", async () => {
        const own = `http://127.0.0.1:${portOf(emulator)}`;
        expect(await call(emulator, "POST", "/_admin/reset", { origin: own })).toMatchObject({ status: 200 });
        const created = await call(emulator, "POST", `/tuxcare/api/kcare/key/create.json?token=${tuxcareToken()}&limit=1`);
        expect(created.status).toBe(200);
        expect(emulator.store.list("kcareKeys")).toHaveLength(1);
    });
});

describe("the admin token", () => {
    const token = "admin-token-for-this-test";
    let emulator: Emulator;
    beforeAll(async () => {
        emulator = await startEmulator({ adminToken: token });
    });
    afterAll(() => emulator.close());

    test("every admin route refuses a request without it or with a wrong one (401), and changes nothing", async () => {
        emulator.store.put("fluxarkUsers", "1", { id: 1 });
        for (const authorization of [undefined, "Bearer wrong-token", `Basic ${token}`, `Bearer ${token}x`, "Bearer "]) {
            const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
            for (const [method, path] of [
                ["GET", "/_admin/state"],
                ["POST", "/_admin/reset"],
                ["GET", "/_admin/requests"],
                ["DELETE", "/_admin/collections/fluxarkUsers/1"],
                ["GET", "/_admin/health"],
            ]) {
                const answer = await call(emulator, method!, path!, headers);
                expect({ authorization, path, status: answer.status }).toEqual({ authorization, path, status: 401 });
                expect(answer.text).not.toContain(token);
            }
        }
        expect(emulator.store.get("fluxarkUsers", "1")).toEqual({ id: 1 });
    });

    test("with the token the admin interface works, and EmulatorAdmin sends it", async () => {
        expect(await call(emulator, "GET", "/_admin/health", { authorization: `Bearer ${token}` })).toMatchObject({ status: 200 });
        const admin = new EmulatorAdmin(emulator.url, { token });
        await admin.put("fluxarkUsers", "7", { id: 7, username: "via-client" });
        expect(await admin.get("fluxarkUsers", "7")).toEqual({ id: 7, username: "via-client" });
        await expect(new EmulatorAdmin(emulator.url).state()).rejects.toThrow(/HTTP 401/);
    });

    test("the APIs do not need it: they keep their own credentials", async () => {
        expect(await call(emulator, "GET", "/fluxark/api/users/list", fluxarkAuth)).toMatchObject({ status: 200 });
        const refused = await call(emulator, "GET", "/fluxark/api/users/list");
        expect({ status: refused.status, body: JSON.parse(refused.text) as unknown }).toEqual({
            status: 200,
            body: expect.objectContaining({ status: "ERROR", messages: ["Missing API key"] }),
        });
    });

    test("an empty token is refused at start, so nobody believes an unprotected emulator is protected", async () => {
        await expect(startEmulator({ adminToken: "" })).rejects.toThrow(/adminToken: must not be empty/);
    });
});

describe("bodies: bounded, and never read before authentication", () => {
    let emulator: Emulator;
    beforeAll(async () => {
        emulator = await startEmulator({ adminToken: "admin-secret" });
    });
    afterAll(() => emulator.close());
    beforeEach(() => emulator.store.clear());

    const firstPart = Buffer.alloc(64 * 1024, "a");

    // A refused API credential comes with HTTP 200 and the documented error body (authErrorStatus' default).
    test.each([
        ["FluxArk without an API key", "POST /fluxark/api/servers/create HTTP/1.1", [], 200, "Missing API key"],
        [
            "FluxArk with a wrong API key",
            "POST /fluxark/api/servers/create HTTP/1.1",
            ["Authorization: Basic not-a-key"],
            200,
            "Invalid API key",
        ],
        ["TuxCare with a bad token", "POST /tuxcare/api/kcare/key/create.json?token=demo|1|x HTTP/1.1", [], 200, "Authorization failed"],
        ["the admin interface without its token", "PUT /_admin/state HTTP/1.1", [], 401, "needs its token"],
        ["a path with no route", "POST /nowhere HTTP/1.1", [], 404, "No route"],
    ])(
        "%s: a 200 MB POST is answered after 64 KiB and the connection closed, the rest never read",
        async (_label, line, extraHeaders, status, refusal) => {
            const { answer, closed } = await sendPartly(
                emulator,
                [line, "Content-Type: application/json", `Content-Length: ${200 * MiB}`, ...extraHeaders],
                firstPart,
            );
            expect(statusLine(answer)).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
            expect(answer).toContain(refusal);
            expect(answer).toMatch(/\r\nconnection: close\r\n/i);
            expect(closed).toBe(true);
        },
    );

    test("an authenticated call declaring a body over 1 MiB gets 413 before sending any of it, and nothing is made", async () => {
        const { answer, closed } = await sendPartly(emulator, [
            "POST /fluxark/api/servers/create HTTP/1.1",
            `Authorization: Basic ${DEFAULT_FLUXARK_API_KEY.key}`,
            "Content-Type: application/json",
            `Content-Length: ${MiB + 1}`,
        ]);
        expect(statusLine(answer)).toBe("HTTP/1.1 413 Payload Too Large");
        expect(answer).toContain(`over the limit of ${MiB} bytes`);
        expect(closed).toBe(true);
        expect(emulator.store.list("fluxarkServers")).toEqual([]);
    });

    test("an authenticated chunked body is read only up to 1 MiB: 413 while the client is still sending", async () => {
        const part = chunk(Buffer.alloc(MiB + 64 * 1024, " "));
        const { answer, closed } = await sendPartly(
            emulator,
            [
                "POST /fluxark/api/servers/create HTTP/1.1",
                `Authorization: Basic ${DEFAULT_FLUXARK_API_KEY.key}`,
                "Content-Type: application/json",
                "Transfer-Encoding: chunked",
            ],
            part,
        );
        expect(statusLine(answer)).toBe("HTTP/1.1 413 Payload Too Large");
        expect(closed).toBe(true);
        expect(emulator.store.list("fluxarkServers")).toEqual([]);
    });

    test("Expect: 100-continue: refused callers are never told to send the body; authenticated ones are, and their body is read", async () => {
        const send = (headers: Record<string, string>) =>
            new Promise<{ continued: boolean; status: number }>((resolve, reject) => {
                const body = JSON.stringify({ name: "after-continue" });
                const req = httpRequest({
                    host: "127.0.0.1",
                    port: portOf(emulator),
                    method: "POST",
                    path: "/fluxark/api/users/groups",
                    agent: false,
                    headers: {
                        host: `127.0.0.1:${portOf(emulator)}`,
                        "content-type": "application/json",
                        "content-length": String(Buffer.byteLength(body)),
                        expect: "100-continue",
                        ...headers,
                    },
                });
                let continued = false;
                req.on("continue", () => {
                    continued = true;
                    req.end(body);
                });
                req.on("response", (res) => {
                    res.resume();
                    res.on("end", () => {
                        req.destroy();
                        resolve({ continued, status: res.statusCode ?? 0 });
                    });
                });
                req.on("error", reject);
                req.flushHeaders();
            });
        expect(await send({})).toEqual({ continued: false, status: 200 }); // refused: authErrorStatus' default, 200 with the error body
        expect(await send(fluxarkAuth)).toEqual({ continued: true, status: 200 });
        expect(emulator.store.list("fluxarkUserGroups")).toEqual([expect.objectContaining({ name: "after-continue" })]);
    });

    test("PUT /_admin/state takes a state larger than an API call's limit, and refuses one over its own (64 MiB) unread", async () => {
        const rows = Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [String(i), { id: i, note: "x".repeat(1_000) }]));
        const state = JSON.stringify({ collections: { fluxarkUsers: rows }, counters: {} });
        expect(state.length).toBeGreaterThan(2 * MiB);
        const put = await call(
            emulator,
            "PUT",
            "/_admin/state",
            { "content-type": "application/json", authorization: "Bearer admin-secret" },
            state,
        );
        expect(put.status).toBe(200);
        expect(emulator.store.list("fluxarkUsers")).toHaveLength(3_000);
        const tooBig = await sendPartly(emulator, [
            "PUT /_admin/state HTTP/1.1",
            "Authorization: Bearer admin-secret",
            "Content-Type: application/json",
            `Content-Length: ${64 * MiB + 1}`,
        ]);
        expect(statusLine(tooBig.answer)).toBe("HTTP/1.1 413 Payload Too Large");
        expect(emulator.store.list("fluxarkUsers")).toHaveLength(3_000);
    });

    test("an admin collection PUT over 1 MiB is refused", async () => {
        const body = JSON.stringify({ note: "x".repeat(MiB) });
        const { answer } = await sendPartly(emulator, [
            "PUT /_admin/collections/fluxarkUsers/1 HTTP/1.1",
            "Authorization: Bearer admin-secret",
            "Content-Type: application/json",
            `Content-Length: ${Buffer.byteLength(body)}`,
        ]);
        expect(statusLine(answer)).toBe("HTTP/1.1 413 Payload Too Large");
        expect(emulator.store.get("fluxarkUsers", "1")).toBeUndefined();
    });
});

describe("admin bodies and names", () => {
    let emulator: Emulator;
    let admin: EmulatorAdmin;
    beforeAll(async () => {
        emulator = await startEmulator();
        admin = new EmulatorAdmin(emulator.url);
    });
    afterAll(() => emulator.close());
    beforeEach(() => emulator.store.clear());

    test.each(["__proto__", "constructor", "prototype"])(
        "collection name %s is refused with 400 on every method, and pollutes nothing",
        async (name) => {
            for (const [method, path, body] of [
                ["PUT", `/_admin/collections/${name}/x`, JSON.stringify({ polluted: true })],
                ["PATCH", `/_admin/collections/${name}/x`, JSON.stringify({ polluted: true })],
                ["GET", `/_admin/collections/${name}`, undefined],
                ["GET", `/_admin/collections/${name}/x`, undefined],
                ["DELETE", `/_admin/collections/${name}/x`, undefined],
            ] as const) {
                const answer = await call(emulator, method, path, { "content-type": "application/json" }, body);
                expect({ method, status: answer.status }).toEqual({ method, status: 400 });
                expect(answer.text).toContain(`Collection name ${name} is refused`);
            }
            expect(({} as Record<string, unknown>).x).toBeUndefined();
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
            expect(await admin.list("fluxarkUsers")).toEqual([]);
            expect(await admin.get("fluxarkUsers", "x").catch((e: Error) => e.message)).toMatch(/HTTP 404/);
        },
    );

    test("an id such as __proto__ is an ordinary id: stored, listed, and nowhere else", async () => {
        await admin.put("fluxarkUsers", "__proto__", { id: 1, username: "proto" });
        await admin.put("fluxarkUsers", "constructor", { id: 2, username: "ctor" });
        expect(await admin.get("fluxarkUsers", "__proto__")).toEqual({ id: 1, username: "proto" });
        expect((await admin.list("fluxarkUsers")).map((r) => r.username).sort()).toEqual(["ctor", "proto"]);
        expect(await admin.list("fluxarkServers")).toEqual([]);
        expect(({} as Record<string, unknown>).username).toBeUndefined();
        const state = await admin.state();
        expect(Object.keys(state.collections.fluxarkUsers ?? {}).sort()).toEqual(["__proto__", "constructor"]);
        await admin.reset();
        await admin.setState(state); // a saved state with such ids restores as it was
        expect(await admin.get("fluxarkUsers", "__proto__")).toEqual({ id: 1, username: "proto" });
    });

    test.each([
        ["an array", "[1,2]"],
        ["a string", '"row"'],
        ["null", "null"],
        ["not JSON", "{id: 1"],
    ])("a collection PUT or PATCH body that is %s is refused with 400", async (_label, body) => {
        emulator.store.put("fluxarkUsers", "1", { id: 1 });
        for (const method of ["PUT", "PATCH"]) {
            const answer = await call(emulator, method, "/_admin/collections/fluxarkUsers/1", { "content-type": "application/json" }, body);
            expect({ method, status: answer.status, text: answer.text }).toEqual({
                method,
                status: 400,
                text: expect.stringContaining("Body must be a JSON object"),
            });
        }
        expect(emulator.store.get("fluxarkUsers", "1")).toEqual({ id: 1 });
    });

    test.each([
        ["not JSON", "{", /JSON state/],
        ["an array", "[]", /must be a JSON object/],
        ["collections not an object", '{"collections": [], "counters": {}}', /collections must be an object/],
        ["a collection that is not an object", '{"collections": {"fluxarkUsers": 3}}', /collections\.fluxarkUsers must be an object/],
        [
            "a row that is not an object",
            '{"collections": {"fluxarkUsers": {"1": "row"}}}',
            /collections\.fluxarkUsers\.1 must be a JSON object/,
        ],
        ["a negative counter", '{"collections": {}, "counters": {"fluxark": -1}}', /counters\.fluxark must be a whole number/],
        ["an unknown field", '{"collections": {}, "colections": {}}', /unknown field colections/],
        [
            "a __proto__ collection",
            '{"collections": {"__proto__": {"x": {"polluted": true}}}}',
            /collections\.__proto__: .* are not collection names/,
        ],
    ])("PUT /_admin/state with %s is refused with 400 naming the place, and the state is kept", async (_label, body, message) => {
        emulator.store.put("fluxarkUsers", "1", { id: 1 });
        const answer = await call(emulator, "PUT", "/_admin/state", { "content-type": "application/json" }, body);
        expect(answer.status).toBe(400);
        expect(JSON.parse(answer.text).message).toMatch(message);
        expect(emulator.store.snapshot()).toEqual({ collections: { fluxarkUsers: { "1": { id: 1 } } }, counters: {} });
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
});
