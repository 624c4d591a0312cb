package cql

import "strings"

// opKind is a comparison operator of the cluster query language. The table
// follows the "Operator" table of
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html
type opKind uint8

const (
	opEq opKind = iota + 1
	opNe
	opGt
	opGe
	opLt
	opLe
	opExists
	opNotExists
	opIn
	opNotIn
	opMatches
	opNotMatches
)

// opSpelling holds an operator's canonical (symbolic) spelling and its word
// alias, as listed in the AWS operator table.
var opSpelling = [...]struct{ sym, alias string }{
	opEq:         {"==", "equals"},
	opNe:         {"!=", "not_equals"},
	opGt:         {">", "greater_than"},
	opGe:         {">=", "greater_than_equal"},
	opLt:         {"<", "less_than"},
	opLe:         {"<=", "less_than_equal"},
	opExists:     {"exists", ""},
	opNotExists:  {"!exists", "not_exists"},
	opIn:         {"in", ""},
	opNotIn:      {"!in", "not_in"},
	opMatches:    {"=~", "matches"},
	opNotMatches: {"!~", "not_matches"},
}

// opByName maps every accepted spelling (symbol or alias) to its operator.
var opByName = func() map[string]opKind {
	m := make(map[string]opKind, 2*len(opSpelling))
	for k := opEq; k <= opNotMatches; k++ {
		m[opSpelling[k].sym] = k
		if a := opSpelling[k].alias; a != "" {
			m[a] = k
		}
	}
	return m
}()

func (o opKind) String() string { return opSpelling[o].sym }

// ordering reports whether o is one of == != > >= < <= , the operators that
// the ordered subjects (agentVersion, registeredAt, runningTasksCount) accept.
func (o opKind) ordering() bool { return o >= opEq && o <= opLe }

// takesList reports whether o expects an argument list [a, b, ...].
func (o opKind) takesList() bool { return o == opIn || o == opNotIn }

// takesNoArg reports whether o is used without an argument.
func (o opKind) takesNoArg() bool { return o == opExists || o == opNotExists }

// isRegex reports whether o's argument is a regular expression.
func (o opKind) isRegex() bool { return o == opMatches || o == opNotMatches }

// acceptedOps is the list printed when an operator is not recognised at all.
const acceptedOps = "==, !=, >, >=, <, <=, exists, !exists, in, !in, =~, !~ " +
	"and their aliases equals, not_equals, greater_than, greater_than_equal, " +
	"less_than, less_than_equal, not_exists, not_in, matches, not_matches"

// subjKind is the subject (left-hand side) of a simple expression.
type subjKind uint8

const (
	subjAgentConnected subjKind = iota + 1
	subjAgentVersion
	subjAttribute
	subjEC2InstanceID
	subjRegisteredAt
	subjRunningTasksCount
	subjTaskGroup
)

// acceptedSubjects is the list printed when a subject is not recognised.
const acceptedSubjects = "agentConnected, agentVersion, attribute:<name>, " +
	"ec2InstanceId, registeredAt, runningTasksCount, task:group"

// attributePrefix introduces an attribute subject, attribute:<name>.
const attributePrefix = "attribute:"

var (
	// stringOps: "Valid operators: equals (==), not_equals (!=), in,
	// not_in (!in), matches (=~), not_matches (!~)" (agentConnected,
	// ec2InstanceId on the AWS page).
	stringOps = []opKind{opEq, opNe, opIn, opNotIn, opMatches, opNotMatches}
	// orderedOps: "Valid operators: equals (==), not_equals (!=),
	// greater_than (>), greater_than_equal (>=), less_than (<),
	// less_than_equal (<=)" (agentVersion, registeredAt, runningTasksCount).
	orderedOps = []opKind{opEq, opNe, opGt, opGe, opLt, opLe}
	// allOps: the AWS page lists no restriction for attribute:<name>, so
	// every operator of the operator table is accepted.
	allOps = []opKind{opEq, opNe, opGt, opGe, opLt, opLe, opExists,
		opNotExists, opIn, opNotIn, opMatches, opNotMatches}
	// groupOps: the AWS page lists no operators for task:group; the
	// Instance interface can only answer "is a task of group X here", so
	// only the membership operators are accepted (see doc.go).
	groupOps = []opKind{opEq, opNe, opIn, opNotIn}
)

// subjSpec describes one subject kind.
type subjSpec struct {
	name   string   // spelling (attribute subjects add the name after ':')
	ops    []opKind // operators valid for the subject
	static bool     // value does not change while the instance is registered
}

var subjects = [...]subjSpec{
	subjAgentConnected:    {"agentConnected", stringOps, false},
	subjAgentVersion:      {"agentVersion", orderedOps, true},
	subjAttribute:         {"attribute", allOps, true},
	subjEC2InstanceID:     {"ec2InstanceId", stringOps, true},
	subjRegisteredAt:      {"registeredAt", orderedOps, true},
	subjRunningTasksCount: {"runningTasksCount", orderedOps, false},
	subjTaskGroup:         {"task:group", groupOps, false},
}

// subjByName maps the fixed subject spellings to their kinds.
var subjByName = map[string]subjKind{
	"agentConnected":    subjAgentConnected,
	"agentVersion":      subjAgentVersion,
	"ec2InstanceId":     subjEC2InstanceID,
	"registeredAt":      subjRegisteredAt,
	"runningTasksCount": subjRunningTasksCount,
	"task:group":        subjTaskGroup,
}

// accepts reports whether op is valid for subject kind s.
func (s subjKind) accepts(op opKind) bool {
	for _, o := range subjects[s].ops {
		if o == op {
			return true
		}
	}
	return false
}

// acceptedList renders the valid operators of s the way the AWS page does,
// e.g. "== (equals), != (not_equals), in, !in (not_in)".
func (s subjKind) acceptedList() string {
	var b strings.Builder
	for i, o := range subjects[s].ops {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(opSpelling[o].sym)
		if a := opSpelling[o].alias; a != "" {
			b.WriteString(" (" + a + ")")
		}
	}
	return b.String()
}

// maxAttrName is the longest attribute name ECS accepts: "The name must
// contain between 1 and 128 characters" (task-placement-constraints page).
const maxAttrName = 128

// validAttrName reports whether name is a valid ECS attribute name: "name may
// contain letters (uppercase and lowercase), numbers, hyphens, underscores,
// forward slashes, back slashes, or periods".
func validAttrName(name string) bool {
	if len(name) == 0 || len(name) > maxAttrName {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == '-', c == '_', c == '/', c == '\\', c == '.':
		default:
			return false
		}
	}
	return true
}
