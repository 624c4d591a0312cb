package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckOutputDir: an output directory may be new or an earlier run's;
// never a file, a folder holding something else, or the working directory
// or one of its parents (Commit would replace them).
func TestCheckOutputDir(t *testing.T) {
	root := t.TempDir()
	mk := func(name string, files ...string) string {
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	earlier := mk("earlier", SummaryFile, TimeseriesFile, ReportFile, CompareJSONFile)
	if err := os.Mkdir(filepath.Join(earlier, FiguresDir), 0o755); err != nil {
		t.Fatal(err)
	}
	foreign := mk("foreign", SummaryFile, "notes.txt")
	file := filepath.Join(root, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	for _, tc := range []struct {
		dir, wantErr string
	}{
		{filepath.Join(root, "new", "deeper"), ""},
		{mk("empty"), ""},
		{earlier, ""},
		{foreign, "holds notes.txt, which ecsim did not write"},
		{file, "exists and is not a directory"},
		{filepath.Join(file, "sub"), "is not a directory"},
		{".", "the working directory or one of its parents"},
		{filepath.Dir(wd), "the working directory or one of its parents"},
		{filepath.Join(wd, "..", filepath.Base(wd)+"-sibling"), ""},
	} {
		err := CheckOutputDir(tc.dir)
		if (err == nil) != (tc.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
			t.Errorf("CheckOutputDir(%s) = %v, want %q", tc.dir, err, tc.wantErr)
		}
	}
	// The check writes nothing.
	if _, err := os.Stat(filepath.Join(root, "new")); !os.IsNotExist(err) {
		t.Errorf("CheckOutputDir created %s/new", root)
	}
	if entries, _ := filepath.Glob(filepath.Join(root, ".ecsim-probe-*")); len(entries) > 0 {
		t.Errorf("probe left behind: %v", entries)
	}
}
