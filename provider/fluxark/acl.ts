/**
 * FluxarkAcl: one access rule giving a portal user a remote SSH account
 * (`/api/users/$ID/acl`). FluxArk has no update call, so every change replaces the rule.
 * `expireDays` is accepted on create only and becomes an absolute time: the inputs are kept as
 * given, so a rule made with `expireDays` shows no diff after a refresh.
 */
import { z } from "zod";
import { containsUnknown } from "../core/check";
import type { FieldTable } from "../core/diff";
import { defineResource, readInputs, type Lifecycle, type OutputSpec, type OutputValues } from "../core/define";
import { ApiError, deleteIgnoringNotFound, undefinedIfNotFound } from "../core/errors";
import { finishCreate } from "../core/resource";
import { whenValid, wholeNumberSchema } from "../core/validators";
import type { FluxarkContext } from "./context";
import { accessMetadataFields, accessMetadataSchema } from "./access-metadata";
import { aclCache, expireTimeSchema, idSchema, LAST_STORABLE_TIME, parseExpireTime, pastExpiry } from "./common";
import type { AclWire } from "./schemas";

// 1. Validation, normalisation and defaults.
export const fluxarkAclInputSchema = z
    .object({
        userId: idSchema,
        userServerId: idSchema,
        expireTime: expireTimeSchema.optional(),
        expireDays: wholeNumberSchema({
            min: 1,
            max: () => Math.floor((LAST_STORABLE_TIME - Date.now()) / 86_400_000),
            notWhole: "must be a whole number of days",
            tooSmall: "must be at least 1",
            tooBig: (max) => `must be at most ${max}: the rule would expire after the year 9999, the last FluxArk can store`,
        }).optional(),
        adopt: idSchema.optional(),
        ...accessMetadataSchema.shape,
    })
    .superRefine(
        (v, ctx) => {
            if (v.expireTime !== undefined && v.expireDays !== undefined)
                ctx.addIssue({ code: "custom", path: ["expireDays"], message: "set either expireTime or expireDays, not both" });
        },
        whenValid("expireTime", "expireDays"),
    );
export type FluxarkAclInputs = z.output<typeof fluxarkAclInputSchema>;

// 2. What changes in place and what replaces: FluxArk cannot update a rule.
export const fluxarkAclFields: FieldTable<FluxarkAclInputs> = {
    userId: { behaviour: "replace", readBack: "yes", doc: "The portal user's id." },
    userServerId: { behaviour: "replace", readBack: "yes", doc: "The remote SSH user's id (FluxarkServerUser.userServerId)." },
    expireTime: {
        behaviour: "replace",
        readBack: "yes",
        doc: "Expiry, UTC: YYYY-MM-DD HH:MM:SS, or ISO-8601 with a zone; a real date and time (2031-02-30 and 24:61:61 are refused, not rolled over), years 1000-9999; must be in the future when set or changed. Default: never. Read back, so an expiry changed outside Pulumi shows (a rule made with expireDays keeps its inputs; FluxArk's time is the expiresAt output).",
    },
    expireDays: {
        behaviour: "replace",
        readBack: "no",
        doc: "Or: valid for this many days from creation: a whole number >= 1, not reaching past the year 9999. Not with expireTime.",
    },
    adopt: { behaviour: "createOnly", readBack: "no", doc: "Id of an existing rule of the user to take over. Used only at creation." },
    ...accessMetadataFields,
};

// What the API makes.
const apiOutputs = {
    aclId: { type: z.number().int(), stable: "id", doc: "FluxArk's id of the rule." },
    serverId: { type: z.number().int(), stable: true, doc: "The server the remote user belongs to." },
    expiresAt: { type: z.string(), doc: 'The absolute expiry FluxArk holds, UTC ("" for never).' },
    created: { type: z.string(), stable: true, doc: "When the rule was created (UTC)." },
} satisfies Record<string, OutputSpec>;
export type FluxarkAclOutputs = FluxarkAclInputs & OutputValues<typeof apiOutputs>;

// 3. The lifecycle.
async function liveRule(ctx: FluxarkContext, userId: number, aclId: number): Promise<AclWire | undefined> {
    const client = await ctx.client();
    return (await ctx.listCache.get(aclCache(userId), () => client.listAcl(userId))).find((a) => a.acl_id === aclId);
}

