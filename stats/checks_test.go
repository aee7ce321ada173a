package stats

import (
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/review"
)

// totalsDataset is subtotal + tax = total as extracted, with ground truth
// for each (nil truth: unverified) and a confidence for the total.
func totalsDataset(id string, got, truth []string, totalConf float64) client.Dataset {
	names := []string{"subtotal", "tax_amount", "total_amount"}
	ds := client.Dataset{ID: id, DatasetType: "invoice", Status: client.StatusComplete}
	for i, name := range names {
		conf := 0.7
		if name == "total_amount" {
			conf = totalConf
		}
		ds.Fields = append(ds.Fields, client.Field{Name: name, Type: "amount", Value: client.StringValue(got[i]), Confidence: conf})
	}
	if truth != nil {
		ds.IsVerified = true
		scores := map[string]float64{}
		for i, name := range names {
			ds.GroundTruth = append(ds.GroundTruth, client.GroundTruth{Name: name, Value: client.StringValue(truth[i])})
			scores[name] = 0
			if got[i] == truth[i] {
				scores[name] = 1
			}
		}
		ds.Accuracy = &client.Accuracy{FieldScores: scores}
	}
	return ds
}

// Four datasets, worked by hand for the totals check (the only check with
// its inputs here):
//
//	A verified:   100 + 10 ≠ 120, total wrong (truth 110) at 0.95  fails: a true positive, confidently wrong caught
//	B verified:   100 + 10 ≠ 120, all three right (truth says so)   fails: a false alarm
//	C verified:    90 + 10 = 100, subtotal and total both wrong     passes: two wrong fields read, not caught
//	D unverified: 100 + 10 ≠ 130                                    fails: counts in fired only
//
// Checked 4, fired 3 (75 %); over the reviewed: 3 checked, 2 fired, 1 true
// positive (precision 50 %), 1 false alarm of 1 clean result (100 %),
// wrong fields read 3 (A's total, C's subtotal and total), caught 1 (33 %),
// 1 of them confidently wrong.
func TestCheckFiguresMatchHandComputed(t *testing.T) {
	ds := []client.Dataset{
		totalsDataset("A", []string{"100.00", "10.00", "120.00"}, []string{"100.00", "10.00", "110.00"}, 0.95),
		totalsDataset("B", []string{"100.00", "10.00", "120.00"}, []string{"100.00", "10.00", "120.00"}, 0.95),
		totalsDataset("C", []string{"90.00", "10.00", "100.00"}, []string{"100.00", "10.00", "110.00"}, 0.6),
		totalsDataset("D", []string{"100.00", "10.00", "130.00"}, nil, 0.95),
	}
	rep := ComputeChecks(ds, nil, review.Thresholds{Low: 0.5, Medium: 0.8, High: 0.9})
	want := CheckFigures{Check: review.CheckTotals, Checked: 4, Fired: 3, ReviewedChecked: 3, ReviewedFired: 2,
		TruePositives: 1, FalseAlarms: 1, Clean: 1, WrongFields: 3, Caught: 1, ConfidentCaught: 1}
	if got := rep.Checks[review.CheckTotals]; got != want {
		t.Errorf("totals\n %+v\nwant\n %+v", got, want)
	}
	if rep.Datasets != 4 || rep.Reviewed != 3 {
		t.Errorf("%d datasets, %d reviewed", rep.Datasets, rep.Reviewed)
	}
	f := rep.Checks[review.CheckTotals]
	for name, tc := range map[string]struct {
		got  func() (float64, bool)
		want float64
	}{"fire rate": {f.FireRate, 0.75}, "precision": {f.Precision, 0.5}, "recall": {f.Recall, 1.0 / 3}, "false alarms": {f.FalseAlarmRate, 1}} {
		if v, ok := tc.got(); !ok || v != tc.want {
			t.Errorf("%s = %v %v, want %v", name, v, ok, tc.want)
		}
	}
	// Nothing else had its inputs, so "any check" is the totals check.
	any := rep.Any
	any.Check = review.CheckTotals
	if any != want {
		t.Errorf("any\n %+v\nwant\n %+v", rep.Any, want)
	}
	for _, c := range rep.Checks {
		if c.Check != review.CheckTotals && c.Checked != 0 {
			t.Errorf("%s checked %d times", c.Check, c.Checked)
		}
		if _, ok := c.Precision(); ok && c.Check != review.CheckTotals {
			t.Errorf("%s has a precision with no failures", c.Check)
		}
	}
}

