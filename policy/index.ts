/**
 * The tuxcare-fluxark policy pack: `pulumi preview --policy-pack <this folder>`. The rules live in
 * rules.ts; this file only hands them to @pulumi/policy.
 */
import {
    PolicyPack,
    type Policy,
    type PolicyConfigSchema,
    type ResourceValidationPolicy,
    type StackValidationPolicy,
} from "@pulumi/policy";
import { checkResource, checkStack, RULES, settingsOf, type Config, type Rule } from "./rules";
import type { ResourceFacts } from "./facts";
import { toFacts } from "./plain";

function configSchema(rule: Rule): PolicyConfigSchema {
    return { properties: settingsOf(rule) as PolicyConfigSchema["properties"] };
}

function asPolicy(rule: Rule): Policy {
    const common = {
        name: rule.id,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        configSchema: configSchema(rule),
    };
    if (rule.scope === "resource") {
        const policy: ResourceValidationPolicy = {
            ...common,
            validateResource: (args, reportViolation) => {
                const facts = toFacts(args);
                if (!facts) return;
                for (const message of checkResource(rule, facts, args.getConfig<Config>())) reportViolation(message);
            },
        };
        return policy;
    }
    const policy: StackValidationPolicy = {
        ...common,
        validateStack: (args, reportViolation) => {
            const facts = args.resources.map(toFacts).filter((f): f is ResourceFacts => f !== undefined);
            for (const v of checkStack(rule, facts, args.getConfig<Config>())) reportViolation(v.message, v.resource.urn);
        },
    };
    return policy;
}

new PolicyPack("tuxcare-fluxark", { policies: RULES.map(asPolicy) });