/** Outputs from the rule as listed; what the answer leaves out keeps its last value (`last`), or is empty. */
function outputs(inputs: FluxarkAclInputs, live: AclWire | undefined, aclId: number, last?: FluxarkAclOutputs): FluxarkAclOutputs {
    return {
        ...inputs,
        aclId,
        serverId: live?.server_id ?? last?.serverId ?? 0,
        expiresAt: live?.expire_time ?? last?.expiresAt ?? "",
        created: live?.created ?? last?.created ?? "",
    };
}

/**
 * Why an existing rule cannot be adopted as declared, if it cannot: FluxArk has no call that changes a
 * rule's expiry, so adopting must not record an expiry the rule does not have.
 */
function adoptedExpiryProblem(live: AclWire, inputs: FluxarkAclInputs): string | undefined {
    const holds = live.expire_time === undefined ? undefined : live.expire_time || "never";
    if (holds === undefined) return "cannot be adopted with a declared expiry: FluxArk's answer does not say when it expires";
    const fix = holds === "never" ? "leave expireTime unset" : `declare expireTime "${holds}"`;
    if (inputs.expireDays !== undefined)
        return `expires ${holds === "never" ? "never" : `at ${holds}`}; expireDays cannot be matched against it: ${fix} to adopt it as it is (a later change replaces it)`;
    const declared = inputs.expireTime ?? "never";
    if (declared === holds) return undefined;
    return `expires ${holds === "never" ? "never" : `at ${holds} UTC`}, not ${declared === "never" ? "never" : `at ${declared} UTC`} as declared, and FluxArk cannot change a rule's expiry: ${fix} to adopt it as it is, then change it (a change replaces the rule)`;
}

/** The rule `adopt` names, checked to be as declared (FluxArk cannot change a rule); `hint` ends each refusal. */
async function adoptedRule(ctx: FluxarkContext, inputs: FluxarkAclInputs, aclId: number, hint = ""): Promise<AclWire> {
    const refuse = (kind: "NotFound" | "Conflict", message: string) =>
        new ApiError({ kind, service: "FluxArk", operation: "adopt", message: `adopt: ${message}${hint}` });
    const existing = await liveRule(ctx, inputs.userId, aclId);
    if (!existing) throw refuse("NotFound", `user ${inputs.userId} has no ACL rule ${aclId}`);
    if (existing.user_server_id !== undefined && existing.user_server_id !== inputs.userServerId)
        throw refuse("Conflict", `rule ${aclId} is for remote user ${existing.user_server_id}, not ${inputs.userServerId}`);
    const differs = adoptedExpiryProblem(existing, inputs);
    if (differs) throw refuse("Conflict", `rule ${aclId} ${differs}`);
    return existing;
}

/**
 * Whether a listed rule's expiry is the one asked for: the same time, none, or (for `expireDays`,
 * counted from a creation moment shortly before `now`) within half a day of `now` plus the days.
 * Rules of one user and remote user that differ only in expiry are then never swapped when lost
 * creates are reconciled together. An expiry the list leaves out, or gives in a form that is not
 * a time, matches: what cannot be compared must not make a second rule.
 */
export function expiryMatches(
    listed: string | undefined,
    inputs: Pick<FluxarkAclInputs, "expireTime" | "expireDays">,
    now = Date.now(),
): boolean {
    if (listed === undefined) return true;
    if (listed === "") return inputs.expireTime === undefined && inputs.expireDays === undefined;
    const at = parseExpireTime(listed)?.getTime();
    if (at === undefined) return true;
    if (inputs.expireDays !== undefined) return Math.abs(at - (now + inputs.expireDays * 86_400_000)) <= 43_200_000;
    if (inputs.expireTime !== undefined) return at === parseExpireTime(inputs.expireTime)?.getTime();
    return false; // an expiry where none was asked for
}

