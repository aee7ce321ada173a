package fakeapi

import (
	"testing"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/review"
)

// The demo corpus (the default config, what `dxdash --demo` serves): for
// every dataset the minimum confidence a client computes from the detail,
// by review's one rule, is the list item's min_confidence, so MIN CONF reads
// the same before and after a dataset is opened.
func TestDemoCorpusMinConfidenceAgreesWithTheDetail(t *testing.T) {
	h := newHarness(t, nil)
	summaries := h.srv.Datasets()
	if len(summaries) != DefaultDatasetCount {
		t.Fatalf("%d datasets, want the demo's %d", len(summaries), DefaultDatasetCount)
	}
	complete, missing := 0, 0
	for _, s := range summaries {
		d, ok := h.srv.Dataset(s.ID)
		if !ok {
			t.Fatalf("Dataset(%s) not found", s.ID)
		}
		floor := review.MinConfidence(&d)
		lowest, has := floor.Min()
		switch {
		case s.Status != client.StatusComplete:
			if s.MinConfidence != nil {
				t.Errorf("%s is %s but has min_confidence %v", s.ID, s.Status, *s.MinConfidence)
			}
			continue
		case !has && s.MinConfidence != nil:
			t.Errorf("%s: no field has a value, yet min_confidence %v", s.ID, *s.MinConfidence)
		case has && (s.MinConfidence == nil || *s.MinConfidence != lowest):
			t.Errorf("%s: min_confidence %v, the detail's minimum %v", s.ID, s.MinConfidence, lowest)
		}
		complete++
		if floor.Missing > 0 {
			missing++
		}
		if floor.Invalid > 0 {
			t.Errorf("%s: %d confidences outside 0–1 in the demo corpus", s.ID, floor.Invalid)
		}
	}
	// The point of the rule: many demo datasets miss a field, and their
	// minimum is no longer 0.00.
	if complete == 0 || missing == 0 {
		t.Fatalf("%d complete datasets, %d with a field not extracted: the walk proves nothing", complete, missing)
	}
	t.Logf("%d complete datasets, %d with a field not extracted", complete, missing)
}
