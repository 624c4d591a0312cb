package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	earlier := mk("earlier", MarkerFile, SummaryFile, TimeseriesFile, ReportFile, CompareJSONFile)
	if err := os.Mkdir(filepath.Join(earlier, FiguresDir), 0o755); err != nil {
		t.Fatal(err)
	}
	foreign := mk("foreign", MarkerFile, SummaryFile, "notes.txt")
	// Names alone never make a folder ecsim's: without the marker, a folder
	// whose only entry is figures/ with the user's files is left alone.
	unmarked := mk("unmarked", SummaryFile)
	userFigures := mk(filepath.Join("user-figures", FiguresDir), "paper.tex")
	userFigures = filepath.Dir(userFigures)
	markedFigures := mk(filepath.Join("marked-figures", FiguresDir), "notes.txt")
	if err := os.WriteFile(filepath.Join(filepath.Dir(markedFigures), MarkerFile), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "link")
	if err := os.Symlink(earlier, link); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(root, "dangling")
	if err := os.Symlink(filepath.Join(root, "nowhere"), dangling); err != nil {
		t.Fatal(err)
	}
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
		{unmarked, "not an ecsim output folder (no .ecsim-output marker)"},
		{userFigures, "not an ecsim output folder"},
		{filepath.Dir(markedFigures), "holds figures/notes.txt, which ecsim did not write"},
		{link, "a symbolic link (to " + earlier + ")"},
		{dangling, "a symbolic link"},
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

// TestRemoveStale: a directory under construction whose process has exited
// is removed by the next output into the same parent; one whose process
// runs, and folders without ecsim's marks, are left alone.
func TestRemoveStale(t *testing.T) {
	root := t.TempDir()
	mk := func(name, pid string) string {
		dir := filepath.Join(root, name)
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if pid != "" {
			if err := os.WriteFile(filepath.Join(dir, pidFile), []byte(pid), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	host, _ := os.Hostname()
	dead := mk(".run.tmp-1", "999999999 "+host)
	alive := mk(".run.tmp-2", ownerLine())
	other := mk(".run.tmp-3", "999999999 some-other-host")
	nomark := mk(".run.tmp-4", "")
	user := mk(".mine", "999999999 "+host)
	out, err := NewOutput(filepath.Join(root, "run"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Abort()
	for dir, gone := range map[string]bool{dead: true, alive: false, other: false, nomark: false, user: false} {
		_, err := os.Stat(dir)
		if os.IsNotExist(err) != gone {
			t.Errorf("%s: removed %v, want %v", filepath.Base(dir), os.IsNotExist(err), gone)
		}
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{MarkerFile} {
		if _, err := os.Stat(filepath.Join(root, "run", f)); err != nil {
			t.Errorf("committed output lacks %s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "run", pidFile)); !os.IsNotExist(err) {
		t.Error("committed output keeps the pid file")
	}
}

// TestAbortRemovesCreatedParents: the folders NewOutput creates for -o
// (ecsim-out/…) are removed again when the run fails, if empty; a folder
// that existed before stays.
func TestAbortRemovesCreatedParents(t *testing.T) {
	root := t.TempDir()
	out, err := NewOutput(filepath.Join(root, "a", "b", "run"))
	if err != nil {
		t.Fatal(err)
	}
	out.Abort()
	if _, err := os.Stat(filepath.Join(root, "a")); !os.IsNotExist(err) {
		t.Errorf("created parent a left behind: %v", err)
	}
	if _, err := os.Stat(root); err != nil {
		t.Errorf("the existing folder went: %v", err)
	}
}

// TestCommitReplacesAnEarlierOutput: a second output into the same
// directory replaces the first whole (its files gone, no .old left), and
// the folders NewOutput found are kept.
func TestCommitReplacesAnEarlierOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	write := func(name, body string) {
		out, err := NewOutput(dir)
		if err != nil {
			t.Fatal(err)
		}
		if out.Dir() != dir {
			t.Errorf("Dir() = %s, want %s", out.Dir(), dir)
		}
		f, err := out.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString(body); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		if err := out.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(FiguresDir, "cost.svg"), "first")
	write(SummaryFile, "second")
	if b, err := os.ReadFile(filepath.Join(dir, SummaryFile)); err != nil || string(b) != "second" {
		t.Errorf("summary.json = %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(dir, FiguresDir)); !os.IsNotExist(err) {
		t.Errorf("the first output's figures survived: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".run.tmp-*"))
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
	st, err := os.Stat(dir)
	if err != nil || st.Mode().Perm() != 0o755 {
		t.Errorf("committed folder mode %v, %v; want 0755", st.Mode(), err)
	}
}

// TestCommitOfAVanishedOutputFails: when the directory under construction
// is gone, Commit reports it and leaves nothing behind.
func TestCommitOfAVanishedOutputFails(t *testing.T) {
	root := t.TempDir()
	out, err := NewOutput(filepath.Join(root, "a", "run"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(out.Path("")); err != nil {
		t.Fatal(err)
	}
	if err := out.Commit(); err == nil {
		t.Fatal("Commit of a removed directory succeeded")
	}
	if _, err := os.Stat(filepath.Join(root, "a")); !os.IsNotExist(err) {
		t.Errorf("the parent NewOutput created is left: %v", err)
	}
	if err := os.WriteFile(filepath.Join(root, "notes.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewOutput(root); err == nil || !strings.Contains(err.Error(), "not an ecsim output folder") {
		t.Errorf("NewOutput of a folder holding other files: %v", err)
	}
}

// TestRemoveStaleOldOutputs: a replaced output (.NAME.tmp-*.old, marked)
// older than staleOldAge is removed by the next output into the parent; a
// recent one, and one without the marker, are left.
func TestRemoveStaleOldOutputs(t *testing.T) {
	root := t.TempDir()
	mk := func(name string, marked bool, age time.Duration) string {
		dir := filepath.Join(root, name)
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if marked {
			if err := os.WriteFile(filepath.Join(dir, MarkerFile), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		old := time.Now().Add(-age)
		if err := os.Chtimes(dir, old, old); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	stale := mk(".run.tmp-1.old", true, staleOldAge+time.Minute)
	recent := mk(".run.tmp-2.old", true, time.Minute)
	unmarked := mk(".run.tmp-3.old", false, staleOldAge+time.Minute)
	if err := os.WriteFile(filepath.Join(root, ".run.tmp-4"), nil, 0o644); err != nil { // a file, not a folder
		t.Fatal(err)
	}
	out, err := NewOutput(filepath.Join(root, "run"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Abort()
	for dir, gone := range map[string]bool{stale: true, recent: false, unmarked: false, filepath.Join(root, ".run.tmp-4"): false} {
		if _, err := os.Stat(dir); os.IsNotExist(err) != gone {
			t.Errorf("%s: removed %v, want %v", filepath.Base(dir), os.IsNotExist(err), gone)
		}
	}
}

// TestDeadOwner: only a well-formed line naming this host and a process
// that has exited is dead.
func TestDeadOwner(t *testing.T) {
	host, _ := os.Hostname()
	for line, want := range map[string]bool{
		"999999999 " + host:      true,
		ownerLine():              false, // this process
		"999999999 another-host": false,
		"abc " + host:            false,
		"0 " + host:              false,
		"-5 " + host:             false,
		"999999999":              false,
		"":                       false,
	} {
		if got := deadOwner(line); got != want {
			t.Errorf("deadOwner(%q) = %v, want %v", line, got, want)
		}
	}
}
