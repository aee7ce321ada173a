package review

import (
	"math"

	"github.com/dxdash/dxdash/client"
)

// InUnit reports a number that can be a confidence, a score or an
// accuracy: 0 to 1. NaN, infinities and anything outside are a server's
// mistake, not a figure: they are shown as invalid and left out of every
// sum.
func InUnit(x float64) bool { return x >= 0 && x <= 1 }

// Floor is a dataset's minimum confidence by the contract's one rule
// (api-reference, the list item's min_confidence): the lowest confidence
// among the fields that have a value, header fields and line-item cells
// alike. A field with a null value was not extracted: its confidence (0.0
// from the embedded API) is not a prediction, so it is counted apart, as
// Missing, never as a minimum of 0.00. A confidence outside 0–1 is counted
// apart too, as Invalid.
//
// The list, the detail, the stats, the export, the store and the embedded
// API's summaries all take the figure from here.
type Floor struct {
	Lowest  float64 // meaningful when Valued > 0
	Valued  int     // fields with a value and a confidence in 0–1
	Missing int     // fields with a null value
	Invalid int     // fields with a value and a confidence outside 0–1
}

// Observe counts one field in.
func (f *Floor) Observe(hasValue bool, confidence float64) {
	switch {
	case !hasValue:
		f.Missing++
	case !InUnit(confidence):
		f.Invalid++
	case f.Valued == 0 || confidence < f.Lowest:
		f.Lowest = confidence
		f.Valued++
	default:
		f.Valued++
	}
}

// Min is the minimum confidence, and false when no field has a value with
// a readable confidence.
func (f Floor) Min() (float64, bool) {
	if f.Valued == 0 {
		return math.NaN(), false
	}
	return f.Lowest, true
}

// Fields is how many fields were observed.
func (f Floor) Fields() int { return f.Valued + f.Missing + f.Invalid }

// MinConfidence observes every header field and line-item cell of a
// dataset as GET /datasets/{id} returns it.
func MinConfidence(ds *client.Dataset) Floor {
	var f Floor
	for i := range ds.Fields {
		f.Observe(!ds.Fields[i].Value.IsNull(), ds.Fields[i].Confidence)
	}
	for _, item := range ds.LineItems {
		for i := range item.Fields {
			f.Observe(!item.Fields[i].Value.IsNull(), item.Fields[i].Confidence)
		}
	}
	return f
}
