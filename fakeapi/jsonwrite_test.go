package fakeapi

import (
	"bytes"
	"math"
	"testing"
)

func TestFastJSONMatchesEncodingJSON(t *testing.T) {
	h := newHarness(t, nil)
	now := h.clock.Now().Unix()
	c := h.srv.corpus
	same := func(what string, payload any) {
		t.Helper()
		fast, std := encodeJSON(payload), encodeWithStdlib(payload)
		if !bytes.Equal(fast, std) {
			t.Fatalf("%s: the fast writer differs from encoding/json:\n%s\n%s", what, fast, std)
		}
	}
	for i := range c.records {
		same(c.records[i].id, c.detail(&c.records[i], now))
	}
	page := pageJSON{}
	for i := range c.records {
		page.Data = append(page.Data, summaryWire(c.summary(&c.records[i], now)))
	}
	same("the whole corpus as one page", page)
	next := "AQ-_cursor"
	same("a page with a cursor", pageJSON{Data: page.Data[:1], NextCursor: &next})
	same("an empty page", pageJSON{Data: []datasetSummaryJSON{}})

	// Strings and numbers the corpus does not have, but a writer must handle.
	odd := "quote\" backslash\\ tab\t newline\n nul\x00 bell\x07 <html>&amp; é € \u2028\u2029 bad\xff\xfe utf8 \U0001F600"
	box := &boundingBox{Page: 3, Left: 1e-7, Top: 0, Width: 1, Height: 0.1 + 0.2}
	weird := datasetDetailJSON{
		datasetJSON: datasetJSON{ID: odd, DocumentName: odd, CreatedAt: "x", UpdatedAt: "y"},
		Fields:      []fieldJSON{{Name: odd, Value: &odd, Type: odd, Confidence: 1e-9, BoundingBox: box}, {Name: "n", Confidence: math.MaxFloat64}},
		LineItems:   []lineItemJSON{{Index: 7, Fields: []fieldJSON{}}},
		GroundTruth: []groundTruthJSON{{Name: odd, Value: &odd}, {Name: "null"}},
		Accuracy:    &accuracyJSON{OverallAccuracy: 2.5e-8, FieldScores: fieldScoresJSON{{name: odd, score: 1}, {name: "b", score: 1.0 / 3}}},
	}
	same("odd strings and floats", weird)
}