// demoCorpus is the demo account (seed 1, 500 datasets, the default epoch,
// still) as GET /datasets/{id} gives each.
func demoCorpus(count int) []client.Dataset {
	cfg := fakeapi.DefaultConfig()
	cfg.DatasetCount = count
	cfg.Now = func() time.Time { return cfg.Epoch }
	srv := fakeapi.New(cfg)
	var out []client.Dataset
	for _, s := range srv.Datasets() {
		if ds, ok := srv.Dataset(s.ID); ok {
			out = append(out, ds)
		}
	}
	return out
}

// The demo corpus's checks figures, pinned to seed 1 (500 datasets, the
// default epoch): the README quotes them. A change to fakeapi's corpus or
// to a check moves them; update both deliberately.
func TestDemoCorpusCheckFigures(t *testing.T) {
	ds := demoCorpus(500)
	rep := ComputeChecks(ds, review.BuildProfile(ds), review.DefaultThresholds)
	if rep.Datasets != 480 || rep.Reviewed != 289 {
		t.Errorf("%d complete datasets, %d reviewed; want 480, 289", rep.Datasets, rep.Reviewed)
	}
	// name: checked, fired, reviewed fired, true positives, false alarms,
	// wrong fields read, caught, confidently wrong caught
	want := map[string][8]int{
		"line_sum":       {439, 74, 39, 39, 0, 52, 49, 4},
		"totals":         {467, 40, 16, 16, 0, 19, 18, 0},
		"amount_due":     {76, 5, 2, 2, 0, 3, 2, 0},
		"tax_rate":       {136, 7, 3, 3, 0, 30, 5, 1},
		"line_amount":    {1779, 147, 93, 93, 0, 100, 99, 7},
		"date_parses":    {839, 6, 5, 5, 0, 14, 5, 1},
		"date_order":     {356, 2, 1, 1, 0, 9, 1, 0},
		"date_plausible": {833, 2, 1, 1, 0, 9, 1, 0},
		"currency_code":  {479, 0, 0, 0, 0, 1, 0, 0},
		"currency_same":  {0, 0, 0, 0, 0, 0, 0, 0},
		"presence":       {480, 46, 23, 23, 0, 106, 29, 0},
		"id_shape":       {505, 17, 10, 10, 0, 13, 10, 0},
		"any":            {6389, 346, 193, 193, 0, 266, 187, 9},
	}
	all := append(rep.Checks, rep.Any)
	for i, f := range all {
		name := f.Check.String()
		if i == len(all)-1 {
			name = "any"
		}
		got := [8]int{f.Checked, f.Fired, f.ReviewedFired, f.TruePositives, f.FalseAlarms, f.WrongFields, f.Caught, f.ConfidentCaught}
		if testing.Verbose() {
			t.Logf("%q: {%d, %d, %d, %d, %d, %d, %d, %d},", name, got[0], got[1], got[2], got[3], got[4], got[5], got[6], got[7])
		}
		if got != want[name] {
			t.Errorf("%s: %v, want %v", name, got, want[name])
		}
	}
}

// A line the extraction dropped breaks the line sum though the check never
// read it: the failure is a true positive that catches the dropped line's
// amount, not a false alarm.
func TestLineSumCatchesADroppedLine(t *testing.T) {
	line := func(i int, amount string) client.LineItem {
		return client.LineItem{Index: i, Fields: []client.Field{{Name: "amount", Type: "amount", Value: client.StringValue(amount), Confidence: 0.9}}}
	}
	ds := client.Dataset{ID: "ds_dropped", DatasetType: "invoice", Status: client.StatusComplete, IsVerified: true,
		Fields:    []client.Field{{Name: "subtotal", Type: "amount", Value: client.StringValue("300.00"), Confidence: 0.9}},
		LineItems: []client.LineItem{line(0, "100.00"), line(1, "100.00")},
		GroundTruth: []client.GroundTruth{{Name: "subtotal", Value: client.StringValue("300.00")},
			{Name: "line_items[0].amount", Value: client.StringValue("100.00")},
			{Name: "line_items[1].amount", Value: client.StringValue("100.00")},
			{Name: "line_items[2].amount", Value: client.StringValue("100.00")}},
		Accuracy: &client.Accuracy{FieldScores: map[string]float64{"subtotal": 1, "line_items[0].amount": 1, "line_items[1].amount": 1, "line_items[2].amount": 0}},
	}
	rep := ComputeChecks([]client.Dataset{ds}, nil, review.DefaultThresholds)
	got := rep.Checks[review.CheckLineSum]
	want := CheckFigures{Check: review.CheckLineSum, Checked: 1, Fired: 1, ReviewedChecked: 1, ReviewedFired: 1,
		TruePositives: 1, WrongFields: 1, Caught: 1}
	if got != want {
		t.Errorf("line sum over a dropped line:\n got %+v\nwant %+v", got, want)
	}
}
