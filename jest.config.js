/** Unit and contract tests are fast; e2e tests drive the real Pulumi CLI and take minutes. */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    testMatch: ["**/*.test.ts"],
    transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
    maxWorkers: 2,
    // A Pulumi operation through the CLI takes seconds; a whole lifecycle file, a few minutes.
    testTimeout: 30_000,
    // Examples import the package by name, as users do.
    moduleNameMapper: { "^pulumi-tuxcare-fluxark$": "<rootDir>/provider/index.ts" },
    testPathIgnorePatterns: ["/node_modules/", "/examples/"],
    slowTestThreshold: 60,
};
