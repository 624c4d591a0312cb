package cql

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxLength is the longest expression Parse accepts, in characters. The ECS
// API reference for PlacementConstraint says "The expression can have a
// maximum length of 2000 characters".
const MaxLength = 2000

// MaxDepth bounds the nesting of parentheses and not/! so that no input can
// exhaust the stack.
const MaxDepth = 32

// listSetMin is the argument-list size from which a map replaces the linear
// scan in Eval.
const listSetMin = 8

type nodeKind uint8

const (
	nodeCond nodeKind = iota + 1
	nodeNot
	nodeAnd
	nodeOr
)

// node is a compiled expression tree node. And/or nodes are n-ary and
// flattened, so a long chain does not nest.
type node struct {
	kind nodeKind
	kids []node // nodeNot: one; nodeAnd, nodeOr: two or more
	cond *cond  // nodeCond
}

// cond is a simple expression: subject operator [argument].
type cond struct {
	subj subjKind
	attr string // attribute name for subjAttribute
	op   opKind
	val  literal             // single argument
	list []literal           // in / not_in
	set  map[string]struct{} // list texts when len(list) >= listSetMin
	re   *matcher            // =~ / !~
}

// parser is a recursive-descent parser over a scanner.
type parser struct {
	scanner
	depth  int
	static bool
	groups map[string]struct{}
}

// fail returns a SyntaxError at rune index pos.
func fail(pos int, msg string) error { return &SyntaxError{Column: pos + 1, Msg: msg} }

// checkInput rejects invalid UTF-8 and over-long input before parsing.
func checkInput(src string) error {
	for i, col := 0, 0; i < len(src); col++ {
		r, size := utf8.DecodeRuneInString(src[i:])
		if r == utf8.RuneError && size == 1 {
			return fail(col, "invalid UTF-8 in expression")
		}
		i += size
	}
	if n := utf8.RuneCountInString(src); n > MaxLength {
		return fail(MaxLength, "expression is "+strconv.Itoa(n)+
			" characters long; the maximum is "+strconv.Itoa(MaxLength))
	}
	return nil
}

// parse parses a whole expression.
func (p *parser) parse() (node, error) {
	p.skipSpace()
	if p.eof() {
		return node{}, fail(0, "empty expression")
	}
	n, err := p.parseOr()
	if err != nil {
		return node{}, err
	}
	p.skipSpace()
	if !p.eof() {
		if p.peek(0) == ')' {
			return node{}, fail(p.pos, `unexpected ")" without matching "("`)
		}
		return node{}, fail(p.pos, "unexpected "+p.found()+
			" after expression (expected and, &&, or, || or end of expression)")
	}
	return n, nil
}

// acceptBool consumes the boolean operator sym or its keyword kw.
func (p *parser) acceptBool(sym, kw string) bool {
	p.skipSpace()
	switch {
	case p.hasPrefix(sym):
		p.pos += len(sym)
	case p.atKeyword(kw):
		p.pos += len(kw)
	default:
		return false
	}
	return true
}

// parseOr parses and-expressions joined by || / or (lowest precedence).
func (p *parser) parseOr() (node, error) { return p.parseChain(nodeOr) }

// parseChain parses operands of kind joined by its boolean operator: the
// operands of an or-chain are and-chains, those of an and-chain are unary.
func (p *parser) parseChain(kind nodeKind) (node, error) {
	operand, sym, kw := p.parseAnd, "||", "or"
	if kind == nodeAnd {
		operand, sym, kw = p.parseUnary, "&&", "and"
	}
	first, err := operand()
	if err != nil || !p.acceptBool(sym, kw) {
		return first, err
	}
	kids := appendFlat(nil, first, kind)
	for {
		next, err := operand()
		if err != nil {
			return node{}, err
		}
		kids = appendFlat(kids, next, kind)
		if !p.acceptBool(sym, kw) {
			return node{kind: kind, kids: kids}, nil
		}
	}
}

// appendFlat appends n to kids, splicing in n's children when n is itself
// a kind node (from parentheses), which does not change the meaning.
func appendFlat(kids []node, n node, kind nodeKind) []node {
	if n.kind == kind {
		return append(kids, n.kids...)
	}
	return append(kids, n)
}

// parseAnd parses unary expressions joined by && / and.
func (p *parser) parseAnd() (node, error) { return p.parseChain(nodeAnd) }

// parseUnary parses ( expr ), not / ! unary, or a simple expression.
func (p *parser) parseUnary() (node, error) {
	p.skipSpace()
	start := p.pos
	isParen := p.peek(0) == '('
	isNot := p.peek(0) == '!' || p.atKeyword("not")
	if !isParen && !isNot {
		return p.parseCond()
	}
	if p.depth >= MaxDepth {
		return node{}, fail(start, "expression nested too deeply (more than "+
			strconv.Itoa(MaxDepth)+" levels of parentheses and not)")
	}
	p.depth++
	defer func() { p.depth-- }()
	if isNot {
		if p.peek(0) == '!' {
			p.pos++
		} else {
			p.pos += len("not")
		}
		n, err := p.parseUnary()
		return node{kind: nodeNot, kids: []node{n}}, err
	}
	return p.parseParen(start)
}

// parseParen parses ( expr ) with the '(' at start.
func (p *parser) parseParen(start int) (node, error) {
	p.pos++
	n, err := p.parseOr()
	if err != nil {
		return node{}, err
	}
	p.skipSpace()
	switch {
	case p.eof():
		return node{}, fail(start, `unclosed parenthesis (missing ")")`)
	case p.peek(0) != ')':
		return node{}, fail(p.pos, "unexpected "+p.found()+
			` (expected and, &&, or, || or ")")`)
	}
	p.pos++
	return n, nil
}

// parseSubject parses a subject and returns its kind and attribute name.
func (p *parser) parseSubject() (subjKind, string, error) {
	start := p.pos
	word := p.scanWord()
	if word == "" {
		return 0, "", fail(start, "expected a subject, found "+p.found()+
			" (accepted: "+acceptedSubjects+")")
	}
	if name, ok := strings.CutPrefix(word, attributePrefix); ok {
		if !validAttrName(name) {
			return 0, "", fail(start+len(attributePrefix), "invalid attribute name "+
				strconv.Quote(name)+" (1 to 128 letters, digits, -, _, /, \\ or .)")
		}
		return subjAttribute, name, nil
	}
	if k, ok := subjByName[word]; ok {
		return k, "", nil
	}
	return 0, "", fail(start, "unknown subject "+strconv.Quote(word)+
		" (accepted: "+acceptedSubjects+")")
}

// parseOperator parses the operator of a simple expression with subject k.
func (p *parser) parseOperator(k subjKind, subject string) (opKind, error) {
	p.skipSpace()
	start := p.pos
	tok := p.scanOperator()
	if tok == "" {
		return 0, fail(start, "missing operator after "+subject+", found "+
			p.found()+" (accepted: "+acceptedOps+")")
	}
	op, ok := opByName[tok]
	if !ok {
		return 0, fail(start, "unknown operator "+strconv.Quote(tok)+
			" (accepted: "+acceptedOps+")")
	}
	if !k.accepts(op) {
		return 0, fail(start, "operator "+strconv.Quote(tok)+" is not valid for "+
			subjects[k].name+" (accepted: "+k.acceptedList()+")")
	}
	return op, nil
}
