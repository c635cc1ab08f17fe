// The program of the upgrade fixture (test/e2e/upgrade.test.ts): dynamic resources from the npm
// package and native ones through the plugins. Plain JavaScript, so that make-fixture.js can run it
// with a previous release's build, and the test with the current one.
"use strict";

/** `pkg` is the package's main module, `pulumi` the SDK; `version` pins the native plugins. */
module.exports = function upgradeProgram(pkg, pulumi, version) {
    class Native extends pulumi.CustomResource {
        constructor(type, name, props) {
            super(type, name, props, { version });
        }
    }
    const key = new pkg.KcareKey("dyn-key", { limit: 3, note: "upgrade dynamic", cidrs: ["10.20.0.0/16"] });
    new pkg.FluxarkServer("dyn-server", { name: "upgrade-dyn", ipAddr: "10.20.0.1" });
    const els = new Native("tuxcare:index:ElsKey", "native-els", { productCode: "ESU", limit: 4, note: "upgrade native" });
    new Native("fluxark:index:FluxarkServer", "native-server", { name: "upgrade-native", ipAddr: "10.20.0.2" });
    return { dynKey: key.key, nativeKey: els.key };
};
