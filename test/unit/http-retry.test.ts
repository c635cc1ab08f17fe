/**
 * The retry policy against a real HTTP server on 127.0.0.1 (no mocks): what is retried, what
 * is not, and what a lost answer turns into.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { backoffDelay, HttpTransport, parseRetryAfter, type HttpRequest, type HttpResponse } from "../../provider/core/http";
import { ApiError, kindFromStatus } from "../../provider/core/errors";

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
    return { service: "Test", operation: "op", method: "GET", url: () => new URL(base + path + "?token=secret-token"), idempotent };
}
const handle = (r: HttpResponse) => {
    if (r.status >= 400) throw new ApiError({ kind: kindFromStatus(r.status), service: "Test", operation: "op", status: r.status, message: `HTTP ${r.status}` });
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

test("retries that only ever got definite failures report a definite failure", async () => {
    behaviour = (_q, res) => void res.writeHead(503).end("busy");
    await expect(transport.send(req(true), handle)).rejects.toMatchObject({ kind: "Server", outcomeUnknown: false });
});

test("a refused connection is reported as never sent, so shouldRetry allows repeating even a create", async () => {
    const closed = new HttpTransport({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, budgetMs: 1000 } });
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const error = await closed
        .send({ service: "Test", operation: "create", method: "GET", idempotent: false, url: () => new URL(`http://127.0.0.1:${port}/x`) }, handle)
        .catch((e: ApiError) => e);
    expect(error).toMatchObject({ kind: "Network", outcomeUnknown: false });
    await closed.close();
});

test("requestsPerSecond spaces request starts evenly", async () => {
    // Starts are taken where the transport makes them (it signs the URL right after pacing), not
    // where the server sees them: a connection set up late under load would shorten the span.
    const arrivals: number[] = [];
    behaviour = (_q, res) => void res.writeHead(200).end("ok");
    const stamped = (): HttpRequest => ({ ...req(true), url: () => (arrivals.push(Date.now()), req(true).url()) });
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
