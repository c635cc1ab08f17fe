/**
 * `pulumi import`, the CLI command, for a stack of an inline program. The command asks the
 * project's language host which packages the program needs; no language host binary exists here,
 * so for the duration of the import the project names the SDK's own language server (the one the
 * Automation API serves inline programs with) as a `client` runtime. Everything else is the real
 * command: the engine, the import file, the plugins' Read.
 */
import * as grpc from "@grpc/grpc-js";
import type { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import * as langrpc from "@pulumi/pulumi/proto/language_grpc_pb";
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

// The SDK's language server is marked internal in its typings, though the Automation API runs every inline program on it.
const { LanguageServer } = require("@pulumi/pulumi/automation/server") as {
    LanguageServer: new (program: () => Promise<unknown>) => grpc.UntypedServiceImplementation;
};

export interface ImportSpec {
    type: string;
    name: string;
    id: string;
}

/** Runs `pulumi import --file` for these resources; resolves with what it printed, rejects with it on failure. */
export async function pulumiImport(stack: Stack, resources: ImportSpec[]): Promise<string> {
    const ws = stack.workspace as LocalWorkspace;
    const server = new grpc.Server();
    server.addService(langrpc.LanguageRuntimeService, new LanguageServer(async () => undefined));
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    const projectFile = path.join(ws.workDir, "Pulumi.yaml");
    const original = readFileSync(projectFile, "utf8");
    const name = /^name:\s*(\S+)/m.exec(original)?.[1] ?? "e2e";
    const importFile = path.join(ws.workDir, "import.json");
    try {
        writeFileSync(projectFile, `name: ${name}\nruntime:\n  name: client\n  options:\n    address: 127.0.0.1:${port}\n`);
        writeFileSync(importFile, JSON.stringify({ resources }));
        const args = [
            "import",
            "--file",
            importFile,
            "--yes",
            "--generate-code=false",
            "--protect=false",
            "--stack",
            stack.name,
            "--non-interactive",
        ];
        const { stdout, stderr } = await execFileAsync(ws.pulumiCommand.command, args, {
            cwd: ws.workDir,
            env: { ...process.env, ...ws.envVars },
        }).catch((e: { stdout?: string; stderr?: string }) => {
            throw new Error(`pulumi import failed:\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
        });
        return stdout + stderr;
    } finally {
        writeFileSync(projectFile, original);
        server.forceShutdown();
    }
}
