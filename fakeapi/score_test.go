package fakeapi

import (
	"math"
	"testing"

	"github.com/dxdash/dxdash/client"
)

func TestScoreField(t *testing.T) {
	null := client.Value{}
	v := client.StringValue
	cases := []struct {
		typ             string
		extracted, want client.Value
		score           float64
	}{
		{"string", null, null, 1},
		{"string", null, v("INV-1"), 0},
		{"string", v("INV-1"), null, 0},
		{"string", v("INV-2026-0412"), v("INV-2026-0412"), 1},
		{"string", v("  inv-2026-0412 "), v("INV-2026-0412"), 1},
		{"string", v("INV-2026-0421"), v("INV-2026-0412"), 0}, // an identifier: no partial credit
		{"string", v("INV-2026-O412"), v("INV-2026-0412"), 0},
		{"string", v("Steel  Brackets, 40mm"), v("steel brackets, 40mm"), 1},
		{"string", v("Steel brackets, 4Omm"), v("Steel brackets, 40mm"), 1 - 1.0/20},
		{"string", v("Acne Corporation"), v("Acme Corporation"), 1 - 1.0/16},
		{"address", v("2200 Harbor Blvd, Seattle"), v("2200 Harbor Blvd, Seattle, WA"), 1 - 4.0/29},
		{"address", v("Industriestrasse 12"), v("Industriestraße 12"), 1 - 2.0/19}, // counted in runes
		{"amount", v("1,234.50"), v("1234.5"), 1},
		{"amount", v("$1,234.50"), v("1234.50"), 1},
		{"amount", v("1234.50 EUR"), v("1234.50"), 1},
		{"amount", v("1320.00"), v("1230.00"), 0},
		{"amount", v("l230.00"), v("1230.00"), 0},
		{"amount", v("1.234,50"), v("1234.5"), 0}, // the contract reads commas as grouping only
		{"number", v("12.0"), v("12"), 1},
		{"number", v("7.5"), v("75"), 0},
		{"date", v("12.04.2026"), v("2026-04-12"), 1},
		{"date", v("04/12/2026"), v("2026-04-12"), 1},
		{"date", v("12 Apr 2026"), v("2026-04-12"), 1},
		{"date", v("April 12, 2026"), v("2026-04-12"), 1},
		{"date", v("12/04/2026"), v("2026-04-12"), 0}, // day first: read as 4 December
		{"date", v("2026-04-17"), v("2026-04-12"), 0},
		{"date", v("soon"), v("2026-04-12"), 0},
		{"boolean", v("Yes"), v("true"), 1},
		{"boolean", v("No"), v("true"), 0},
		{"boolean", v("x"), v("true"), 1}, // a ticked box
		{"currency", v("eur"), v("EUR"), 1},
		{"currency", v("€"), v("EUR"), 1},
		{"currency", v("$"), v("USD"), 0},
		{"currency", v("USD"), v("CAD"), 0},
		{"mystery", v("Acne"), v("Acme"), 0.75}, // unknown types score as string
	}
	for _, c := range cases {
		got := ScoreField(c.typ, c.extracted, c.want)
		if math.Abs(got-c.score) > 1e-12 {
			t.Errorf("ScoreField(%s, %q, %q) = %v, want %v", c.typ, c.extracted.String(), c.want.String(), got, c.score)
		}
	}
}

// The example of api-reference Part 2 scores as the reference says.
func TestScoreExtractionReferenceExample(t *testing.T) {
	v := client.StringValue
	fields := []client.Field{
		{Name: "invoice_number", Value: v("INV-2026-0412"), Type: "string"},
		{Name: "total_amount", Value: v("1320.00"), Type: "amount"},
		{Name: "due_date", Type: "date"},
	}
	items := []client.LineItem{{Index: 0, Fields: []client.Field{
		{Name: "description", Value: v("Steel brackets, 40mm"), Type: "string"},
		{Name: "amount", Value: v("240.00"), Type: "amount"},
	}}}
	truth := []client.GroundTruth{
		{Name: "invoice_number", Value: v("INV-2026-0412")},
		{Name: "total_amount", Value: v("1230.00")},
		{Name: "due_date", Value: v("2026-05-12")},
		{Name: "line_items[0].description", Value: v("Steel brackets, 40mm")},
		{Name: "line_items[0].amount", Value: v("240.00")},
	}
	acc := ScoreExtraction(fields, items, truth)
	want := map[string]float64{"invoice_number": 1, "total_amount": 0, "due_date": 0,
		"line_items[0].description": 1, "line_items[0].amount": 1}
	if overall, _ := (client.Dataset{Accuracy: acc}).OverallAccuracy(); overall != 0.6 {
		t.Errorf("overall %v, want 0.6", overall)
	}
	if len(acc.FieldScores) != len(want) {
		t.Errorf("scores %v, want %v", acc.FieldScores, want)
	}
	for name, score := range want {
		if acc.FieldScores[name] != score {
			t.Errorf("%s scored %v, want %v", name, acc.FieldScores[name], score)
		}
	}
	// Reviewed values never extracted, and extracted ones never reviewed, score 0.
	acc = ScoreExtraction(fields[:1], nil, append(truth[:1:1], client.GroundTruth{Name: "po_number", Value: v("PO-1")}))
	if acc.FieldScores["po_number"] != 0 || *acc.OverallAccuracy != 0.5 {
		t.Errorf("a reviewed field never extracted: %v", acc.FieldScores)
	}
	if ScoreExtraction(fields, items, nil) != nil {
		t.Error("no ground truth must give no accuracy, not 0 %")
	}
}

// A ground-truth name given twice is scored against its first value, as
// package review joins it (this scorer used to keep the last); a field the
// extraction lists twice is scored once, by the first.
func TestScoreExtractionRepeatedNamesKeepTheFirst(t *testing.T) {
	v := client.StringValue
	fields := []client.Field{
		{Name: "total_amount", Value: v("1230.00"), Type: "amount"},
		{Name: "total_amount", Value: v("99.00"), Type: "amount"},
	}
	truth := []client.GroundTruth{
		{Name: "total_amount", Value: v("1230.00")}, {Name: "total_amount", Value: v("1320.00")},
		{Name: "po_number", Value: v("PO-1")}, {Name: "po_number", Value: v("PO-2")},
	}
	acc := ScoreExtraction(fields, nil, truth)
	want := map[string]float64{"total_amount": 1, "po_number": 0}
	if len(acc.FieldScores) != len(want) || acc.FieldScores["total_amount"] != 1 || acc.FieldScores["po_number"] != 0 {
		t.Errorf("scores %v, want %v", acc.FieldScores, want)
	}
	if *acc.OverallAccuracy != 0.5 {
		t.Errorf("overall %v, want 0.5: one score per name", *acc.OverallAccuracy)
	}
}
