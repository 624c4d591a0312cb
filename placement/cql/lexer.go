package cql

import (
	"strconv"
	"unicode"
)

// The scanner works on the source as runes so that positions are rune
// columns. It is driven by the parser, which knows whether it expects a
// subject, an operator or an argument: the three have different lexical
// rules (an argument such as m5.* or us-east-1a may contain characters that
// would end a subject).

// scanner is a cursor over the source runes.
type scanner struct {
	src []rune
	pos int
}

const eofRune = -1

func (s *scanner) eof() bool { return s.pos >= len(s.src) }

// peek returns the rune at pos+off, or eofRune past the end.
func (s *scanner) peek(off int) rune {
	if i := s.pos + off; i < len(s.src) {
		return s.src[i]
	}
	return eofRune
}

func (s *scanner) skipSpace() {
	for !s.eof() && unicode.IsSpace(s.src[s.pos]) {
		s.pos++
	}
}

// hasPrefix reports whether the source at pos starts with lit (ASCII).
func (s *scanner) hasPrefix(lit string) bool {
	if s.pos+len(lit) > len(s.src) {
		return false
	}
	for i := 0; i < len(lit); i++ {
		if s.src[s.pos+i] != rune(lit[i]) {
			return false
		}
	}
	return true
}

// isWordRune reports whether r can be part of a subject or keyword: the
// characters of attribute names (letters, digits, - _ / \ .) plus ':' for
// "attribute:" and "task:group".
func isWordRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	case r == '-', r == '_', r == '/', r == '\\', r == '.', r == ':':
		return true
	}
	return false
}

// isOpRune reports whether r belongs to a symbolic operator (== != >= =~ ...).
func isOpRune(r rune) bool {
	return r == '=' || r == '!' || r == '<' || r == '>' || r == '~'
}

// isStructural reports whether r always ends a bare word: white space,
// parentheses, list brackets, the list separator and quotes.
func isStructural(r rune) bool {
	switch r {
	case '(', ')', '[', ']', ',', '\'', '"':
		return true
	}
	return unicode.IsSpace(r)
}

// atKeyword reports whether the source at pos is the keyword kw followed by
// something that cannot continue a word.
func (s *scanner) atKeyword(kw string) bool {
	return s.hasPrefix(kw) && !isWordRune(s.peek(len(kw)))
}

// scanWord consumes a run of word runes (a subject).
func (s *scanner) scanWord() string {
	start := s.pos
	s.skipWhile(isWordRune)
	return string(s.src[start:s.pos])
}

// scanOperator consumes an operator token: "!" followed by letters
// (!exists, !in), a run of operator symbols (== != =~ ...), a word (equals,
// not_in, or an unknown word), or a run of other runes up to a delimiter,
// so that an unknown operator can be quoted whole in the error.
func (s *scanner) scanOperator() string {
	start := s.pos
	switch r := s.peek(0); {
	case r == '!' && unicode.IsLetter(s.peek(1)):
		s.pos++
		s.skipWhile(isOpWordRune)
	case isOpRune(r):
		s.skipWhile(isOpRune)
	case unicode.IsLetter(r):
		s.skipWhile(isOpWordRune)
	default:
		for !s.eof() && !isStructural(s.src[s.pos]) && !isOpRune(s.src[s.pos]) && !s.atBoolOp() {
			s.pos++
		}
	}
	return string(s.src[start:s.pos])
}

// isOpWordRune reports whether r can continue a word operator.
func isOpWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
}

// skipWhile advances over runes satisfying f.
func (s *scanner) skipWhile(f func(rune) bool) {
	for !s.eof() && f(s.src[s.pos]) {
		s.pos++
	}
}

// atBoolOp reports whether the source at pos is "&&" or "||".
func (s *scanner) atBoolOp() bool { return s.hasPrefix("&&") || s.hasPrefix("||") }

// scanBare consumes a bare (unquoted) argument such as t2.small, m5.* or
// 2018-02-13. It ends at a structural rune, "&&", "||" or the end.
func (s *scanner) scanBare() string {
	start := s.pos
	for !s.eof() && !isStructural(s.src[s.pos]) && !s.atBoolOp() {
		s.pos++
	}
	return string(s.src[start:s.pos])
}

// scanQuoted consumes a string quoted with ' or " (the quote at pos). There
// are no escapes: the string ends at the next matching quote. ok is false if
// the closing quote is missing.
func (s *scanner) scanQuoted() (val string, ok bool) {
	q := s.src[s.pos]
	for i := s.pos + 1; i < len(s.src); i++ {
		if s.src[i] == q {
			val = string(s.src[s.pos+1 : i])
			s.pos = i + 1
			return val, true
		}
	}
	return "", false
}

// found describes what is at pos for an error message: "end of expression"
// or the next token, quoted and shortened.
func (s *scanner) found() string {
	if s.eof() {
		return "end of expression"
	}
	end := s.pos + 1
	if !isStructural(s.src[s.pos]) {
		for end < len(s.src) && end-s.pos < 24 && !isStructural(s.src[end]) {
			end++
		}
	}
	return strconv.Quote(string(s.src[s.pos:end]))
}
