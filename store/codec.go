package store

import (
	"encoding/json"
	"fmt"

	"github.com/dxdash/dxdash/client"
)

// A detail is stored as the dataset's JSON, as the API shapes it: the
// client's types read it back exactly (a value keeps its JSON kind), and a
// person can read it with the sqlite3 shell.

func encodeDetail(d client.Dataset) ([]byte, error) {
	d.FieldCount, d.MinConfidence = nil, nil // list-item fields: not part of a detail
	b, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encoding dataset %s: %w", d.ID, err)
	}
	return b, nil
}

func decodeDetail(b []byte) (client.Dataset, error) {
	var d client.Dataset
	if err := json.Unmarshal(b, &d); err != nil {
		return client.Dataset{}, fmt.Errorf("%w: a stored detail does not decode: %w", ErrCorrupt, err)
	}
	return d, nil
}

// ownFigures are a detail's field count and lowest confidence by the
// contract's rule: every header field and line-item cell counts; the
// lowest confidence is over those with a value (nil when none has one).
func ownFigures(d client.Dataset) (count int, minConf *float64) {
	visit := func(f *client.Field) {
		count++
		if f.Value.IsNull() {
			return
		}
		if minConf == nil || f.Confidence < *minConf {
			c := f.Confidence
			minConf = &c
		}
	}
	for i := range d.Fields {
		visit(&d.Fields[i])
	}
	for _, item := range d.LineItems {
		for i := range item.Fields {
			visit(&item.Fields[i])
		}
	}
	return count, minConf
}
