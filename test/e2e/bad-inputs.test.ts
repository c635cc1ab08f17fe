/**
 * A bad input stops at preview through the real engine, with the property's name and the rule,
 * before any API call (the emulator's request log stays empty): one case per TuxCare resource, the
 * hostile-input table's rows marked `cli`. Every row of the table (and every case this file used to
 * run) goes through the resource's check in test/unit/hostile-inputs.test.ts.
 */
import { cliSample, TUXCARE_RESOURCES } from "../helpers/hostile-inputs";
import { describeBadInputs, tuxcareConfig } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);

describeBadInputs("bad inputs fail at preview", cliSample(TUXCARE_RESOURCES), (env) => tuxcareConfig(env));
