package stats

import (
	"cmp"
	"slices"

	"github.com/dxdash/dxdash/review"
)

// Figures are the accuracy figures of a set of observations: one field
// name, one customer, one dataset type, or everything.
type Figures struct {
	N          int     // fields observed
	MeanScore  float64 // mean of the scores: the accuracy
	ExactRate  float64 // share scoring 1
	Wrong      int     // wrong values, near misses of free text included
	Missing    int
	Spurious   int
	Extracted  int     // observations whose confidence is a prediction (Observation.Predicted)
	MeanConf   float64 // mean confidence over the Extracted ones; 0 when none
	ConfWrong  int     // confidently wrong
	exact      int
	scoreSum   float64
	confidence float64
}

// add counts one observation in.
func (f *Figures) add(o *Observation) {
	f.N++
	f.scoreSum += o.Score
	if o.Score >= 1 {
		f.exact++
	}
	switch o.Outcome {
	case review.Wrong, review.NearMiss:
		f.Wrong++
	case review.Missing:
		f.Missing++
	case review.Spurious:
		f.Spurious++
	}
	if o.Predicted() {
		f.Extracted++
		f.confidence += o.Confidence
	}
	if o.ConfidentWrong {
		f.ConfWrong++
	}
}

// finish turns the sums into means.
func (f *Figures) finish() {
	if f.N > 0 {
		f.MeanScore = f.scoreSum / float64(f.N)
		f.ExactRate = float64(f.exact) / float64(f.N)
	}
	if f.Extracted > 0 {
		f.MeanConf = f.confidence / float64(f.Extracted)
	}
}

// FieldFigures are one field name's figures.
type FieldFigures struct {
	Field string
	Figures
}

// ByField gives the figures of every field name, worst first: lowest mean
// score, then most confidently wrong, then by name.
func ByField(obs []Observation) []FieldFigures {
	at := make(map[string]int)
	var out []FieldFigures
	for i := range obs {
		o := &obs[i]
		j, ok := at[o.Field]
		if !ok {
			j = len(out)
			at[o.Field] = j
			out = append(out, FieldFigures{Field: o.Field})
		}
		out[j].add(o)
	}
	for i := range out {
		out[i].finish()
	}
	slices.SortFunc(out, func(a, b FieldFigures) int {
		return cmp.Or(cmp.Compare(a.MeanScore, b.MeanScore), cmp.Compare(b.ConfWrong, a.ConfWrong), cmp.Compare(a.Field, b.Field))
	})
	return out
}

// Overall gives the figures of all observations together.
func Overall(obs []Observation) Figures {
	var f Figures
	for i := range obs {
		f.add(&obs[i])
	}
	f.finish()
	return f
}

// Failures are the observations of field that did not score 1, worst
// first (lowest score, then highest confidence), then in dataset order.
func Failures(obs []Observation, field string) []Observation {
	var out []Observation
	for i := range obs {
		if obs[i].Field == field && obs[i].Score < 1 {
			out = append(out, obs[i])
		}
	}
	slices.SortStableFunc(out, func(a, b Observation) int {
		return cmp.Or(cmp.Compare(a.Score, b.Score), cmp.Compare(b.Confidence, a.Confidence))
	})
	return out
}

// ConfidentlyWrong lists every confidently wrong observation, highest
// confidence first; ties keep dataset order.
func ConfidentlyWrong(obs []Observation) []Observation {
	var out []Observation
	for i := range obs {
		if obs[i].ConfidentWrong {
			out = append(out, obs[i])
		}
	}
	slices.SortStableFunc(out, func(a, b Observation) int { return cmp.Compare(b.Confidence, a.Confidence) })
	return out
}
