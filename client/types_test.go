package client

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"testing"
	"time"
)

func TestGetDatasetDecodesTheReferenceExample(t *testing.T) {
	raw, err := os.ReadFile("testdata/dataset.json")
	if err != nil {
		t.Fatal(err)
	}
	c := newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req_get_1")
		w.Write(raw)
	}))
	ds, err := c.GetDataset(context.Background(), "ds_8f3k2j9q")
	if err != nil {
		t.Fatal(err)
	}

	if ds.ID != "ds_8f3k2j9q" || ds.DatasetType != TypeInvoice || ds.Status != StatusComplete || !ds.IsVerified || ds.PageCount != 2 {
		t.Errorf("header fields wrong: %+v", ds)
	}
	if want := time.Date(2026, 4, 12, 9, 33, 41, 0, time.UTC); !ds.UpdatedAt.Equal(want) {
		t.Errorf("UpdatedAt = %v, want %v", ds.UpdatedAt, want)
	}
	if len(ds.Fields) != 5 {
		t.Fatalf("%d fields, want 5", len(ds.Fields))
	}
	total := ds.Fields[1]
	if total.Value.String() != "1320.00" || total.Confidence != 0.41 || total.BoundingBox == nil || total.BoundingBox.Page != 2 || total.BoundingBox.Left != 0.70 {
		t.Errorf("total_amount = %+v", total)
	}
	due := ds.Fields[2]
	if !due.Value.IsNull() || due.Value.String() != "" || due.BoundingBox != nil {
		t.Errorf("due_date should be null with no box: %+v", due)
	}
	if q, paid := ds.Fields[3].Value, ds.Fields[4].Value; q.String() != "12.5" || q.IsNull() || paid.String() != "false" {
		t.Errorf("scalar values render as %q and %q, want 12.5 and false", q, paid)
	}
	if len(ds.LineItems) != 1 || len(ds.LineItems[0].Fields) != 2 || ds.LineItems[0].Fields[0].Value.String() != "Steel brackets, 40mm" {
		t.Errorf("line items = %+v", ds.LineItems)
	}
	if len(ds.GroundTruth) != 5 || ds.GroundTruth[1].Value.String() != "1230.00" {
		t.Errorf("ground truth = %+v", ds.GroundTruth)
	}
	overall, ok := ds.OverallAccuracy()
	if !ok || overall != 0.6 {
		t.Errorf("OverallAccuracy = %v, %v; want 0.6, true", overall, ok)
	}
	name := LineItemFieldName(0, "amount")
	if score, ok := ds.Accuracy.FieldScores[name]; !ok || score != 1.0 {
		t.Errorf("field score %s = %v, %v", name, score, ok)
	}
}

// TestUnreviewedIsNotZeroPercent: accuracy null must read as "no score",
// never as 0 %.
func TestUnreviewedIsNotZeroPercent(t *testing.T) {
	c := newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"data": [
			{"id": "ds_a", "status": "processing", "is_verified": false, "accuracy": null, "field_count": 0, "min_confidence": null},
			{"id": "ds_b", "status": "complete", "is_verified": true, "accuracy": {"overall_accuracy": 0.0}, "field_count": 7, "min_confidence": 0.41}
		], "next_cursor": null}`))
	}))
	page, err := c.ListDatasets(context.Background(), ListParams{})
	if err != nil {
		t.Fatal(err)
	}
	if page.NextCursor != "" || len(page.Data) != 2 {
		t.Fatalf("page = %+v", page)
	}
	unreviewed, reviewed := page.Data[0], page.Data[1]
	if _, ok := unreviewed.OverallAccuracy(); ok {
		t.Error("accuracy null reads as a score")
	}
	if unreviewed.MinConfidence != nil {
		t.Error("min_confidence null reads as a number")
	}
	if score, ok := reviewed.OverallAccuracy(); !ok || score != 0 {
		t.Errorf("a real 0.0 accuracy reads as %v, %v", score, ok)
	}
	if reviewed.FieldCount == nil || *reviewed.FieldCount != 7 || reviewed.MinConfidence == nil || *reviewed.MinConfidence != 0.41 {
		t.Errorf("list-only fields = %v, %v", reviewed.FieldCount, reviewed.MinConfidence)
	}
}

func TestValueDecodesAnyScalar(t *testing.T) {
	tests := []struct {
		json, text, back string
		null             bool
	}{
		{`"INV-2026-0412"`, "INV-2026-0412", `"INV-2026-0412"`, false},
		{`"Müller und Söhne"`, "Müller und Söhne", `"Müller und Söhne"`, false},
		{`"line\nbreak \"quoted\" \u00fc"`, "line\nbreak \"quoted\" ü", `"line\nbreak \"quoted\" ü"`, false},
		{"\"bad \xff byte\"", "bad \uFFFD byte", "\"bad \uFFFD byte\"", false},
		{`""`, "", `""`, false},
		{`1320.5`, "1320.5", `1320.5`, false},
		{`-3e2`, "-3e2", `-3e2`, false},
		{`true`, "true", `true`, false},
		{`null`, "", `null`, true},
		{`{"amount": 1, "currency": "EUR"}`, `{"amount":1,"currency":"EUR"}`, `{"amount":1,"currency":"EUR"}`, false},
	}
	for _, tt := range tests {
		var f struct {
			Value Value `json:"value"`
		}
		if err := json.Unmarshal([]byte(`{"value": `+tt.json+`}`), &f); err != nil {
			t.Errorf("%s: %v", tt.json, err)
			continue
		}
		if f.Value.String() != tt.text || f.Value.IsNull() != tt.null {
			t.Errorf("%s decodes to %q (null %v), want %q (null %v)", tt.json, f.Value, f.Value.IsNull(), tt.text, tt.null)
		}
		back, err := json.Marshal(f.Value)
		if err != nil || string(back) != tt.back {
			t.Errorf("%s marshals back to %s, %v; want %s", tt.json, back, err, tt.back)
		}
	}
}
