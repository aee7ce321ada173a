package review

import (
	"slices"
	"testing"

	"github.com/dxdash/dxdash/client"
)

var v = client.StringValue

func field(name, value string, conf float64) client.Field {
	f := client.Field{Name: name, Type: "string", Confidence: conf}
	if value != "" {
		f.Value = v(value)
	}
	return f
}

func truth(name, value string) client.GroundTruth {
	return client.GroundTruth{Name: name, Value: v(value)}
}

// referenceExample is the dataset of api-reference Part 2.
func referenceExample() client.Dataset {
	overall := 0.6
	box := &client.BoundingBox{Page: 1, Left: 0.62, Top: 0.07, Width: 0.2, Height: 0.025}
	return client.Dataset{
		ID: "ds_8f3k2j9q", Status: client.StatusComplete, IsVerified: true, PageCount: 2,
		Fields: []client.Field{
			{Name: "invoice_number", Value: v("INV-2026-0412"), Type: "string", Confidence: 0.98, BoundingBox: box},
			{Name: "total_amount", Value: v("1320.00"), Type: "amount", Confidence: 0.41},
			{Name: "due_date", Type: "date"},
		},
		LineItems: []client.LineItem{{Index: 0, Fields: []client.Field{
			{Name: "description", Value: v("Steel brackets, 40mm"), Type: "string", Confidence: 0.93},
			{Name: "amount", Value: v("240.00"), Type: "amount", Confidence: 0.88},
		}}},
		GroundTruth: []client.GroundTruth{
			truth("invoice_number", "INV-2026-0412"), truth("total_amount", "1230.00"), truth("due_date", "2026-05-12"),
			truth("line_items[0].description", "Steel brackets, 40mm"), truth("line_items[0].amount", "240.00"),
		},
		Accuracy: &client.Accuracy{OverallAccuracy: &overall, FieldScores: map[string]float64{
			"invoice_number": 1, "total_amount": 0, "due_date": 0,
			"line_items[0].description": 1, "line_items[0].amount": 1,
		}},
	}
}

