/**
 * Absent, null and empty in an answer are three different things: absent is "not read" (the last
 * applied value stands), null is the empty value, and "" is a value like any other. And a
 * FluxArk "Missing ..." error is NotFound on any HTTP status, unless it names a create's body
 * reference.
 */
import { keepUnread } from "../../provider/core/resource";
import { messageKind } from "../../provider/fluxark/client";
import { aclSchema, serverSchema, userGroupSchema, userSchema } from "../../provider/fluxark/schemas";
import { elsKeySchema, kcareKeySchema, serverGroupSchema } from "../../provider/tuxcare/schemas";

describe("keepUnread", () => {
    interface Inputs {
        email: string;
        sshKey: string;
        groups: string[];
        adopt?: number;
    }
    const last: Inputs & { userId: number } = { email: "a@example.com", sshKey: "ssh-ed25519 AAAA", groups: ["ops"], adopt: 7, userId: 3 };

    test("a field not read keeps the last applied value; a read one replaces it, an empty one included", () => {
        expect(keepUnread<Inputs>({ email: "b@example.com", sshKey: undefined, groups: [], adopt: undefined }, last)).toEqual({
            email: "b@example.com",
            sshKey: "ssh-ed25519 AAAA",
            groups: [],
            adopt: 7,
        });
        expect(keepUnread<Inputs>({ email: undefined, sshKey: "", groups: undefined, adopt: undefined }, last)).toEqual({
            email: "a@example.com",
            sshKey: "",
            groups: ["ops"],
            adopt: 7,
        });
    });

    test("only inputs come back, never the outputs kept in state", () => {
        expect(keepUnread<Inputs>({ email: undefined, sshKey: undefined, groups: undefined, adopt: undefined }, last)).not.toHaveProperty(
            "userId",
        );
    });
});

describe("FluxArk wire schemas", () => {
    test("a user list entry in the document's shape: ssh_key and comment absent are not read", () => {
        const u = userSchema.parse({
            id: 14,
            username: "info",
            email: "testing@fluxark.com",
            full_name: "testing",
            active: 1,
            ip_allow_list: "192.168.0.1, 127.0.0.1",
            groups: ["test"],
            password_type: "password",
            auth_type: "key",
            server_admin: null,
            created: "2024-07-16 16:08:49",
        });
        expect(u).toMatchObject({ server_admin: false, active: true, ip_allow_list: "192.168.0.1, 127.0.0.1" });
        expect(u.ssh_key).toBeUndefined();
        expect(u.comment).toBeUndefined();
    });

    test("null is the empty value: text, flag and list", () => {
        const u = userSchema.parse({ id: 1, username: "x", ssh_key: null, comment: null, active: null, groups: null, ip_allow_list: null });
        expect(u).toMatchObject({ ssh_key: "", comment: "", active: false, groups: [], ip_allow_list: "" });
    });

    test("only the fields that find an object are required", () => {
        const server = serverSchema.parse({ id: 1, name: "web1" });
        expect([server.port, server.groups, server.users, server.active]).toEqual([undefined, undefined, undefined, undefined]);
        const rule = aclSchema.parse({ acl_id: 4 });
        expect([rule.user_server_id, rule.expire_time]).toEqual([undefined, undefined]);
        expect(userGroupSchema.parse({ id: 2, name: "ops" }).server_groups).toBeUndefined();
        expect(() => userSchema.parse({ id: 1 })).toThrow();
        expect(() => serverSchema.parse({ name: "web1" })).toThrow();
    });

    test("an ACL rule's empty expire_time means never, and stays empty", () => {
        expect(
            aclSchema.parse({ acl_id: 42, user_server_id: 14, server_id: 11, expire_time: "", created: "2024-09-01 17:33:02" }).expire_time,
        ).toBe("");
    });
});

describe("TuxCare wire schemas", () => {
    test("a null note or description is empty, a number is text, an absent one is not read", () => {
        expect(elsKeySchema.parse({ key: "ESU-a", productCode: "ESU", usageLimit: "5", description: null })).toMatchObject({
            usageLimit: 5,
            description: "",
        });
        expect(elsKeySchema.parse({ key: "ESU-a", productCode: "ESU", usageLimit: "2", description: 123 }).description).toBe("123");
        const bare = elsKeySchema.parse({ key: "ESU-a" });
        expect([bare.usageLimit, bare.description]).toEqual([undefined, undefined]);
        expect(kcareKeySchema.parse({ key: "WsTs821nSAtiastD", enabled: false }).note).toBeUndefined();
        expect(serverGroupSchema.parse({ name: "web", description: null }).description).toBe("");
        expect(serverGroupSchema.parse({ name: "web" }).description).toBeUndefined();
    });
});

describe("the kind of a FluxArk error", () => {
    test.each([200, 400, 404])("Missing user, on HTTP %i, is NotFound: the user is gone", (status) => {
        expect(messageKind("Missing user", status, "users/acl/list")).toBe("NotFound");
        expect(messageKind("Missing server", status, "servers/users/list")).toBe("NotFound");
    });

    test("a missing object named in a create's body is Validation, the same name in a path is NotFound", () => {
        expect(messageKind("Missing remote user", 200, "users/acl/add")).toBe("Validation");
        expect(messageKind("Missing server group", 200, "users/groups/server_groups/add")).toBe("Validation");
        expect(messageKind("Missing server group", 200, "users/groups/server_groups/delete")).toBe("NotFound");
        expect(messageKind("Missing user", 200, "users/acl/add")).toBe("NotFound");
    });

    test("duplicates are Conflicts; other business errors on HTTP 200 are Validation", () => {
        expect(messageKind("Duplicate server name", 200, "servers/create")).toBe("Conflict");
        expect(messageKind("Invalid port", 200, "servers/create")).toBe("Validation");
        expect(messageKind("Missing server name", 200, "servers/create")).toBe("Validation");
    });
});
