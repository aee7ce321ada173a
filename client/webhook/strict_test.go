package webhook

import (
	"errors"
	"strings"
	"testing"
)

const goodData = `"data": {"dataset_id": "ds_1", "status": "complete"}`

// TestParseIsStrictAboutKeys: a signed payload is read one way only.
// encoding/json alone would accept every one of these, reading EVENT_ID
// as event_id, or the last of two event_ids.
func TestParseIsStrictAboutKeys(t *testing.T) {
	for name, body := range map[string]string{
		"EVENT_ID":                   `{"EVENT_ID": "evt_1", "type": "extraction.completed", ` + goodData + `}`,
		"Event_Id":                   `{"Event_Id": "evt_1", "type": "extraction.completed"}`,
		"TYPE":                       `{"event_id": "evt_1", "TYPE": "extraction.completed"}`,
		"Created_At":                 `{"event_id": "evt_1", "type": "x", "Created_At": "2026-04-12T09:33:41Z"}`,
		"DATA":                       `{"event_id": "evt_1", "type": "x", "DATA": {"dataset_id": "ds_1"}}`,
		"data.Dataset_ID":            `{"event_id": "evt_1", "type": "x", "data": {"Dataset_ID": "ds_1"}}`,
		"data.STATUS":                `{"event_id": "evt_1", "type": "x", "data": {"dataset_id": "ds_1", "STATUS": "failed"}}`,
		"long s folds to s":          `{"event_id": "evt_1", "type": "x", "data": {"dataset_id": "ds_1", "ſtatus": "failed"}}`,
		"both cases":                 `{"event_id": "evt_1", "EVENT_ID": "evt_2", "type": "x"}`,
		"event_id twice":             `{"event_id": "evt_1", "type": "x", "event_id": "evt_2"}`,
		"event_id twice, same value": `{"event_id": "evt_1", "event_id": "evt_1", "type": "x"}`,
		"type twice":                 `{"event_id": "evt_1", "type": "extraction.failed", "type": "extraction.completed"}`,
		"data twice":                 `{"event_id": "evt_1", "type": "x", "data": {"dataset_id": "ds_1"}, "data": {"dataset_id": "ds_2"}}`,
		"dataset_id twice":           `{"event_id": "evt_1", "type": "x", "data": {"dataset_id": "ds_1", "dataset_id": "ds_2"}}`,
		"twice, one escaped":         `{"event_id": "evt_1", "event\u005fid": "evt_2", "type": "x"}`,
		"twice in an unknown object": `{"event_id": "evt_1", "type": "x", "extra": [{"a": 1, "a": 2}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			ev, err := Parse([]byte(body))
			if !errors.Is(err, ErrMalformedEvent) {
				t.Fatalf("Parse = %+v, %v; want ErrMalformedEvent", ev, err)
			}
			if msg := err.Error(); !strings.Contains(msg, "twice") && !strings.Contains(msg, "exact") {
				t.Errorf("error %q does not say what is wrong", msg)
			}
		})
	}
}

// TestParseStillTakesUnknownKeysAndEscapes: strictness is about the
// payload's own names; a key the API may add one day, an escaped name, a
// name that merely contains ours, and the same key in two objects are fine.
func TestParseStillTakesUnknownKeysAndEscapes(t *testing.T) {
	body := `{"event\u005fid": "evt_1", "type": "extraction.completed", "event_ids": ["x"], "Kind": 1,
		"meta": {"type": "inner", "TYPE": "not ours"}, "data": {"dataset_id": "ds_1", "status": "complete", "Reason": "x"}}`
	ev, err := Parse([]byte(body))
	if err != nil || ev.EventID != "evt_1" || ev.Type != EventExtractionCompleted || ev.Data.DatasetID != "ds_1" {
		t.Errorf("Parse = %+v, %v", ev, err)
	}
}

func TestAKeyInAnErrorIsCutShort(t *testing.T) {
	long := strings.Repeat("k", 10_000)
	_, err := Parse([]byte(`{"` + long + `": 1, "` + long + `": 2}`))
	if !errors.Is(err, ErrMalformedEvent) || len(err.Error()) > 200 {
		t.Errorf("err = %.300v (%d bytes), want a short ErrMalformedEvent", err, len(err.Error()))
	}
}
