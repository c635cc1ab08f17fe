/**
 * The retry policy against a real HTTP server on 127.0.0.1 (no mocks): what is retried, what
 * is not, and what a lost answer turns into. A non-idempotent write (a create) is sent again only
 * when it certainly was not carried out; every other failure after sending is "outcome unknown".
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
    backoffDelay,
    DEFAULT_HTTP_SETTINGS,
    HttpTransport,
    parseRetryAfter,
    type HttpRequest,
    type HttpResponse,
} from "../../provider/core/http";
import { ApiError, kindFromStatus } from "../../provider/core/errors";
import { checkAnswer, notJsonError, parseJsonBody } from "../../provider/core/answer";
import { TuxcareClient } from "../../provider/tuxcare/client";
import { FluxarkClient } from "../../provider/fluxark/client";
import { z } from "zod";

type Behaviour = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

let server: Server;
let base: string;
let behaviour: Behaviour;
let hits = 0;

beforeAll(async () => {
    server = createServer((req, res) => behaviour(req, res, ++hits));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
});
beforeEach(() => (hits = 0));

const transport = new HttpTransport({ retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, budgetMs: 10_000 } });
afterAll(() => transport.close());

function req(idempotent: boolean, path = "/x"): HttpRequest {
    return { service: "Test", operation: "op", method: "GET", url: () => new URL(`${base}${path}?token=secret-token`), idempotent };
}
const handle = (r: HttpResponse) => {
    if (r.status >= 400)
        throw new ApiError({
            kind: kindFromStatus(r.status),
            service: "Test",
            operation: "op",
            status: r.status,
            message: `HTTP ${r.status}`,
        });
    return r.body;
};

test("a server that fails twice then succeeds: the third attempt's answer is returned", async () => {
    behaviour = (_q, res, hit) => {
        res.writeHead(hit <= 2 ? 503 : 200).end(hit <= 2 ? "busy" : "ok");
    };
    await expect(transport.send(req(true), handle)).resolves.toBe("ok");
    expect(hits).toBe(3);
});

test("a 400 is not retried", async () => {
    behaviour = (_q, res) => void res.writeHead(400).end("bad");
    await expect(transport.send(req(true), handle)).rejects.toMatchObject({ kind: "Validation", status: 400 });
    expect(hits).toBe(1);
});

test("a 401 is not retried", async () => {
    behaviour = (_q, res) => void res.writeHead(401).end();
    await expect(transport.send(req(true), handle)).rejects.toMatchObject({ kind: "Auth" });
    expect(hits).toBe(1);
});

test("retries stop after maxAttempts", async () => {
    behaviour = (_q, res) => void res.writeHead(502).end();
    await expect(transport.send(req(true), handle)).rejects.toMatchObject({ kind: "Server", status: 502 });
    expect(hits).toBe(4);
});

test("429 is retried after Retry-After, even for a create", async () => {
    const times: number[] = [];
    behaviour = (_q, res, hit) => {
        times.push(Date.now());
        if (hit === 1) res.writeHead(429, { "retry-after": "1" }).end();
        else res.writeHead(200).end("created");
    };
    await expect(transport.send(req(false), handle)).resolves.toBe("created");
    expect(hits).toBe(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
});

test("an answer lost after a create was sent is not repeated: outcome unknown", async () => {
    behaviour = (q) => q.socket.destroy();
    const error = await transport.send(req(false), handle).catch((e: ApiError) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: "Network", outcomeUnknown: true });
    expect(hits).toBe(1);
    expect(String((error as Error).message)).not.toContain("secret-token");
});

test("an answer lost for a read is retried", async () => {
    behaviour = (q, res, hit) => (hit === 1 ? q.socket.destroy() : void res.writeHead(200).end("read"));
    await expect(transport.send(req(true), handle)).resolves.toBe("read");
    expect(hits).toBe(2);
});

test("an idempotent write whose answer was lost, then whose retries failed, still reports the outcome as unknown", async () => {
    // The first attempt may have registered the object; a 503 on the last one does not undo that.
    behaviour = (q, res, hit) => (hit === 1 ? q.socket.destroy() : void res.writeHead(503).end("busy"));
    const error = await transport.send(req(true), handle).catch((e: ApiError) => e);
    expect(hits).toBe(4);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: "Server", status: 503, outcomeUnknown: true, message: "Test op: HTTP 503" });
});

test("retries that were only ever turned away (503 with Retry-After) report a definite failure", async () => {
    behaviour = (_q, res) => void res.writeHead(503, { "retry-after": "0" }).end("busy");
    await expect(transport.send(req(true), handle)).rejects.toMatchObject({ kind: "Server", outcomeUnknown: false });
    expect(hits).toBe(4);
});

test("a read that only ever got 503 without Retry-After reports the outcome as unknown (the service may have acted)", async () => {
    behaviour = (_q, res) => void res.writeHead(503).end("busy");
    await expect(transport.send(req(true), handle)).rejects.toMatchObject({ kind: "Server", outcomeUnknown: true });
    expect(hits).toBe(4);
});

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    return port;
}

describe("a non-idempotent write (a create)", () => {
    test("is sent again after a refused connection, which certainly never reached the server", async () => {
        const port = await closedPort();
        let attempts = 0;
        behaviour = (_q, res) => void res.writeHead(200).end("created");
        // The first attempt goes to a closed port, the second to the live server.
        const create: HttpRequest = {
            service: "Test",
            operation: "create",
            method: "POST",
            idempotent: false,
            url: () => new URL(++attempts === 1 ? `http://127.0.0.1:${port}/x` : `${base}/x`),
        };
        await expect(transport.send(create, handle)).resolves.toBe("created");
        expect([attempts, hits]).toEqual([2, 1]);
    });

    test("a refused connection on every attempt fails as never sent (outcome known: nothing was made)", async () => {
        const port = await closedPort();
        const error = await transport
            .send(
                {
                    service: "Test",
                    operation: "create",
                    method: "GET",
                    idempotent: false,
                    url: () => new URL(`http://127.0.0.1:${port}/x`),
                },
                handle,
            )
            .catch((e: ApiError) => e);
        expect(error).toMatchObject({ kind: "Network", outcomeUnknown: false });
    });

    test("is sent again after 503 with Retry-After (the service turned it away)", async () => {
        behaviour = (_q, res, hit) =>
            void (hit === 1 ? res.writeHead(503, { "retry-after": "0" }).end("maintenance") : res.writeHead(200).end("created"));
        await expect(transport.send(req(false), handle)).resolves.toBe("created");
        expect(hits).toBe(2);
    });

    test.each([500, 502, 503, 504])("is not sent again after %i (without Retry-After): outcome unknown", async (status) => {
        // A gateway answers 502 or 504 after the backend did the work: a second create would make a second object.
        behaviour = (_q, res) => void res.writeHead(status, { "content-type": "text/html" }).end("<html><body>gateway</body></html>");
        const error = await transport.send(req(false), handle).catch((e: ApiError) => e);
        expect(error).toBeInstanceOf(ApiError);
        expect(error).toMatchObject({ kind: "Server", status, outcomeUnknown: true });
        expect(hits).toBe(1);
    });

    test("is not sent again after a timeout once sent: outcome unknown", async () => {
        const held: ServerResponse[] = [];
        behaviour = (_q, res) => void held.push(res); // never answers
        const impatient = new HttpTransport({
            requestTimeoutMs: 300,
            retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, budgetMs: 10_000 },
        });
        try {
            const error = await impatient.send(req(false), handle).catch((e: ApiError) => e);
            expect(error).toMatchObject({ kind: "Network", outcomeUnknown: true });
            expect(hits).toBe(1);
        } finally {
            for (const res of held) res.destroy();
            await impatient.close();
        }
    });

    test("a 2xx that is not the documented answer is not taken as data, nor sent again: outcome unknown", async () => {
        behaviour = (_q, res) =>
            void res.writeHead(200, { "content-type": "text/html" }).end("<!DOCTYPE html><html><body>Welcome</body></html>");
        const json = (r: HttpResponse) => {
            const body = parseJsonBody(r.body);
            if (body === undefined) throw notJsonError("Test", "create", r);
            return checkAnswer(z.string(), body, "Test", "create", r.status);
        };
        const error = await transport.send(req(false), json).catch((e: ApiError) => e);
        expect(error).toMatchObject({ kind: "InvalidResponse", status: 200, outcomeUnknown: true });
        expect((error as Error).message).toMatch(/not JSON \(HTTP 200, text\/html\)/);
        expect(hits).toBe(1);
    });

    test("a request that cannot even be built (a missing credential) fails once, without retries", async () => {
        let builds = 0;
        const unbuildable: HttpRequest = {
            ...req(false),
            url: () => {
                builds++;
                throw new ApiError({ kind: "Config", message: "tuxcare:login is not set" });
            },
        };
        await expect(transport.send(unbuildable, handle)).rejects.toMatchObject({ kind: "Config", outcomeUnknown: false });
        expect([builds, hits]).toEqual([1, 0]);
    });

    test("a 400 is a definite refusal: not sent again, and nothing was made", async () => {
        behaviour = (_q, res) => void res.writeHead(400).end("bad");
        await expect(transport.send(req(false), handle)).rejects.toMatchObject({ kind: "Validation", outcomeUnknown: false });
        expect(hits).toBe(1);
    });
});

describe("reads and idempotent writes", () => {
    test.each([500, 502, 504])("retry %i", async (status) => {
        behaviour = (_q, res, hit) => void (hit === 1 ? res.writeHead(status).end() : res.writeHead(200).end("ok"));
        await expect(transport.send(req(true), handle)).resolves.toBe("ok");
        expect(hits).toBe(2);
    });

    test("retry a timeout", async () => {
        const held: ServerResponse[] = [];
        behaviour = (_q, res, hit) => void (hit === 1 ? held.push(res) : res.writeHead(200).end("late"));
        const impatient = new HttpTransport({
            requestTimeoutMs: 300,
            retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, budgetMs: 10_000 },
        });
        try {
            await expect(impatient.send(req(true), handle)).resolves.toBe("late");
            expect(hits).toBe(2);
        } finally {
            for (const res of held) res.destroy();
            await impatient.close();
        }
    });

    test("retry a page where JSON was promised, but not a JSON answer of the wrong shape (it would be the same again)", async () => {
        const json = (r: HttpResponse) => {
            const body = parseJsonBody(r.body);
            if (body === undefined) throw notJsonError("Test", "read", r);
            return checkAnswer(z.array(z.number()), body, "Test", "read", r.status);
        };
        behaviour = (_q, res, hit) =>
            void (hit === 1 ? res.writeHead(200, { "content-type": "text/html" }).end("<html></html>") : res.writeHead(200).end("[1,2]"));
        await expect(transport.send(req(true), json)).resolves.toEqual([1, 2]);
        expect(hits).toBe(2);
        hits = 0;
        behaviour = (_q, res) => void res.writeHead(200).end('{"not":"a list"}');
        await expect(transport.send(req(true), json)).rejects.toMatchObject({
            kind: "InvalidResponse",
            message: "Test read: unexpected answer: (body): Invalid input: expected array, received object",
        });
        expect(hits).toBe(1);
    });
});

describe("the size of an answer", () => {
    /** Streams `chunk` forever (no Content-Length) until the client goes away; counts what was written. */
    const endless = (sent: { bytes: number }) => (_q: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { "content-type": "application/json" });
        const chunk = Buffer.alloc(256 * 1024, "a");
        const pump = () => {
            while (!res.destroyed && res.write(chunk)) sent.bytes += chunk.length;
            if (!res.destroyed) res.once("drain", pump);
        };
        res.on("close", () => res.removeAllListeners("drain"));
        pump();
    };

    test("the default cap is 32 MiB", () => {
        expect(DEFAULT_HTTP_SETTINGS.maxResponseBytes).toBe(32 * 1024 * 1024);
    });

    test("an endless answer is cut off at the cap while it streams, with a clear error; a read is not sent again", async () => {
        const sent = { bytes: 0 };
        behaviour = endless(sent);
        const capped = new HttpTransport({
            maxResponseBytes: 2 * 1024 * 1024,
            retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10, budgetMs: 5_000 },
        });
        try {
            const error = await capped.send(req(true), handle).catch((e: ApiError) => e);
            expect(error).toBeInstanceOf(ApiError);
            expect(error).toMatchObject({
                kind: "InvalidResponse",
                status: 200,
                message: "Test op: the answer is larger than 2097152 bytes (the provider's limit for one answer); refused",
            });
            expect(hits).toBe(1);
        } finally {
            await capped.close();
        }
        // It stopped near the cap (socket buffers hold a few MB at most), not after an unbounded stream.
        expect(sent.bytes).toBeLessThan(64 * 1024 * 1024);
    });

    test("an answer over the cap to a create is outcome unknown", async () => {
        behaviour = endless({ bytes: 0 });
        const capped = new HttpTransport({
            maxResponseBytes: 1024 * 1024,
            retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10, budgetMs: 5_000 },
        });
        try {
            await expect(capped.send(req(false), handle)).rejects.toMatchObject({ kind: "InvalidResponse", outcomeUnknown: true });
            expect(hits).toBe(1);
        } finally {
            await capped.close();
        }
    });

    test("a declared Content-Length over the cap is refused before the body is read", async () => {
        behaviour = (_q, res) => {
            res.writeHead(200, { "content-length": String(400 * 1024 * 1024) });
            res.write("{"); // and then nothing: waiting for the body would hang until the timeout
        };
        const capped = new HttpTransport({ maxResponseBytes: 1024 * 1024, requestTimeoutMs: 20_000 });
        try {
            const started = Date.now();
            await expect(capped.send(req(true), handle)).rejects.toMatchObject({ kind: "InvalidResponse", status: 200 });
            expect(Date.now() - started).toBeLessThan(10_000);
        } finally {
            await capped.close();
        }
    });

    test("an answer just under the cap is read whole", async () => {
        const body = "x".repeat(1024 * 1024 - 1);
        behaviour = (_q, res) => void res.writeHead(200).end(body);
        const capped = new HttpTransport({ maxResponseBytes: 1024 * 1024 });
        try {
            await expect(capped.send(req(true), handle)).resolves.toHaveLength(body.length);
        } finally {
            await capped.close();
        }
    });
});

