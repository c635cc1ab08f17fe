/** A field the API may leave out, as a report shows it: its value, or "unknown" — never a default. */
export const known = <T>(v: T | undefined): T | "unknown" => (v === undefined ? "unknown" : v);
