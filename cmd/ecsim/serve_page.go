package main

import (
	_ "embed"
	"net/http"
	"strings"
)

// servePage is ecsim serve's page: the controls, the charts drawn in the
// browser from the chart descriptions /api/run returns (the third renderer
// of reports.Chart, after echarts in report.html and gonum/plot), and the
// explain timeline.
//
//go:embed serve_page.html
var servePage string

// echartsHost is where the page loads echarts from without --assets:
// go-echarts' asset host, as report.html does.
const echartsHost = "https://go-echarts.github.io/go-echarts-assets/assets/echarts.min.js"

// page is GET /.
func (s *server) page(w http.ResponseWriter, _ *http.Request) {
	src := echartsHost
	if s.assetsJS != "" {
		src = "/echarts.min.js"
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte(strings.Replace(servePage, "ECHARTS_SRC", src, 1)))
}

// echarts is GET /echarts.min.js: the --assets library.
func (s *server) echarts(w http.ResponseWriter, r *http.Request) {
	if s.assetsJS == "" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Write([]byte(s.assetsJS))
}
