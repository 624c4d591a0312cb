package cql

import (
	"strings"
	"unicode/utf8"
)

// The canonical form uses the symbolic operators (==, !=, >, >=, <, <=,
// exists, !exists, in, !in, =~, !~), parentheses only where an or-chain is
// an operand of an and-chain, and arguments bare when they scan back as one
// bare word, otherwise quoted. It comes in two layouts:
//
//   - spaced (the normal one): the keywords and / or, "not(...)" for
//     negation, one space between tokens, lists as [a, b];
//   - compact: &&, ||, "!", no optional white space, lists as [a,b].
//
// Every token of the compact layout is at most as long as the input token it
// stands for, and it only has white space where the input needed some, so
// it is never longer than the source. canonical uses it only when the
// spaced layout would exceed MaxLength, so that String always re-parses.

// canonical returns the canonical form of root.
func canonical(root *node) string {
	p := printer{}
	root.format(&p)
	if s := p.b.String(); utf8.RuneCountInString(s) <= MaxLength {
		return s
	}
	p = printer{compact: true}
	root.format(&p)
	return p.b.String()
}

// printer accumulates a canonical form in one of the two layouts.
type printer struct {
	b       strings.Builder
	compact bool
}

// space writes a space in the spaced layout, or in the compact one when
// need is set.
func (p *printer) space(need bool) {
	if need || !p.compact {
		p.b.WriteByte(' ')
	}
}

// pick writes spaced or compact depending on the layout.
func (p *printer) pick(spaced, compact string) {
	if p.compact {
		p.b.WriteString(compact)
	} else {
		p.b.WriteString(spaced)
	}
}

// boolOp writes a boolean operator. In the compact layout, a bare argument
// ending in '|' is kept apart from a following "||" (and one ending in '&'
// from "&&"), which would otherwise absorb it (the source had a separator
// there too); "0&||" needs none, and adding one would make the compact
// form longer than its source.
func (p *printer) boolOp(spaced, compact string) {
	if s := p.b.String(); p.compact && s != "" && s[len(s)-1] == compact[0] {
		p.b.WriteByte(' ')
	}
	p.pick(spaced, compact)
}

// format writes the canonical form of n.
func (n *node) format(p *printer) {
	switch n.kind {
	case nodeCond:
		n.cond.format(p)
	case nodeNot:
		n.formatNot(p)
	case nodeAnd, nodeOr:
		for i := range n.kids {
			if i > 0 && n.kind == nodeAnd {
				p.boolOp(" and ", "&&")
			} else if i > 0 {
				p.boolOp(" or ", "||")
			}
			k := &n.kids[i]
			paren := n.kind == nodeAnd && k.kind == nodeOr
			k.formatParen(p, paren)
		}
	}
}

// formatNot writes not(x) (spaced) or !x / !(x) (compact).
func (n *node) formatNot(p *printer) {
	k := &n.kids[0]
	if !p.compact {
		p.b.WriteString("not")
		k.formatParen(p, true)
		return
	}
	p.b.WriteByte('!')
	k.formatParen(p, k.kind == nodeAnd || k.kind == nodeOr)
}

// formatParen writes n, in parentheses when paren is set.
func (n *node) formatParen(p *printer, paren bool) {
	if paren {
		p.b.WriteByte('(')
	}
	n.format(p)
	if paren {
		p.b.WriteByte(')')
	}
}

// format writes the canonical form of a simple expression.
func (c *cond) format(p *printer) {
	if c.subj == subjAttribute {
		p.b.WriteString(attributePrefix + c.attr)
	} else {
		p.b.WriteString(subjects[c.subj].name)
	}
	sym := c.op.String()
	// Word operators (exists, in) must be separated from the subject.
	wordOp := sym == "exists" || sym == "in"
	p.space(wordOp)
	p.b.WriteString(sym)
	switch {
	case c.op.takesNoArg():
	case c.op.takesList():
		p.pick(" [", "[")
		for i := range c.list {
			if i > 0 {
				p.pick(", ", ",")
			}
			p.b.WriteString(quoteValue(c.list[i].text))
		}
		p.b.WriteByte(']')
	default:
		v := quoteValue(c.val.text)
		// A bare value starting with an operator rune would be read as
		// part of the operator.
		r, _ := utf8.DecodeRuneInString(v)
		p.space(isOpRune(r))
		p.b.WriteString(v)
	}
}
