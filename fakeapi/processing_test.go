package fakeapi

import (
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
)

// The few datasets processing at the epoch are done 5 to 40 s after it, on
// the injected clock, whenever the server was started.
func TestProcessingDatasetsCompleteOnTheInjectedClock(t *testing.T) {
	h := newHarness(t, nil)
	processing := map[string]bool{}
	for _, d := range h.srv.Datasets() {
		if d.Status == client.StatusProcessing {
			processing[d.ID] = true
			detail := h.detail(d.ID)
			if len(detail.Fields) != 0 || len(detail.LineItems) != 0 || !detail.UpdatedAt.Equal(detail.CreatedAt) {
				t.Errorf("processing %s has fields or was updated: %+v", d.ID, detail)
			}
		}
	}
	if len(processing) != DefaultDatasetCount/statusCycle {
		t.Fatalf("%d datasets processing at start, want 2 %% of %d", len(processing), DefaultDatasetCount)
	}

	completed := map[string]time.Duration{}
	for elapsed := time.Duration(0); elapsed <= 41*time.Second; elapsed += time.Second {
		for _, d := range h.srv.Datasets() {
			if !processing[d.ID] {
				continue
			}
			_, done := completed[d.ID]
			switch {
			case d.Status == client.StatusComplete && !done:
				completed[d.ID] = elapsed
			case d.Status == client.StatusProcessing && done:
				t.Fatalf("%s went back to processing at %v", d.ID, elapsed)
			}
		}
		h.clock.Advance(time.Second)
	}
	if len(completed) != len(processing) {
		t.Fatalf("%d of %d completed within 41 s", len(completed), len(processing))
	}
	first, last := 41*time.Second, time.Duration(0)
	for id, at := range completed {
		first, last = min(first, at), max(last, at)
		if at < 5*time.Second {
			t.Errorf("%s completed after only %v", id, at)
		}
		d := h.detail(id)
		if d.Status != client.StatusComplete || len(d.Fields) == 0 || !d.UpdatedAt.After(d.CreatedAt) {
			t.Errorf("completed %s: status %s, %d fields, updated %v", id, d.Status, len(d.Fields), d.UpdatedAt)
		}
	}
	if first == last {
		t.Errorf("every dataset completed at %v: completion times should spread", first)
	}
	for _, d := range h.srv.Datasets() {
		if processing[d.ID] && (d.MinConfidence == nil || *d.FieldCount == 0 || d.IsVerified) {
			t.Errorf("completed %s: field_count %d, min_confidence %v, verified %v", d.ID, *d.FieldCount, d.MinConfidence, d.IsVerified)
		}
	}
}
