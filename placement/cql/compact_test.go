package cql

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCompactForm checks that an expression at the 2000-character ECS limit
// whose spaced canonical form would be longer still round-trips, through
// the compact form.
func TestCompactForm(t *testing.T) {
	unit := "attribute:x==a&&!task:group==b||"
	src := strings.Repeat(unit, MaxLength/len(unit)) + "agentConnected==true"
	src = src[:strings.LastIndex(src, "||")]
	e, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	s := e.String()
	if !strings.HasPrefix(s, "attribute:x==a&&!task:group==b||attribute:x==a") {
		t.Errorf("String() = %.60q..., want the compact layout", s)
	}
	if again, err := Parse(s); err != nil || again.String() != s {
		t.Errorf("compact form does not round-trip: %v", err)
	}
}

// genExpr writes a random expression in a minimal-spacing style (the worst
// case for the canonical form's length) with random aliases and quoting.
func genExpr(r *rand.Rand, b *strings.Builder, depth int) {
	switch k := r.IntN(6); {
	case depth > 3 || k < 3:
		genCond(r, b)
	case k == 3:
		b.WriteString(pick(r, "!", "not ", "!(", "not("))
		open := strings.HasSuffix(b.String(), "(")
		genExpr(r, b, depth+1)
		if open {
			b.WriteByte(')')
		}
	default:
		b.WriteByte('(')
		genExpr(r, b, depth+1)
		b.WriteString(pick(r, "&&", "||", " and ", " or "))
		genExpr(r, b, depth+1)
		b.WriteByte(')')
	}
}

func genCond(r *rand.Rand, b *strings.Builder) {
	values := []string{"a", "'a b'", `"it's"`, "=x", "'!y'", "m5.*", "''", "'&&'", "x|y"}
	switch r.IntN(5) {
	case 0:
		b.WriteString(pick(r, "attribute:s exists", "attribute:s!exists", "attribute:s not_exists"))
	case 1:
		b.WriteString(pick(r, "task:group in[", "ec2InstanceId!in[", "attribute:s not_in ["))
		for i, n := 0, 1+r.IntN(3); i < n; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(pick(r, values...))
		}
		b.WriteByte(']')
	case 2:
		b.WriteString(pick(r, "runningTasksCount<=3", "agentVersion>1.2", "registeredAt<2018-02-13"))
	default:
		b.WriteString(pick(r, "attribute:s", "ec2InstanceId", "task:group"))
		op := pick(r, "==", "!=", " equals ", " not_equals ")
		b.WriteString(op)
		v := pick(r, values...)
		if strings.ContainsAny(v[:1], "=!") && !strings.HasSuffix(op, " ") {
			b.WriteByte(' ')
		}
		b.WriteString(v)
	}
}

func pick(r *rand.Rand, s ...string) string { return s[r.IntN(len(s))] }

// TestCanonicalNeverTooLong generates expressions up to the limit and checks
// that String always re-parses and, when compact, is no longer than the
// source.
func TestCanonicalNeverTooLong(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tested, compact := 0, 0
	defer func() { t.Logf("%d expressions, %d printed compact", tested, compact) }()
	for i := 0; i < 300; i++ {
		var b strings.Builder
		genExpr(r, &b, 0)
		for utf8.RuneCountInString(b.String()) < MaxLength-120 {
			b.WriteString(pick(r, "&&", "||", " and ", " or "))
			genExpr(r, &b, 0)
		}
		src := b.String()
		if utf8.RuneCountInString(src) > MaxLength {
			continue // overshoot: too long for Parse
		}
		e, err := Parse(src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", src, err)
		}
		checkCompact(t, src, e)
		s := e.String()
		tested++
		var spaced printer
		e.root.format(&spaced)
		if spaced.b.String() != s {
			compact++
		}
		if n := utf8.RuneCountInString(s); n > MaxLength {
			t.Fatalf("String() is %d characters: %s", n, s)
		}
		if again, err := Parse(s); err != nil || again.String() != s {
			t.Fatalf("round trip of %q: %v", s, err)
		}
	}
}

// checkCompact checks that the compact layout of e is no longer than src
// and re-parses to the same expression.
func checkCompact(t *testing.T, src string, e *Expr) {
	t.Helper()
	p := printer{compact: true}
	e.root.format(&p)
	c := p.b.String()
	if utf8.RuneCountInString(c) > utf8.RuneCountInString(src) {
		t.Fatalf("compact form is longer than the source:\n%q\n%q", src, c)
	}
	again, err := Parse(c)
	if err != nil || again.String() != e.String() {
		t.Fatalf("compact form %q of %q does not re-parse to %q: %v", c, src, e, err)
	}
}
