// Package schema holds the JSON Schema of scenario files,
// scenario.schema.json, which `ecsim schema` prints and editors use for
// completion and checking (README "Editor support"). The file is generated
// from the Go types of package scenarios by package schemagen; its test
// (go test ./schema/... -update) rewrites it, and fails while it is stale.
package schema

import _ "embed"

// ID is the schema's $id: where the committed file is served.
const ID = "https://raw.githubusercontent.com/ecsim/ecsim/main/schema/scenario.schema.json"

// scenarioJSON is scenario.schema.json, embedded.
//
//go:embed scenario.schema.json
var scenarioJSON string

// Scenario returns the JSON Schema of scenario files: a fresh copy of the
// bytes of scenario.schema.json.
func Scenario() []byte { return []byte(scenarioJSON) }
