package stats

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/review"
)

const high = 0.9

func field(name, value string, conf float64) client.Field {
	v := client.StringValue(value)
	if value == "" {
		v = client.Value{}
	}
	return client.Field{Name: name, Value: v, Type: "string", Confidence: conf}
}

func truth(name, value string) client.GroundTruth {
	return client.GroundTruth{Name: name, Value: client.StringValue(value)}
}

func reviewed(id, customer, typ string, created time.Time, fields []client.Field, items []client.LineItem, gt []client.GroundTruth, scores map[string]float64) client.Dataset {
	sum := 0.0
	for _, s := range scores {
		sum += s
	}
	overall := sum / float64(len(scores))
	return client.Dataset{
		ID: id, DocumentName: id + ".pdf", CustomerID: customer, DatasetType: typ,
		Status: client.StatusComplete, IsVerified: true, CreatedAt: created,
		Fields: fields, LineItems: items, GroundTruth: gt,
		Accuracy: &client.Accuracy{OverallAccuracy: &overall, FieldScores: scores},
	}
}

// fixture is a handful of datasets built by hand; the figures the tests
// expect are worked out in the comments beside them.
//
//	ds_0 cus_a invoice, Mon 2026-04-06
//	  invoice_number INV-1 @0.95 = INV-1        1   correct
//	  total          100   @0.92 ≠ 90           0   wrong value, confidently wrong
//	  due_date       null  @0.00 ≠ 2026-05-01   0   missing (in the extraction)
//	  line_items[0].amount 10 @0.85 = 10        1   correct
//	  line_items[1].amount (not extracted) ≠ 20 0   missing (truth only)
//	ds_1 cus_a receipt, Wed 2026-04-15
//	  invoice_number INV-2 @0.55 ≠ INV-3        0   wrong value
//	  total          50    @0.75 = 50           1   correct
//	  note           hello @0.35, no truth      0   spurious
//	  vendor    Acme Corp  @0.65 ≈ Acme Corp.   0.5 near miss (a wrong value in the figures)
//	ds_2 cus_b invoice, Tue 2026-04-07
//	  invoice_number INV-9 @0.99 = INV-9        1   correct
//	  total          12    @0.97 ≠ 13           0   wrong value, confidently wrong
//	ds_3 unverified, ds_4 processing: not counted.
func fixture() []client.Dataset {
	day := func(d int) time.Time { return time.Date(2026, 4, d, 10, 0, 0, 0, time.UTC) }
	return []client.Dataset{
		reviewed("ds_0", "cus_a", "invoice", day(6),
			[]client.Field{field("invoice_number", "INV-1", 0.95), field("total", "100", 0.92), field("due_date", "", 0)},
			[]client.LineItem{{Index: 0, Fields: []client.Field{field("amount", "10", 0.85)}}},
			[]client.GroundTruth{truth("invoice_number", "INV-1"), truth("total", "90"), truth("due_date", "2026-05-01"),
				truth("line_items[0].amount", "10"), truth("line_items[1].amount", "20")},
			map[string]float64{"invoice_number": 1, "total": 0, "due_date": 0, "line_items[0].amount": 1, "line_items[1].amount": 0}),
		reviewed("ds_1", "cus_a", "receipt", day(15),
			[]client.Field{field("invoice_number", "INV-2", 0.55), field("total", "50", 0.75), field("note", "hello", 0.35), field("vendor", "Acme Corp", 0.65)},
			nil,
			[]client.GroundTruth{truth("invoice_number", "INV-3"), truth("total", "50"), truth("vendor", "Acme Corp.")},
			map[string]float64{"invoice_number": 0, "total": 1, "note": 0, "vendor": 0.5}),
		reviewed("ds_2", "cus_b", "invoice", day(7),
			[]client.Field{field("invoice_number", "INV-9", 0.99), field("total", "12", 0.97)},
			nil,
			[]client.GroundTruth{truth("invoice_number", "INV-9"), truth("total", "13")},
			map[string]float64{"invoice_number": 1, "total": 0}),
		{ID: "ds_3", Status: client.StatusComplete, CustomerID: "cus_c", Fields: []client.Field{field("total", "1", 0.99)}},
		{ID: "ds_4", Status: client.StatusProcessing, IsVerified: true, CustomerID: "cus_c"},
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestObserveClassifiesEveryField(t *testing.T) {
	obs := Observe(fixture(), high)
	want := []struct {
		ds      int
		key     string
		field   string
		outcome review.Verdict
		inExt   bool
		cw      bool
	}{
		{0, "invoice_number", "invoice_number", review.Match, true, false},
		{0, "total", "total", review.Wrong, true, true},
		{0, "due_date", "due_date", review.Missing, true, false},
		{0, "line_items[0].amount", "line_items.amount", review.Match, true, false},
		{0, "line_items[1].amount", "line_items.amount", review.Missing, false, false},
		{1, "invoice_number", "invoice_number", review.Wrong, true, false},
		{1, "total", "total", review.Match, true, false},
		{1, "note", "note", review.Spurious, true, false},
		{1, "vendor", "vendor", review.NearMiss, true, false},
		{2, "invoice_number", "invoice_number", review.Match, true, false},
		{2, "total", "total", review.Wrong, true, true},
	}
	if len(obs) != len(want) {
		t.Fatalf("got %d observations, want %d: %+v", len(obs), len(want), obs)
	}
	for i, w := range want {
		o := obs[i]
		if o.Dataset != w.ds || o.Key != w.key || o.Field != w.field || o.Outcome != w.outcome || o.InExtraction != w.inExt || o.ConfidentWrong != w.cw {
			t.Errorf("observation %d = %+v, want %+v", i, o, w)
		}
	}
}

// Confidently wrong is at or above the high threshold: a field exactly on
// it counts, one a hair under does not. And a ground-truth name given twice
// is judged by its first value, as review joins it.
func TestObserveOnTheHighThreshold(t *testing.T) {
	under := math.Nextafter(high, 0)
	ds := []client.Dataset{reviewed("ds_0", "cus_a", "invoice", time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC),
		[]client.Field{field("on", "1", high), field("under", "1", under), field("match", "1", high)},
		nil,
		[]client.GroundTruth{truth("on", "2"), truth("under", "2"), truth("match", "1"), truth("match", "9")},
		map[string]float64{"on": 0, "under": 0, "match": 1})}
	obs := Observe(ds, high)
	if len(obs) != 3 {
		t.Fatalf("%d observations: %+v", len(obs), obs)
	}
	for i, want := range []bool{true, false, false} {
		if obs[i].ConfidentWrong != want {
			t.Errorf("%s at %v: confidently wrong %v, want %v", obs[i].Key, obs[i].Confidence, obs[i].ConfidentWrong, want)
		}
	}
	if obs[2].Truth != "1" || obs[2].Outcome != review.Match {
		t.Errorf("a truth given twice: %q %v, want the first", obs[2].Truth, obs[2].Outcome)
	}
	if n := len(ConfidentlyWrong(obs)); n != 1 {
		t.Errorf("ConfidentlyWrong lists %d, want 1", n)
	}
}

func TestByFieldMatchesHandComputedFigures(t *testing.T) {
	got := ByField(Observe(fixture(), high))
	// Worst first: mean score, then confidently wrong (more first), then name.
	want := []FieldFigures{
		// Nothing extracted: a miss, and no confidence to average.
		{Field: "due_date", Figures: Figures{N: 1, MeanScore: 0, ExactRate: 0, Missing: 1, Extracted: 0, MeanConf: 0}},
		{Field: "note", Figures: Figures{N: 1, MeanScore: 0, ExactRate: 0, Spurious: 1, Extracted: 1, MeanConf: 0.35}},
		{Field: "total", Figures: Figures{N: 3, MeanScore: 1.0 / 3, ExactRate: 1.0 / 3, Wrong: 2, Extracted: 3, MeanConf: 2.64 / 3, ConfWrong: 2}},
		{Field: "line_items.amount", Figures: Figures{N: 2, MeanScore: 0.5, ExactRate: 0.5, Missing: 1, Extracted: 1, MeanConf: 0.85}},
		{Field: "vendor", Figures: Figures{N: 1, MeanScore: 0.5, ExactRate: 0, Wrong: 1, Extracted: 1, MeanConf: 0.65}},
		{Field: "invoice_number", Figures: Figures{N: 3, MeanScore: 2.0 / 3, ExactRate: 2.0 / 3, Wrong: 1, Extracted: 3, MeanConf: 2.49 / 3}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d fields, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Field != w.Field || !sameFigures(g.Figures, w.Figures) {
			t.Errorf("row %d = %s %+v\nwant %s %+v", i, g.Field, g.Figures, w.Field, w.Figures)
		}
	}
}

func sameFigures(a, b Figures) bool {
	return a.N == b.N && near(a.MeanScore, b.MeanScore) && near(a.ExactRate, b.ExactRate) &&
		a.Wrong == b.Wrong && a.Missing == b.Missing && a.Spurious == b.Spurious &&
		a.Extracted == b.Extracted && near(a.MeanConf, b.MeanConf) && a.ConfWrong == b.ConfWrong
}

func TestOverallFigures(t *testing.T) {
	got := Overall(Observe(fixture(), high))
	// Scores 1+0+0+1+0 + 0+1+0+0.5 + 1+0 = 4.5 over 11; 4 exact;
	// confidences of the 9 with a value sum to 6.98 (due_date's null, at
	// 0.00, is no prediction).
	want := Figures{N: 11, MeanScore: 4.5 / 11, ExactRate: 4.0 / 11, Wrong: 4, Missing: 2, Spurious: 1, Extracted: 9, MeanConf: 6.98 / 9, ConfWrong: 2}
	if !sameFigures(got, want) {
		t.Errorf("overall = %+v\nwant      %+v", got, want)
	}
	if r := Compute(fixture(), high, 0.9); r.Datasets != 3 {
		t.Errorf("report covers %d datasets, want 3 (the unverified and processing ones are left out)", r.Datasets)
	}
}

func TestGroupByCustomerAndType(t *testing.T) {
	ds := fixture()
	obs := Observe(ds, high)
	byCustomer := GroupBy(ds, obs, ByCustomer)
	// Weeks run from Monday 2026-04-06 (ds_0, ds_2) to Monday 2026-04-13 (ds_1).
	wantWeeks := []time.Time{time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 13, 0, 0, 0, 0, time.UTC)}
	if len(byCustomer.Weeks) != 2 || !byCustomer.Weeks[0].Equal(wantWeeks[0]) || !byCustomer.Weeks[1].Equal(wantWeeks[1]) {
		t.Fatalf("weeks = %v, want %v", byCustomer.Weeks, wantWeeks)
	}
	type group struct {
		key      string
		datasets int
		n        int
		accuracy float64
		weekly   []float64 // NaN: no data that week
	}
	check := func(name string, got Groups, want []group) {
		t.Helper()
		if len(got.Groups) != len(want) {
			t.Fatalf("%s: %d groups, want %d", name, len(got.Groups), len(want))
		}
		for i, w := range want {
			g := got.Groups[i]
			if g.Key != w.key || g.Datasets != w.datasets || g.N != w.n || !near(g.MeanScore, w.accuracy) {
				t.Errorf("%s %d = %s datasets %d n %d acc %.4f, want %+v", name, i, g.Key, g.Datasets, g.N, g.MeanScore, w)
			}
			for j := range w.weekly {
				if math.IsNaN(w.weekly[j]) != math.IsNaN(g.Weekly[j]) || (!math.IsNaN(w.weekly[j]) && !near(w.weekly[j], g.Weekly[j])) {
					t.Errorf("%s %s week %d = %v, want %v", name, g.Key, j, g.Weekly[j], w.weekly[j])
				}
			}
		}
	}
	nan := math.NaN()
	// cus_a: ds_0 (2 of 5) and ds_1 (1.5 of 4): 3.5/9; cus_b: ds_2, 1 of 2.
	check("customer", byCustomer, []group{
		{"cus_a", 2, 9, 3.5 / 9, []float64{0.4, 0.375}},
		{"cus_b", 1, 2, 0.5, []float64{0.5, nan}},
	})
	// receipt: ds_1, 1.5/4; invoice: ds_0 and ds_2, 3/7. Worst first.
	check("type", GroupBy(ds, obs, ByType), []group{
		{"receipt", 1, 4, 0.375, []float64{nan, 0.375}},
		{"invoice", 2, 7, 3.0 / 7, []float64{3.0 / 7, nan}},
	})
	if byCustomer.Groups[0].ConfWrong != 1 || byCustomer.Groups[0].Spurious != 1 || byCustomer.Groups[0].Missing != 2 {
		t.Errorf("cus_a counts = %+v", byCustomer.Groups[0].Figures)
	}
}

func TestCalibrationMatchesHandComputedFigures(t *testing.T) {
	c := Calibrate(Observe(fixture(), high))
	// The 9 fields with a value by bin (confidence, correct); due_date
	// (null, 0.00) and line_items[1].amount (not extracted) are the 2
	// missing, beside:
	//   3: 0.35 ✗   5: 0.55 ✗   6: 0.65 ✗ (0.5 is not correct)
	//   7: 0.75 ✓   8: 0.85 ✓   9: 0.95 ✓ 0.92 ✗ 0.99 ✓ 0.97 ✗
	type bin struct {
		count    int
		conf     float64
		accuracy float64
	}
	want := [BinCount]bin{3: {1, 0.35, 0}, 5: {1, 0.55, 0}, 6: {1, 0.65, 0}, 7: {1, 0.75, 1}, 8: {1, 0.85, 1}, 9: {4, 3.83 / 4, 0.5}}
	if c.N != 9 || c.Missing != 2 || c.Invalid != 0 {
		t.Fatalf("N = %d, missing %d, invalid %d; want 9, 2, 0", c.N, c.Missing, c.Invalid)
	}
	for b, w := range want {
		g := c.Bins[b]
		if g.Count != w.count || !near(g.MeanConf, w.conf) || !near(g.Accuracy, w.accuracy) || !near(g.Gap, w.accuracy-w.conf) {
			t.Errorf("bin %d = %+v, want %+v", b, g, w)
		}
		if !near(g.Lo, float64(b)/10) || !near(g.Hi, float64(b+1)/10) {
			t.Errorf("bin %d bounds [%v, %v)", b, g.Lo, g.Hi)
		}
	}
	// ECE = (.35 + .55 + .65 + .25 + .15)/9 + 4/9 · |0.5 − 0.9575| = (1.95 + 1.83)/9 = 0.42
	if !near(c.ECE, 0.42) {
		t.Errorf("ECE = %v, want 0.42", c.ECE)
	}
	if !near(c.MCE, 0.65) {
		t.Errorf("MCE = %v, want 0.65", c.MCE)
	}
	// Brier: .0025 + .8464 + .0225 + .3025 + .0625 + .1225 + .4225 + .0001 + .9409 = 2.7224, over 9.
	if !near(c.Brier, 2.7224/9) {
		t.Errorf("Brier = %v, want 2.7224/9", c.Brier)
	}
}

func TestCalibrationByField(t *testing.T) {
	byField := CalibrateByField(Observe(fixture(), high))
	got := map[string]FieldCalibration{}
	for _, f := range byField {
		got[f.Field] = f
	}
	// total: 0.92 ✗ 0.97 ✗ in bin 9, 0.75 ✓ in bin 7.
	// ECE = 2/3·0.945 + 1/3·0.25 = 0.63 + 0.08333…; MCE 0.945.
	total := got["total"]
	if total.N != 3 || !near(total.ECE, 2.0/3*0.945+0.25/3) || !near(total.MCE, 0.945) {
		t.Errorf("total calibration = %+v", total.Calibration)
	}
	// Brier: .8464 + .9409 + .0625 = 1.8498, over 3.
	if !near(total.Brier, 1.8498/3) {
		t.Errorf("total Brier = %v", total.Brier)
	}
	if byField[0].Field != "total" {
		t.Errorf("worst calibrated first: got %s", byField[0].Field)
	}
	// line_items.amount: only the extracted item counts (one field, 0.85 ✓).
	if li := got["line_items.amount"]; li.N != 1 || !near(li.ECE, 0.15) {
		t.Errorf("line_items.amount calibration = %+v", li.Calibration)
	}
}

func TestWhatIfMatchesHandComputedFigures(t *testing.T) {
	obs := Observe(fixture(), high)
	for _, c := range []struct {
		t                float64
		accepted, errors int
		share, residual  float64
		toReview         int
	}{
		// Over the 9 with a value; the 2 missing go to review whatever
		// the threshold and are counted beside.
		// ≥ 0.9: 0.95 ✓ 0.92 ✗ 0.99 ✓ 0.97 ✗
		{0.9, 4, 2, 4.0 / 9, 0.5, 5},
		// ≥ 0.8 adds 0.85 ✓
		{0.8, 5, 2, 5.0 / 9, 0.4, 4},
		// ≥ 0.5 adds 0.55 ✗ 0.75 ✓ 0.65 ✗
		{0.5, 8, 4, 8.0 / 9, 0.5, 1},
		// ≥ 0 adds 0.35 ✗ (the spurious note); due_date's null 0.00 is
		// not accepted: it is no value.
		{0, 9, 5, 1, 5.0 / 9, 0},
		{1.01, 0, 0, 0, 0, 9},
	} {
		w := WhatIfAt(obs, c.t)
		if w.N != 9 || w.Missing != 2 || w.Invalid != 0 || w.Accepted != c.accepted || w.Errors != c.errors || !near(w.Share, c.share) || !near(w.ResidualError, c.residual) || w.ToReview != c.toReview {
			t.Errorf("t=%v: %+v, want %+v", c.t, w, c)
		}
	}
	byField := WhatIfByField(obs, 0.9)
	if byField[0].Field != "total" || byField[0].N != 3 || byField[0].Accepted != 2 || byField[0].ResidualError != 1 || byField[0].ToReview != 1 {
		t.Errorf("worst field at 0.9 = %+v, want total: 2 of 3 accepted, both wrong", byField[0])
	}
}

func TestConfidentlyWrongAndFailures(t *testing.T) {
	obs := Observe(fixture(), high)
	cw := ConfidentlyWrong(obs)
	if len(cw) != 2 || cw[0].Dataset != 2 || cw[0].Confidence != 0.97 || cw[1].Dataset != 0 || cw[1].Confidence != 0.92 {
		t.Errorf("confidently wrong = %+v, want ds_2 total 0.97, then ds_0 total 0.92", cw)
	}
	if cw[0].Extracted != "12" || cw[0].Truth != "13" {
		t.Errorf("values: extracted %q truth %q", cw[0].Extracted, cw[0].Truth)
	}
	f := Failures(obs, "line_items.amount")
	if len(f) != 1 || f[0].Key != "line_items[1].amount" || f[0].Outcome != review.Missing {
		t.Errorf("line_items.amount failures = %+v", f)
	}
	inv := Failures(obs, "invoice_number")
	if len(inv) != 1 || inv[0].Dataset != 1 {
		t.Errorf("invoice_number failures = %+v", inv)
	}
}

// synthetic builds one dataset per field: conf, and correct or not.
func synthetic(fields []struct {
	conf    float64
	correct bool
}) []client.Dataset {
	out := make([]client.Dataset, len(fields))
	for i, f := range fields {
		score := 0.0
		if f.correct {
			score = 1
		}
		out[i] = reviewed("ds", "c", "invoice", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
			[]client.Field{field("x", "v", f.conf)}, nil, []client.GroundTruth{truth("x", "v")},
			map[string]float64{"x": score})
	}
	return out
}

func TestKnownECE(t *testing.T) {
	// 500 fields at 0.75 of which 300 (60 %) are right: gap 0.15.
	// 500 fields at 0.25 of which 125 (25 %) are right: gap 0.
	// ECE = ½·0.15 + ½·0 = 0.075; MCE = 0.15;
	// Brier = (300·0.0625 + 200·0.5625 + 125·0.5625 + 375·0.0625)/1000 = 0.225.
	var fields []struct {
		conf    float64
		correct bool
	}
	for i := range 500 {
		fields = append(fields, struct {
			conf    float64
			correct bool
		}{0.75, i < 300})
	}
	for i := range 500 {
		fields = append(fields, struct {
			conf    float64
			correct bool
		}{0.25, i < 125})
	}
	c := Calibrate(Observe(synthetic(fields), high))
	if c.N != 1000 || !near(c.ECE, 0.075) || !near(c.MCE, 0.15) || !near(c.Brier, 0.225) {
		t.Errorf("calibration = N %d ECE %v MCE %v Brier %v, want 1000, 0.075, 0.15, 0.225", c.N, c.ECE, c.MCE, c.Brier)
	}
	if c.Bins[7].Count != 500 || c.Bins[2].Count != 500 {
		t.Errorf("bins 2 and 7 hold %d and %d", c.Bins[2].Count, c.Bins[7].Count)
	}
}

func TestBinEdges(t *testing.T) {
	for c, want := range map[float64]int{0: 0, 0.0999: 0, 0.1: 1, 0.3: 3, 0.7: 7, 0.9: 9, 0.99: 9, 1: 9, 1.5: 9, -0.2: 0, math.NaN(): 0} {
		if got := binOf(c); got != want {
			t.Errorf("binOf(%v) = %d, want %d", c, got, want)
		}
	}
}

// randomDatasets are n datasets of random fields, scores and confidences.
func randomDatasets(r *rand.Rand, n int) []client.Dataset {
	out := make([]client.Dataset, n)
	customers := []string{"cus_a", "cus_b", "cus_c", "cus_d"}
	types := []string{"invoice", "receipt", "purchase_order"}
	names := []string{"invoice_number", "total_amount", "due_date", "vendor_name", "currency", "tax", "po_number", "address"}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range out {
		var fields []client.Field
		var gt []client.GroundTruth
		scores := map[string]float64{}
		for _, name := range names {
			conf := r.Float64()
			fields = append(fields, field(name, "v", conf))
			gt = append(gt, truth(name, "v"))
			if r.Float64() < conf {
				scores[name] = 1
			} else {
				scores[name] = float64(r.IntN(3)) / 3
			}
		}
		items := make([]client.LineItem, r.IntN(4))
		for j := range items {
			items[j] = client.LineItem{Index: j, Fields: []client.Field{field("amount", "1", r.Float64()), field("description", "d", r.Float64())}}
			for _, f := range items[j].Fields {
				key := review.LineItemKey(j, f.Name)
				gt = append(gt, truth(key, "v"))
				scores[key] = float64(r.IntN(2))
			}
		}
		out[i] = reviewed("ds_"+string(rune('a'+i%26)), customers[i%len(customers)], types[i%len(types)],
			base.Add(time.Duration(r.IntN(90*24))*time.Hour), fields, items, gt, scores)
	}
	return out
}

func TestWhatIfShareIsMonotonic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 50 {
		obs := Observe(randomDatasets(r, 1+r.IntN(40)), high)
		prev := WhatIfAt(obs, 0)
		if prev.Share != 1 {
			t.Fatalf("trial %d: at t=0 everything is accepted, got share %v", trial, prev.Share)
		}
		for step := 1; step <= 21; step++ {
			w := WhatIfAt(obs, float64(step)*0.05)
			if w.Share > prev.Share || w.Accepted > prev.Accepted || w.ToReview < prev.ToReview {
				t.Fatalf("trial %d: share rose from %v at t=%v to %v at t=%v", trial, prev.Share, prev.Threshold, w.Share, w.Threshold)
			}
			if w.Accepted+w.ToReview != w.N {
				t.Fatalf("accepted %d + review %d != %d", w.Accepted, w.ToReview, w.N)
			}
			for _, f := range WhatIfByField(obs, w.Threshold) {
				if f.Accepted+f.ToReview != f.N {
					t.Fatalf("field %s: accepted + review != n", f.Field)
				}
			}
			prev = w
		}
		// ECE is a weighted mean of gaps: never above the largest.
		if c := Calibrate(obs); c.ECE > c.MCE+1e-12 || c.ECE < 0 || c.Brier < 0 || c.Brier > 1 {
			t.Fatalf("trial %d: ECE %v MCE %v Brier %v out of range", trial, c.ECE, c.MCE, c.Brier)
		}
	}
}

