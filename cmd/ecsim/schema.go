package main

import (
	"github.com/ecsim/ecsim/schema"
	"github.com/spf13/cobra"
)

func newSchemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of scenario files, for editors' completion and checking",
		Long: `Print the JSON Schema (draft 2020-12) of scenario files to stdout: every key
with its description, the accepted values, ranges and defaults, so that an
editor completes and checks scenario YAML as you type. It is the schema the
repository serves as schema/scenario.schema.json.

With VS Code and the YAML extension (redhat.vscode-yaml), or any editor that
uses the YAML language server, put this line at the top of a scenario:

  # yaml-language-server: $schema=https://raw.githubusercontent.com/ecsim/ecsim/main/schema/scenario.schema.json

or save the schema next to your scenarios and point at the file, which works
offline and matches this version of ecsim:

  ecsim schema > scenario.schema.json
  # yaml-language-server: $schema=./scenario.schema.json

(the path is relative to the scenario). In VS Code the setting "yaml.schemas"
can instead map the schema to a glob: {"./scenario.schema.json": "scenarios/*.yaml"}.
The schema checks what it can say in JSON Schema; "ecsim validate" checks the
rest (references between names, limits that depend on other keys).`,
		Args: rangeArgs(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := cmd.OutOrStdout().Write(schema.Scenario())
			return err
		},
	}
}
