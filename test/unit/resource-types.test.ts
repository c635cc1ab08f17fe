/**
 * The catalog is the only place that knows a resource: the light list of its types
 * (provider/resource-types.ts) is generated from it, the tokens and URNs are read and made in one
 * module (provider/tokens.ts), and each consumer with a table per type (discover, the policy pack,
 * the report) knows every catalog entry.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { NAME_PREFIX } from "../../cli/discover";
import { policyKnows } from "../../policy/rules";
import { CATALOG, type CatalogEntry } from "../../provider/catalog";
import {
    className,
    dynamicToken,
    isResourceType,
    makeUrn,
    memberToken,
    nameInUrn,
    nativeToken,
    packageOf,
    parseUrn,
    RESOURCE_TYPES,
    resourceTypeOf,
} from "../../provider/tokens";
import { APPLY } from "../../report/access-diff";
import { accessKind, MOVES_ACCESS } from "../../report/preview";
import { renderResourceTypes } from "../../scripts/schema";

/** Whether each consumer knows a type: has decided what to do with it. */
const CONSUMERS: Record<string, (type: string) => boolean> = {
    discover: (type) => Object.hasOwn(NAME_PREFIX, type),
    "the policy pack": policyKnows,
    // Every type says whether it moves access; each that does has its change applied by the diff.
    "the report": (type) => {
        if (!isResourceType(type) || !Object.hasOwn(MOVES_ACCESS, type)) return false;
        const kind = accessKind(nativeToken(type));
        return MOVES_ACCESS[type] ? kind !== undefined && Object.hasOwn(APPLY, kind) : kind === undefined;
    },
};

/** "<consumer> does not know <type>", for each catalog entry a consumer does not know. */
function unknownTo(catalog: readonly Pick<CatalogEntry, "type">[]): string[] {
    return catalog.flatMap(({ type }) =>
        Object.entries(CONSUMERS).flatMap(([consumer, knows]) => (knows(type) ? [] : [`${consumer} does not know ${type}`])),
    );
}

describe("the catalog's types", () => {
    test("provider/resource-types.ts is generated from the catalog (regenerate with `npm run schema`)", () => {
        expect(readFileSync(path.resolve(__dirname, "../../provider/resource-types.ts"), "utf8")).toBe(renderResourceTypes());
        expect([...RESOURCE_TYPES]).toEqual(CATALOG.map((e) => e.type));
    });

    test("every catalog entry is known to discover, the policy pack and the report", () => {
        expect(unknownTo(CATALOG)).toEqual([]);
    });

    test("an entry added to the catalog alone is unknown to each of them (the check can fail)", () => {
        const added = [
            { ...CATALOG[0]!, type: "fluxark:FluxarkBastion" },
            { ...CATALOG[0]!, type: "tuxcare:PatchWindow" },
        ];
        expect(unknownTo([...CATALOG, ...added])).toEqual([
            "discover does not know fluxark:FluxarkBastion",
            "the policy pack does not know fluxark:FluxarkBastion",
            "the report does not know fluxark:FluxarkBastion",
            "discover does not know tuxcare:PatchWindow",
            "the policy pack does not know tuxcare:PatchWindow",
            "the report does not know tuxcare:PatchWindow",
        ]);
    });

    test("the report follows the FluxArk resources and leaves the licenses out", () => {
        expect(RESOURCE_TYPES.filter((t) => MOVES_ACCESS[t])).toEqual(RESOURCE_TYPES.filter((t) => packageOf(t) === "fluxark"));
        expect(Object.keys(APPLY).sort()).toEqual(
            RESOURCE_TYPES.filter((t) => MOVES_ACCESS[t])
                .map(className)
                .sort(),
        );
    });
});

describe("tokens", () => {
    test("a catalog type as the native package and the dynamic provider spell it, and back", () => {
        expect(nativeToken("tuxcare:KcareKey")).toBe("tuxcare:index:KcareKey");
        expect(memberToken("tuxcare", "listKcareKeys")).toBe("tuxcare:index:listKcareKeys");
        expect(dynamicToken("fluxark:UserGroup")).toBe("pulumi-nodejs:dynamic/fluxark:UserGroup");
        expect(className("fluxark:FluxarkServerUser")).toBe("FluxarkServerUser");
        expect(packageOf("tuxcare:ServerGroup")).toBe("tuxcare");
        for (const type of RESOURCE_TYPES) {
            expect(resourceTypeOf(nativeToken(type))).toBe(type);
            expect(resourceTypeOf(dynamicToken(type))).toBe(type);
        }
    });

    test.each([
        ["pulumi:providers:tuxcare", "a provider"],
        ["pulumi-nodejs:dynamic:Resource", "another dynamic resource"],
        ["aws:s3:Bucket", "another package's resource"],
        ["tuxcare:index:PatchWindow", "a resource the catalog does not have"],
        ["pulumi-nodejs:dynamic/fluxark:Bastion", "a dynamic one it does not have"],
        ["tuxcare:index:listKcareKeys", "a function"],
        ["tuxcare:KcareKey", "the catalog's own spelling, which the engine never shows"],
        ["", "nothing"],
    ])("%s (%s) is no resource of the package", (token) => {
        expect(resourceTypeOf(token)).toBeUndefined();
    });
});

describe("URNs", () => {
    test("read as the engine reads them: the type is the last of a parent chain, the name all after it", () => {
        expect(parseUrn("urn:pulumi:prod::infra::fluxark:index:FluxarkAcl::alice-web")).toEqual({
            stack: "prod",
            project: "infra",
            type: "fluxark:index:FluxarkAcl",
            name: "alice-web",
        });
        expect(parseUrn("urn:pulumi:dev::p::my:index:Component$pulumi-nodejs:dynamic/tuxcare:KcareKey::k")).toEqual({
            stack: "dev",
            project: "p",
            type: "pulumi-nodejs:dynamic/tuxcare:KcareKey",
            name: "k",
        });
        expect(parseUrn("urn:pulumi:dev::p::tuxcare:index:ElsKey::a::b")?.name).toBe("a::b");
    });

    test.each(["", "not a urn", "urn:pulumi:dev::p::tuxcare:index:ElsKey", "urn:other:dev::p::t::n"])("%j is none", (text) => {
        expect(parseUrn(text)).toBeUndefined();
    });

    test("made and read back; a name for messages, or the text when it is no URN", () => {
        const parts = { stack: "access-request", project: "access", type: dynamicToken("fluxark:FluxarkAcl"), name: "alice-web-deploy" };
        expect(makeUrn(parts)).toBe("urn:pulumi:access-request::access::pulumi-nodejs:dynamic/fluxark:FluxarkAcl::alice-web-deploy");
        expect(parseUrn(makeUrn(parts))).toEqual(parts);
        expect(nameInUrn(makeUrn(parts))).toBe("alice-web-deploy");
        expect(nameInUrn("rule-7")).toBe("rule-7");
    });
});
