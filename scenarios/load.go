package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ecsim/ecsim/sim/world"
	"gopkg.in/yaml.v3"
)

// MaxFileBytes bounds the size of a scenario file.
const MaxFileBytes = 16 << 20

// Scenario is a loaded and validated scenario, ready to run.
type Scenario struct {
	// File is the path used in messages; Dir resolves relative paths in it.
	File string
	Dir  string
	// Spec is the file's content with defaults applied.
	Spec File
	// Config is what sim/world runs.
	Config world.Config
	// Ignored lists, for validate --verbose, the ECS fields the file gives
	// that the model does not use ("taskDefinitions[0].executionRoleArn").
	Ignored []string
	// Variants are the file's variants: (name, overrides), sorted by name.
	Variants []Variant
	// Sets are the overrides applied to the file.
	Sets []Set
	// Warnings are notes for the user that do not stop a run: bad trace
	// rows skipped, a schedule that never fires during the run.
	Warnings []string

	raw    []byte
	loader Loader
}

// Variant is a named set of overrides of a scenario (variants: in the file),
// for `ecsim compare`.
type Variant struct {
	Name string
	Sets []Set
}

// WithSets returns the scenario with the overrides applied (to the file as
// written, after any overrides already applied).
func (s *Scenario) WithSets(sets ...Set) (*Scenario, error) {
	return s.loader.parse(s.File, s.Dir, s.raw, append(append([]Set(nil), s.Sets...), sets...), false)
}

// Source returns the scenario's text and the overrides applied to it: what
// a sweep's identity hashes (files it names, traces and task definitions,
// are not included).
func (s *Scenario) Source() []byte {
	var b bytes.Buffer
	b.Write(s.raw)
	for _, set := range s.Sets {
		fmt.Fprintf(&b, "\x00%s=%s", set.Path, set.Value)
	}
	return b.Bytes()
}

// YAML returns the scenario's text with its overrides applied: what a user
// downloads from ecsim serve after moving its controls (comments kept
// where the YAML library keeps them).
func (s *Scenario) YAML() ([]byte, error) {
	root, err := parseYAML(s.File, s.raw)
	if err != nil {
		return nil, err
	}
	if errs := applySets(s.File, root, s.Sets); len(errs) > 0 {
		return nil, errs
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

// Variant returns the scenario with the named variant applied.
func (s *Scenario) Variant(name string) (*Scenario, error) {
	var names []string
	for _, v := range s.Variants {
		if v.Name == name {
			return s.WithSets(v.Sets...)
		}
		names = append(names, v.Name)
	}
	return nil, Errors{{File: s.File, Field: "variants", Msg: fmt.Sprintf("no variant %q%s", name, accepted(names...))}}
}

// dirOf is the folder relative paths in the file at path resolve from.
func dirOf(path string) string { return filepath.Dir(path) }

// readFile reads a scenario (or task definition) file: a regular file of
// at most MaxFileBytes.
func readFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, Errors{{File: path, Msg: pathError(err)}}
	}
	if st.IsDir() {
		return nil, Errors{{File: path, Msg: "is a directory, not a scenario file"}}
	}
	if !st.Mode().IsRegular() {
		return nil, Errors{{File: path, Msg: "is not a regular file"}}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, Errors{{File: path, Msg: pathError(err)}}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, Errors{{File: path, Msg: pathError(err)}}
	}
	if len(data) > MaxFileBytes {
		return nil, Errors{{File: path, Msg: fmt.Sprintf("file is larger than %d bytes, the most a scenario may be", MaxFileBytes)}}
	}
	return data, nil
}

// pathError words a file system error for a message.
func pathError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// parse loads data with the overrides sets applied; with checkVariants it
// also validates every variant of the file.
func (l Loader) parse(file, dir string, data []byte, sets []Set, checkVariants bool) (*Scenario, error) {
	root, err := parseYAML(file, data)
	if err != nil {
		return nil, err
	}
	if setErrs := applySets(file, root, sets); len(setErrs) > 0 {
		return nil, setErrs
	}
	d := newDecoder(file)
	d.noFiles = l.NoFiles
	var f File
	d.decode(root, reflectValue(&f), "")
	d.taskDefinitionFiles(&f, dir)
	if len(d.errs) > 0 {
		d.errs.sort()
		return nil, d.errs
	}
	if f.Name == "" {
		f.Name = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	}
	applyDefaults(&f)
	regs := l.Registries.withDefaults()
	v := &validator{file: file, pos: d.pos, dir: dir, reg: regs.Strategies, faultKinds: regs.FaultKinds, wl: regs.Workloads, noFiles: l.NoFiles}
	cfg := v.validate(&f)
	if len(v.errs) > 0 {
		v.errs.sort()
		return nil, v.errs
	}
	s := &Scenario{File: file, Dir: dir, Spec: f, Config: cfg, Sets: sets, raw: data, Variants: f.Variants.list(), Warnings: v.warnings, loader: l}
	s.Ignored = d.ignoredFields()
	if checkVariants {
		if errs := s.checkVariants(d.pos); len(errs) > 0 {
			return nil, errs
		}
	}
	return s, nil
}

// applySets applies the overrides sets to the document root, returning a
// problem for each that does not apply.
func applySets(file string, root *yaml.Node, sets []Set) Errors {
	var errs Errors
	for _, s := range sets {
		if err := applySet(root, s); err != nil {
			errs = append(errs, &FieldError{File: file, Msg: err.Error()})
		}
	}
	return errs
}