describe("the clients never take an undocumented answer as data", () => {
    const tuxcare = () => new TuxcareClient(() => ({ login: "demo", secretKey: "unit-secret", apiUrl: base }), transport);
    const fluxark = () => new FluxarkClient(() => ({ url: base, apiKey: "unit-api-key" }), transport);
    const answer =
        (status: number, body: string, type = "application/json") =>
        (_q: IncomingMessage, res: ServerResponse) =>
            void res.writeHead(status, { "content-type": type }).end(body);

    test("a KernelCare key create answered by an HTML page on 200 is outcome unknown, not a key", async () => {
        behaviour = answer(200, "<!DOCTYPE html><html><body>Welcome</body></html>", "text/html");
        await expect(tuxcare().createKcareKey(1, "n")).rejects.toMatchObject({
            kind: "InvalidResponse",
            outcomeUnknown: true,
            message: expect.stringMatching(/not JSON \(HTTP 200, text\/html\)/),
        });
        expect(hits).toBe(1);
    });

    test.each([
        ["Unauthorized", "text/html"],
        ["MaintenanceMode", "text/html; charset=utf-8"],
        ["WsTs821nSAtiastD", "text/html"],
        ["MaintenanceMode", "application/xhtml+xml"],
        ["<b>MaintenanceMode</b>", "text/plain"],
        ['"Unauthorized"', "text/html"],
        ['{"success":true,"data":"WsTs821nSAtiastD","message":null,"type":null}', "text/html"],
    ])("a bare word %s sent as %s is not a KernelCare key: outcome unknown, settled by listing", async (body, type) => {
        behaviour = answer(200, body, type);
        const error = await tuxcare()
            .createKcareKey(1, "n")
            .catch((e: ApiError) => e);
        expect(error).toBeInstanceOf(ApiError);
        expect(error).toMatchObject({
            kind: "InvalidResponse",
            status: 200,
            outcomeUnknown: true,
            message: expect.stringMatching(/not JSON/),
        });
        expect(hits).toBe(1);
    });

    test("the document's key as raw text without a content type is accepted", async () => {
        behaviour = (_q, res) => {
            res.removeHeader("content-type");
            res.writeHead(200).end("WsTs821nSAtiastD");
        };
        await expect(tuxcare().createKcareKey(1, "n")).resolves.toBe("WsTs821nSAtiastD");
    });

    test.each([
        ["an HTML page as a JSON string", '"<html><body>Welcome</body></html>"'],
        ["a sentence", '"Service temporarily unavailable"'],
        ["an empty string", '""'],
        ["an enveloped page", '{"success":true,"data":"<html></html>","message":null,"type":null}'],
    ])("a KernelCare key create answered by %s is refused by the key's shape", async (_what, body) => {
        behaviour = answer(200, body);
        const error = await tuxcare()
            .createKcareKey(1, "n")
            .catch((e: ApiError) => e);
        expect(error).toMatchObject({ kind: "InvalidResponse", outcomeUnknown: true });
        expect((error as Error).message).toMatch(/not a KernelCare key/);
    });

    test.each([
        ['as raw text labelled JSON (the document says only "(string)")', "WsTs821nSAtiastD\n", "application/json"],
        ["as raw text/plain, as the emulator's --bare sends it", "WsTs821nSAtiastD", "text/plain; charset=utf-8"],
        ["JSON-quoted", '"WsTs821nSAtiastD"', "application/json"],
        ["in the envelope", '{"success":true,"data":"WsTs821nSAtiastD","message":null,"type":null}', "application/json"],
    ])("the document's KernelCare key, %s, is accepted", async (_how, body, type) => {
        behaviour = answer(200, body, type);
        await expect(tuxcare().createKcareKey(1, "n")).resolves.toBe("WsTs821nSAtiastD");
    });

    test("an ELS create must answer a key object whose key has an ELS key's shape", async () => {
        behaviour = answer(200, '{"key":"ESU-yUDxBd5ethmGO5d3hnAZEau0","productCode":"ESU","usageLimit":"2","description":"123"}');
        await expect(tuxcare().createElsKey("ESU", 2, "123")).resolves.toMatchObject({
            key: "ESU-yUDxBd5ethmGO5d3hnAZEau0",
            usageLimit: 2,
        });
        behaviour = answer(200, '{"key":"<html>","productCode":"ESU","usageLimit":"2"}');
        await expect(tuxcare().createElsKey("ESU", 2, "123")).rejects.toMatchObject({
            kind: "InvalidResponse",
            outcomeUnknown: true,
            message: expect.stringMatching(/key: not an ELS key/),
        });
    });

    test("a TuxCare read answered by a page on 200 is refused (and retried as a read)", async () => {
        behaviour = answer(200, "<html>login</html>", "text/html");
        await expect(tuxcare().listKcareKeys()).rejects.toMatchObject({
            kind: "InvalidResponse",
            message: expect.stringMatching(/not JSON/),
        });
        expect(hits).toBe(4);
    });

    test("a plain-text Nagios answer stays text", async () => {
        behaviour = answer(200, "success:true code:0", "text/plain");
        await expect(tuxcare().registerNagiosKey("MonitoringKey0123")).resolves.toBe(0);
    });

    test("a FluxArk create answered by a page on 200, or without an id, is outcome unknown", async () => {
        const record = {
            name: "s",
            ip_addr: "10.0.0.1",
            active: true,
            is_jump: false,
            is_cron: false,
            is_api: false,
            port: 22,
            groups: [],
        };
        behaviour = answer(200, "<html>proxy</html>", "text/html");
        await expect(fluxark().createServer(record)).rejects.toMatchObject({
            kind: "InvalidResponse",
            outcomeUnknown: true,
            message: expect.stringMatching(/not JSON/),
        });
        expect(hits).toBe(1);
        behaviour = answer(200, '{"status":"OK"}');
        await expect(fluxark().createServer(record)).rejects.toMatchObject({
            kind: "InvalidResponse",
            outcomeUnknown: true,
            message: expect.stringMatching(/id/),
        });
        behaviour = answer(200, '{"status":"OK","id":7}');
        await expect(fluxark().createServer(record)).resolves.toBe(7);
    });

    test("a FluxArk error body is a definite refusal of a create, not outcome unknown", async () => {
        const record = {
            name: "s",
            ip_addr: "10.0.0.1",
            active: true,
            is_jump: false,
            is_cron: false,
            is_api: false,
            port: 22,
            groups: [],
        };
        behaviour = answer(400, '{"status":"ERROR","messages":["Duplicate server name"],"time":1726505912}');
        await expect(fluxark().createServer(record)).rejects.toMatchObject({ kind: "Conflict", outcomeUnknown: false });
        expect(hits).toBe(1);
    });

    test("a TuxCare 'Authorization failed' on HTTP 200 to a read is a definite Auth refusal, asked once", async () => {
        behaviour = answer(200, '{"success":false,"data":null,"message":"Authorization failed","type":"error"}');
        await expect(tuxcare().listKcareKeys()).rejects.toMatchObject({ kind: "Auth", status: 200, outcomeUnknown: false });
        expect(hits).toBe(1);
    });

    test("a FluxArk key refused on HTTP 200 to a read is a definite Auth refusal, asked once", async () => {
        behaviour = answer(200, '{"status":"ERROR","messages":["Invalid API key"],"time":1726505912}');
        await expect(fluxark().listServers()).rejects.toMatchObject({ kind: "Auth", status: 200, outcomeUnknown: false });
        expect(hits).toBe(1);
    });

    test("a FluxArk 500 that names its reason, to an idempotent write, is outcome unknown and not sent again (the reason would be the same)", async () => {
        behaviour = answer(500, '{"status":"ERROR","messages":["Missing user"],"time":1726505912}');
        await expect(fluxark().deleteUser(7)).rejects.toMatchObject({ kind: "NotFound", status: 500, outcomeUnknown: true });
        expect(hits).toBe(1);
    });

    test("a FluxArk 500 without a reason, to an idempotent write, is sent again", async () => {
        behaviour = (_q, res, hit) =>
            void res.writeHead(hit === 1 ? 500 : 200, { "content-type": "application/json" }).end(hit === 1 ? "{}" : '{"status":"OK"}');
        await expect(fluxark().deleteUser(7)).resolves.toBeUndefined();
        expect(hits).toBe(2);
    });
});

