// Package cql parses and evaluates the Amazon ECS cluster query language,
// the expression language of memberOf task placement constraints
// (docs/model.md §5.5). It owns only the language: lexing, parsing,
// canonical printing and evaluation against an Instance; it knows nothing
// of the simulator's types and imports only the standard library.
//
// The reference is the AWS page "Cluster query language",
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html
// ("the AWS page" below), with attribute rules from
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html
//
// # Syntax
//
// A simple expression is "subject operator [argument]". Compound
// expressions use &&/and, ||/or and !/not with parentheses for precedence;
// not binds tightest, then and, then or. The AWS page: "A single expression
// can't contain parentheses. However, parentheses can be used to specify
// precedence in compound expressions."
//
// Subjects and the operators accepted for each, from the AWS page's
// "Valid operators" lines:
//
//	agentConnected, ec2InstanceId:  == != in !in =~ !~
//	agentVersion, registeredAt,
//	runningTasksCount:              == != > >= < <=
//	attribute:<name>:               all twelve (the page lists no restriction)
//	task:group:                     == != in !in (the page lists none; see below)
//
// Operators and aliases: == equals, != not_equals, > greater_than,
// >= greater_than_equal, < less_than, <= less_than_equal, exists,
// !exists not_exists, in, !in not_in, =~ matches, !~ not_matches. An
// operator not valid for its subject is a syntax error listing the
// accepted ones. Keywords and operator aliases are lower case only.
//
// Attribute names are 1 to 128 letters, digits, -, _, /, \ or . ("name may
// contain letters (uppercase and lowercase), numbers, hyphens, underscores,
// forward slashes, back slashes, or periods").
//
// An argument is a bare word (t2.small, m5.*, us-east-1a, 2018-02-13) or a
// string in single or double quotes ('i-abcd1234'). A bare word ends at
// white space, ( ) [ ] , ' " or at && / ||, so a regular expression with
// parentheses, brackets, commas or spaces must be quoted. Quoted strings
// have no escapes: they end at the next matching quote, and backslashes are
// literal ('\d+' is the regex \d+). in and not_in take a non-empty list
// "[argument1, argument2, ..., argumentN]".
// White space between tokens is optional except where two tokens would run
// together: a word operator (exists, in, equals, ...) after the subject, and
// a bare argument starting with one of = ! < > ~ after a symbolic operator
// (attribute:x == =a, not attribute:x===a).
//
// An expression may have at most MaxLength (2000) characters, the ECS API
// limit on placement constraint expressions, and at most MaxDepth nested
// parentheses and nots.
//
// # Semantics
//
// ==, != and in / not_in compare strings ("String equality" in the
// operator table), except on the ordered subjects:
//   - agentVersion compares as a dotted numeric version (1.9.0 < 1.14.5;
//     missing components are 0, so 1.14 == 1.14.0). The argument must be a
//     version; an instance whose version does not parse satisfies nothing.
//   - registeredAt compares as an instant. Arguments use the page's "Valid
//     date formats: 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z,
//     2018-06-18T22:28:28, 2018-06-18"; forms without a zone are UTC, and a
//     date alone is midnight UTC, so registeredAt < 2018-02-13 selects
//     "instances that were registered before February 13, 2018" and
//     registeredAt == 2018-02-13 only an instance registered exactly at
//     that midnight.
//   - runningTasksCount compares as an integer.
//
// For attribute:<name>, == and != are string comparisons, and > >= < <=
// compare numerically when both the value and the argument are plain
// decimal numbers (optional sign, digits, one optional point; no exponent),
// otherwise lexically by bytes. A missing attribute satisfies !exists and
// nothing else: != , not_in and !~ are false too. The page on attributes
// supports this: attribute:stack != prod "lists the instances with the
// custom attribute "stack" unless the attribute value is "prod"".
//
// agentConnected is compared as the string "true" or "false".
//
// =~ and !~ take "an argument that conforms to the Java regular expression
// syntax"; this package uses Go's RE2 (regexp) instead. Java features RE2
// lacks (backreferences, lookaround, possessive quantifiers, atomic groups)
// are rejected at Parse time with Go's error message. The AWS page does not
// say whether the pattern must match the whole value or only part of it;
// this package follows Java's String.matches / Matcher.matches, which match
// the whole value: the pattern is anchored at both ends, so
// attribute:ecs.instance-type =~ t2 does not match t2.micro (write t2.*).
//
// task:group is multi-valued: the groups of the tasks on the instance. The
// AWS page's examples are "task:group == service:production" ("instances
// that are hosting tasks in the service:production group", affinity) and
// "not(task:group == database)" ("instances that are not hosting tasks in
// the database group", anti-affinity). So == holds when some task on the
// instance is in the group, in when some task is in one of the groups, and
// != / not_in are exactly their negations (task:group != database means the
// same as the page's not(task:group == database)). The page lists no
// operators for task:group; ordering, exists and pattern operators are
// rejected because the Instance interface can only answer membership.
//
// # Canonical form
//
// Expr.String prints symbolic operators, the keywords and / or / not
// (negation as not(...)), single spaces, parentheses only where needed, and
// arguments bare when they scan back as one bare word, otherwise quoted.
// When that form would exceed MaxLength, a compact form (&&, ||, !, no
// optional spaces) that is never longer than the source is used instead,
// so String always re-parses.
//
// # Performance
//
// Parse pre-parses every argument for its subject (version, instant,
// integer, number, regex; a set for lists of 8 or more values), so Eval
// does not allocate. Patterns of the shape literal or literal.* (t2.*,
// m5.*) are matched with a prefix test instead of the regexp engine.
package cql
