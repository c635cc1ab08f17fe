/** Unit and contract tests are fast; e2e tests drive the real Pulumi CLI and take minutes. */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    testMatch: ["**/*.test.ts"],
    transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
    maxWorkers: 2,
    // Each test file loads the Pulumi SDK afresh and a worker keeps ~50-100 MB of it per file, so by
    // the last file a worker held ~750 MB of heap; tearing that down took over jest's 500 ms and it
    // reported "a worker has failed to exit gracefully". Recycling a worker above this keeps them small.
    workerIdleMemoryLimit: "400MB",
    // A Pulumi operation through the CLI takes seconds; a whole lifecycle file, a few minutes.
    testTimeout: 30_000,
    // Examples import the package by name, as users do.
    moduleNameMapper: { "^pulumi-tuxcare-fluxark$": "<rootDir>/provider/index.ts" },
    testPathIgnorePatterns: ["/node_modules/", "/examples/"],
    slowTestThreshold: 60,
};
