/**
 * A bad FluxArk input stops at preview through the real engine, with the property's name and the
 * rule, before any API call: one case per FluxArk resource (the hostile-input table's rows marked
 * `cli`; every row goes through check in test/unit/hostile-inputs.test.ts), and a rule across
 * fields while another field is not known until apply.
 */
import { FluxarkServer, FluxarkServerUser } from "../../provider";
import { cliSample, RESOURCE_TYPES, TUXCARE_RESOURCES, type ResourceName } from "../helpers/hostile-inputs";
import { describeBadInputs, fluxarkConfig, type BadInputCase } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);

const cases: BadInputCase[] = [
    ...cliSample((Object.keys(RESOURCE_TYPES) as ResourceName[]).filter((r) => !TUXCARE_RESOURCES.includes(r))),
    // The engine sends the computed server id as unknown; the unit table's row of this case simulates that.
    [
        "key auth without a key, server id not known until apply",
        "sshKey",
        /required when authMethod is "key"/,
        () =>
            void new FluxarkServerUser("r", {
                serverId: new FluxarkServer("s", { name: "s", ipAddr: "10.0.0.1" }).serverId,
                username: "deploy",
                authMethod: "key",
            }),
    ],
];

describeBadInputs("bad FluxArk inputs fail at preview", cases, (env) => fluxarkConfig(env));
