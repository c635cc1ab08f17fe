// The native plugins through the real engine from a Go program: the generated Go SDK and the
// Automation API's inline programs, against the emulator that test/e2e/native-go.test.ts starts
// (its addresses, and the ids of objects it made out of band, come in the environment).
package nativetest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tuxcare-fluxark/pulumi-tuxcare-fluxark/sdk/go/fluxark"
	"github.com/tuxcare-fluxark/pulumi-tuxcare-fluxark/sdk/go/tuxcare"
)

func env(t *testing.T, name string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		t.Fatalf("%s is not set: run this test through test/e2e/native-go.test.ts", name)
	}
	return v
}

// rows reads an emulator collection through its admin interface.
func rows(t *testing.T, collection string) []map[string]any {
	t.Helper()
	res, err := http.Get(env(t, "EMULATOR_URL") + "/_admin/collections/" + collection)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out []map[string]any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// Marked secret by the program on inputs the catalog does not call secret.
const (
	hiddenNote  = "go-hidden-note-1"
	hiddenCidr  = "198.18.9.0/24"
	hiddenIP    = "10.2.2.2"
	hiddenGroup = "gohiddengroup"
)

// secretAt says whether the value at path is secret, or lies inside a secret.
func secretAt(bag any, path ...any) bool {
	isSecret := func(v any) bool {
		m, ok := v.(map[string]any)
		return ok && m["4dabf18193072939515e22adb298388d"] == "1b47061264138c4ac30d75fd1eb44270"
	}
	node := bag
	for _, step := range path {
		if isSecret(node) {
			return true
		}
		switch n := node.(type) {
		case map[string]any:
			node = n[step.(string)]
		case []any:
			node = n[step.(int)]
		default:
			return false
		}
	}
	return isSecret(node)
}

func patch(t *testing.T, collection, id, body string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPatch, env(t, "EMULATOR_URL")+"/_admin/collections/"+collection+"/"+id, strings.NewReader(body))
	req.Header.Set("content-type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("patch %s/%s: %v %v", collection, id, err, res)
	}
	res.Body.Close()
}

// emulatorConfig is both packages' configuration for the emulator the calling test started.
func emulatorConfig(t *testing.T) auto.ConfigMap {
	return auto.ConfigMap{
		"tuxcare:apiUrl":    {Value: env(t, "TUXCARE_API_URL")},
		"tuxcare:login":     {Value: env(t, "TUXCARE_LOGIN")},
		"tuxcare:secretKey": {Value: env(t, "TUXCARE_SECRET"), Secret: true},
		"fluxark:url":       {Value: env(t, "FLUXARK_URL")},
		"fluxark:apiKey":    {Value: env(t, "FLUXARK_KEY"), Secret: true},
	}
}

