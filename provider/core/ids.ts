/** Resource ids that stand for a secret (a license key) without revealing it. */
import { createHash } from "node:crypto";

export function fingerprintId(prefix: string, secret: string): string {
    return `${prefix}-${createHash("sha256").update(secret).digest("hex").slice(0, 16)}`;
}
