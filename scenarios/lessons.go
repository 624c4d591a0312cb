package scenarios

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// lessonsYAML is the lessons' catalogue (lessons/lessons.yaml).
//
//go:embed lessons/lessons.yaml
var lessonsYAML []byte

// Lesson is one of the confusions users report about ECS capacity
// providers and cluster auto scaling (docs/model.md §12), told with a
// built-in scenario: the overrides that show the symptom (Symptom, often
// none), the one change that fixes it (Fix), a short text in ECS's terms
// with the AWS page it comes from, the explain kinds that show the cause,
// and the claims a test holds it to.
type Lesson struct {
	Name      string   `yaml:"name"`
	Confusion int      `yaml:"confusion"`
	Title     string   `yaml:"title"`
	Scenario  string   `yaml:"scenario"`
	Source    string   `yaml:"source"`
	Text      string   `yaml:"text"`
	FixText   string   `yaml:"fixText"`
	Explain   []string `yaml:"explain"`
	// ExplainHas, when set, keeps only the explain lines holding it.
	ExplainHas string `yaml:"explainHas"`
	// SymptomError, when set, makes the symptom a scenario ECS refuses
	// (confusions #22 and #23 are API errors): loading it must fail with
	// an error holding this text, and only the fix runs.
	SymptomError string  `yaml:"symptomError"`
	Claims       []Claim `yaml:"claims"`
	// Symptom and Fix are the overrides, as --set takes them.
	Symptom []Set `yaml:"-"`
	Fix     []Set `yaml:"-"`
}

// Claim is what a lesson says of a metric (a summary.json path): it meets
// Symptom ("> 0", "== 0", "< 300") in the symptom's run and Fixed in the
// fix's, and FixedVsSymptom (less, more) compares the two runs.
type Claim struct {
	Metric         string `yaml:"metric"`
	Symptom        string `yaml:"symptom"`
	Fixed          string `yaml:"fixed"`
	FixedVsSymptom string `yaml:"fixedVsSymptom"`
}

// lessonFile is a catalogue entry as written: the overrides as mappings.
type lessonFile struct {
	Lesson  `yaml:",inline"`
	Symptom yaml.Node `yaml:"symptom"`
	Fix     yaml.Node `yaml:"fix"`
}

// Lessons returns the lessons in the catalogue's order.
func Lessons() ([]Lesson, error) {
	dec := yaml.NewDecoder(bytes.NewReader(lessonsYAML))
	dec.KnownFields(true)
	var files []lessonFile
	if err := dec.Decode(&files); err != nil {
		return nil, fmt.Errorf("lessons.yaml: %v", err)
	}
	out := make([]Lesson, len(files))
	for i, f := range files {
		l := f.Lesson
		var err error
		if l.Symptom, err = overrides(&f.Symptom, "lesson "+l.Name+" symptom"); err == nil {
			l.Fix, err = overrides(&f.Fix, "lesson "+l.Name+" fix")
		}
		if err != nil {
			return nil, err
		}
		out[i] = l
	}
	return out, nil
}

// overrides reads a mapping of PATH: VALUE as sets, in order.
func overrides(n *yaml.Node, origin string) ([]Set, error) {
	if n.Kind == 0 {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: expected a mapping of PATH: VALUE", origin)
	}
	var sets []Set
	for i := 0; i+1 < len(n.Content); i += 2 {
		v, err := yaml.Marshal(n.Content[i+1])
		if err != nil {
			return nil, err
		}
		sets = append(sets, Set{Path: n.Content[i].Value, Value: strings.TrimSpace(string(v)), Origin: origin})
	}
	return sets, nil
}

// LessonByName returns the named lesson, or an error listing the lessons.
func LessonByName(name string) (Lesson, error) {
	ls, err := Lessons()
	if err != nil {
		return Lesson{}, err
	}
	var names []string
	for _, l := range ls {
		if l.Name == name {
			return l, nil
		}
		names = append(names, l.Name)
	}
	return Lesson{}, fmt.Errorf("no lesson %q%s", name, accepted(names...))
}

// LessonScenarios are a lesson's two scenarios: the symptom (nil when the
// symptom is a refused scenario, then SymptomError says why) and the fix.
type LessonScenarios struct {
	Symptom      *Scenario
	SymptomError error
	Fixed        *Scenario
}

// Load returns the lesson's two scenarios: the built-in with the
// symptom's overrides, and with the symptom's then the fix's. A lesson
// whose symptom is an error fails unless the symptom fails with it.
func (l Lesson) Load(loader Loader) (LessonScenarios, error) {
	var out LessonScenarios
	base, err := loader.LoadBuiltin(l.Scenario)
	if err != nil {
		return out, err
	}
	out.Symptom, out.SymptomError = base.WithSets(l.Symptom...)
	switch {
	case l.SymptomError == "" && out.SymptomError != nil:
		return out, out.SymptomError
	case l.SymptomError != "" && out.SymptomError == nil:
		return out, fmt.Errorf("lesson %s: the symptom loads, but should fail with %q", l.Name, l.SymptomError)
	case l.SymptomError != "" && !strings.Contains(out.SymptomError.Error(), l.SymptomError):
		return out, fmt.Errorf("lesson %s: the symptom fails with %q, which does not say %q", l.Name, out.SymptomError, l.SymptomError)
	}
	out.Fixed, err = base.WithSets(append(slices.Clone(l.Symptom), l.Fix...)...)
	return out, err
}

// Holds reports whether x meets cond: "OP NUMBER" with OP one of >, >=, <,
// <=, ==, !=.
func Holds(cond string, x float64) (bool, error) {
	op, num, ok := strings.Cut(strings.TrimSpace(cond), " ")
	y, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if !ok || err != nil {
		return false, fmt.Errorf("condition %q: expected OP NUMBER, e.g. \"> 0\"", cond)
	}
	switch op {
	case ">":
		return x > y, nil
	case ">=":
		return x >= y, nil
	case "<":
		return x < y, nil
	case "<=":
		return x <= y, nil
	case "==":
		return x == y, nil
	case "!=":
		return x != y, nil
	}
	return false, fmt.Errorf("condition %q: unknown operator %q (accepted: >, >=, <, <=, ==, !=)", cond, op)
}