const lifecycle = (ctx: FluxarkContext): Lifecycle => ({
    async create(props) {
        const inputs = fluxarkAclInputSchema.parse(props);
        const client = await ctx.client();
        let aclId: number;
        if (inputs.adopt !== undefined) {
            await adoptedRule(ctx, inputs, inputs.adopt);
            aclId = inputs.adopt;
            ctx.aclRules.claim(aclId, `adopt: ACL rule ${aclId}`);
        } else {
            const rule = await ctx.aclRules.create({
                what: `ACL rule of user ${inputs.userId}`,
                list: aclCache(inputs.userId),
                listFresh: () => client.listAcl(inputs.userId),
                create: () =>
                    client.addAcl(inputs.userId, {
                        user_server_id: inputs.userServerId,
                        expire_time: inputs.expireTime,
                        expire_days: inputs.expireDays,
                    }),
                // addAcl drops the cached list: the rule is read back below.
                entry: (id) => ({
                    acl_id: id,
                    user_server_id: inputs.userServerId,
                    server_id: undefined,
                    expire_time: undefined,
                    created: undefined,
                }),
                matches: (a) => (a.user_server_id ?? inputs.userServerId) === inputs.userServerId && expiryMatches(a.expire_time, inputs),
            });
            aclId = rule.acl_id;
        }
        return finishCreate(
            String(aclId),
            props,
            () => outputs(inputs, undefined, aclId),
            async () => outputs(inputs, await liveRule(ctx, inputs.userId, aclId), aclId),
        );
    },

    async read(id, props) {
        const state = props as unknown as FluxarkAclOutputs;
        // "Missing user": the user was deleted, and its rules with it. Gone too, so `up` makes it again.
        const live = await undefinedIfNotFound(() => liveRule(ctx, state.userId, Number(id)));
        if (!live) return {};
        // expireDays cannot be read back (FluxArk turned it into expire_time): a rule made with it keeps its inputs.
        const inputs = readInputs(
            fluxarkAclFields,
            { userServerId: live.user_server_id, expireTime: state.expireDays === undefined ? live.expire_time : undefined },
            state,
        );
        if (inputs.expireTime === "") delete inputs.expireTime; // "" is never: no expireTime
        return { id, props: outputs(inputs, live, Number(id), state), inputs: { ...inputs } };
    },

    // FluxArk has no update call for a rule, so every change of what FluxArk holds is planned as a
    // replacement. The engine updates a rule whose program-side metadata (reason, requestedBy...)
    // changed, whose create could not read it back, or whose `adopt` names it (see diff below):
    // reading it, and for the last checking it is as declared, is all there is to do.
    async update(id, _olds, news) {
        const inputs = fluxarkAclInputSchema.parse(news);
        const live =
            inputs.adopt === Number(id)
                ? await adoptedRule(
                      ctx,
                      inputs,
                      inputs.adopt,
                      "; adopt names this resource's own rule, so a change cannot replace it: remove adopt to replace the rule",
                  )
                : await liveRule(ctx, inputs.userId, Number(id));
        return { outs: outputs(inputs, live, Number(id)) };
    },

    async delete(id, props) {
        const userId = Number(props.userId);
        const client = await ctx.client();
        await deleteIgnoringNotFound(() => client.deleteAcl(userId, Number(id)));
    },
});

export const fluxarkAcl = defineResource({
    type: "fluxark:FluxarkAcl",
    description: "One access rule giving a portal user a remote SSH account (/api/users/$ID/acl).",
    api: "fluxark",
    inputs: fluxarkAclInputSchema,
    fields: fluxarkAclFields,
    outputs: apiOutputs,
    importId: {
        format: "<userId>/<aclId>: the portal user's id and the rule's id",
        async resolve(_ctx, id) {
            const m = /^(\d+)\/(\d+)$/.exec(id.trim());
            return m ? { id: m[2]!, state: { userId: Number(m[1]) } } : undefined;
        },
    },
    lifecycle,
    // A replacement is created before the old rule is deleted: one adopting the old rule itself would
    // sit on the rule the delete then removes, and nothing would be left. While `adopt` names the
    // resource's own rule, a change is an update instead, which checks the rule is as declared.
    // (Not an error here: a refresh diffs the state's own inputs, adopt included.)
    async diff(_ctx, planned, olds, news) {
        if (
            planned.replaces?.length &&
            news.adopt !== undefined &&
            !containsUnknown(news.adopt) &&
            Number(news.adopt) === Number(olds.aclId)
        )
            return { ...planned, replaces: [], deleteBeforeReplace: false };
    },
    check(result, olds) {
        const past = result.failures ? undefined : pastExpiry(result.inputs?.expireTime, olds.expireTime, "expireTime", "an access rule");
        return past ? { inputs: result.inputs, failures: [past] } : result;
    },
});
