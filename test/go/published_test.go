// The native packages as a user outside this repository gets them: this module requires the Go SDK
// by its published path (served by a module proxy that test/e2e/published-install.test.ts lays
// out), and the program names no plugin: the SDK's own defaults (the schema's version and
// pluginDownloadURL) make the engine fetch both plugins by itself, into an empty PULUMI_HOME, from
// the archives that test serves. Run by that test only, with no Node.js and no plugin on PATH.
package nativetest

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tuxcare-fluxark/pulumi-tuxcare-fluxark/sdk/go/fluxark"
	"github.com/tuxcare-fluxark/pulumi-tuxcare-fluxark/sdk/go/tuxcare"
)

func TestPublishedPlugins(t *testing.T) {
	ctx := context.Background()
	program := func(pctx *pulumi.Context) error {
		key, err := tuxcare.NewKcareKey(pctx, "published", &tuxcare.KcareKeyArgs{Limit: pulumi.Int(2), Note: pulumi.String("published plugin")})
		if err != nil {
			return err
		}
		if _, err := fluxark.NewFluxarkServer(pctx, "published", &fluxark.FluxarkServerArgs{Name: pulumi.String("published"), IpAddr: pulumi.String("10.6.6.6")}); err != nil {
			return err
		}
		pctx.Export("key", key.Key)
		return nil
	}
	stack, err := auto.UpsertStackInlineSource(ctx, "published", "published-go", program,
		auto.WorkDir(env(t, "WORK_DIR")),
		auto.Project(workspace.Project{Name: "published-go", Runtime: workspace.NewProjectRuntimeInfo("go", nil)}))
	if err != nil {
		t.Fatal(err)
	}
	if err := stack.SetAllConfig(ctx, emulatorConfig(t)); err != nil {
		t.Fatal(err)
	}
	// Everything the engine prints, echoed for the calling test to search.
	var printed strings.Builder
	out := io.MultiWriter(&printed, os.Stdout)

	up, err := stack.Up(ctx, optup.ProgressStreams(out), optup.ErrorProgressStreams(out))
	if err != nil {
		t.Fatalf("up: %v", err)
	}
	if got := (*up.Summary.ResourceChanges)["create"]; got != 3 {
		t.Errorf("created %d resources, want 3 (the stack and two objects)", got)
	}
	if !up.Outputs["key"].Secret {
		t.Errorf("the key output is not secret")
	}
	if n := len(rows(t, "kcareKeys")); n != 1 {
		t.Errorf("%d KernelCare keys, want 1", n)
	}
	if _, err := stack.Preview(ctx, optpreview.ExpectNoChanges(), optpreview.ProgressStreams(out), optpreview.ErrorProgressStreams(out)); err != nil {
		t.Fatalf("a second preview plans changes: %v", err)
	}
	if _, err := stack.Destroy(ctx, optdestroy.ProgressStreams(out), optdestroy.ErrorProgressStreams(out)); err != nil {
		t.Fatalf("destroy: %v", err)
	}
	for _, s := range rows(t, "fluxarkServers") {
		if s["name"] == "published" {
			t.Errorf("the FluxArk server is still there after destroy")
		}
	}
	if strings.Contains(printed.String(), "from $PATH") {
		t.Errorf("the engine used a plugin from $PATH")
	}
}
