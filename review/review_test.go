package review

import (
	"slices"
	"testing"

	"github.com/dxdash/dxdash/client"
)

// rowShape is a line row as "index: column=value ...", for comparing.
func rowShape(t *LineTable, r *LineRow) []string {
	var out []string
	for i := range r.Cells {
		out = append(out, t.Columns[r.Cols[i]]+"="+r.Cells[i].Value.String())
	}
	return out
}

func TestBuildGroupsLineItems(t *testing.T) {
	ds := client.Dataset{
		Fields: []client.Field{field("total", "30", 0.9)},
		LineItems: []client.LineItem{
			{Index: 2, Fields: []client.Field{field("qty", "3", 0.9), field("amount", "30", 0.9)}},
			{Index: 0, Fields: []client.Field{field("amount", "10", 0.9), field("description", "bolts", 0.9)}},
			{Index: 5}, // listed with no fields: still a row
			{Index: 0, Fields: []client.Field{field("qty", "1", 0.9), field("amount", "99", 0.9)}}, // index 0 again
		},
		GroundTruth: []client.GroundTruth{
			truth("line_items[0].qty", "1"), truth("line_items[0].unit_price", "10"), // a cell the item lacks
			truth("line_items[1].amount", "20"), // an item nothing was extracted for
			truth("po_number", "PO-7"),          // a header field nothing was extracted for
		},
		Accuracy: &client.Accuracy{FieldScores: map[string]float64{}},
	}
	rv := Build(&ds, DefaultThresholds)
	if !rv.Reviewed {
		t.Error("a dataset with accuracy is reviewed")
	}
	var header []string
	for _, f := range rv.Fields {
		header = append(header, f.Key)
	}
	if !slices.Equal(header, []string{"total", "po_number"}) {
		t.Errorf("header fields %q", header)
	}
	// Columns in the order first seen: item 2's, then item 0's, then the
	// ground truth's.
	if want := []string{"qty", "amount", "description", "unit_price"}; !slices.Equal(rv.Lines.Columns, want) {
		t.Errorf("columns %q, want %q", rv.Lines.Columns, want)
	}
	want := []struct {
		index int
		cells []string
	}{
		{0, []string{"qty=1", "amount=10", "description=bolts", "unit_price="}},
		{1, []string{"amount="}},
		{2, []string{"qty=3", "amount=30"}},
		{5, nil},
	}
	if len(rv.Lines.Rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rv.Lines.Rows), len(want))
	}
	for i, w := range want {
		r := &rv.Lines.Rows[i]
		if r.Index != w.index || !slices.Equal(rowShape(&rv.Lines, r), w.cells) {
			t.Errorf("row %d = #%d %q, want #%d %q", i, r.Index, rowShape(&rv.Lines, r), w.index, w.cells)
		}
		if !slices.IsSorted(r.Cols) {
			t.Errorf("row #%d: columns %v out of order", r.Index, r.Cols)
		}
	}
	row0 := &rv.Lines.Rows[0]
	if c := row0.Cell(3); c == nil || c.Key != "line_items[0].unit_price" || c.InExtraction || !c.InTruth {
		t.Errorf("row 0's unit_price cell: %+v", c)
	}
	if c := rv.Lines.Rows[2].Cell(2); c != nil {
		t.Errorf("row 2 has no description, got %+v", c)
	}
	if !slices.Equal(rv.Repeated, []string{"line_items[0].amount"}) {
		t.Errorf("Repeated %q", rv.Repeated)
	}
}

func TestBuildCounts(t *testing.T) {
	ds := referenceExample()
	ds.Fields[0].Confidence = 0.95
	ds.Fields = append(ds.Fields, field("note", "hello", 0.92))      // spurious, confidently wrong
	ds.Accuracy.FieldScores["note"] = 0                              //
	ds.LineItems[0].Fields[1].Confidence = 0.3                       // a match at low confidence: needs review
	ds.GroundTruth = append(ds.GroundTruth, truth("po_number", "P")) // never extracted, not scored
	rv := Build(&ds, DefaultThresholds)
	want := Counts{Fields: 7, Scored: 6, Matched: 3, Mismatched: 2, Missing: 1, ConfidentlyWrong: 1, NeedsReview: 4}
	if rv.Counts != want {
		t.Errorf("counts %+v, want %+v", rv.Counts, want)
	}
	var keys []string
	for f := range rv.All() {
		keys = append(keys, f.Key)
	}
	if want := []string{"invoice_number", "total_amount", "due_date", "note", "po_number",
		"line_items[0].description", "line_items[0].amount"}; !slices.Equal(keys, want) {
		t.Errorf("All() = %q, want %q", keys, want)
	}
	row := &rv.Lines.Rows[0]
	if row.Mismatch() || !row.NeedsReview() {
		t.Errorf("the line item: mismatch %v, needs review %v", row.Mismatch(), row.NeedsReview())
	}
}

func TestBuildUnreviewed(t *testing.T) {
	ds := referenceExample()
	ds.GroundTruth, ds.Accuracy = nil, nil
	rv := Build(&ds, DefaultThresholds)
	if rv.Reviewed || rv.Counts.Scored != 0 || rv.Counts.Matched != 0 || rv.Counts.Missing != 0 {
		t.Errorf("unreviewed: %+v", rv)
	}
	for f := range rv.All() {
		if f.Verdict != NotReviewed || f.ConfidentlyWrong {
			t.Errorf("%s: %v, confidently wrong %v", f.Key, f.Verdict, f.ConfidentlyWrong)
		}
	}
	// What still needs a look without ground truth: low confidence.
	if rv.Counts.NeedsReview != 2 {
		t.Errorf("needs review %d, want the 2 below the low threshold", rv.Counts.NeedsReview)
	}
}
