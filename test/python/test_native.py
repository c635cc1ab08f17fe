"""The native plugins through the real engine from a Python program: the generated Python SDKs
and the Automation API's inline programs, against the emulator that
test/e2e/native-python.test.ts starts (its addresses, and the id of an object it made out of
band, come in the environment)."""
import json
import os
import subprocess
import unittest
import urllib.request

import pulumi
from pulumi import automation as auto

import pulumi_fluxark as fluxark
import pulumi_tuxcare as tuxcare

ENV = os.environ

SECRET_SIG = ("4dabf18193072939515e22adb298388d", "1b47061264138c4ac30d75fd1eb44270")
# Marked secret by the program on inputs the catalog does not call secret.
HIDDEN_NOTE = "py-hidden-note-1"
HIDDEN_GROUP = "pyhiddengroup"
HIDDEN_IP = "10.4.4.4"


def rows(collection):
    with urllib.request.urlopen(f"{ENV['EMULATOR_URL']}/_admin/collections/{collection}") as res:
        return json.load(res)


def secret_at(bag, path):
    """Whether the value at path is secret, or lies inside a secret."""
    node = bag
    for step in path:
        if isinstance(node, dict) and node.get(SECRET_SIG[0]) == SECRET_SIG[1]:
            return True
        node = node[step]
    return isinstance(node, dict) and node.get(SECRET_SIG[0]) == SECRET_SIG[1]


def patch(collection, row_id, body):
    req = urllib.request.Request(f"{ENV['EMULATOR_URL']}/_admin/collections/{collection}/{row_id}", data=json.dumps(body).encode(), method="PATCH", headers={"content-type": "application/json"})
    with urllib.request.urlopen(req) as res:
        assert res.status == 200


class NativePython(unittest.TestCase):
    port = 22

    def program(self):
        key = tuxcare.ElsKey("esu", product_code="ESU", limit=2, note=pulumi.Output.secret(HIDDEN_NOTE))
        server = fluxark.FluxarkServer("web", name="py-web", ip_addr=pulumi.Output.secret(HIDDEN_IP), port=pulumi.Output.secret(NativePython.port),
                                       is_jump=pulumi.Output.secret(False), groups=["web", pulumi.Output.secret(HIDDEN_GROUP)])
        fluxark.FluxarkServerUser("deploy", server_id=server.server_id, username="deploy", password="py-Remote-pass-1")
        fluxark.FluxarkServer("imported", name="py-imported", ip_addr="10.5.5.5", opts=pulumi.ResourceOptions(import_=ENV["IMPORT_SERVER_ID"]))
        pulumi.export("key", key.key)
        pulumi.export("esu_count", tuxcare.list_els_keys_output(product_code="ESU").apply(lambda r: len(r.keys)))

    def test_lifecycle(self):
        stack = auto.create_or_select_stack(
            stack_name="py",
            project_name="native-py",
            program=self.program,
            opts=auto.LocalWorkspaceOptions(work_dir=ENV["WORK_DIR"], project_settings=auto.ProjectSettings(name="native-py", runtime="python")),
        )
        stack.set_all_config({
            "tuxcare:apiUrl": auto.ConfigValue(ENV["TUXCARE_API_URL"]),
            "tuxcare:login": auto.ConfigValue(ENV["TUXCARE_LOGIN"]),
            "tuxcare:secretKey": auto.ConfigValue(ENV["TUXCARE_SECRET"], secret=True),
            "fluxark:url": auto.ConfigValue(ENV["FLUXARK_URL"]),
            "fluxark:apiKey": auto.ConfigValue(ENV["FLUXARK_KEY"], secret=True),
        })

        up = stack.up()
        self.assertTrue(up.outputs["key"].secret, "the key output is secret")
        self.assertEqual(up.summary.resource_changes.get("import"), 1)
        self.assertEqual(len(rows("elsKeys")), 1)

        exported = subprocess.run(["pulumi", "stack", "export", "--stack", "py", "--cwd", ENV["WORK_DIR"]], check=True, capture_output=True, text=True).stdout
        for secret in [str(up.outputs["key"].value), "py-Remote-pass-1", ENV["TUXCARE_SECRET"], ENV["FLUXARK_KEY"], HIDDEN_NOTE, HIDDEN_GROUP, HIDDEN_IP]:
            self.assertNotIn(secret, exported)
        self.assertNotIn("__provider", exported)
        # What the program marked secret is secret in state, inputs and outputs: a string, a number, a bool, one list element.
        resources = json.loads(exported)["deployment"]["resources"]
        web = next(r for r in resources if r["urn"].endswith("FluxarkServer::web"))
        esu = next(r for r in resources if r["type"] == "tuxcare:index:ElsKey")
        for resource, path in [(esu, ["note"]), (web, ["ipAddr"]), (web, ["port"]), (web, ["isJump"]), (web, ["groups", 0])]:
            for bag in ("inputs", "outputs"):
                self.assertTrue(secret_at(resource[bag], path), f"{resource['type']} {bag} {path} is not secret")

        preview = stack.preview(expect_no_changes=True)
        self.assertEqual(preview.change_summary, {"same": 5})

        server = next(s for s in rows("fluxarkServers") if s["name"] == "py-web")
        patch("fluxarkServers", server["id"], {"port": 2222})
        refresh = stack.refresh()
        self.assertEqual(refresh.summary.resource_changes.get("update"), 1)

        NativePython.port = 2200
        update = stack.up()
        self.assertEqual(update.outputs["esu_count"].value, 1, "listElsKeys through Invoke sees the key")
        self.assertTrue(update.outputs["esu_count"].secret, "a list of keys is secret")
        self.assertEqual(update.summary.resource_changes.get("update"), 1)
        self.assertEqual(next(s for s in rows("fluxarkServers") if s["name"] == "py-web")["port"], 2200)

        stack.destroy()
        self.assertEqual(rows("elsKeys") + rows("fluxarkServers"), [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
