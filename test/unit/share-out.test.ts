/** Handing out new objects to the creates whose answers were lost: one each, only what each could have made, and no guess when something else made one. */
import { shareOut, type LostCreate } from "../../provider/core/share-out";

interface Thing {
    id: string;
    note: string;
}
const thing = (id: string, note = "n"): Thing => ({ id, note });
const asking = (note: string, before: Thing[] = []): LostCreate<Thing> => ({ before, matches: (t) => t.note === note });
const share = (lost: LostCreate<Thing>[], listed: Thing[], claimed: string[] = []) => shareOut(lost, listed, (t) => t.id, new Set(claimed));

test("as many objects as creates: each takes a different one", () => {
    const shares = share([asking("n"), asking("n"), asking("n")], [thing("a"), thing("b"), thing("c")]);
    expect(shares.map((s) => ("take" in s ? s.take.id : s)).sort()).toEqual(["a", "b", "c"]);
});

test("fewer objects than creates: the ones left over are sent again, as many as made nothing", () => {
    const shares = share([asking("n"), asking("n"), asking("n")], [thing("a")]);
    expect(shares).toEqual([{ take: thing("a") }, { again: true }, { again: true }]);
});

test("objects in a create's own snapshot, claimed ones, and ones that do not match are not its to take", () => {
    const older = thing("older");
    const shares = share([asking("n", [older]), asking("other")], [older, thing("claimed"), thing("made")], ["claimed"]);
    expect(shares).toEqual([{ take: thing("made") }, { again: true }]);
});

test("an object known only to a later snapshot goes to the earlier create, whose it must be", () => {
    const a = thing("a");
    // The second create's snapshot already held `a`, so only the first can have made it; the second made `b`.
    const shares = share([asking("n"), asking("n", [a])], [a, thing("b")]);
    expect(shares).toEqual([{ take: a }, { take: thing("b") }]);
});

test("more objects than creates could have made: the whole group fails, other groups are still decided", () => {
    const shares = share([asking("n"), asking("n"), asking("solo")], [thing("a"), thing("b"), thing("c"), thing("s", "solo")]);
    expect(shares).toEqual([
        { undecidable: { creates: 2, found: 3 } },
        { undecidable: { creates: 2, found: 3 } },
        { take: thing("s", "solo") },
    ]);
});

test("as many objects as creates, but two that only one create could have made: undecidable", () => {
    const a = thing("a");
    const b = thing("b");
    // a and b are new only to the first create; the second's snapshot held them both, so one of them is someone else's.
    const shares = share([asking("n"), asking("n", [a, b])], [a, b]);
    expect(shares).toEqual([{ undecidable: { creates: 1, found: 2 } }, { again: true }]);
});

test("an object listed twice counts once", () => {
    expect(share([asking("n"), asking("n")], [thing("a"), thing("a")])).toEqual([{ take: thing("a") }, { again: true }]);
});