func TestNativeGo(t *testing.T) {
	ctx := context.Background()
	port := 22
	program := func(pctx *pulumi.Context) error {
		key, err := tuxcare.NewKcareKey(pctx, "fleet", &tuxcare.KcareKeyArgs{
			Limit: pulumi.Int(5),
			Note:  pulumi.ToSecret(pulumi.String(hiddenNote)).(pulumi.StringOutput),
			Cidrs: pulumi.StringArray{pulumi.String("10.0.0.0/8"), pulumi.ToSecret(pulumi.String(hiddenCidr)).(pulumi.StringOutput)},
		})
		if err != nil {
			return err
		}
		server, err := fluxark.NewFluxarkServer(pctx, "web", &fluxark.FluxarkServerArgs{
			Name:   pulumi.String("go-web"),
			IpAddr: pulumi.ToSecret(pulumi.String(hiddenIP)).(pulumi.StringOutput),
			Port:   pulumi.ToSecret(pulumi.Int(port)).(pulumi.IntOutput),
			IsJump: pulumi.ToSecret(pulumi.Bool(false)).(pulumi.BoolOutput),
			Groups: pulumi.StringArray{pulumi.String("web"), pulumi.ToSecret(pulumi.String(hiddenGroup)).(pulumi.StringOutput)},
		})
		if err != nil {
			return err
		}
		if _, err := fluxark.NewFluxarkServerUser(pctx, "root", &fluxark.FluxarkServerUserArgs{ServerId: server.ServerId, Username: pulumi.String("root"), Password: pulumi.String("go-Remote-pass-1")}); err != nil {
			return err
		}
		// An object made out of band, taken over with the import option (the engine's import step).
		if _, err := fluxark.NewFluxarkServer(pctx, "imported", &fluxark.FluxarkServerArgs{Name: pulumi.String("go-imported"), IpAddr: pulumi.String("10.3.3.3")}, pulumi.Import(pulumi.ID(env(t, "IMPORT_SERVER_ID")))); err != nil {
			return err
		}
		// A list holding keys is secret, so it comes through the output form of the invoke.
		listed := tuxcare.ListKcareKeysOutput(pctx, tuxcare.ListKcareKeysOutputArgs{})
		pctx.Export("key", key.Key)
		pctx.Export("keyCount", listed.Keys().ApplyT(func(keys []tuxcare.KcareKeyInfo) int { return len(keys) }))
		return nil
	}
	stack, err := auto.UpsertStackInlineSource(ctx, "go", "native-go", program,
		auto.WorkDir(env(t, "WORK_DIR")),
		auto.Project(workspace.Project{Name: "native-go", Runtime: workspace.NewProjectRuntimeInfo("go", nil)}),
		auto.EnvVars(map[string]string{"PULUMI_CONFIG_PASSPHRASE": "go-passphrase"}))
	if err != nil {
		t.Fatal(err)
	}
	if err := stack.SetAllConfig(ctx, emulatorConfig(t)); err != nil {
		t.Fatal(err)
	}

	up, err := stack.Up(ctx)
	if err != nil {
		t.Fatalf("up: %v", err)
	}
	if !up.Outputs["key"].Secret {
		t.Errorf("the key output is not secret")
	}
	if got := (*up.Summary.ResourceChanges)["import"]; got != 1 {
		t.Errorf("imported %d resources, want 1", got)
	}
	if n := len(rows(t, "kcareKeys")); n != 1 {
		t.Errorf("%d KernelCare keys, want 1", n)
	}

	exported, err := exec.Command("pulumi", "stack", "export", "--stack", "go", "--cwd", env(t, "WORK_DIR")).Output()
	if err != nil {
		t.Fatalf("stack export: %v", err)
	}
	key := fmt.Sprint(up.Outputs["key"].Value)
	for _, secret := range []string{key, "go-Remote-pass-1", env(t, "TUXCARE_SECRET"), env(t, "FLUXARK_KEY"), hiddenNote, hiddenCidr, hiddenIP, hiddenGroup} {
		if strings.Contains(string(exported), secret) {
			t.Errorf("the exported state holds a secret in plaintext")
		}
	}
	// What the program marked secret is secret in state, inputs and outputs: a string, a number, a bool, one list element.
	var state struct {
		Deployment struct {
			Resources []struct {
				URN     string         `json:"urn"`
				Inputs  map[string]any `json:"inputs"`
				Outputs map[string]any `json:"outputs"`
			} `json:"resources"`
		} `json:"deployment"`
	}
	if err := json.Unmarshal(exported, &state); err != nil {
		t.Fatal(err)
	}
	marked := map[string][][]any{
		"KcareKey::fleet":    {{"note"}, {"cidrs", 1}},
		"FluxarkServer::web": {{"ipAddr"}, {"port"}, {"isJump"}, {"groups", 0}},
	}
	for _, r := range state.Deployment.Resources {
		for suffix, paths := range marked {
			if !strings.HasSuffix(r.URN, suffix) {
				continue
			}
			for _, path := range paths {
				if !secretAt(r.Inputs, path...) || !secretAt(r.Outputs, path...) {
					t.Errorf("%s %v is not secret in inputs and outputs", suffix, path)
				}
			}
			delete(marked, suffix)
		}
	}
	if len(marked) > 0 {
		t.Errorf("not in the state: %v", marked)
	}
	if strings.Contains(string(exported), "__provider") {
		t.Errorf("the exported state holds a serialized provider")
	}

	if _, err := stack.Preview(ctx, optpreview.ExpectNoChanges()); err != nil {
		t.Fatalf("a second preview plans changes: %v", err)
	}

	var serverID string
	for _, s := range rows(t, "fluxarkServers") {
		if s["name"] == "go-web" {
			serverID = fmt.Sprint(s["id"])
		}
	}
	patch(t, "fluxarkServers", serverID, `{"port": 2222}`)
	refresh, err := stack.Refresh(ctx)
	if err != nil {
		t.Fatalf("refresh: %v", err)
	}
	if got := (*refresh.Summary.ResourceChanges)["update"]; got != 1 {
		t.Errorf("refresh saw %d changes, want 1 (the port changed out of band)", got)
	}

	port = 2200
	upd, err := stack.Up(ctx)
	if err != nil {
		t.Fatalf("update: %v", err)
	}
	if got := fmt.Sprint(upd.Outputs["keyCount"].Value); got != "1" || !upd.Outputs["keyCount"].Secret {
		t.Errorf("listKcareKeys through Invoke saw %s keys (secret: %v), want 1, secret", got, upd.Outputs["keyCount"].Secret)
	}
	if got := (*upd.Summary.ResourceChanges)["update"]; got != 1 {
		t.Errorf("updated %d resources, want 1", got)
	}
	for _, s := range rows(t, "fluxarkServers") {
		if s["name"] == "go-web" && fmt.Sprint(s["port"]) != "2200" {
			t.Errorf("port is %v, want 2200", s["port"])
		}
	}

	if _, err := stack.Destroy(ctx); err != nil {
		t.Fatalf("destroy: %v", err)
	}
	if n := len(rows(t, "kcareKeys")) + len(rows(t, "fluxarkServers")); n != 0 {
		t.Errorf("%d objects left after destroy", n)
	}
}
