package webhook

import (
	"errors"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	ev, err := Parse(payload)
	if err != nil {
		t.Fatal(err)
	}
	want := Event{
		EventID: "evt_5c1d2e", Type: EventExtractionCompleted,
		CreatedAt: time.Date(2026, 4, 12, 9, 33, 41, 0, time.UTC),
		Data:      EventData{DatasetID: "ds_8f3k2j9q", Status: "complete"},
	}
	if !ev.CreatedAt.Equal(want.CreatedAt) || ev.EventID != want.EventID || ev.Type != want.Type || ev.Data != want.Data {
		t.Errorf("Parse = %+v, want %+v", ev, want)
	}

	future, err := Parse([]byte(`{"event_id": "evt_2", "type": "dataset.archived", "extra": [1], "data": {"dataset_id": "ds_1", "reason": "x"}}`))
	if err != nil || future.Type != "dataset.archived" || future.Data.DatasetID != "ds_1" {
		t.Errorf("unknown type and keys: %+v, %v", future, err)
	}

	for _, bad := range []string{
		``, `not json`, `[]`, `{"type": "extraction.failed"}`, `{"event_id": "evt_3"}`,
		`{"event_id": 7, "type": "extraction.failed"}`, `{"event_id": "evt_4", "type": "x", "created_at": "yesterday"}`,
	} {
		if _, err := Parse([]byte(bad)); !errors.Is(err, ErrMalformedEvent) {
			t.Errorf("Parse(%q) err = %v, want ErrMalformedEvent", bad, err)
		}
	}
	if _, err := Parse(make([]byte, MaxBodySize+1)); !errors.Is(err, ErrBodyTooLarge) {
		t.Errorf("oversized: err = %v", err)
	}
}
