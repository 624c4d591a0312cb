package main

import "github.com/ecsim/ecsim/scenarios"

// registries returns the extension points the CLI passes to the scenario
// loader: the built-in placement strategies and fault kinds. A research
// build registers its own here, one line each (README "Extending ecsim").
func registries() scenarios.Registries {
	return scenarios.DefaultRegistries()
}

// loader returns the scenario loader over the CLI's registries.
func loader() scenarios.Loader { return scenarios.Loader{Registries: registries()} }