test("requestsPerSecond spaces request starts evenly", async () => {
    // Starts are taken where the transport makes them (it signs the URL right after pacing), not
    // where the server sees them: a connection set up late under load would shorten the span.
    const arrivals: number[] = [];
    behaviour = (_q, res) => void res.writeHead(200).end("ok");
    const stamped = (): HttpRequest => ({
        ...req(true),
        url: () => {
            arrivals.push(Date.now());
            return req(true).url();
        },
    });
    const paced = new HttpTransport({ requestsPerSecond: 20 });
    await Promise.all(Array.from({ length: 6 }, () => paced.send(stamped(), handle)));
    await paced.close();
    arrivals.sort((a, b) => a - b);
    // Six starts at 20 per second cannot all fit in less than 5 intervals of 50 ms.
    expect(arrivals[5]! - arrivals[0]!).toBeGreaterThanOrEqual(5 * 50 - 15);
});

describe("backoff", () => {
    const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, budgetMs: 60_000 };
    test("full jitter stays within the exponential cap", () => {
        expect(backoffDelay(policy, 1, undefined, () => 0.999)).toBeLessThanOrEqual(100);
        expect(backoffDelay(policy, 3, undefined, () => 0.999)).toBeLessThanOrEqual(400);
        expect(backoffDelay(policy, 10, undefined, () => 0.999)).toBeLessThanOrEqual(1000);
        expect(backoffDelay(policy, 3, undefined, () => 0)).toBe(0);
    });
    test("never shorter than Retry-After", () => {
        expect(backoffDelay(policy, 1, 5000, () => 0.5)).toBe(5000);
    });
    test("Retry-After in seconds or as an HTTP date", () => {
        expect(parseRetryAfter("3")).toBe(3000);
        expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
        expect(parseRetryAfter("soon")).toBeUndefined();
    });
});
