/** Which listed ACL rule a lost create may take, by expiry: rules differing only in expiry are never swapped. */
import { expiryMatches } from "../../provider/fluxark/acl";

const now = Date.UTC(2030, 0, 1, 12, 0, 0);

test("a fixed expiry matches the same moment in either form, and no other", () => {
    expect(expiryMatches("2099-01-31 12:00:00", { expireTime: "2099-01-31 12:00:00" })).toBe(true);
    expect(expiryMatches("2099-01-31T12:00:00Z", { expireTime: "2099-01-31 12:00:00" })).toBe(true);
    expect(expiryMatches("2099-01-31 12:00:01", { expireTime: "2099-01-31 12:00:00" })).toBe(false);
    expect(expiryMatches("", { expireTime: "2099-01-31 12:00:00" })).toBe(false);
});

test("expireDays matches an expiry within half a day of now plus the days", () => {
    expect(expiryMatches("2030-01-31 11:59:58", { expireDays: 30 }, now)).toBe(true);
    expect(expiryMatches("2030-02-01 12:00:00", { expireDays: 30 }, now)).toBe(false);
    expect(expiryMatches("", { expireDays: 30 }, now)).toBe(false);
});

test("no expiry asked for matches only a rule that never expires", () => {
    expect(expiryMatches("", {})).toBe(true);
    expect(expiryMatches("2099-01-31 12:00:00", {})).toBe(false);
});

test("an expiry the list leaves out, or gives in a form that is not a time, matches: it cannot be compared", () => {
    expect(expiryMatches(undefined, { expireDays: 3 })).toBe(true);
    expect(expiryMatches("soon", { expireTime: "2099-01-31 12:00:00" })).toBe(true);
});
