package reports

import (
	"fmt"
	"os"
	"path/filepath"
)

// Output is an output directory under construction: files are written into
// a hidden temporary sibling of the final directory, and Commit renames it
// into place, so a reader never sees a half-written directory and a failed
// run leaves nothing behind.
type Output struct {
	final string
	tmp   string
}

// NewOutput starts an output directory that will become dir.
func NewOutput(dir string) (*Output, error) {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output directory %s: %w", dir, err)
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return nil, fmt.Errorf("output directory %s: exists and is not a directory", dir)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("output directory %s: %w", dir, err)
	}
	return &Output{final: dir, tmp: tmp}, nil
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

// Abort removes the directory under construction.
func (o *Output) Abort() { _ = os.RemoveAll(o.tmp) }