func BenchmarkCompute10000(b *testing.B) {
	ds := randomDatasets(rand.New(rand.NewPCG(3, 4)), 10_000)
	b.ReportAllocs()
	for b.Loop() {
		r := Compute(ds, high, 0.9)
		if r.Datasets != 10_000 {
			b.Fatal(r.Datasets)
		}
	}
}

// Figures are written as short as reads back exactly.
func TestFormatFigure(t *testing.T) {
	one, a := 1.0, 0.71 // variables: constant arithmetic would be exact
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0.29, "0.29"}, {0.6, "0.6"}, {1, "1"}, {0, "0"}, {-0.25, "-0.25"}, {1e-7, "0.0000001"},
		{one / 3, "0.3333333333333333"}, {one - a, "0.29000000000000004"}, // the float it is: nothing lost
		{math.NaN(), ""}, {math.Inf(1), ""},
	} {
		if got := FormatFigure(c.v); got != c.want {
			t.Errorf("FormatFigure(%v) = %q, want %q", c.v, got, c.want)
		}
		if c.want == "" {
			continue
		}
		if back, err := strconv.ParseFloat(FormatFigure(c.v), 64); err != nil || back != c.v {
			t.Errorf("%v reads back as %v (%v)", c.v, back, err)
		}
	}
}

