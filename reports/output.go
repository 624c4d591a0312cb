package reports

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Output is an output directory under construction: files are written into
// a hidden temporary sibling of the final directory, and Commit renames it
// into place, so a reader never sees a half-written directory and a failed
// run leaves nothing behind.
type Output struct {
	final string
	tmp   string
	// created is the outermost folder NewOutput had to create for the
	// parent of final ("" if none): Abort removes it again if empty.
	created string
}

// MarkerFile is written into every output directory ecsim makes. A folder
// is replaced by a later run only if it holds this marker and nothing but
// what ecsim writes: ecsim decides that it wrote a folder from the marker,
// never from the names in it, so it never deletes a user's files.
const MarkerFile = ".ecsim-output"

// pidFile, inside a directory under construction, names the process
// building it, so that a later run can remove it if that process died.
const pidFile = ".ecsim-pid"

// outputNames are the entries a marked output directory may hold.
var outputNames = map[string]bool{
	SummaryFile: true, TimeseriesFile: true, ProvidersFile: true, EventsFile: true, ReportFile: true, FiguresDir: true,
	CompareJSONFile: true, CompareCSVFile: true, CompareHTMLFile: true, MarkerFile: true,
}

// Files ecsim compare writes.
const (
	CompareJSONFile = "compare.json"
	CompareCSVFile  = "compare.csv"
	CompareHTMLFile = "compare.html"
)

// CheckOutputDir reports, without writing anything, whether dir can become
// an output directory: it is not the working directory or one of its
// parents; if it exists it is a directory holding nothing but ecsim's own
// outputs (an earlier run's, which the new one replaces); and a directory
// can be created next to it.
func CheckOutputDir(dir string) error {
	dir = filepath.Clean(dir)
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("output directory %s: %w", dir, err)
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(abs, wd); err == nil && (rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)))) {
			return fmt.Errorf("output directory %s: the working directory or one of its parents; give a new folder, e.g. -o ecsim-out/NAME", dir)
		}
	}
	if err := checkExisting(dir); err != nil {
		return err
	}
	// Probe the nearest existing ancestor: can a folder be made there?
	parent := filepath.Dir(abs)
	for {
		st, err := os.Stat(parent)
		if err == nil {
			if !st.IsDir() {
				return fmt.Errorf("output directory %s: %s is not a directory", dir, parent)
			}
			break
		}
		parent = filepath.Dir(parent)
	}
	probe, err := os.MkdirTemp(parent, ".ecsim-probe-")
	if err != nil {
		return fmt.Errorf("output directory %s: %w", dir, err)
	}
	return os.Remove(probe)
}

// checkExisting accepts a dir that does not exist, or an ecsim output
// directory (marked, holding only ecsim's files). A symbolic link is
// refused, dangling or not: the run would replace the link with a folder.
func checkExisting(dir string) error {
	st, err := os.Lstat(dir)
	if err != nil {
		return nil
	}
	if st.Mode()&os.ModeSymlink != 0 {
		target, _ := os.Readlink(dir)
		return fmt.Errorf("output directory %s: a symbolic link (to %s); ecsim writes a folder of its own at -o and would replace the link, so give the target or another path", dir, target)
	}
	if !st.IsDir() {
		return fmt.Errorf("output directory %s: exists and is not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("output directory %s: %w", dir, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Lstat(filepath.Join(dir, MarkerFile)); err != nil {
		return fmt.Errorf("output directory %s: not empty and not an ecsim output folder (no %s marker); ecsim replaces only folders it wrote, so give another -o or remove it", dir, MarkerFile)
	}
	for _, e := range entries {
		if !outputNames[e.Name()] {
			return fmt.Errorf("output directory %s: holds %s, which ecsim did not write; it replaces only a folder of its own outputs (give another -o)", dir, e.Name())
		}
	}
	return checkFigures(filepath.Join(dir, FiguresDir))
}

// checkFigures accepts a figures folder holding only figure files.
func checkFigures(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if !e.Type().IsRegular() || ext != ".svg" && ext != ".png" && ext != ".pdf" {
			return fmt.Errorf("output directory %s: holds %s, which ecsim did not write (give another -o)", filepath.Dir(dir), filepath.Join(FiguresDir, e.Name()))
		}
	}
	return nil
}

// NewOutput starts an output directory that will become dir, after
// CheckOutputDir.
func NewOutput(dir string) (*Output, error) {
	if err := CheckOutputDir(dir); err != nil {
		return nil, err
	}
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	created := ""
	for p := parent; ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil || p == filepath.Dir(p) {
			break
		}
		created = p
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output directory %s: %w", dir, err)
	}
	removeStale(parent)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		removeEmpty(parent, created)
		return nil, fmt.Errorf("output directory %s: %w", dir, err)
	}
	o := &Output{final: dir, tmp: tmp, created: created}
	for name, body := range map[string]string{pidFile: ownerLine(),
		MarkerFile: "written by ecsim: the next run with this -o replaces this folder\n"} {
		if err := os.WriteFile(filepath.Join(tmp, name), []byte(body), 0o644); err != nil {
			o.Abort()
			return nil, fmt.Errorf("output directory %s: %w", dir, err)
		}
	}
	return o, nil
}

// Path returns the path of name inside the directory under construction.
func (o *Output) Path(name string) string { return filepath.Join(o.tmp, name) }

// Dir returns the final directory.
func (o *Output) Dir() string { return o.final }

// Create creates name (which may be in a subfolder, "figures/cost.svg") in
// the directory under construction.
func (o *Output) Create(name string) (*os.File, error) {
	p := o.Path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	return os.Create(p)
}

// Commit replaces the final directory with the one built.
func (o *Output) Commit() error {
	if err := os.Remove(filepath.Join(o.tmp, pidFile)); err != nil {
		o.Abort()
		return err
	}
	if err := os.Chmod(o.tmp, 0o755); err != nil {
		return err
	}
	var old string
	if _, err := os.Stat(o.final); err == nil {
		old = o.tmp + ".old"
		if err := os.Rename(o.final, old); err != nil {
			o.Abort()
			return fmt.Errorf("replace %s: %w", o.final, err)
		}
	}
	if err := os.Rename(o.tmp, o.final); err != nil {
		if old != "" {
			_ = os.Rename(old, o.final)
		}
		o.Abort()
		return fmt.Errorf("write %s: %w", o.final, err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Abort removes the directory under construction, and the parent folders
// NewOutput created for it if they are empty.
func (o *Output) Abort() {
	_ = os.RemoveAll(o.tmp)
	removeEmpty(filepath.Dir(o.tmp), o.created)
}

// removeEmpty removes dir and its parents up to created (inclusive) while
// they are empty; nothing when created is "".
func removeEmpty(dir, created string) {
	if created == "" {
		return
	}
	for p := dir; ; p = filepath.Dir(p) {
		if os.Remove(p) != nil || p == created || p == filepath.Dir(p) {
			return
		}
	}
}
