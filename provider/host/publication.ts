/**
 * Where the package is published, derived from package.json alone (its `repository` and `version`),
 * so that a fork or a rename changes one place: the schemas' pluginDownloadURL, publisher, homepage,
 * repository and logo, and the Go SDK's module path. `npm run schema` and `npm run sdk` carry a
 * change into the checked-in files.
 */

// Read at run time by the package's own name, so the built file finds the installed package.json (dist/ holds no copy).
const manifest = require("pulumi-tuxcare-fluxark/package.json") as { version: string; repository: { url: string } };

export interface Publication {
    version: string;
    /** https://github.com/<owner>/<repo> */
    repository: string;
    owner: string;
    repo: string;
    /** Where the engine fetches plugin archives: the repository's release assets. */
    pluginDownloadURL: string;
    /** The Go SDK's module, fetched by `go get` from the repository's `sdk/go/v<version>` tags. */
    goModule: string;
    logoUrl: string;
}

export function publication(repositoryUrl: string = manifest.repository.url, version: string = manifest.version): Publication {
    const match = /github\.com[/:]([^/]+)\/([^/]+?)(\.git)?\/?$/.exec(repositoryUrl);
    if (!match) throw new Error(`package.json repository ${repositoryUrl} is not a GitHub repository`);
    const [, owner, repo] = match as unknown as [string, string, string];
    const repository = `https://github.com/${owner}/${repo}`;
    const major = Number(version.split(".")[0]);
    return {
        version,
        repository,
        owner,
        repo,
        pluginDownloadURL: `github://api.github.com/${owner}/${repo}`,
        // Go's semantic import versioning: from v2 on, the major version is part of the path.
        goModule: `github.com/${owner}/${repo}/sdk/go${major >= 2 ? `/v${major}` : ""}`,
        logoUrl: `https://raw.githubusercontent.com/${owner}/${repo}/main/docs/logo.svg`,
    };
}
