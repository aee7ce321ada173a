package stats

import (
	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/review"
)

// Outcome is a field's verdict: review's one scheme, which the detail view
// uses too.
//
// Deprecated: use review.Verdict. The names below stay until the stats view
// moves over.
type Outcome = review.Verdict

// The verdicts by the names stats has given them. A near miss of free text
// (review.NearMiss) is a wrong value too, and Figures counts it so.
//
// Deprecated: use review's names.
const (
	Correct    = review.Match
	WrongValue = review.Wrong
	Missing    = review.Missing
	Spurious   = review.Spurious
)

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

	Extracted    string // "" when nothing was extracted
	HasValue     bool   // a non-null value was extracted
	Truth        string // "" when there is none
	HasTruth     bool   // the truth has a non-null, non-empty value
	InExtraction bool   // the extraction lists the field (with a confidence)
	Score        float64
	Confidence   float64 // 0 when not in the extraction
	// InvalidConfidence: the extraction gives a confidence outside 0–1;
	// it is no prediction, so the calibration and the what-if drop it.
	InvalidConfidence bool
	Outcome           review.Verdict // never NotReviewed: every observation is scored
	ConfidentWrong    bool           // review's confidently wrong at the high threshold
}

// Correct reports a score of 1: the definition calibration uses.
func (o *Observation) Correct() bool { return o.Score >= 1 }

// Predicted reports a field whose confidence is a prediction: extracted
// with a value and a confidence in 0–1. Only these take part in the
// calibration and the what-if; a missing value's confidence (0.0 from the
// embedded API) predicts nothing, and counts as a miss beside them.
func (o *Observation) Predicted() bool {
	return o.InExtraction && o.HasValue && !o.InvalidConfidence
}

// Observe lists every scored field of every reviewed dataset, as review
// joins them. A dataset counts when it is complete, verified and has
// accuracy; a field counts when accuracy.field_scores scores it (a field the
// server did not score cannot be judged right or wrong). high is the
// confidence at or above which a field scoring below 1 is "confidently
// wrong".
//
// A field whose score lies outside 0–1 is a server's mistake, not a
// verdict: it is left out (review leaves it unscored), and ObserveCounting
// says how many were.
func Observe(datasets []client.Dataset, high float64) []Observation {
	obs, _ := ObserveCounting(datasets, high)
	return obs
}

// ObserveCounting is Observe, with the number of fields left out for a
// score outside 0–1.
func ObserveCounting(datasets []client.Dataset, high float64) (obs []Observation, invalidScores int) {
	o := observer{
		// Stats judge confidently wrong alone: the other thresholds, and so
		// the fields' confidence levels, go unused.
		th:    review.Thresholds{High: high},
		names: make(map[string]string),
	}
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
	return o.out, o.invalidScores
}

// Reviewed reports whether a dataset takes part in the analytics.
func Reviewed(d *client.Dataset) bool {
	return d.Status == client.StatusComplete && d.IsVerified && d.Accuracy != nil && len(d.Accuracy.FieldScores) > 0
}

type observer struct {
	th    review.Thresholds
	join  review.Joiner
	out   []Observation
	names map[string]string // line-item field name → "line_items.<name>", shared
	buf   []byte
	// invalidScores counts the fields scored outside 0–1, left out.
	invalidScores int
}

func (o *observer) dataset(i int, d *client.Dataset) {
	if !Reviewed(d) {
		return
	}
	fields := o.join.Join(d, o.th)
	for j := range fields {
		switch f := &fields[j]; {
		case f.Scored:
			o.out = append(o.out, o.observation(i, f))
		case f.InvalidScore:
			o.invalidScores++
		}
	}
}

func (o *observer) observation(i int, f *review.Field) Observation {
	ob := Observation{
		Dataset: i, Key: f.Key, Field: f.Key,
		Extracted: f.Value.String(), HasValue: f.HasValue(),
		InExtraction: f.InExtraction, Score: f.Score, Confidence: f.Confidence,
		Outcome: f.Verdict, ConfidentWrong: f.ConfidentlyWrong, InvalidConfidence: f.InvalidConfidence,
	}
	if f.IsLineItem() {
		ob.Field = o.lineItemName(f.Name)
	}
	if f.HasTruthValue() {
		ob.HasTruth = true
		ob.Truth = f.Truth.String()
	}
	return ob
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
