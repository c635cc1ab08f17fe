import { readAllowList } from "../../provider/fluxark/allow-list";
import { fluxarkUserInputSchema } from "../../provider/fluxark/user";
import { checkCidr } from "../../provider/core/validators";

describe("a FluxArk allow list as read", () => {
    test("the document's example 127.0.0.1/24 reads as its network, as check accepts it", () => {
        expect(readAllowList("192.168.0.100,127.0.0.1/24")).toEqual(["127.0.0.0/24", "192.168.0.100"]);
        const declared = fluxarkUserInputSchema.parse({
            username: "u",
            email: "u@example.com",
            password: "Passw0rd",
            fullName: "U",
            authType: "password",
            ipAllowList: ["127.0.0.0/24", "192.168.0.100"],
        });
        expect(declared.ipAllowList).toEqual(readAllowList("192.168.0.100,127.0.0.1/24"));
        // Declared as the document writes it, it is the same set: no drift between what is declared and what is read.
        const asWritten = fluxarkUserInputSchema.parse({
            username: "u",
            email: "u@example.com",
            password: "Passw0rd",
            fullName: "U",
            authType: "password",
            ipAllowList: ["192.168.0.100", "127.0.0.1/24"],
        });
        expect(asWritten.ipAllowList).toEqual(declared.ipAllowList);
    });

    test("spelling, separators, single hosts and duplicates do not matter", () => {
        expect(readAllowList(" 10.0.0.1/32; 2001:DB8::1/64 10.0.0.1, 2001:db8::/64,,")).toEqual(["10.0.0.1", "2001:db8::/64"]);
        expect(readAllowList("")).toEqual([]);
    });

    test("an entry that is no address is kept as it is, to show as drift", () => {
        expect(readAllowList("office.example.com, 10.0.0.0/8")).toEqual(["10.0.0.0/8", "office.example.com"]);
    });
});

test("a CIDR with host bits names its network, IPv4 and IPv6", () => {
    expect(checkCidr("127.0.0.1/24")).toEqual({
        ok: false,
        reason: '"127.0.0.1/24" has host bits set; did you mean 127.0.0.0/24?',
        network: "127.0.0.0/24",
    });
    expect(checkCidr("2001:db8::1/32")).toMatchObject({ ok: false, network: "2001:db8::/32" });
    expect(checkCidr("10.0.0/8")).not.toHaveProperty("network");
});
