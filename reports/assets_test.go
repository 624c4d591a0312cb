package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadAssets: the library is found in the folder itself, in the npm
// package's dist/ or under node_modules; a missing folder, a file, a
// folder without it and a file that is not echarts are errors that say
// what to give.
func TestLoadAssets(t *testing.T) {
	root := t.TempDir()
	put := func(path, body string) string {
		full := filepath.Join(root, path)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return full
	}
	put("flat/echarts.min.js", "/* echarts flat */")
	put("npm/dist/echarts.min.js", "/* echarts npm */")
	put("project/node_modules/echarts/dist/echarts.min.js", "/* echarts project */")
	put("other/echarts.min.js", "/* not the library */")
	// A folder named like the library is skipped for the next candidate.
	put("dirfirst/echarts.min.js/keep", "")
	put("dirfirst/dist/echarts.min.js", "/* echarts behind a folder */")
	file := put("file.js", "echarts")
	if err := os.Mkdir(filepath.Join(root, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ dir, want, wantErr string }{
		{"flat", "/* echarts flat */", ""},
		{"npm", "/* echarts npm */", ""},
		{"project", "/* echarts project */", ""},
		{"dirfirst", "/* echarts behind a folder */", ""},
		{"other", "", "other: echarts.min.js is not the echarts library"},
		{"empty", "", "no echarts library there (looked for echarts.min.js, dist/echarts.min.js, node_modules/echarts/dist/echarts.min.js)"},
		{"missing", "", "missing: no such file or directory"},
		{file, "", "not a folder"},
	} {
		dir := tc.dir
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(root, dir)
		}
		got, err := LoadAssets(dir)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("LoadAssets(%s) error = %v, want %q", tc.dir, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("LoadAssets(%s) = %q, %v; want %q", tc.dir, got, err, tc.want)
		}
	}
}
