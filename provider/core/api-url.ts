/**
 * Whether an API address may carry credentials. Both services authenticate every request with a
 * secret the request itself carries (FluxArk's API key in a header, TuxCare's account token in the
 * query string), so over plain `http://` anyone on the path reads them. Plain HTTP is accepted only
 * to this machine (a loopback address: the emulator, a tunnel), or when the user says so.
 */
import { isIP } from "node:net";

/** 127.0.0.0/8, ::1 and the name localhost (RFC 6761: it always resolves to loopback). */
export function isLoopbackHost(hostname: string): boolean {
    const host = hostname
        .toLowerCase()
        .replace(/^\[|\]$/g, "")
        .replace(/\.$/, "");
    if (host === "localhost") return true;
    if (isIP(host) === 4) return host.startsWith("127.");
    return isIP(host) === 6 && host === "::1";
}

export interface ApiUrlRule {
    /** How messages name the address setting, e.g. `tuxcare:apiUrl (or TUXCARE_API_URL)`. */
    setting: string;
    /** How messages name the setting that allows plain HTTP. */
    allowSetting: string;
    allowInsecureHttp: boolean;
}

/** What is wrong with an API address, naming the setting (and the one that allows plain HTTP); undefined when it is fine. */
export function apiUrlProblem(value: string, rule: ApiUrlRule): string | undefined {
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        return `${rule.setting} must be an https:// address, not ${JSON.stringify(value)}`;
    }
    if (url.username || url.password)
        return `${rule.setting} must not carry a user name or password (the credentials have their own settings)`;
    if (url.protocol === "https:") return undefined;
    if (url.protocol !== "http:") return `${rule.setting} must be an https:// address, not ${url.protocol}//`;
    if (isLoopbackHost(url.hostname) || rule.allowInsecureHttp) return undefined;
    return (
        `${rule.setting} is plain http:// to ${url.hostname}, which would send the credentials in clear: use https://, ` +
        `or set ${rule.allowSetting} to true to allow it (plain HTTP is accepted without it only to a loopback address: 127.0.0.0/8, ::1, localhost)`
    );
}