// A server's numbers out of range are kept out of the figures and counted:
// fixture plus ds_5, by hand,
//
//	a  1 @7.0  = 1   score 1     observed; the confidence is invalid
//	b  2 @-3.5 ≠ 3   score 0     observed (wrong); the confidence is invalid
//	c  4 @0.95 = 4   score 1.7   dropped: the score is invalid
//	d  5 @0.95 ≠ 6   score -1    dropped: the score is invalid
//
// so the calibration and the what-if are the fixture's with 2 invalid
// beside, 2 scores are dropped, and the accuracy counts a and b only.
func TestOutOfRangeNumbersAreDroppedAndCounted(t *testing.T) {
	plain := Compute(fixture(), high, 0.9)
	ds := append(fixture(), reviewed("ds_5", "cus_b", "invoice", time.Date(2026, 4, 8, 10, 0, 0, 0, time.UTC),
		[]client.Field{field("a", "1", 7.0), field("b", "2", -3.5), field("c", "4", 0.95), field("d", "5", 0.95)},
		nil,
		[]client.GroundTruth{truth("a", "1"), truth("b", "3"), truth("c", "4"), truth("d", "6")},
		map[string]float64{"a": 1, "b": 0, "c": 1.7, "d": -1}))
	r := Compute(ds, high, 0.9)
	if r.InvalidScores != 2 {
		t.Errorf("%d invalid scores counted, want 2 (c and d)", r.InvalidScores)
	}
	c, p := r.Calibration, plain.Calibration
	if c.N != p.N || c.Missing != p.Missing || c.Invalid != 2 || !near(c.ECE, p.ECE) || !near(c.Brier, p.Brier) || c.Bins != p.Bins {
		t.Errorf("calibration %+v\nwant the fixture's %+v with 2 invalid", c, p)
	}
	w, pw := r.WhatIf, plain.WhatIf
	if w.N != pw.N || w.Accepted != pw.Accepted || w.Errors != pw.Errors || w.Missing != 2 || w.Invalid != 2 {
		t.Errorf("what-if %+v\nwant the fixture's %+v with 2 invalid", w, pw)
	}
	// 13 observed: the fixture's 11, a (1) and b (0): 5.5/13; b is wrong
	// and, its confidence being invalid, not confidently wrong.
	want := Figures{N: 13, MeanScore: 5.5 / 13, ExactRate: 5.0 / 13, Wrong: 5, Missing: 2, Spurious: 1, Extracted: 9, MeanConf: 6.98 / 9, ConfWrong: 2}
	if !sameFigures(r.Overall, want) {
		t.Errorf("overall %+v\nwant    %+v", r.Overall, want)
	}
	if len(r.ConfidentlyWrong) != 2 {
		t.Errorf("%d confidently wrong, want the fixture's 2", len(r.ConfidentlyWrong))
	}
	for _, o := range r.Observations {
		if o.Key == "c" || o.Key == "d" {
			t.Errorf("%s observed with score %v: out of range", o.Key, o.Score)
		}
	}
}
