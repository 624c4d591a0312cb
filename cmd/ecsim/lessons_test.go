package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/scenarios"
)

// TestLessonClaims: every lesson's claims hold (docs/model.md §12): the
// symptom shows in the first run, the fix removes it in the second.
func TestLessonClaims(t *testing.T) {
	ls, err := scenarios.Lessons()
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) < 6 {
		t.Fatalf("%d lessons", len(ls))
	}
	seen := map[string]bool{}
	for _, l := range ls {
		t.Run(l.Name, func(t *testing.T) {
			if seen[l.Name] || l.Confusion < 1 || l.Confusion > 25 || l.Title == "" || l.Text == "" || !strings.HasPrefix(l.Source, "https://") || len(l.Claims) == 0 || len(l.Fix) == 0 {
				t.Fatalf("lesson incomplete or named twice: %+v", l)
			}
			seen[l.Name] = true
			res, err := runLesson(context.Background(), l)
			if err != nil {
				t.Fatal(err)
			}
			claims, err := checkClaims(l, res)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range claims {
				if !strings.HasSuffix(c, ": holds") {
					t.Errorf("claim: %s", c)
				}
			}
			if l.SymptomError != "" {
				if res.symptom != nil || res.refused == nil {
					t.Errorf("the symptom should be refused with %q", l.SymptomError)
				}
				if len(decisive(res.fixed.explain, l, 1)) == 0 {
					t.Errorf("the fix's run has no explain line of the kinds %v", l.Explain)
				}
				return
			}
			if len(decisive(res.symptom.explain, l, 1)) == 0 {
				t.Errorf("the symptom's run has no explain line of the kinds %v", l.Explain)
			}
		})
	}
}

// TestClaimHolds: the claim conditions, hand-checked.
func TestClaimHolds(t *testing.T) {
	for _, tc := range []struct {
		c    scenarios.Claim
		a, b float64
		want bool
	}{
		{scenarios.Claim{Symptom: "> 0", Fixed: "== 0"}, 3, 0, true},
		{scenarios.Claim{Symptom: "> 0", Fixed: "== 0"}, 0, 0, false},
		{scenarios.Claim{Symptom: ">= 2", Fixed: "<= 1"}, 2, 1, true},
		{scenarios.Claim{FixedVsSymptom: "less"}, 5, 4, true},
		{scenarios.Claim{FixedVsSymptom: "less"}, 5, 5, false},
		{scenarios.Claim{FixedVsSymptom: "more", Fixed: "!= 3"}, 1, 2, true},
	} {
		if got, _, err := claimHolds(tc.c, tc.a, tc.b); err != nil || got != tc.want {
			t.Errorf("%+v on %g, %g: %v %v, want %v", tc.c, tc.a, tc.b, got, err, tc.want)
		}
	}
	if _, _, err := claimHolds(scenarios.Claim{Symptom: "≈ 1"}, 1, 1); err == nil {
		t.Error("an unknown operator is accepted")
	}
}

// TestLessonGoldens: each lesson's text and numbers, as "ecsim lessons
// show NAME" prints them, are the committed ones in testdata/lessons (go
// test -update rewrites them): a change to the model that moves a
// lesson's numbers shows in review.
func TestLessonGoldens(t *testing.T) {
	ls, err := scenarios.Lessons()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		t.Run(l.Name, func(t *testing.T) {
			res, err := runLesson(context.Background(), l)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := writeLesson(&b, l, res); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "lessons", l.Name+".txt")
			if *update {
				must(t, os.MkdirAll(filepath.Dir(path), 0o755))
				must(t, os.WriteFile(path, b.Bytes(), 0o644))
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test -run TestLessonGoldens -update writes it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("ecsim lessons show %s differs from %s:\n%s", l.Name, path, b.String())
			}
		})
	}
}
