// Package stats computes accuracy analytics over reviewed datasets: how
// each field name fares, accuracy by customer and by dataset type (with a
// weekly series), how well confidence predicts correctness (calibration),
// what a confidence threshold for auto-accepting fields would let through,
// and which fields were wrong despite a high confidence.
//
// Everything here is a pure function of the datasets (as
// GET /datasets/{id} returns them) and a threshold: no I/O, no clock, no
// terminal. The datasets' strings are returned as the server sent them;
// whoever shows them sanitizes them.
package stats

import (
	"strings"

	"github.com/dxdash/dxdash/client"
)

// Outcome classifies one field of one reviewed dataset.
type Outcome uint8

const (
	// Correct: the field scored 1 (both sides null scores 1 too).
	Correct Outcome = iota
	// WrongValue: a value was extracted and a truth exists, but the score
	// is below 1 (near misses of free text included).
	WrongValue
	// Missing: the truth has a value and nothing was extracted.
	Missing
	// Spurious: a value was extracted where the truth is absent, null or
	// empty.
	Spurious
)

func (o Outcome) String() string {
	switch o {
	case WrongValue:
		return "wrong value"
	case Missing:
		return "missing"
	case Spurious:
		return "spurious"
	}
	return "correct"
}

// Observation is one scored field of one dataset.
//
// Line-item fields count under their field name with the index stripped:
// "line_items[3].amount" is observed as Field "line_items.amount" (Key keeps
// the raw name). A per-field figure is about how the extractor reads a kind
// of value; one row per item index would split the same column of a table
// into as many rows as the longest document has items.
type Observation struct {
	Dataset int    // index of the dataset in the slice given to Observe
	Key     string // the raw name ground_truth and field_scores use
	Field   string // the name figures are grouped by

	Extracted      string // "" when nothing was extracted
	HasValue       bool   // a non-null value was extracted
	Truth          string // "" when there is none
	HasTruth       bool   // the truth has a non-null, non-empty value
	InExtraction   bool   // the extraction lists the field (with a confidence)
	Score          float64
	Confidence     float64 // 0 when not in the extraction
	Outcome        Outcome
	ConfidentWrong bool // in the extraction, confidence ≥ the high threshold, score < 1
}

// Correct reports a score of 1: the definition calibration uses.
func (o *Observation) Correct() bool { return o.Score >= 1 }

// Observe lists every scored field of every reviewed dataset. A dataset
// counts when it is complete, verified and has accuracy; a field counts
// when accuracy.field_scores scores it (a field the server did not score
// cannot be judged right or wrong). high is the confidence at or above which
// a field scoring below 1 is "confidently wrong".
func Observe(datasets []client.Dataset, high float64) []Observation {
	var o observer
	o.high = high
	o.names = make(map[string]string)
	n := 0
	for i := range datasets {
		if Reviewed(&datasets[i]) {
			n += len(datasets[i].Accuracy.FieldScores)
		}
	}
	o.out = make([]Observation, 0, n)
	for i := range datasets {
		o.dataset(i, &datasets[i])
	}
	return o.out
}

// Reviewed reports whether a dataset takes part in the analytics.
func Reviewed(d *client.Dataset) bool {
	return d.Status == client.StatusComplete && d.IsVerified && d.Accuracy != nil && len(d.Accuracy.FieldScores) > 0
}

type observer struct {
	high  float64
	out   []Observation
	names map[string]string // line-item field name → "line_items.<name>", shared
	truth map[string]client.Value
	seen  map[string]bool
	buf   []byte
}

func (o *observer) dataset(i int, d *client.Dataset) {
	if !Reviewed(d) {
		return
	}
	scores := d.Accuracy.FieldScores
	if o.truth == nil {
		o.truth = make(map[string]client.Value, len(d.GroundTruth))
		o.seen = make(map[string]bool, len(scores))
	}
	clear(o.truth)
	clear(o.seen)
	for _, g := range d.GroundTruth {
		if _, dup := o.truth[g.Name]; !dup {
			o.truth[g.Name] = g.Value
		}
	}
	add := func(key, field string, f *client.Field) {
		if o.seen[key] {
			return // the first occurrence wins, as the server scores it
		}
		score, ok := scores[key]
		if !ok {
			return
		}
		o.seen[key] = true
		o.out = append(o.out, o.observation(i, d, key, field, score, f))
	}
	for j := range d.Fields {
		f := &d.Fields[j]
		add(f.Name, f.Name, f)
	}
	for _, item := range d.LineItems {
		for j := range item.Fields {
			f := &item.Fields[j]
			add(client.LineItemFieldName(item.Index, f.Name), o.lineItemName(f.Name), f)
		}
	}
	for _, g := range d.GroundTruth {
		add(g.Name, o.fieldName(g.Name), nil)
	}
}

func (o *observer) observation(i int, d *client.Dataset, key, field string, score float64, f *client.Field) Observation {
	ob := Observation{Dataset: i, Key: key, Field: field, Score: score}
	if f != nil {
		ob.InExtraction = true
		ob.Confidence = f.Confidence
		if !f.Value.IsNull() {
			ob.HasValue = true
			ob.Extracted = f.Value.String()
		}
	}
	if v, ok := o.truth[key]; ok && !v.IsNull() && v.String() != "" {
		ob.HasTruth = true
		ob.Truth = v.String()
	}
	switch {
	case score >= 1:
		ob.Outcome = Correct
	case ob.HasTruth && !ob.HasValue:
		ob.Outcome = Missing
	case ob.HasValue && !ob.HasTruth:
		ob.Outcome = Spurious
	default:
		// Both present and scored below 1; or, oddly, neither present
		// and still scored below 1: the server says it is wrong.
		ob.Outcome = WrongValue
	}
	ob.ConfidentWrong = ob.InExtraction && score < 1 && ob.Confidence >= o.high
	return ob
}

// fieldName is the grouping name of a ground-truth key: line-item keys
// lose their index.
func (o *observer) fieldName(key string) string {
	rest, ok := strings.CutPrefix(key, "line_items[")
	if !ok {
		return key
	}
	_, name, ok := strings.Cut(rest, "].")
	if !ok || name == "" {
		return key
	}
	return o.lineItemName(name)
}

// lineItemName is "line_items.<name>", built once per name.
func (o *observer) lineItemName(name string) string {
	o.buf = append(append(o.buf[:0], "line_items."...), name...)
	if s, ok := o.names[string(o.buf)]; ok {
		return s
	}
	s := string(o.buf)
	o.names[s] = s
	return s
}
