package reports

import "encoding/json"

// MarshalJSON writes the chart as the page of ecsim serve draws it (its
// third renderer, in the browser): the same fields, colours as CSS
// ("#0072b2", "rgba(220,50,47,0.15)"), names in lowerCamelCase. Values
// that are not numbers (NaN, ±Inf: a series with no value yet) are null.
func (c Chart) MarshalJSON() ([]byte, error) {
	type axis struct {
		Name  string   `json:"name"`
		Unit  string   `json:"unit,omitempty"`
		Label string   `json:"label"`
		Min   *float64 `json:"min,omitempty"`
		Max   *float64 `json:"max,omitempty"`
	}
	ax := func(a Axis) axis {
		out := axis{Name: a.Name, Unit: a.Unit, Label: a.Label()}
		if a.Fixed() {
			lo, hi := a.Min, a.Max
			out.Min, out.Max = &lo, &hi
		}
		return out
	}
	series := make([]jsonSeries, len(c.Series))
	for i := range c.Series {
		series[i] = newJSONSeries(&c.Series[i])
	}
	return json.Marshal(struct {
		ID       string       `json:"id"`
		Title    string       `json:"title"`
		Subtitle string       `json:"subtitle,omitempty"`
		X        axis         `json:"x"`
		Y        axis         `json:"y"`
		T        []jsonNumber `json:"t"`
		XLabels  []string     `json:"xLabels,omitempty"`
		Series   []jsonSeries `json:"series"`
	}{c.ID, c.Title, c.Subtitle, ax(c.X), ax(c.Y), jsonNumbers(c.T), c.XLabels, series})
}

// jsonSeries is a ChartSeries as JSON.
type jsonSeries struct {
	Name    string       `json:"name"`
	Values  []jsonNumber `json:"values"`
	Stepped bool         `json:"stepped,omitempty"`
	Colour  string       `json:"colour"`
	Band    *jsonBand    `json:"band,omitempty"`
	Marks   []Mark       `json:"marks,omitempty"`
	Refs    []jsonRef    `json:"refs,omitempty"`
	Spans   []jsonSpan   `json:"spans,omitempty"`
}

type jsonBand struct {
	Label string       `json:"label"`
	Low   []jsonNumber `json:"low"`
	High  []jsonNumber `json:"high"`
}

type jsonRef struct {
	Y      float64 `json:"y"`
	Label  string  `json:"label"`
	Colour string  `json:"colour"`
}

type jsonSpan struct {
	From   float64 `json:"from"`
	To     float64 `json:"to"`
	Label  string  `json:"label"`
	Colour string  `json:"colour"`
}

func newJSONSeries(s *ChartSeries) jsonSeries {
	out := jsonSeries{Name: s.Name, Values: jsonNumbers(s.Values), Stepped: s.Stepped, Colour: cssColour(s.Colour), Marks: s.Marks}
	if s.Band != nil {
		out.Band = &jsonBand{Label: s.Band.Label, Low: jsonNumbers(s.Band.Low), High: jsonNumbers(s.Band.High)}
	}
	for _, r := range s.Refs {
		out.Refs = append(out.Refs, jsonRef{Y: r.Y, Label: r.Label, Colour: cssColour(r.Colour)})
	}
	for _, sp := range s.Spans {
		out.Spans = append(out.Spans, jsonSpan{From: sp.From, To: sp.To, Label: sp.Label, Colour: cssColour(sp.Colour)})
	}
	return out
}

// jsonNumber is a float64 that is null in JSON when it is not a number.
type jsonNumber float64

// MarshalJSON writes x, or null for NaN and ±Inf.
func (x jsonNumber) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if f != f || f > maxFinite || f < -maxFinite {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

const maxFinite = 1.7976931348623157e308

func jsonNumbers(xs []float64) []jsonNumber {
	out := make([]jsonNumber, len(xs))
	for i, x := range xs {
		out[i] = jsonNumber(x)
	}
	return out
}
