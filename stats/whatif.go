package stats

import (
	"cmp"
	"slices"
)

// WhatIf is what a threshold t for auto-accepting fields would do: fields
// with confidence ≥ t are accepted without review, the rest go to review.
// It counts the observations whose confidence is a prediction
// (Observation.Predicted); a field with nothing extracted has no value to
// accept and is counted beside, as Missing (it always goes to review), and
// one with a confidence outside 0–1 as Invalid.
type WhatIf struct {
	Threshold float64
	N         int     // fields with a value and a confidence in 0–1
	Missing   int     // nothing extracted
	Invalid   int     // a confidence outside 0–1
	Accepted  int     // confidence ≥ Threshold
	Share     float64 // Accepted / N; never rises as Threshold rises
	// ResidualError is the share of accepted fields scoring below 1: the
	// errors nobody would look at. 0 when nothing is accepted.
	ResidualError float64
	ToReview      int // N − Accepted
	Errors        int // accepted fields scoring below 1
}

// WhatIfAt evaluates threshold t over the observations.
func WhatIfAt(obs []Observation, t float64) WhatIf {
	w := WhatIf{Threshold: t}
	for i := range obs {
		w.add(&obs[i])
	}
	w.finish()
	return w
}

// FieldWhatIf is one field name's what-if.
type FieldWhatIf struct {
	Field string
	WhatIf
}

// WhatIfByField evaluates t for each field name, highest residual error
// first, then by name.
func WhatIfByField(obs []Observation, t float64) []FieldWhatIf {
	at := make(map[string]int)
	var out []FieldWhatIf
	for i := range obs {
		o := &obs[i]
		j, ok := at[o.Field]
		if !ok {
			j = len(out)
			at[o.Field] = j
			out = append(out, FieldWhatIf{Field: o.Field, WhatIf: WhatIf{Threshold: t}})
		}
		out[j].add(o)
	}
	for i := range out {
		out[i].finish()
	}
	slices.SortFunc(out, func(a, b FieldWhatIf) int {
		return cmp.Or(cmp.Compare(b.ResidualError, a.ResidualError), cmp.Compare(a.Field, b.Field))
	})
	return out
}

func (w *WhatIf) add(o *Observation) {
	switch {
	case !o.HasValue:
		w.Missing++
		return
	case !o.Predicted():
		if o.InvalidConfidence {
			w.Invalid++
		}
		return
	}
	w.N++
	if o.Confidence >= w.Threshold {
		w.Accepted++
		if !o.Correct() {
			w.Errors++
		}
	}
}

func (w *WhatIf) finish() {
	w.ToReview = w.N - w.Accepted
	if w.N > 0 {
		w.Share = float64(w.Accepted) / float64(w.N)
	}
	if w.Accepted > 0 {
		w.ResidualError = float64(w.Errors) / float64(w.Accepted)
	}
}
