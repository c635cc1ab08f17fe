import { publicUrl } from "../../report/fetch";

describe("the API address a report shows", () => {
    it("keeps where the API is and drops what could be a credential: user, password, query, fragment", () => {
        expect(publicUrl("https://ops:s3cret@fluxark.example.com/api/?token=abc#key=def")).toBe("https://fluxark.example.com/api");
        expect(publicUrl("http://127.0.0.1:8787/tuxcare/api")).toBe("http://127.0.0.1:8787/tuxcare/api");
        expect(publicUrl("not a url")).toBe("(not a URL)");
    });
});
