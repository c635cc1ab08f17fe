/**
 * The ResourceProvider gRPC service of a native plugin (`pulumi-resource-tuxcare` or
 * `-fluxark`), serving the catalog's handlers: the same code the dynamic provider runs, reached
 * through the engine's provider protocol instead of a serialized closure. Unlike the SDK's
 * `provider.main`, it takes the provider configuration the engine sends (Configure, CheckConfig,
 * DiffConfig) and unwraps secrets on the way in, marking on the way out what came in secret
 * (program-secrets.ts) and the catalog's secret fields and outputs.
 */
import * as grpc from "@grpc/grpc-js";
import { Any } from "google-protobuf/google/protobuf/any_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import type { CatalogEntry } from "../catalog";
import { API_URL_SETTINGS, apiUrlSettingProblem, SETTINGS, settingProblem, type SettingName, type SettingSpec } from "../core/settings";
import { changedFields, sameValue } from "../core/diff";
import { InvalidArgumentError, PartialWriteError } from "../core/errors";
import { redact, registerSecret } from "../core/redact";
import type { HandlerName } from "../core/resource";
import { secretOutputNames } from "../core/secrets";
import * as contexts from "../context";
import { callHandler, configure } from "../runtime";
import type { NativeFunction } from "./functions";
import { allProgramSecrets, keepProgramSecrets, programSecrets, type ProgramSecrets } from "./program-secrets";
import { fromStruct, markSecrets, toStruct, type PropertyMap } from "./properties";
import { memberToken, nativeToken, parseUrn, type PackageName } from "../tokens";

export interface HostedPackage {
    name: PackageName;
    version: string;
    entries: readonly CatalogEntry[];
    functions: readonly NativeFunction[];
    /** The package schema, as GetSchema serves it. */
    schema: () => object;
}

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => void;

/** A unary handler whose thrown errors become gRPC errors, with partial creates reported as such. */
function unary<Req, Res>(run: (req: Req) => Promise<Res> | Res): Unary<Req, Res> {
    return (call, callback) => {
        Promise.resolve()
            .then(() => run(call.request))
            .then(
                (res) => callback(null, res),
                (e: unknown) => callback(errorFor(e)),
            );
    };
}

