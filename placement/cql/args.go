package cql

// parseCond parses a simple expression: subject operator [argument].
func (p *parser) parseCond() (node, error) {
	k, name, err := p.parseSubject()
	if err != nil {
		return node{}, err
	}
	subject := subjects[k].name
	if k == subjAttribute {
		subject = attributePrefix + name
	}
	op, err := p.parseOperator(k, subject)
	if err != nil {
		return node{}, err
	}
	c := &cond{subj: k, attr: name, op: op}
	switch {
	case op.takesNoArg():
	case op.takesList():
		err = p.parseList(c)
	default:
		err = p.parseSingle(c)
	}
	if err != nil {
		return node{}, err
	}
	p.note(c)
	return node{kind: nodeCond, cond: c}, nil
}

// note records what Static and TaskGroups report about c.
func (p *parser) note(c *cond) {
	if !subjects[c.subj].static {
		p.static = false
	}
	if c.subj != subjTaskGroup {
		return
	}
	if !c.op.takesList() {
		p.groups[c.val.text] = struct{}{}
		return
	}
	for _, l := range c.list {
		p.groups[l.text] = struct{}{}
	}
}

// parseSingle parses the single argument of c's operator.
func (p *parser) parseSingle(c *cond) error {
	p.skipSpace()
	if p.peek(0) == '[' {
		return fail(p.pos, "operator "+c.op.String()+
			" expects a single value, not an argument list")
	}
	lit, err := p.parseValue("operator " + c.op.String())
	if err != nil {
		return err
	}
	c.val = lit
	return p.compile(c, &c.val)
}

// compile pre-parses lit for c (version, date, number or regex).
func (p *parser) compile(c *cond, lit *literal) error {
	if c.op.isRegex() {
		re, msg := compileRegex(lit.text)
		if msg != "" {
			return fail(lit.col-1, msg)
		}
		c.re = re
		return nil
	}
	if msg := compileLiteral(c.subj, c.op, lit); msg != "" {
		return fail(lit.col-1, msg)
	}
	return nil
}

// parseValue parses one quoted or bare argument; what names the construct
// needing it, for errors.
func (p *parser) parseValue(what string) (literal, error) {
	p.skipSpace()
	start := p.pos
	if r := p.peek(0); r == '\'' || r == '"' {
		v, ok := p.scanQuoted()
		if !ok {
			kind := "single"
			if r == '"' {
				kind = "double"
			}
			return literal{}, fail(start, "unterminated quoted string (missing closing "+
				kind+" quote)")
		}
		return literal{text: v, col: start + 1}, nil
	}
	v := p.scanBare()
	if v == "" {
		return literal{}, fail(start, "missing argument for "+what+", found "+p.found())
	}
	return literal{text: v, col: start + 1}, nil
}

// parseList parses the argument list [a, b, ...] of in / not_in.
func (p *parser) parseList(c *cond) error {
	p.skipSpace()
	start := p.pos
	if p.peek(0) != '[' {
		return fail(start, "operator "+c.op.String()+
			" expects an argument list such as [a, b], found "+p.found())
	}
	p.pos++
	for {
		p.skipSpace()
		if err := p.listItemStart(start, len(c.list)); err != nil {
			return err
		}
		lit, err := p.parseValue("argument list")
		if err != nil {
			return err
		}
		c.list = append(c.list, lit)
		if done, err := p.listSep(start); done || err != nil {
			return p.finishList(c, err)
		}
	}
}

// listItemStart checks the position where a list item should begin.
func (p *parser) listItemStart(start, n int) error {
	switch p.peek(0) {
	case eofRune:
		return fail(start, `unterminated argument list (missing "]")`)
	case ']':
		if n == 0 {
			return fail(start, "empty argument list")
		}
		return fail(p.pos, `missing value before "]" in argument list`)
	case ',':
		return fail(p.pos, `missing value before "," in argument list`)
	case '[':
		return fail(p.pos, "nested argument lists are not allowed")
	}
	return nil
}

// listSep consumes the "," or "]" after a list item; done is true at "]".
func (p *parser) listSep(start int) (done bool, err error) {
	p.skipSpace()
	switch p.peek(0) {
	case eofRune:
		return true, fail(start, `unterminated argument list (missing "]")`)
	case ',':
		p.pos++
		return false, nil
	case ']':
		p.pos++
		return true, nil
	}
	return true, fail(p.pos, `expected "," or "]" in argument list, found `+p.found())
}

// finishList pre-parses the list items and builds the lookup set.
func (p *parser) finishList(c *cond, err error) error {
	if err != nil {
		return err
	}
	for i := range c.list {
		if err := p.compile(c, &c.list[i]); err != nil {
			return err
		}
	}
	if len(c.list) >= listSetMin {
		c.set = make(map[string]struct{}, len(c.list))
		for _, l := range c.list {
			c.set[l.text] = struct{}{}
		}
	}
	return nil
}

// quoteValue renders an argument so that it re-parses to the same text:
// bare when it is a valid bare word, otherwise in single quotes, or double
// quotes when it contains a single quote (a parsed value never holds both).
func quoteValue(v string) string {
	if bareSafe(v) {
		return v
	}
	for i := 0; i < len(v); i++ {
		if v[i] == '\'' {
			return `"` + v + `"`
		}
	}
	return "'" + v + "'"
}

// bareSafe reports whether v scans back as exactly one bare word.
func bareSafe(v string) bool {
	s := scanner{src: []rune(v)}
	return v != "" && s.scanBare() == v
}