func TestJoinReferenceExample(t *testing.T) {
	ds := referenceExample()
	got := Join(&ds, DefaultThresholds)
	want := []struct {
		key, name string
		item      int
		verdict   Verdict
		level     Level
		cw        bool
	}{
		{"invoice_number", "invoice_number", NoLineItem, Match, LevelGood, false},
		{"total_amount", "total_amount", NoLineItem, Wrong, LevelLow, false},
		{"due_date", "due_date", NoLineItem, Missing, LevelLow, false},
		{"line_items[0].description", "description", 0, Match, LevelGood, false},
		{"line_items[0].amount", "amount", 0, Match, LevelGood, false},
	}
	if len(got) != len(want) {
		t.Fatalf("joined %d fields, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		f := got[i]
		if f.Key != w.key || f.Name != w.name || f.LineItem != w.item || f.Verdict != w.verdict || f.Level != w.level || f.ConfidentlyWrong != w.cw {
			t.Errorf("field %d = %s %q item %d %v %v cw=%v, want %+v", i, f.Key, f.Name, f.LineItem, f.Verdict, f.Level, f.ConfidentlyWrong, w)
		}
		if !f.InExtraction || !f.InTruth || !f.Scored {
			t.Errorf("%s: in extraction %v, in truth %v, scored %v: want all", f.Key, f.InExtraction, f.InTruth, f.Scored)
		}
	}
	if got[0].Box != ds.Fields[0].BoundingBox || got[1].Type != "amount" || got[2].HasValue() || got[2].Truth.String() != "2026-05-12" {
		t.Errorf("values not carried over: %+v", got[:3])
	}
}

// A ground-truth name given twice keeps its first value (what three of
// the four walks this package replaces did; fakeapi's scorer kept the
// last). The repeat is reported, once.
func TestJoinDuplicateGroundTruthKeepsTheFirst(t *testing.T) {
	ds := client.Dataset{
		Fields: []client.Field{field("total", "100", 0.95)},
		GroundTruth: []client.GroundTruth{
			truth("total", "100"), truth("total", "90"),
			truth("po_number", "PO-1"), truth("po_number", "PO-2"), truth("po_number", "PO-3"),
			truth("line_items[0].amount", "10"), truth("line_items[0].amount", "11"),
		},
		Accuracy: &client.Accuracy{FieldScores: map[string]float64{"total": 1, "po_number": 0, "line_items[0].amount": 0}},
	}
	var j Joiner
	got := j.Join(&ds, DefaultThresholds)
	truths := map[string]string{}
	for _, f := range got {
		truths[f.Key] = f.Truth.String()
	}
	want := map[string]string{"total": "100", "po_number": "PO-1", "line_items[0].amount": "10"}
	if len(got) != len(want) {
		t.Fatalf("joined %d fields, want one per name: %+v", len(got), got)
	}
	for key, value := range want {
		if truths[key] != value {
			t.Errorf("%s: truth %q, want the first, %q", key, truths[key], value)
		}
	}
	if r := j.Repeated(); !slices.Equal(r, []string{"total", "po_number", "po_number", "line_items[0].amount"}) {
		t.Errorf("Repeated() = %q", r)
	}
	if got[0].Verdict != Match {
		t.Errorf("total against its first truth: %v, want a match", got[0].Verdict)
	}
}

// A field the extraction lists twice, a line item index given twice, a
// cell named twice in one item: the first of each is the field.
func TestJoinDuplicateExtractionKeepsTheFirst(t *testing.T) {
	ds := client.Dataset{
		Fields: []client.Field{field("total", "100", 0.9), field("total", "90", 0.2)},
		LineItems: []client.LineItem{
			{Index: 0, Fields: []client.Field{field("amount", "1", 0.9), field("amount", "2", 0.9)}},
			{Index: 0, Fields: []client.Field{field("amount", "3", 0.9), field("qty", "4", 0.9)}},
		},
	}
	var j Joiner
	got := j.Join(&ds, DefaultThresholds)
	var keys, values []string
	for _, f := range got {
		keys = append(keys, f.Key)
		values = append(values, f.Value.String())
	}
	if !slices.Equal(keys, []string{"total", "line_items[0].amount", "line_items[0].qty"}) || !slices.Equal(values, []string{"100", "1", "4"}) {
		t.Errorf("joined %q = %q", keys, values)
	}
	if r := j.Repeated(); !slices.Equal(r, []string{"total", "line_items[0].amount", "line_items[0].amount"}) {
		t.Errorf("Repeated() = %q", r)
	}
}

// Ground truth nothing was extracted for comes last, in its own order: a
// line-item key is a cell of its item, any other name a header field.
func TestJoinGroundTruthOnly(t *testing.T) {
	ds := client.Dataset{
		Fields: []client.Field{field("total", "100", 0.9)},
		GroundTruth: []client.GroundTruth{
			truth("line_items[2].amount", "20"), truth("total", "100"), truth("po_number", "PO-1"),
			truth("line_items[01].amount", "5"), {Name: "notes"},
		},
		Accuracy: &client.Accuracy{FieldScores: map[string]float64{
			"total": 1, "line_items[2].amount": 0, "po_number": 0, "line_items[01].amount": 0, "notes": 1,
		}},
	}
	got := Join(&ds, DefaultThresholds)
	type joined struct {
		key, name string
		item      int
		verdict   Verdict
	}
	var have []joined
	for _, f := range got {
		have = append(have, joined{f.Key, f.Name, f.LineItem, f.Verdict})
		if f.Key != "total" && (f.InExtraction || f.Level != LevelNone || f.Type != "string" || f.ConfidentlyWrong) {
			t.Errorf("%s is only in the ground truth: %+v", f.Key, f)
		}
	}
	want := []joined{
		{"total", "total", NoLineItem, Match},
		{"line_items[2].amount", "amount", 2, Missing},
		{"po_number", "po_number", NoLineItem, Missing},
		{"line_items[01].amount", "line_items[01].amount", NoLineItem, Missing}, // not a key LineItemKey writes
		{"notes", "notes", NoLineItem, Match},                                   // null truth, nothing extracted: both null
	}
	if !slices.Equal(have, want) {
		t.Errorf("joined\n %+v\nwant\n %+v", have, want)
	}
}

func TestJoinVerdictsFromTheValues(t *testing.T) {
	ds := client.Dataset{
		Fields: []client.Field{
			field("note", "hello", 0.35), field("blank", "x", 0.5), field("nulltruth", "y", 0.95),
			field("vendor", "Acme Corp", 0.65), {Name: "untyped", Value: v("1")}, field("unscored", "", 0.5),
		},
		GroundTruth: []client.GroundTruth{truth("blank", ""), {Name: "nulltruth"}, truth("vendor", "Acme Corp.")},
		Accuracy: &client.Accuracy{FieldScores: map[string]float64{
			"note": 0, "blank": 0, "nulltruth": 0, "vendor": 0.5, "untyped": 0,
		}},
	}
	got := Join(&ds, DefaultThresholds)
	want := map[string]Verdict{
		"note": Spurious, "blank": Spurious, "nulltruth": Spurious, "vendor": NearMiss, "untyped": Spurious, "unscored": NotReviewed,
	}
	for _, f := range got {
		if f.Verdict != want[f.Key] {
			t.Errorf("%s: %v, want %v", f.Key, f.Verdict, want[f.Key])
		}
	}
	if got[2].Key != "nulltruth" || !got[2].ConfidentlyWrong || !got[2].InTruth || got[2].HasTruthValue() {
		t.Errorf("a value against a null truth at 0.95: %+v", got[2])
	}
	if got[4].Type != "string" {
		t.Errorf("a field with no type: %q, want string", got[4].Type)
	}
	if u := got[5]; u.NeedsReview() || u.Mismatch() || u.Level != LevelMedium {
		t.Errorf("an unscored null at 0.5 (on Low): needs review %v, mismatch %v, level %v", u.NeedsReview(), u.Mismatch(), u.Level)
	}
}

// Fields exactly on a threshold, through the join: "at or above" all the
// way to the flags.
func TestJoinFlagsOnEachThreshold(t *testing.T) {
	th := Thresholds{Low: 0.25, Medium: 0.5, High: 0.75}
	ds := client.Dataset{
		Fields: []client.Field{
			field("on_low", "a", 0.25), field("under_low", "a", below(0.25)),
			field("on_medium", "a", 0.5), field("under_medium", "a", below(0.5)),
			field("wrong_on_high", "a", 0.75), field("wrong_under_high", "a", below(0.75)),
			field("match_on_high", "a", 0.75),
		},
		GroundTruth: []client.GroundTruth{
			truth("on_low", "a"), truth("under_low", "a"), truth("on_medium", "a"), truth("under_medium", "a"),
			truth("wrong_on_high", "b"), truth("wrong_under_high", "b"), truth("match_on_high", "a"),
		},
		Accuracy: &client.Accuracy{FieldScores: map[string]float64{
			"on_low": 1, "under_low": 1, "on_medium": 1, "under_medium": 1,
			"wrong_on_high": 0, "wrong_under_high": 0, "match_on_high": 1,
		}},
	}
	want := map[string]struct {
		level       Level
		cw, low     bool
		needsReview bool
	}{
		"on_low":           {LevelMedium, false, false, false},
		"under_low":        {LevelLow, false, true, true},
		"on_medium":        {LevelGood, false, false, false},
		"under_medium":     {LevelMedium, false, false, false},
		"wrong_on_high":    {LevelGood, true, false, true},
		"wrong_under_high": {LevelGood, false, false, true}, // still a mismatch
		"match_on_high":    {LevelGood, false, false, false},
	}
	for _, f := range Join(&ds, th) {
		w := want[f.Key]
		if f.Level != w.level || f.ConfidentlyWrong != w.cw || f.LowConfidence() != w.low || f.NeedsReview() != w.needsReview {
			t.Errorf("%s at %v: level %v, confidently wrong %v, low %v, needs review %v; want %+v",
				f.Key, f.Confidence, f.Level, f.ConfidentlyWrong, f.LowConfidence(), f.NeedsReview(), w)
		}
		if f.MediumConfidence() != (w.level == LevelMedium) {
			t.Errorf("%s: MediumConfidence %v at level %v", f.Key, f.MediumConfidence(), f.Level)
		}
	}
}

// A Joiner reused across datasets carries nothing from one to the next.
func TestJoinerForgetsTheLastDataset(t *testing.T) {
	var j Joiner
	first := referenceExample()
	j.Join(&first, DefaultThresholds)
	second := client.Dataset{
		Fields:      []client.Field{field("invoice_number", "X", 0.99)},
		GroundTruth: []client.GroundTruth{truth("po_number", "PO-1"), truth("po_number", "PO-2")},
	}
	got := j.Join(&second, DefaultThresholds)
	if len(got) != 2 || got[0].InTruth || got[0].Scored || got[0].Verdict != NotReviewed || got[1].Key != "po_number" {
		t.Errorf("second dataset joined as %+v", got)
	}
	if r := j.Repeated(); !slices.Equal(r, []string{"po_number"}) {
		t.Errorf("Repeated() = %q", r)
	}
}

func TestFieldExplain(t *testing.T) {
	ds := client.Dataset{
		Fields: []client.Field{
			{Name: "subtotal", Value: v("1,234.50"), Type: "amount"}, {Name: "total", Value: v("12"), Type: "amount"},
			{Name: "due", Type: "date"},
		},
		GroundTruth: []client.GroundTruth{truth("subtotal", "1234.5"), truth("total", "13"), {Name: "due"}},
		Accuracy:    &client.Accuracy{FieldScores: map[string]float64{"subtotal": 1, "total": 0, "due": 1}},
	}
	got := Join(&ds, DefaultThresholds)
	if eq, ok := got[0].Explain(); !ok || eq.How() != "as numbers" {
		t.Errorf("subtotal: %v %v", eq, ok)
	}
	if _, ok := got[1].Explain(); ok {
		t.Error("a mismatch has nothing to explain")
	}
	if _, ok := got[2].Explain(); ok {
		t.Error("both null: no texts to explain")
	}
}
