// Command go-module-proxy lays out a Go module at one version as a module proxy serves it
// (<module>/@v/list, .info, .mod, .zip), in a folder that GOPROXY=file://<folder> reads. Tests use
// it to fetch the Go SDK by the path users require, as `go get` fetches a published version,
// without a `replace`.
//
// Usage: go-module-proxy -module <folder holding go.mod> -version vX.Y.Z -out <proxy folder>
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

func main() {
	dir := flag.String("module", "", "the folder holding the module's go.mod")
	version := flag.String("version", "", "the version to publish, vX.Y.Z")
	out := flag.String("out", "", "the proxy folder")
	flag.Parse()
	if *dir == "" || *version == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: go-module-proxy -module <folder> -version vX.Y.Z -out <proxy folder>")
		os.Exit(2)
	}
	if err := publish(*dir, *version, *out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func publish(dir, version, out string) error {
	goMod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return err
	}
	path := modfile.ModulePath(goMod)
	mod := module.Version{Path: path, Version: version}
	if err := module.Check(path, version); err != nil {
		return err
	}
	escaped, err := module.EscapePath(path)
	if err != nil {
		return err
	}
	at := filepath.Join(out, escaped, "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		return err
	}
	info, _ := json.Marshal(map[string]string{"Version": version, "Time": time.Now().UTC().Format(time.RFC3339)})
	for name, content := range map[string][]byte{"list": []byte(version + "\n"), version + ".info": info, version + ".mod": goMod} {
		if err := os.WriteFile(filepath.Join(at, name), content, 0o644); err != nil {
			return err
		}
	}
	f, err := os.Create(filepath.Join(at, version+".zip"))
	if err != nil {
		return err
	}
	defer f.Close()
	// Module zips leave out what go's own tooling leaves out (vendor folders, nested modules, VCS files).
	return zip.CreateFromDir(f, mod, dir)
}