function unimplemented(name: string): Unary<unknown, unknown> {
    return (_call, callback) => callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} is not implemented by this provider` });
}

/** An error for the engine. A PartialWriteError says what the object now is, so the engine records it in state. */
function errorFor(e: unknown): Partial<grpc.StatusObject> {
    // Every failure leaves here for the engine's log: no credential rides along, whichever call failed.
    const message = redact(e instanceof Error ? e.message : String(e));
    const metadata = new grpc.Metadata();
    if (e instanceof PartialWriteError) {
        const detail = new provproto.ErrorResourceInitFailed();
        detail.setId(e.id);
        detail.setProperties(toStruct(e.properties));
        detail.setReasonsList(e.reasons);
        const any = new Any();
        any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
        const status = new statusproto.Status();
        status.setCode(grpc.status.UNKNOWN);
        status.setMessage(message);
        status.addDetails(any);
        metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
    }
    return { code: grpc.status.UNKNOWN, details: message, metadata };
}

/** Names whose values are secret in this resource's inputs and outputs. */
function secretNames(entry: CatalogEntry): string[] {
    return secretOutputNames(entry.fields, entry.secretOutputs);
}

/** The program's secrets in a request, masked in every message from here on (before any handler runs). */
function incoming(marks: ProgramSecrets): ProgramSecrets {
    marks.redactable.forEach(registerSecret);
    return marks;
}

/** Properties for the engine: what came in secret goes out secret, and the catalog's secret fields and outputs. */
function outgoing(entry: CatalogEntry, props: PropertyMap, marks: ProgramSecrets): PropertyMap {
    return markSecrets(keepProgramSecrets(props, marks), secretNames(entry));
}

/** A partly applied create's or update's state goes to the engine too, its secrets marked as in a whole one. */
function markPartial(entry: CatalogEntry, marks: ProgramSecrets): (e: unknown) => never {
    return (e) => {
        if (e instanceof PartialWriteError) e.properties = outgoing(entry, e.properties as PropertyMap, marks);
        throw e;
    };
}

export function providerService(pkg: HostedPackage): grpc.UntypedServiceImplementation {
    const byToken = new Map(pkg.entries.map((e) => [nativeToken(e.type), e]));
    const functions = new Map(pkg.functions.map((f) => [memberToken(pkg.name, f.name), f]));
    const entryFor = (req: { getUrn(): string; getType?(): string }): CatalogEntry => {
        const token = req.getType?.() || "" || (parseUrn(req.getUrn())?.type ?? "");
        const entry = byToken.get(token);
        if (!entry) throw new Error(`${pkg.name}: unknown resource type ${token}; is the plugin older than the program?`);
        return entry;
    };
    const call = async (entry: CatalogEntry, method: HandlerName, ...args: unknown[]) =>
        (await callHandler(entry.type, method, args)) as Record<string, unknown> | undefined;

    return {
        getPluginInfo: unary(() => new plugproto.PluginInfo().setVersion(pkg.version)),
        getSchema: unary(() => new provproto.GetSchemaResponse().setSchema(JSON.stringify(pkg.schema()))),

        // The numeric settings' rules, checked at preview, each failure naming the setting.
        checkConfig: unary((req: provproto.CheckRequest) => {
            const news = fromStruct(req.getNews());
            const failures = (Object.keys(SETTINGS) as SettingName[]).flatMap((name) => {
                const [ns, key] = (SETTINGS[name] as SettingSpec).config?.split(":") ?? [];
                const value = news[key!];
                const problem = ns === pkg.name && value !== undefined && value !== null ? settingProblem(name, String(value)) : undefined;
                return problem ? [new provproto.CheckFailure().setProperty(key!).setReason(problem)] : [];
            });
            // An address that would carry the credentials in clear fails the preview, before any call.
            for (const { url, allow } of API_URL_SETTINGS) {
                const [ns, key] = SETTINGS[url].config.split(":");
                const value = news[key!];
                if (ns !== pkg.name || typeof value !== "string") continue;
                const problem = apiUrlSettingProblem(
                    url,
                    value,
                    String(news[SETTINGS[allow].config.split(":")[1]!]).toLowerCase() === "true",
                );
                if (problem) failures.push(new provproto.CheckFailure().setProperty(key!).setReason(problem));
            }
            return new provproto.CheckResponse().setInputs(req.getNews()).setFailuresList(failures);
        }),
        diffConfig: unary((req: provproto.DiffRequest) => {
            const olds = fromStruct(req.getOldInputs() ?? req.getOlds());
            const news = fromStruct(req.getNews());
            const changed = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => !sameValue(olds[k], news[k]));
            return new provproto.DiffResponse()
                .setChanges(changed.length ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE)
                .setDiffsList(changed);
        }),
        configure: unary(async (req: provproto.ConfigureRequest) => {
            const args = fromStruct(req.getArgs());
            const variables = req.getVariablesMap();
            await configure({
                get(key: string) {
                    const [ns, name] = key.split(":");
                    if (ns !== pkg.name || !name) return undefined;
                    const value = args[name] ?? variables.get(`${ns}:config:${name}`) ?? variables.get(key);
                    return value === undefined || value === null ? undefined : String(value);
                },
            });
            // Previews of a create or an update come here too, answered from the declaration without an API call:
            // that is how a stable output (an id) stays known while its resource is updated.
            return new provproto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(true);
        }),

        check: unary(async (req: provproto.CheckRequest) => {
            const entry = entryFor(req);
            const marks = incoming(programSecrets(req.getNews()));
            incoming(programSecrets(req.getOlds()));
            const result = (await call(entry, "check", fromStruct(req.getOlds()), fromStruct(req.getNews()))) ?? {};
            const resp = new provproto.CheckResponse().setInputs(toStruct(outgoing(entry, (result.inputs as PropertyMap) ?? {}, marks)));
            const failures = (result.failures as { property: string; reason: string }[] | undefined) ?? [];
            return resp.setFailuresList(failures.map((f) => new provproto.CheckFailure().setProperty(f.property).setReason(f.reason)));
        }),
        diff: unary(async (req: provproto.DiffRequest) => {
            const entry = entryFor(req);
            // A diff answers names only, but its errors may quote values (an immutable field's change).
            incoming(allProgramSecrets(req.getOlds(), req.getNews(), req.getOldInputs()));
            const olds = fromStruct(req.getOlds());
            const news = fromStruct(req.getNews());
            const result = ((await call(entry, "diff", req.getId(), olds, news)) ?? {}) as {
                changes?: boolean;
                replaces?: string[];
                deleteBeforeReplace?: boolean;
            };
            const replaces = result.replaces ?? [];
            const resp = new provproto.DiffResponse()
                .setChanges(
                    result.changes === true
                        ? provproto.DiffResponse.DiffChanges.DIFF_SOME
                        : result.changes === false
                          ? provproto.DiffResponse.DiffChanges.DIFF_NONE
                          : provproto.DiffResponse.DiffChanges.DIFF_UNKNOWN,
                )
                .setReplacesList(replaces)
                .setStablesList(replaces.length ? [] : entry.stableOutputs)
                .setDeletebeforereplace(result.deleteBeforeReplace === true);
            const { changed } = changedFields(entry.fields, olds, news);
            const names = [...new Set([...changed, ...replaces])];
            if (result.changes === true && names.length > 0) {
                resp.setDiffsList(names).setHasdetaileddiff(true);
                const detailed = resp.getDetaileddiffMap();
                for (const name of names) {
                    const kind = olds[name] === undefined ? "ADD" : news[name] === undefined ? "DELETE" : "UPDATE";
                    const replace = replaces.includes(name);
                    detailed.set(
                        name,
                        new provproto.PropertyDiff()
                            .setKind(provproto.PropertyDiff.Kind[replace ? (`${kind}_REPLACE` as const) : kind])
                            .setInputdiff(true),
                    );
                }
            }
            return resp;
        }),
        create: unary(async (req: provproto.CreateRequest) => {
            const entry = entryFor(req);
            const marks = incoming(programSecrets(req.getProperties()));
            if (req.getPreview())
                return new provproto.CreateResponse().setProperties(
                    toStruct(outgoing(entry, entry.previewOutputs(fromStruct(req.getProperties())), marks)),
                );
            const result = (await call(entry, "create", fromStruct(req.getProperties())).catch(markPartial(entry, marks))) as {
                id: string;
                outs?: PropertyMap;
            };
            return new provproto.CreateResponse().setId(result.id).setProperties(toStruct(outgoing(entry, result.outs ?? {}, marks)));
        }),
        read: unary(async (req: provproto.ReadRequest) => {
            const entry = entryFor(req);
            const marks = incoming(allProgramSecrets(req.getInputs(), req.getProperties()));
            let id = req.getId();
            let state = { ...fromStruct(req.getInputs()), ...fromStruct(req.getProperties()) };
            // An import: the engine has only the id the user gave; it names the object and what its read needs.
            if (Object.keys(state).length === 0) {
                const found = await entry.resolveImport(contexts, id);
                if (!found) return new provproto.ReadResponse();
                ({ id, state } = found);
            }
            const result = ((await call(entry, "read", id, state)) ?? {}) as { id?: string; props?: PropertyMap; inputs?: PropertyMap };
            const resp = new provproto.ReadResponse().setId(result.id ?? "");
            if (!result.id) return resp;
            resp.setProperties(toStruct(outgoing(entry, result.props ?? {}, marks)));
            if (result.inputs) resp.setInputs(toStruct(outgoing(entry, result.inputs, marks)));
            return resp;
        }),
        update: unary(async (req: provproto.UpdateRequest) => {
            const entry = entryFor(req);
            // A value the update keeps from the state (a create-only input) keeps its marks from there.
            const marks = incoming(programSecrets(req.getNews(), req.getOlds()));
            if (req.getPreview())
                return new provproto.UpdateResponse().setProperties(
                    toStruct(outgoing(entry, entry.previewOutputs(fromStruct(req.getNews()), fromStruct(req.getOlds())), marks)),
                );
            const result = ((await call(entry, "update", req.getId(), fromStruct(req.getOlds()), fromStruct(req.getNews())).catch(
                markPartial(entry, marks),
            )) ?? {}) as { outs?: PropertyMap };
            return new provproto.UpdateResponse().setProperties(toStruct(outgoing(entry, result.outs ?? {}, marks)));
        }),
        delete: unary(async (req: provproto.DeleteRequest) => {
            const entry = entryFor(req);
            incoming(programSecrets(req.getProperties()));
            await call(entry, "delete", req.getId(), fromStruct(req.getProperties()));
            return new Empty();
        }),
        cancel: unary(() => new Empty()),

        invoke: unary(async (req: provproto.InvokeRequest) => {
            const fn = functions.get(req.getTok());
            if (!fn) throw new Error(`${pkg.name}: unknown function ${req.getTok()}; is the plugin older than the program?`);
            incoming(programSecrets(req.getArgs()));
            try {
                const result = await fn.run(fromStruct(req.getArgs()));
                return new provproto.InvokeResponse().setReturn(toStruct(fn.secret ? markSecrets(result, Object.keys(result)) : result));
            } catch (e) {
                // A wrong argument is a failure the engine reports against the argument, like a resource's check.
                if (!(e instanceof InvalidArgumentError)) throw e;
                return new provproto.InvokeResponse().setFailuresList([
                    new provproto.CheckFailure().setProperty(e.argument).setReason(e.reason),
                ]);
            }
        }),
        streamInvoke: unimplemented("StreamInvoke"),
        call: unimplemented("Call"),
        construct: unimplemented("Construct"),
        handshake: unimplemented("Handshake"),
        parameterize: unimplemented("Parameterize"),
        attach: unimplemented("Attach"),
        getMapping: unimplemented("GetMapping"),
        getMappings: unimplemented("GetMappings"),
    } as unknown as grpc.UntypedServiceImplementation;
}