// ignoredFields lists, sorted, the paths of the ECS fields the document
// gives that the model does not use.
func (d *decoder) ignoredFields() []string {
	var out []string
	for path, keys := range d.ignored {
		for _, k := range keys {
			out = append(out, join(path, k))
		}
	}
	sortStrings(out)
	return out
}

// checkVariants validates every variant of s, naming the variant in each
// problem and positioning a problem without a position at the variant
// (pos holds the positions of the file's fields).
func (s *Scenario) checkVariants(pos map[string]Pos) Errors {
	var errs Errors
	for _, v := range s.Variants {
		if _, err := s.WithSets(v.Sets...); err != nil {
			for _, e := range err.(Errors) {
				e.Msg = "in variant " + strconv.Quote(v.Name) + ": " + e.Msg
				if e.Pos.Line == 0 {
					e.Pos = pos["variants."+v.Name]
				}
				errs = append(errs, e)
			}
		}
	}
	return errs
}

// parseYAML parses data into a node tree, turning every failure into a
// positioned error.
func parseYAML(file string, data []byte) (*yaml.Node, error) {
	fail := func(p Pos, format string, args ...any) error {
		return Errors{{File: file, Pos: p, Msg: fmt.Sprintf(format, args...)}}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail(Pos{}, "empty scenario (expected a YAML mapping with keys such as name, duration, cluster, taskDefinitions, workloads)")
	}
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, fail(Pos{}, "not a text file (a scenario is UTF-8 YAML)")
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fail(Pos{}, "empty scenario (the file holds only comments)")
		}
		return nil, yamlError(file, err)
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		return nil, fail(posOf(&extra), "more than one YAML document; a scenario is one document")
	case !errors.Is(err, io.EOF):
		return nil, yamlError(file, err)
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return nil, fail(posOf(doc), "expected a YAML mapping at the top level, got %s", describe(doc))
	}
	return &root, nil
}

// yamlError turns yaml.v3's "yaml: line N: msg" into a positioned error.
func yamlError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var p Pos
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, tail, ok := strings.Cut(rest, ": "); ok {
			if n, convErr := fmt.Sscanf(num, "%d", &p.Line); convErr == nil && n == 1 {
				msg = tail
				// yaml.v3 numbers the lines of parser errors ("did not
				// find expected …") from 0, those of scanner errors from 1.
				if strings.HasPrefix(msg, "did not find expected") {
					p.Line++
				}
			}
		}
	}
	return Errors{{File: file, Pos: p, Msg: "invalid YAML: " + msg}}
}

// taskDefinitionFiles replaces every taskDefinitions entry that names a
// taskDefinitionFile with the file's content. The entry may also give a
// family, which renames the one in the file. The file is JSON or YAML in the
// register-task-definition shape, or describe-task-definition output
// ({"taskDefinition": {...}}); its errors name the file.
func (d *decoder) taskDefinitionFiles(f *File, dir string) {
	for i := range f.TaskDefinitions {
		td := &f.TaskDefinitions[i]
		if td.TaskDefinitionFile == "" {
			continue
		}
		p := index("taskDefinitions", i)
		if d.noFiles {
			d.errorAt(d.pos[join(p, "taskDefinitionFile")], join(p, "taskDefinitionFile"), "files are not read here (ecsim serve): give the task definition inline")
			continue
		}
		rest := *td
		rest.TaskDefinitionFile, rest.Family = "", ""
		if !reflect.DeepEqual(rest, TaskDefinition{}) {
			d.errorAt(d.pos[p], p, "with taskDefinitionFile, only family may be given next to it (it renames the file's family)")
			continue
		}
		path := td.TaskDefinitionFile
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, path)
		}
		data, err := readFile(path)
		if err == nil {
			var root *yaml.Node
			if root, err = parseYAML(path, data); err == nil {
				d.decodeTaskDefinitionFile(root, path, p, td)
				continue
			}
		}
		for _, e := range err.(Errors) {
			e.Field = join(p, "taskDefinitionFile")
			if e.Pos.Line == 0 {
				e.Pos, e.File = d.pos[join(p, "taskDefinitionFile")], d.file
				e.Msg = path + ": " + e.Msg
			}
			d.errs = append(d.errs, e)
		}
	}
}

// decodeTaskDefinitionFile decodes the task definition of a
// taskDefinitionFile (root, read from path) into td at p.
func (d *decoder) decodeTaskDefinitionFile(root *yaml.Node, path, p string, td *TaskDefinition) {
	node := root.Content[0]
	for j := 0; j+1 < len(node.Content); j += 2 {
		if node.Content[j].Value == "taskDefinition" {
			node = node.Content[j+1]
			break
		}
	}
	sub := &decoder{file: path, pos: d.pos, ignored: d.ignored, fields: d.fields, budget: d.budget}
	var loaded TaskDefinition
	sub.decode(node, reflectValue(&loaded), p)
	d.errs = append(d.errs, sub.errs...)
	if loaded.TaskDefinitionFile != "" {
		sub.errorAt(sub.pos[join(p, "taskDefinitionFile")], join(p, "taskDefinitionFile"), "a task definition file cannot name another file")
		d.errs = append(d.errs, sub.errs[len(sub.errs)-1])
	}
	if td.Family != "" {
		loaded.Family = td.Family
	}
	*td = loaded
}
