package main

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/review"
	"github.com/dxdash/dxdash/termtext"
)

// `dxdash export --checks`: each dataset's consistency checks (review's),
// run over the details fetched with the profile of all of them (what the
// export has at hand). A dataset row gains checks_failed and checks; with
// --fields, a field row gains checks_failed, the checks that failed over
// it. The JSON shape is in the README ("Consistency checks").

var (
	datasetCheckColumns = []string{"checks_failed", "checks"}
	fieldCheckColumns   = []string{"checks_failed"}
)

// exportCheck is one check's result as the JSON shows it. Computed, read
// and tolerance are the arithmetic's (absent for the other checks), so the
// working can be redone from values.
type exportCheck struct {
	Check     string   `json:"check"`
	Outcome   string   `json:"outcome"` // pass, fail, not checked
	Fields    []string `json:"fields"`
	Values    []string `json:"values"`
	Computed  *float64 `json:"computed,omitempty"`
	Read      *float64 `json:"read,omitempty"`
	Tolerance *float64 `json:"tolerance,omitempty"`
	Working   string   `json:"working"`
}

// binaryNoiseless rounds off the binary fraction a sum of decimal amounts
// leaves ("2076.6200000000003"), far below any cent: the JSON then reads
// 2076.62, as a person would write it.
func binaryNoiseless(f float64) float64 {
	if math.Abs(f) >= 1e6 {
		return f // at this size the noise is below the rounding itself
	}
	return math.Round(f*1e9) / 1e9
}

func exportChecks(results []review.CheckResult) []exportCheck {
	out := make([]exportCheck, len(results))
	for i, r := range results {
		e := exportCheck{Check: r.Check.String(), Outcome: r.Outcome.String(),
			Fields: nonNil(r.Fields), Values: nonNil(r.Values), Working: r.Working()}
		if r.Tolerance > 0 {
			computed := binaryNoiseless(r.Computed)
			e.Computed, e.Read, e.Tolerance = &computed, &r.Read, &r.Tolerance
		}
		out[i] = e
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// failedNames are the failed checks' names over a field, in order, once each.
func failedNames(results []review.CheckResult, key string) []string {
	var names []string
	for i := range results {
		r := &results[i]
		if r.Outcome == review.Failed && r.Involves(key) {
			if n := r.Check.String(); len(names) == 0 || names[len(names)-1] != n {
				names = append(names, n)
			}
		}
	}
	return nonNil(names)
}

// checkedRows makes the table for details (in list order; summaries gives
// each one's list item, for the dataset columns a detail lacks).
func checkedRows(summaries, details []client.Dataset, fields bool) exportTable {
	p := review.BuildProfile(details)
	if fields {
		t := exportTable{columns: append(fieldColumns[:len(fieldColumns):len(fieldColumns)], fieldCheckColumns...), datasets: len(details)}
		for i := range details {
			results := review.CheckDataset(&details[i], p)
			for _, row := range fieldRows(details[i]) {
				t.rows = append(t.rows, append(row, exportCell(failedNames(results, row[2].(string)))))
			}
		}
		return t
	}
	t := exportTable{columns: append(datasetColumns[:len(datasetColumns):len(datasetColumns)], datasetCheckColumns...), datasets: len(details)}
	for i := range details {
		results := review.CheckDataset(&details[i], p)
		t.rows = append(t.rows, append(datasetRow(summaries[i]), review.Failures(results), checksCell(exportChecks(results))))
	}
	return t
}

// exportCell is a list of names: an array in JSON, space-separated in CSV.
type exportCell []string

// checksCell is the checks: an array of objects in JSON; in CSV, one line
// per failed check, "name: working" (passes and the not checked are in the
// JSON only).
type checksCell []exportCheck

func (c exportCell) csv() string { return strings.Join(c, " ") }

func (c checksCell) csv() string {
	var lines []string
	for _, e := range c {
		if e.Outcome == review.Failed.String() {
			lines = append(lines, e.Check+": "+e.Working)
		}
	}
	return strings.Join(lines, "\n")
}

func (c exportCell) sanitized() any {
	out := make(exportCell, len(c))
	for i, s := range c {
		out[i] = termtext.Sanitize(s)
	}
	return out
}

func (c checksCell) sanitized() any {
	out := make(checksCell, len(c))
	for i, e := range c {
		e.Working = termtext.Sanitize(e.Working)
		e.Values = append([]string(nil), e.Values...)
		for k, v := range e.Values {
			e.Values[k] = termtext.Sanitize(v)
		}
		out[i] = e
	}
	return out
}

// checkedExport is --checks: every dataset in full first (the checks read
// each document against the others), then its rows with the checks'
// outcomes. Processing and failed datasets have no fields to check and are
// skipped without a request, as streamExport skips them.
func checkedExport(ctx context.Context, api *client.Client, params client.ListParams, fields bool, out *rowWriter, progress *exportProgress) (exportSummary, error) {
	var sum exportSummary
	var summaries, details []client.Dataset
	for page, err := range api.DatasetPages(ctx, params) {
		if err != nil {
			return sum, fmt.Errorf("listing datasets: %w", err)
		}
		progress.listed(len(page))
		for _, item := range page {
			switch item.Status {
			case client.StatusProcessing:
				sum.processing++
				continue
			case client.StatusFailed:
				sum.failed++
				continue
			}
			progress.queue(1)
			d, err := api.GetDataset(ctx, item.ID)
			if err != nil {
				return sum, fmt.Errorf("fetching dataset %q: %w", item.ID, err)
			}
			summaries, details = append(summaries, item), append(details, d)
			progress.fetched()
		}
	}
	t := checkedRows(summaries, details, fields)
	out.start(t.columns)
	for _, row := range t.rows {
		out.write(row)
	}
	sum.rows, sum.datasets = len(t.rows), t.datasets
	return sum, out.finish()
}
