package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

func benchField(name string, i int) Field {
	return Field{
		Name:        name,
		Value:       StringValue(fmt.Sprintf("value %d of %s", i, name)),
		Type:        "string",
		Confidence:  float64(i%100) / 100,
		BoundingBox: &BoundingBox{Page: 1 + i%3, Left: 0.1, Top: 0.2, Width: 0.3, Height: 0.02},
	}
}

// benchPage is a list page of 100 items as the API sends it.
func benchPage(tb testing.TB) []byte {
	created := time.Date(2026, 4, 12, 9, 31, 7, 0, time.UTC)
	page := Page{NextCursor: "eyJvZmZzZXQiOjEwMCwiZmlsdGVycyI6Imludm9pY2UifQ"}
	for i := range 100 {
		score, count, conf := 0.6, 12, 0.41
		page.Data = append(page.Data, Dataset{
			ID: fmt.Sprintf("ds_%08d", i), DocumentName: fmt.Sprintf("northwind-invoice-2026-%04d.pdf", i),
			CustomerID: "cus_northwind", DatasetType: TypeInvoice, Status: StatusComplete, IsVerified: i%2 == 0,
			PageCount: 2, CreatedAt: created, UpdatedAt: created.Add(time.Minute),
			Accuracy: &Accuracy{OverallAccuracy: &score}, FieldCount: &count, MinConfidence: &conf,
		})
	}
	return mustJSON(tb, page)
}

// benchDataset is a dataset with 200 fields and 50 line items of 4 fields,
// its ground truth and field scores.
func benchDataset(tb testing.TB) []byte {
	created := time.Date(2026, 4, 12, 9, 31, 7, 0, time.UTC)
	score := 0.87
	ds := Dataset{
		ID: "ds_8f3k2j9q", DocumentName: "big.pdf", CustomerID: "cus_northwind", DatasetType: TypeInvoice,
		Status: StatusComplete, IsVerified: true, PageCount: 40, CreatedAt: created, UpdatedAt: created,
		Accuracy: &Accuracy{OverallAccuracy: &score, FieldScores: map[string]float64{}},
	}
	for i := range 200 {
		f := benchField(fmt.Sprintf("field_%03d", i), i)
		ds.Fields = append(ds.Fields, f)
		ds.GroundTruth = append(ds.GroundTruth, GroundTruth{Name: f.Name, Value: f.Value})
		ds.Accuracy.FieldScores[f.Name] = 1
	}
	for i := range 50 {
		item := LineItem{Index: i}
		for _, name := range []string{"description", "quantity", "unit_price", "amount"} {
			f := benchField(name, i)
			item.Fields = append(item.Fields, f)
			ds.GroundTruth = append(ds.GroundTruth, GroundTruth{Name: LineItemFieldName(i, name), Value: f.Value})
			ds.Accuracy.FieldScores[LineItemFieldName(i, name)] = 1
		}
		ds.LineItems = append(ds.LineItems, item)
	}
	return mustJSON(tb, ds)
}

func mustJSON(tb testing.TB, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// decodeResponse is what the client does with a 2xx body: read it through
// the cap, then decode it.
func decodeResponse(raw []byte, v any) error {
	body, _, err := readCapped(bytes.NewReader(raw), maxSuccessBody, int64(len(raw)))
	if err != nil {
		return err
	}
	return (&Client{redactor: NewRedactor(testKey), apiKey: testKey}).decodeJSONObject(body, v)
}

func TestBenchmarkFixturesDecode(t *testing.T) {
	var page Page
	if err := decodeResponse(benchPage(t), &page); err != nil || len(page.Data) != 100 {
		t.Fatalf("page: %d items, %v", len(page.Data), err)
	}
	var ds Dataset
	if err := decodeResponse(benchDataset(t), &ds); err != nil || len(ds.Fields) != 200 || len(ds.LineItems) != 50 {
		t.Fatalf("dataset: %d fields, %d line items, %v", len(ds.Fields), len(ds.LineItems), err)
	}
	if got := ds.Fields[7].Value.String(); got != "value 7 of field_007" {
		t.Errorf("field value round-trips as %q", got)
	}
}

func BenchmarkDecodePage100(b *testing.B) {
	raw := benchPage(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		var page Page
		if err := decodeResponse(raw, &page); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeDataset200Fields50LineItems(b *testing.B) {
	raw := benchDataset(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		var ds Dataset
		if err := decodeResponse(raw, &ds); err != nil {
			b.Fatal(err)
		}
	}
}
