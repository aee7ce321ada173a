package webhook

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Event types the API sends. Others may appear; Parse keeps them as they are.
const (
	EventExtractionCompleted = "extraction.completed"
	EventMatchingCompleted   = "matching.completed"
	EventExtractionFailed    = "extraction.failed"
)

// Event is one webhook delivery.
type Event struct {
	// EventID is the idempotency key: a retried delivery carries the same.
	EventID   string    `json:"event_id"`
	Type      string    `json:"type"`
	CreatedAt time.Time `json:"created_at"`
	Data      EventData `json:"data"`
}

// EventData names the dataset the event is about.
type EventData struct {
	DatasetID string `json:"dataset_id"`
	Status    string `json:"status"`
}

// ErrMalformedEvent wraps every reason Parse refuses a payload.
var ErrMalformedEvent = errors.New("webhook: malformed event")

// Parse reads a delivery's payload. Verify it first: an unsigned payload is
// not to be trusted, its event_id included. It is read strictly: key names
// are exact (EVENT_ID is not event_id), and a key given twice in an object
// is refused, since parsers disagree on which one counts. Other unknown
// keys are ignored; an event without event_id or type is refused.
func Parse(body []byte) (Event, error) {
	if len(body) > MaxBodySize {
		return Event{}, ErrBodyTooLarge
	}
	if err := checkKeys(body); err != nil {
		return Event{}, fmt.Errorf("%w: %v", ErrMalformedEvent, err)
	}
	var ev Event
	if err := json.Unmarshal(body, &ev); err != nil {
		return Event{}, fmt.Errorf("%w: %v", ErrMalformedEvent, err)
	}
	switch {
	case ev.EventID == "":
		return Event{}, fmt.Errorf("%w: no event_id", ErrMalformedEvent)
	case ev.Type == "":
		return Event{}, fmt.Errorf("%w: no type", ErrMalformedEvent)
	}
	return ev, nil
}
