# ecsim: common tasks. `make help` lists them.
GO ?= go
BIN ?= bin/ecsim
SCENARIO ?=
BENCHTIME ?= 1x
FUZZTIME ?= 30s

.PHONY: perf help build test bench lint run fuzz clean screenshots

help:
	@echo "make build   build $(BIN)"
	@echo "make test    run the tests (what CI runs)"
	@echo "make bench   run the benchmarks (kernel, placement, end to end)"
	@echo "make screenshots  redraw the README's lesson screenshots (headless Chromium)"
	@echo "make lint    gofmt + go vet"
	@echo "make run     run SCENARIO (default: the built-in quickstart)"
	@echo "make fuzz    fuzz the parsers and whole scenario runs (FUZZTIME each, default 30s)"

build:
	$(GO) build -o $(BIN) ./cmd/ecsim

test:
	$(GO) test ./...

# perf runs the end-to-end cases of README "Performance" (whole process, ecsim
# and the bare reference loop interleaved) and prints the table; PERFREPS runs
# of each, the median reported.
PERFREPS ?= 3
perf:
	$(GO) run ./cmd/perf -reps $(PERFREPS)

# screenshots rewrites the README's screenshots of three lessons in ecsim
# serve (docs/img), with headless Chromium and the npm echarts package.
screenshots:
	mkdir -p docs/img
	ECSIM_SCREENSHOTS=$(CURDIR)/docs/img ECSIM_REQUIRE_BROWSER=1 $(GO) test -run '^TestLessonScreenshots$$' -count=1 ./cmd/ecsim

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./sim ./placement ./autoscaling ./workloads/schedule ./workloads/trace ./reports
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./sim/world

lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

run:
	$(GO) run ./cmd/ecsim run $(SCENARIO)

fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME) ./scenarios
	$(GO) test -run '^$$' -fuzz '^FuzzScenarioRun$$' -fuzztime $(FUZZTIME) ./reports
	$(GO) test -run '^$$' -fuzz '^FuzzSweepFolder$$' -fuzztime $(FUZZTIME) ./reports
	$(GO) test -run '^$$' -fuzz '^FuzzStrategySpec$$' -fuzztime $(FUZZTIME) ./placement
	$(GO) test -run '^$$' -fuzz '^FuzzCompileConstraints$$' -fuzztime $(FUZZTIME) ./placement
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./placement/cql
	$(GO) test -run '^$$' -fuzz '^FuzzParseVersion$$' -fuzztime $(FUZZTIME) ./placement/cql
	$(GO) test -run '^$$' -fuzz '^FuzzParseRegisteredAt$$' -fuzztime $(FUZZTIME) ./placement/cql
	$(GO) test -run '^$$' -fuzz '^FuzzDecimal$$' -fuzztime $(FUZZTIME) ./placement/cql
	$(GO) test -run '^$$' -fuzz '^FuzzCompileRegex$$' -fuzztime $(FUZZTIME) ./placement/cql
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./workloads/schedule
	$(GO) test -run '^$$' -fuzz '^FuzzCSV$$' -fuzztime $(FUZZTIME) ./workloads/trace
	$(GO) test -run '^$$' -fuzz '^FuzzGoogle2011$$' -fuzztime $(FUZZTIME) ./workloads/trace
	$(GO) test -run '^$$' -fuzz '^FuzzAlibaba2018$$' -fuzztime $(FUZZTIME) ./workloads/trace

clean:
	rm -rf bin ecsim-out
