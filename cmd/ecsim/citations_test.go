package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// citation matches the ways code, tests, the README and scenario
// descriptions cite docs/model.md: §n or §n.m (a section), W-n (a worked
// example), "confusion #n" (a section-12 confusion).
var citation = regexp.MustCompile(`§\d+(?:\.\d+)?|\bW-\d+\b|confusions? #\d+(?:(?:, | and |/)#\d+)*`)

// TestEveryCitationResolves holds the rule that every ECS rule the code
// cites can be followed: each citation in the repository's Go files,
// scenarios, scripts, README and docs/model.md itself names a heading of
// docs/model.md. A citation of a section that does not exist fails here.
func TestEveryCitationResolves(t *testing.T) {
	root := filepath.Join("..", "..")
	model, err := os.ReadFile(filepath.Join(root, "docs", "model.md"))
	if err != nil {
		t.Fatal(err)
	}
	headings := map[string]bool{}
	for _, line := range strings.Split(string(model), "\n") {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(strings.TrimLeft(line, "#"))
		if len(f) > 0 {
			headings[f[0]] = true
		}
	}
	seen := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules" || d.Name() == "testdata" && strings.Contains(path, "fuzz")) {
			return filepath.SkipDir
		}
		switch filepath.Ext(path) {
		case ".go", ".yaml", ".txtar", ".md":
		default:
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			for _, c := range citation.FindAllString(line, -1) {
				seen++
				for _, key := range citationKeys(c) {
					if !headings[key] {
						t.Errorf("%s:%d: %q cites %s, which docs/model.md has no heading for", path, i+1, c, key)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 300 {
		t.Fatalf("only %d citations found: the walk missed the sources", seen)
	}
}

// citationKeys turns a citation into the heading keys it needs: "§1.6",
// "W-4", "#1" (one per number of "confusions #1, #3").
func citationKeys(c string) []string {
	if !strings.HasPrefix(c, "confusion") {
		return []string{c}
	}
	return regexp.MustCompile(`#\d+`).FindAllString(c, -1)
}
