/**
 * The native plugin process spoken to directly over the engine's provider protocol: the calls whose
 * failures the engine would report only by aborting a whole preview (which races with an inline
 * program still registering in this process), checked one call at a time.
 */
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../helpers/pulumi";

let plugin: ChildProcess;
let client: ResourceProviderClient;

beforeAll(async () => {
    // The engine's address is an argument the plugin does not dial for these calls.
    plugin = spawn(path.join(REPO_ROOT, "bin", "pulumi-resource-tuxcare"), ["127.0.0.1:1"], { stdio: ["ignore", "pipe", "inherit"] });
    const port = await new Promise<string>((resolve, reject) => {
        plugin.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
        plugin.once("exit", (code) => reject(new Error(`the plugin exited with ${code}`)));
    });
    client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});
afterAll(() => {
    client?.close();
    plugin?.kill();
});

function checkConfig(news: Record<string, unknown>): Promise<provproto.CheckResponse> {
    const req = new provproto.CheckRequest()
        .setUrn("urn:pulumi:s::p::pulumi:providers:tuxcare::default")
        .setNews(Struct.fromJavaScript(news as never))
        .setOlds(Struct.fromJavaScript({}));
    return new Promise((resolve, reject) => client.checkConfig(req, (e, r) => (e ? reject(e) : resolve(r))));
}

test("CheckConfig refuses a malformed numeric setting, naming it", async () => {
    const res = await checkConfig({ login: "demo", maxRetries: "three", requestsPerSecond: "0" });
    const failures = res.getFailuresList().map((f) => [f.getProperty(), f.getReason()]);
    expect(failures).toEqual([
        ["requestsPerSecond", 'tuxcare:requestsPerSecond (or TUXCARE_REQUESTS_PER_SECOND) must be a number above 0, not "0"'],
        ["maxRetries", 'tuxcare:maxRetries (or TUXCARE_MAX_RETRIES) must be a whole number, 0 or more, not "three"'],
    ]);
});

test("CheckConfig passes well-formed settings through", async () => {
    const res = await checkConfig({ login: "demo", maxRetries: "3", maxConcurrency: 4 });
    expect(res.getFailuresList()).toEqual([]);
    expect(res.getInputs()?.toJavaScript()).toEqual({ login: "demo", maxRetries: "3", maxConcurrency: 4 });
});

test("CheckConfig refuses a plain http:// apiUrl to another machine, naming the setting that would allow it", async () => {
    const res = await checkConfig({ login: "demo", apiUrl: "http://portal.example.com/api" });
    expect(res.getFailuresList().map((f) => [f.getProperty(), f.getReason()])).toEqual([
        [
            "apiUrl",
            expect.stringMatching(
                /^tuxcare:apiUrl \(or TUXCARE_API_URL\) is plain http:\/\/ to portal\.example\.com, .*set tuxcare:allowInsecureHttp \(or TUXCARE_ALLOW_INSECURE_HTTP\) to true/,
            ),
        ],
    ]);
    // Allowed explicitly (as a boolean, as stack config sends it), or on loopback, it passes.
    expect((await checkConfig({ apiUrl: "http://portal.example.com/api", allowInsecureHttp: true })).getFailuresList()).toEqual([]);
    expect((await checkConfig({ apiUrl: "http://127.0.0.1:8787/tuxcare/api" })).getFailuresList()).toEqual([]);
    expect(
        (await checkConfig({ apiUrl: "http://portal.example.com/api", allowInsecureHttp: "maybe" }))
            .getFailuresList()
            .map((f) => f.getProperty()),
    ).toEqual(["allowInsecureHttp", "apiUrl"]);
});

test("GetSchema serves the checked-in schema", async () => {
    const res = await new Promise<provproto.GetSchemaResponse>((resolve, reject) =>
        client.getSchema(new provproto.GetSchemaRequest(), (e, r) => (e ? reject(e) : resolve(r))),
    );
    expect(JSON.parse(res.getSchema())).toEqual(JSON.parse(readFileSync(path.join(REPO_ROOT, "schema", "tuxcare.json"), "utf8")));
});
