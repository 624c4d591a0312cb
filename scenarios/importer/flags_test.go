package importer

import "flag"

// update rewrites the golden files instead of comparing with them:
// go test ./scenarios/importer -update.
var update = flag.Bool("update", false, "rewrite the golden files")
