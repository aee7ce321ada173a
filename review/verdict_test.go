package review

import (
	"math"
	"testing"
)

func TestJudge(t *testing.T) {
	for _, tc := range []struct {
		name               string
		scored             bool
		score              float64
		hasValue, hasTruth bool
		want               Verdict
	}{
		{"no score", false, 0, true, true, NotReviewed},
		{"no score, nothing extracted", false, 0, false, true, NotReviewed},
		{"scored 1", true, 1, true, true, Match},
		{"both null, scored 1", true, 1, false, false, Match},
		{"a score above 1 is still a match", true, 1.5, true, true, Match},
		{"a hair under 1", true, below(1), true, true, NearMiss},
		{"partial credit", true, 0.5, true, true, NearMiss},
		{"scored 0", true, 0, true, true, Wrong},
		{"a negative score", true, -1, true, true, Wrong},
		{"NaN", true, math.NaN(), true, true, Wrong},
		{"nothing extracted", true, 0, false, true, Missing},
		{"nothing extracted, nothing true, scored 0", true, 0, false, false, Missing},
		{"a value where the truth has none", true, 0, true, false, Spurious},
		{"spurious with partial credit", true, 0.4, true, false, Spurious},
	} {
		if got := Judge(tc.scored, tc.score, tc.hasValue, tc.hasTruth); got != tc.want {
			t.Errorf("%s: Judge = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestVerdictMismatch(t *testing.T) {
	want := map[Verdict]bool{NotReviewed: false, Match: false, NearMiss: true, Wrong: true, Missing: true, Spurious: true}
	names := map[string]bool{}
	for v, mismatch := range want {
		if v.Mismatch() != mismatch {
			t.Errorf("%v.Mismatch() = %v", v, v.Mismatch())
		}
		if names[v.String()] {
			t.Errorf("%v: name used twice", v)
		}
		names[v.String()] = true
	}
}
