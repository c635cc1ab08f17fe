// Command generate writes the Go and Python SDKs of the native packages from their schemas, with
// Pulumi's own code generators (the libraries behind `pulumi package gen-sdk`, which needs
// language plugins this project cannot assume are installed).
//
// Usage: generate -out <sdk folder> <schema.json>... (`npm run sdk` runs it on schema/*.json).
// It rewrites <sdk folder>/go/<package> and <sdk folder>/python/<package>.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// noReferences loads no other package: these schemas refer to none but Pulumi's built-in types.
type noReferences struct{}

func (noReferences) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; none but the built-in types are available", name)
}

func (l noReferences) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, nil)
}

func (l noReferences) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("the schema refers to package %q; none but the built-in types are available", name)
}

func (l noReferences) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return l.LoadPackageReference(d.Name, nil)
}

const tool = "pulumi-tuxcare-fluxark"

func main() {
	out := flag.String("out", ".", "the folder to write go/<package> and python/<package> into")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: generate -out <sdk folder> <schema.json>...")
		os.Exit(2)
	}
	for _, file := range flag.Args() {
		if err := generate(file, *out); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", file, err)
			os.Exit(1)
		}
	}
}

func generate(file, out string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return err
	}
	pkg, diags, err := schema.BindSpec(spec, noReferences{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	goFiles, err := gogen.GeneratePackage(tool, pkg, nil)
	if err != nil {
		return fmt.Errorf("go: %w", err)
	}
	if err := write(filepath.Join(out, "go"), spec.Name, goFiles); err != nil {
		return err
	}
	pyFiles, err := pygen.GeneratePackage(tool, pkg, nil, noReferences{})
	if err != nil {
		return fmt.Errorf("python: %w", err)
	}
	// The package's pyproject.toml names README.md as its description; the generator leaves it to us.
	pyFiles["README.md"] = []byte(readme(spec))
	return write(filepath.Join(out, "python", spec.Name), "", pyFiles)
}

// readme is the Python package's description on its index page.
func readme(spec schema.PackageSpec) string {
	return fmt.Sprintf("# %s\n\n%s\n\nThe `pulumi-resource-%s` plugin this package drives is fetched by the Pulumi engine on first use\n"+
		"(or `pulumi plugin install resource %s %s --server %s`). Documentation: %s\n",
		spec.DisplayName, spec.Description, spec.Name, spec.Name, spec.Version, spec.PluginDownloadURL, spec.Homepage)
}

// write replaces root/sub with the generated files, so a file the generator no longer makes goes.
func write(root, sub string, files map[string][]byte) error {
	if sub != "" {
		if err := os.RemoveAll(filepath.Join(root, sub)); err != nil {
			return err
		}
	} else if err := os.RemoveAll(root); err != nil {
		return err
	}
	for name, content := range files {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
