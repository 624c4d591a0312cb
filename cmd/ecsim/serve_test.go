package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/reports"
)

// runAnswer is runResponse as a client reads it: the charts as JSON.
type runAnswer struct {
	Scenario string `json:"scenario"`
	Charts   []struct {
		ID     string `json:"id"`
		Series []struct {
			Name   string     `json:"name"`
			Values []*float64 `json:"values"`
		} `json:"series"`
	} `json:"charts"`
	Explain []reports.ExplainLine `json:"explain"`
	Knobs   []knob                `json:"knobs"`
	Summary *reports.Summary      `json:"summary"`
	YAML    string                `json:"yaml"`
}

// newTestServer serves the API with the default caps (a 2 s wall cap).
func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(newServer(&serveOptions{maxDuration: 31 * 24 * time.Hour, maxWall: 2 * time.Second}, "").routes())
	t.Cleanup(ts.Close)
	return ts
}

// post sends body as YAML to /api/run with the query and decodes the
// answer into out.
func post(t *testing.T, ts *httptest.Server, query url.Values, body, contentType string, out any) int {
	t.Helper()
	req, _ := http.NewRequest("POST", ts.URL+"/api/run?"+query.Encode(), strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("answer (status %d) is not JSON: %v", resp.StatusCode, err)
		}
	}
	return resp.StatusCode
}

// TestServeRunsABuiltin: ?scenario=quickstart answers the charts, the
// summary, the explain lines, the knobs and the YAML; a lower
// targetCapacity (set=) keeps more instances, as §1.2 says, and the YAML
// carries the change.
func TestServeRunsABuiltin(t *testing.T) {
	ts := newTestServer(t)
	var base, low runAnswer
	if code := post(t, ts, url.Values{"scenario": {"quickstart"}}, "", "application/yaml", &base); code != 200 {
		t.Fatalf("status %d", code)
	}
	if len(base.Charts) != 5 || base.Charts[1].ID != "reservation_general" || len(base.Explain) == 0 || len(base.Knobs) == 0 || base.Summary == nil {
		t.Fatalf("answer: %d charts, %d explain lines, %d knobs", len(base.Charts), len(base.Explain), len(base.Knobs))
	}
	q := url.Values{"scenario": {"quickstart"}, "set": {"cluster.capacityProviders.general.managedScaling.targetCapacity=50"}}
	if code := post(t, ts, q, "", "application/yaml", &low); code != 200 {
		t.Fatalf("status %d", code)
	}
	if low.Summary.InstanceHours <= base.Summary.InstanceHours {
		t.Errorf("targetCapacity 50: %g instance-hours, not more than at 100 (%g)", low.Summary.InstanceHours, base.Summary.InstanceHours)
	}
	if !strings.Contains(low.YAML, "targetCapacity: 50") {
		t.Errorf("the YAML does not carry the change:\n%s", low.YAML)
	}
}

// TestServeLimits: what the page cannot be made to do, and the status each
// answer has.
func TestServeLimits(t *testing.T) {
	ts := newTestServer(t)
	for _, tc := range []struct {
		name        string
		query       url.Values
		body, ctype string
		status      int
		want        string
	}{
		{"not YAML", url.Values{"scenario": {"quickstart"}}, "", "text/plain", 415, "send the scenario as application/yaml"},
		{"too big", nil, strings.Repeat("#", maxRunBody+1), "application/yaml", 413, "over 1048576 bytes"},
		{"nothing", nil, "", "application/yaml", 400, "give a scenario"},
		{"both", url.Values{"scenario": {"quickstart"}}, "name: x\n", "application/yaml", 400, "not both"},
		{"unknown built-in", url.Values{"scenario": {"nope"}}, "", "application/yaml", 400, "nope"},
		{"bad YAML", nil, "name: x\nduration: -1h\n", "application/yaml", 400, "pasted.yaml:2"},
		{"a file", nil, "name: x\ntaskDefinitions:\n  - taskDefinitionFile: /etc/passwd\n", "application/yaml", 400, "files are not read here"},
		{"a file by set", url.Values{"scenario": {"quickstart"}, "set": {"taskDefinitions.web.taskDefinitionFile=/etc/passwd"}}, "", "application/yaml", 400, ""},
		{"too long", url.Values{"scenario": {"quickstart"}, "set": {"duration=400d"}}, "", "application/yaml", 400, "at most 31d of simulated time"},
		{"bad set", url.Values{"scenario": {"quickstart"}, "set": {"nope"}}, "", "application/yaml", 400, "expected PATH=VALUE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var e apiError
			if code := post(t, ts, tc.query, tc.body, tc.ctype, &e); code != tc.status || !strings.Contains(e.Error, tc.want) {
				t.Fatalf("status %d, error %q; want %d and %q", code, e.Error, tc.status, tc.want)
			}
		})
	}
}

// TestServeLocatesErrors: a bad pasted scenario is a 400 whose errors carry
// line, column and field, for the page to point at.
func TestServeLocatesErrors(t *testing.T) {
	ts := newTestServer(t)
	var e apiError
	post(t, ts, nil, "name: x\nduration: 1h\nworkloads: [{name: w, taskDefinition: nope}]\n", "application/yaml", &e)
	if len(e.Errors) == 0 || e.Errors[0].Line != 3 || e.Errors[0].Field == "" || e.Errors[0].File != "pasted.yaml" {
		t.Fatalf("errors %+v", e.Errors)
	}
}

// TestServeWallCap: a run longer than --max-wall stops and answers 422.
func TestServeWallCap(t *testing.T) {
	ts := httptest.NewServer(newServer(&serveOptions{maxDuration: 3650 * 24 * time.Hour, maxWall: time.Millisecond}, "").routes())
	defer ts.Close()
	var e apiError
	q := url.Values{"scenario": {"quickstart"}, "set": {"duration=30d"}}
	if code := post(t, ts, q, "", "application/yaml", &e); code != 422 || !strings.Contains(e.Error, "longer than 1ms") {
		t.Fatalf("status %d, %q", code, e.Error)
	}
}

// TestServePage: the page loads echarts from --assets when given, from
// go-echarts' host otherwise, and is not framed.
func TestServePage(t *testing.T) {
	ts := newTestServer(t)
	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("X-Frame-Options") != "DENY" {
		t.Fatalf("status %d, headers %v", resp.StatusCode, resp.Header)
	}
	if r, _ := http.Get(ts.URL + "/echarts.min.js"); r.StatusCode != 404 {
		t.Errorf("/echarts.min.js without --assets: %d", r.StatusCode)
	}
	if r, _ := http.Get(ts.URL + "/etc/passwd"); r.StatusCode != 404 {
		t.Errorf("/etc/passwd: %d", r.StatusCode)
	}
}
