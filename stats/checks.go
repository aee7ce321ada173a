package stats

import (
	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/review"
)

// CheckFigures is how one consistency check did over a set of datasets:
// how often it could run and how often it fired, and, over the reviewed
// ones, how well a failure predicts a wrong field.
type CheckFigures struct {
	Check review.Check

	Checked int // results that passed or failed, over every dataset
	Fired   int // results that failed

	// Over the reviewed (verified, scored) datasets only.
	ReviewedChecked int
	ReviewedFired   int
	// TruePositives are failures that involve a wrong field (a mismatch or
	// a missing value); FalseAlarms the others. Clean are the results
	// whose fields are all right, failed or not.
	TruePositives, FalseAlarms, Clean int
	// WrongFields are the wrong fields the check read (a field once per
	// dataset); Caught those a failure involved; ConfidentCaught those
	// of the caught that a confidence threshold would auto-accept (at or
	// above High: confidently wrong).
	WrongFields, Caught, ConfidentCaught int
}

// FireRate is the share of the results that ran which failed.
func (f CheckFigures) FireRate() (float64, bool) { return ratio(f.Fired, f.Checked) }

// Precision is the share of failures, on reviewed datasets, that involve a
// wrong field.
func (f CheckFigures) Precision() (float64, bool) { return ratio(f.TruePositives, f.ReviewedFired) }

// Recall is the share of the wrong fields the check read that a failure
// involved.
func (f CheckFigures) Recall() (float64, bool) { return ratio(f.Caught, f.WrongFields) }

// FalseAlarmRate is the share of results over right fields that failed.
func (f CheckFigures) FalseAlarmRate() (float64, bool) { return ratio(f.FalseAlarms, f.Clean) }

func ratio(a, b int) (float64, bool) {
	if b == 0 {
		return 0, false
	}
	return float64(a) / float64(b), true
}

// CheckReport is every check's figures, in review.Checks order, and the
// same over all checks together (Any: a field is caught when any failure
// involves it).
type CheckReport struct {
	Datasets, Reviewed int
	Checks             []CheckFigures
	Any                CheckFigures
}

// ComputeChecks runs every check on every dataset with the profile and
// scores the results against the reviewed datasets' verdicts.
func ComputeChecks(datasets []client.Dataset, p *review.Profile, th review.Thresholds) CheckReport {
	rep := CheckReport{Checks: make([]CheckFigures, len(review.Checks()))}
	for i, c := range review.Checks() {
		rep.Checks[i].Check = c
	}
	var j review.Joiner
	var ck review.Checker
	wrong := make(map[string]*review.Field)
	for i := range datasets {
		ds := &datasets[i]
		if ds.Status != client.StatusComplete {
			continue
		}
		rep.Datasets++
		results := ck.Check(ds, p)
		reviewed := ds.IsVerified && ds.Accuracy != nil
		if reviewed {
			rep.Reviewed++
			clear(wrong)
			joined := j.Join(ds, th)
			for k := range joined {
				if isWrong(&joined[k]) {
					wrong[joined[k].Key] = &joined[k]
				}
			}
		}
		rep.tally(results, reviewed, wrong)
	}
	return rep
}

// tally adds one dataset's results.
func (rep *CheckReport) tally(results []review.CheckResult, reviewed bool, wrong map[string]*review.Field) {
	// read and caught: per check, the wrong fields read and caught;
	// index len(Checks) is "any".
	n := len(rep.Checks)
	type seen struct{ read, caught bool }
	perCheck := make([]map[string]seen, n+1)
	for i := range results {
		r := &results[i]
		if r.Outcome == review.NotChecked {
			continue
		}
		for _, fig := range []*CheckFigures{&rep.Checks[r.Check], &rep.Any} {
			fig.Checked++
			if r.Outcome == review.Failed {
				fig.Fired++
			}
		}
		if !reviewed {
			continue
		}
		read := bears(r, wrong)
		hit := false
		for _, key := range read {
			if wrong[key] != nil {
				hit = true
			}
		}
		for _, slot := range [2]int{int(r.Check), n} {
			fig := &rep.Any
			if slot < n {
				fig = &rep.Checks[slot]
			}
			fig.ReviewedChecked++
			switch {
			case r.Outcome == review.Failed && hit:
				fig.ReviewedFired++
				fig.TruePositives++
			case r.Outcome == review.Failed:
				fig.ReviewedFired++
				fig.FalseAlarms++
				fig.Clean++
			case !hit:
				fig.Clean++
			}
			if perCheck[slot] == nil {
				perCheck[slot] = make(map[string]seen)
			}
			for _, key := range read {
				if wrong[key] == nil {
					continue
				}
				s := perCheck[slot][key]
				s.read = true
				s.caught = s.caught || r.Outcome == review.Failed
				perCheck[slot][key] = s
			}
		}
	}
	for slot, m := range perCheck {
		fig := &rep.Any
		if slot < n {
			fig = &rep.Checks[slot]
		}
		for key, s := range m {
			fig.WrongFields++
			if s.caught {
				fig.Caught++
				if wrong[key].ConfidentlyWrong {
					fig.ConfidentCaught++
				}
			}
		}
	}
}

// bears is the fields a result bears on: those it read, and for the line
// sum every line-item amount the ground truth has, the lines the
// extraction dropped included (a dropped line is what breaks the sum
// though the check never read it).
func bears(r *review.CheckResult, wrong map[string]*review.Field) []string {
	if r.Check != review.CheckLineSum {
		return r.Fields
	}
	out := r.Fields
	for key := range wrong {
		if _, name, ok := review.ParseLineItemKey(key); ok && name == "amount" && !r.Involves(key) {
			out = append(out[:len(out):len(out)], key)
		}
	}
	return out
}

// isWrong is a field a check could have caught: scored short of a match,
// or missing where the ground truth has a value.
func isWrong(f *review.Field) bool {
	return f.Mismatch() || f.Verdict == review.Missing
}
