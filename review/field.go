package review

import (
	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/match"
)

// Field is one field of a dataset joined with its ground truth and score:
// a header field, a line-item cell, or ground truth nothing was extracted
// for. The values are as the server sent them.
type Field struct {
	Key      string // the name ground_truth and field_scores use
	Name     string // the field's own name: Key for a header field, "amount" for "line_items[3].amount"
	LineItem int    // the line item's index, or NoLineItem
	Type     string // as extracted; "string" when the server gave none or nothing was extracted

	InExtraction bool         // the extraction lists it (else it is only in the ground truth)
	Value        client.Value // what was extracted; null for nothing
	Confidence   float64      // the extractor's; 0 when not in the extraction
	Box          *client.BoundingBox

	InTruth bool         // the ground truth names it
	Truth   client.Value // null when the ground truth says null or does not name it

	Scored bool // field_scores scores it with a number in 0–1
	Score  float64
	// InvalidScore: field_scores gives a number outside 0–1 (Score holds
	// it). It is no verdict: the field is NotReviewed, and shown as invalid.
	InvalidScore bool
	// InvalidConfidence: the extraction gives a confidence outside 0–1. It
	// is no prediction: the field is low (worth a look), never confidently
	// wrong, and left out of the minimum and the calibration.
	InvalidConfidence bool

	Verdict          Verdict
	Level            Level // LevelNone when not in the extraction
	ConfidentlyWrong bool  // Thresholds.ConfidentlyWrong
}

// IsLineItem reports a line-item cell.
func (f *Field) IsLineItem() bool { return f.LineItem != NoLineItem }

// HasValue reports that a non-null value was extracted.
func (f *Field) HasValue() bool { return !f.Value.IsNull() }

// HasTruthValue reports ground truth with something in it: named, not
// null, not empty. A value extracted where there is none is Spurious.
func (f *Field) HasTruthValue() bool {
	return f.InTruth && !f.Truth.IsNull() && f.Truth.String() != ""
}

// Mismatch reports a field scored short of a match.
func (f *Field) Mismatch() bool { return f.Verdict.Mismatch() }

// LowConfidence reports an extracted field below the low threshold.
func (f *Field) LowConfidence() bool { return f.Level == LevelLow }

// MediumConfidence reports an extracted field from the low threshold to
// below the medium one.
func (f *Field) MediumConfidence() bool { return f.Level == LevelMedium }

// NeedsReview is what a reviewer should look at: a mismatch, a value the
// extractor was unsure of, or one it was sure of and got wrong.
func (f *Field) NeedsReview() bool {
	return f.Mismatch() || f.LowConfidence() || f.ConfidentlyWrong
}

// Explain tells how a match's two texts are equal (match.Explain), for a
// note beside it; ok is false unless the field is a Match with a value on
// both sides.
func (f *Field) Explain() (eq match.Equivalence, ok bool) {
	if f.Verdict != Match || !f.HasValue() || !f.InTruth || f.Truth.IsNull() {
		return match.Unexplained, false
	}
	return match.Explain(f.Type, f.Value.String(), f.Truth.String()), true
}

// judge fills in the verdict and the confidence flags from the rest.
func (f *Field) judge(th Thresholds) {
	f.Verdict = Judge(f.Scored, f.Score, f.HasValue(), f.HasTruthValue())
	f.Level = LevelNone
	f.InvalidConfidence = f.InExtraction && !InUnit(f.Confidence)
	switch {
	case f.InvalidConfidence:
		f.Level = LevelLow
	case f.InExtraction:
		f.Level = th.Level(f.Confidence)
	}
	f.ConfidentlyWrong = th.ConfidentlyWrong(f.InExtraction && !f.InvalidConfidence, f.Verdict, f.Confidence)
}
