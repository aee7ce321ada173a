package fakeapi

import (
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
)

func livingHarness(t *testing.T, rates Rates) *harness {
	t.Helper()
	return newHarness(t, func(c *Config) {
		c.DatasetCount = 300
		c.Living = rates
	})
}

var testRates = Rates{ArrivalsPerHour: 60, ReviewsPerHour: 90}

// The account at a time is the same however the server got there: asked
// every minute, or only at the end; started at the epoch, or hours later.
func TestTheLivingAccountDependsOnlyOnSeedAndTime(t *testing.T) {
	often, once, late := livingHarness(t, testRates), livingHarness(t, testRates), livingHarness(t, testRates)
	late.clock.Advance(90 * time.Minute) // started late: the server never saw the first hours
	for range 3 * 60 {
		often.clock.Advance(time.Minute)
		often.srv.Datasets()
	}
	once.clock.Advance(3 * time.Hour)
	late.clock.Advance(90 * time.Minute)
	a, b, c := often.srv.Datasets(), once.srv.Datasets(), late.srv.Datasets()
	if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(a, c) {
		t.Fatal("three servers with the same seed disagree about the account at the same time")
	}
	if got, want := len(a), 300+3*60; got != want {
		t.Errorf("%d datasets after 3 h at 60 arrivals an hour, want %d", got, want)
	}
	if !reflect.DeepEqual(often.walk(url.Values{"limit": {"100"}}), a) {
		t.Error("walking the list does not give what Datasets gives")
	}
	from := DefaultEpoch
	if !reflect.DeepEqual(once.srv.Changes(from, from.Add(3*time.Hour)), late.srv.Changes(from, from.Add(3*time.Hour))) {
		t.Error("the change logs differ")
	}
}

// What Changes lists between two times is exactly what differs between the
// account at those times: new ids, and ids whose updated_at moved.
func TestChangesEnumerateWhatMoved(t *testing.T) {
	h := livingHarness(t, testRates)
	h.clock.Advance(30 * time.Minute)
	before := byID(h.srv.Datasets())
	t0 := h.clock.Now()
	h.clock.Advance(2 * time.Hour)
	t1 := h.clock.Now()
	after := byID(h.srv.Datasets())

	moved := map[string]bool{}
	for id, d := range after {
		if old, ok := before[id]; !ok || !old.UpdatedAt.Equal(d.UpdatedAt) {
			moved[id] = true
		}
	}
	logged := map[string]bool{}
	kinds := map[ChangeKind]int{}
	for _, ch := range h.srv.Changes(t0, t1) {
		logged[ch.DatasetID] = true
		kinds[ch.Kind]++
		if !ch.At.After(t0) || ch.At.After(t1) {
			t.Errorf("change %+v outside (%v, %v]", ch, t0, t1)
		}
		d := after[ch.DatasetID]
		switch ch.Kind {
		case Reviewed:
			if !d.IsVerified || d.Accuracy == nil || d.UpdatedAt.Before(ch.At) {
				t.Errorf("reviewed %s at %v, but now %+v", ch.DatasetID, ch.At, d)
			}
		case Failed:
			if d.Status != client.StatusFailed {
				t.Errorf("%s failed, but its status is %s", ch.DatasetID, d.Status)
			}
		}
	}
	if !reflect.DeepEqual(moved, logged) {
		t.Errorf("%d datasets moved, %d are in the change log", len(moved), len(logged))
	}
	if kinds[Arrived] != 120 || kinds[Completed]+kinds[Failed] < 115 || kinds[Reviewed] < 100 {
		t.Errorf("changes in 2 h at 60 arrivals and 90 reviews an hour: %v", kinds)
	}
}

// A review makes ground truth and accuracy appear on the detail, and the
// list's figure is the detail's.
func TestAReviewFillsInGroundTruthAndAccuracy(t *testing.T) {
	h := livingHarness(t, testRates)
	h.clock.Advance(time.Hour)
	var reviewed *Change
	for _, ch := range h.srv.Changes(DefaultEpoch, h.clock.Now()) {
		if ch.Kind == Reviewed {
			reviewed = &ch
			break
		}
	}
	if reviewed == nil {
		t.Fatal("no review in the first hour")
	}
	d := h.detail(reviewed.DatasetID)
	if !d.IsVerified || len(d.GroundTruth) == 0 || d.Accuracy == nil || len(d.Accuracy.FieldScores) == 0 {
		t.Fatalf("reviewed dataset has no review: %+v", d)
	}
	for _, s := range h.srv.Datasets() {
		if s.ID == d.ID {
			listed, _ := s.OverallAccuracy()
			detailed, _ := d.OverallAccuracy()
			if listed != detailed || !s.UpdatedAt.Equal(d.UpdatedAt) {
				t.Errorf("list says %v at %v, detail %v at %v", listed, s.UpdatedAt, detailed, d.UpdatedAt)
			}
		}
	}
}

// Arrivals show up at the top of the list, processing, then complete with
// fields; a cursor issued before an arrival still pages on correctly.
func TestArrivalsComeFirstAndDoNotShiftPages(t *testing.T) {
	h := livingHarness(t, Rates{ArrivalsPerHour: 120})
	h.clock.Advance(time.Hour)
	first := h.list(url.Values{"limit": {"50"}})
	h.clock.Advance(10 * time.Minute)
	next := h.list(url.Values{"limit": {"50"}, "cursor": {first.NextCursor}})
	all := h.walk(url.Values{"limit": {"100"}})
	if !reflect.DeepEqual(ids(next.Data), ids(all[70:120])) {
		t.Error("the page after the cursor is not the 50 after the first page's, shifted by the 20 arrivals")
	}
	newest := all[0]
	if !newest.CreatedAt.After(DefaultEpoch) || newest.Status != client.StatusProcessing && newest.UpdatedAt.Equal(newest.CreatedAt) {
		t.Errorf("newest dataset %+v", newest)
	}
	processing := 0
	for _, d := range all[:20] {
		if d.Status == client.StatusProcessing {
			processing++
			if len(h.detail(d.ID).Fields) != 0 {
				t.Errorf("%s has fields while processing", d.ID)
			}
		}
	}
	if processing == 0 || processing == 20 {
		t.Errorf("%d of the 20 newest arrivals processing: want some, not all", processing)
	}
}

// Zero rates keep the corpus still, for the tests that need one.
func TestZeroRatesKeepTheCorpusStill(t *testing.T) {
	h := livingHarness(t, Rates{})
	h.clock.Advance(time.Minute)
	a := h.srv.Datasets()
	h.clock.Advance(48 * time.Hour)
	if !reflect.DeepEqual(a, h.srv.Datasets()) {
		t.Error("the corpus moved with zero rates")
	}
}

func byID(ds []client.Dataset) map[string]client.Dataset {
	out := make(map[string]client.Dataset, len(ds))
	for _, d := range ds {
		out[d.ID] = d
	}
	return out
}
