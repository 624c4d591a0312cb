package reports

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-echarts/go-echarts/v2/components"
)

// ReportFile and CompareHTMLFile are the HTML outputs.
const (
	ReportFile = "report.html"
)

// echartsCandidates are where LoadAssets looks for the echarts build inside
// the folder it is given: the folder itself, the npm package's folder, or a
// folder holding node_modules.
var echartsCandidates = []string{"echarts.min.js", "dist/echarts.min.js", "node_modules/echarts/dist/echarts.min.js"}

// LoadAssets reads the echarts library (echarts.min.js) from dir, for
// self-contained HTML outputs that render offline: dir may hold the file
// itself, be the npm echarts package (dist/echarts.min.js) or hold
// node_modules.
func LoadAssets(dir string) (string, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return "", fmt.Errorf("--assets %s: %w", dir, pathErr(err))
	}
	if !st.IsDir() {
		return "", fmt.Errorf("--assets %s: not a folder (give the folder holding echarts.min.js, e.g. node_modules/echarts)", dir)
	}
	for _, c := range echartsCandidates {
		data, err := readAsset(filepath.Join(dir, c))
		if err == nil {
			if !strings.Contains(string(data[:min(len(data), 4096)]), "echarts") {
				return "", fmt.Errorf("--assets %s: %s is not the echarts library", dir, c)
			}
			return string(data), nil
		}
	}
	return "", fmt.Errorf("--assets %s: no echarts library there (looked for %s); install it with `npm install echarts` and pass --assets node_modules/echarts",
		dir, strings.Join(echartsCandidates, ", "))
}

// maxAssetBytes bounds the echarts library read (echarts.min.js is about
// 1 MB).
const maxAssetBytes = 64 << 20

// readAsset reads a regular file of at most maxAssetBytes.
func readAsset(path string) ([]byte, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, err
	case !st.Mode().IsRegular() || st.Size() > maxAssetBytes:
		return nil, fmt.Errorf("%s: not a regular file of at most %d bytes", path, maxAssetBytes)
	}
	return os.ReadFile(path)
}

func pathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// inlineAssets makes page self-contained: the preset echarts script (merged
// into the page by AddCharts, so call this after it) is replaced by the
// library's source. With js empty the page keeps go-echarts' asset host.
func inlineAssets(page *components.Page, js string) {
	if js == "" {
		return
	}
	page.Assets.ClearPresetJSAssets()
	page.AddCustomizedHeaders("<script>" + strings.ReplaceAll(js, "</script", `<\/script`) + "</script>")
}
