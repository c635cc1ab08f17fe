/** The order people expect names in: `web-2` before `web-10`, case aside. */
const NATURAL = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export function naturalCompare(a: string, b: string): number {
    return NATURAL.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Compares rows by each text in turn, naturally. */
export function byNames<R>(...names: ((row: R) => string)[]): (a: R, b: R) => number {
    return (a, b) => {
        for (const name of names) {
            const order = naturalCompare(name(a), name(b));
            if (order !== 0) return order;
        }
        return 0;
    };
}
