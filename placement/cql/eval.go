package cql

// Evaluation works on values pre-parsed by Parse and does not allocate:
// no fmt, no string building, regexes compiled once, and the instance's
// agent version parsed into a fixed-size array.

// eval evaluates n against in.
func (n *node) eval(in Instance) bool {
	switch n.kind {
	case nodeCond:
		return n.cond.eval(in)
	case nodeNot:
		return !n.kids[0].eval(in)
	case nodeAnd:
		for i := range n.kids {
			if !n.kids[i].eval(in) {
				return false
			}
		}
		return true
	case nodeOr:
		for i := range n.kids {
			if n.kids[i].eval(in) {
				return true
			}
		}
	}
	return false
}

// eval evaluates a simple expression against in.
func (c *cond) eval(in Instance) bool {
	switch c.subj {
	case subjAttribute:
		return c.evalAttribute(in)
	case subjAgentConnected:
		if in.AgentConnected() {
			return c.evalString("true")
		}
		return c.evalString("false")
	case subjEC2InstanceID:
		return c.evalString(in.EC2InstanceID())
	case subjAgentVersion:
		v, ok := parseVersion(in.AgentVersion())
		return ok && ordered(c.op, v.compare(c.val.ver))
	case subjRegisteredAt:
		return ordered(c.op, in.RegisteredAt().Compare(c.val.t))
	case subjRunningTasksCount:
		return ordered(c.op, compareInt(int64(in.RunningTasksCount()), c.val.n))
	case subjTaskGroup:
		return c.evalGroup(in)
	}
	return false
}

// evalAttribute evaluates attribute:<name>. A missing attribute satisfies
// only !exists: every other operator, != / not_in / !~ included, is false.
func (c *cond) evalAttribute(in Instance) bool {
	v, ok := in.Attribute(c.attr)
	switch {
	case c.op == opExists:
		return ok
	case c.op == opNotExists:
		return !ok
	case !ok:
		return false
	case c.op >= opGt && c.op <= opLe:
		return ordered(c.op, compareAttr(v, &c.val))
	}
	return c.evalString(v)
}

// evalString applies a string operator (== != in not_in =~ !~) to s.
func (c *cond) evalString(s string) bool {
	switch c.op {
	case opEq:
		return s == c.val.text
	case opNe:
		return s != c.val.text
	case opIn:
		return c.member(s)
	case opNotIn:
		return !c.member(s)
	case opMatches:
		return c.re.match(s)
	case opNotMatches:
		return !c.re.match(s)
	}
	return false
}

// member reports whether s is one of the argument list's values.
func (c *cond) member(s string) bool {
	if c.set != nil {
		_, ok := c.set[s]
		return ok
	}
	for i := range c.list {
		if c.list[i].text == s {
			return true
		}
	}
	return false
}

// evalGroup evaluates task:group. The subject is the set of groups of the
// tasks on the instance: == / in hold when some task is in the group (or
// one of the groups); != / not_in are their negations, that is, no task on
// the instance is in the group(s).
func (c *cond) evalGroup(in Instance) bool {
	switch c.op {
	case opEq:
		return in.HasTaskGroup(c.val.text)
	case opNe:
		return !in.HasTaskGroup(c.val.text)
	case opIn:
		return c.anyGroup(in)
	case opNotIn:
		return !c.anyGroup(in)
	}
	return false
}

func (c *cond) anyGroup(in Instance) bool {
	for i := range c.list {
		if in.HasTaskGroup(c.list[i].text) {
			return true
		}
	}
	return false
}

// ordered applies an ordering operator to the result of a three-way
// comparison (instance value versus argument).
func ordered(op opKind, cmp int) bool {
	switch op {
	case opEq:
		return cmp == 0
	case opNe:
		return cmp != 0
	case opGt:
		return cmp > 0
	case opGe:
		return cmp >= 0
	case opLt:
		return cmp < 0
	case opLe:
		return cmp <= 0
	}
	return false
}

func compareInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// compareAttr orders an attribute value against an argument: numerically
// when both are decimal numbers, otherwise lexically (byte-wise).
func compareAttr(v string, lit *literal) int {
	if lit.isNum {
		if f, ok := decimal(v); ok {
			switch {
			case f < lit.num:
				return -1
			case f > lit.num:
				return 1
			}
			return 0
		}
	}
	switch {
	case v < lit.text:
		return -1
	case v > lit.text:
		return 1
	}
	return 0
}
