package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/dxdash/dxdash/match"
	"github.com/dxdash/dxdash/review"
)

// export --checks, end to end against the embedded API: the JSON parses, its
// arithmetic redoes from the values it carries, those values are the fields
// that --fields exports, and the CSV says the same counts.
func TestExportChecksEndToEnd(t *testing.T) {
	_, conf := exportServer(t)
	status, out, errOut := runWithKey(t, "export", "--config", conf, "--format", "json", "--checks")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	var rows []struct {
		ID           string `json:"id"`
		Status       string `json:"status"`
		ChecksFailed int    `json:"checks_failed"`
		Checks       []struct {
			Check, Outcome, Working   string
			Fields, Values            []string
			Computed, Read, Tolerance *float64
		} `json:"checks"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("JSON does not parse: %v", err)
	}
	status, fieldsOut, errOut := runWithKey(t, "export", "--config", conf, "--format", "json", "--fields", "--checks")
	if status != 0 {
		t.Fatalf("--fields --checks: status %d: %s", status, errOut)
	}
	var fieldRows []struct {
		DatasetID    string   `json:"dataset_id"`
		Field        string   `json:"field"`
		Extracted    *string  `json:"extracted"`
		ChecksFailed []string `json:"checks_failed"`
	}
	if err := json.Unmarshal([]byte(fieldsOut), &fieldRows); err != nil {
		t.Fatalf("fields JSON does not parse: %v", err)
	}
	extracted := map[[2]string]string{}
	flagged := map[[2]string][]string{}
	for _, f := range fieldRows {
		if f.Extracted != nil {
			extracted[[2]string{f.DatasetID, f.Field}] = *f.Extracted
		}
		flagged[[2]string{f.DatasetID, f.Field}] = f.ChecksFailed
	}

	// The export's 120 datasets, less those with no fields to check
	// (processing or failed), which the summary names instead.
	if len(rows) != 118 || !strings.Contains(errOut, "skipped 2 with no fields") {
		t.Fatalf("%d rows, want 118 and the summary to name the 2 skipped: %s", len(rows), errOut)
	}
	arithmetic, failed := 0, 0
	for _, row := range rows {
		n := 0
		for _, c := range row.Checks {
			if c.Outcome == "fail" {
				n++
				for _, key := range c.Fields {
					if got := flagged[[2]string{row.ID, key}]; !contains(got, c.Check) && len(c.Fields) < 20 {
						if _, isField := extracted[[2]string{row.ID, key}]; isField {
							t.Errorf("%s %s: field %s not flagged with it (%v)", row.ID, c.Check, key, got)
						}
					}
				}
			}
			for i, key := range c.Fields {
				if v, ok := extracted[[2]string{row.ID, key}]; ok && c.Values[i] != v {
					t.Errorf("%s %s: %s reads %q, --fields exports %q", row.ID, c.Check, key, c.Values[i], v)
				}
			}
			if c.Computed == nil {
				continue
			}
			arithmetic++
			if s := strconv.FormatFloat(*c.Computed, 'f', -1, 64); strings.Contains(s, ".") && len(s)-strings.IndexByte(s, '.')-1 > 9 {
				t.Errorf("%s %s: computed %s carries binary noise", row.ID, c.Check, s)
			}
			computed, read := redo(t, c.Check, c.Values)
			if math.Abs(computed-*c.Computed) > 1e-9 || math.Abs(read-*c.Read) > 1e-9 {
				t.Errorf("%s %s: redone %v and %v, exported %v and %v", row.ID, c.Check, computed, read, *c.Computed, *c.Read)
			}
			wantOutcome := "pass"
			if math.Abs(computed-read) > *c.Tolerance+1e-9 {
				wantOutcome = "fail"
				failed++
				if !strings.Contains(c.Working, review.Amount(read)) {
					t.Errorf("%s %s: working %q lacks what is read, %s", row.ID, c.Check, c.Working, review.Amount(read))
				}
			}
			if c.Outcome != wantOutcome || !strings.Contains(c.Working, review.Amount(computed)) {
				t.Errorf("%s %s: %s %q; redone: %s, %s", row.ID, c.Check, c.Outcome, c.Working, wantOutcome, review.Amount(computed))
			}
		}
		if n != row.ChecksFailed {
			t.Errorf("%s: checks_failed %d, %d failed in checks", row.ID, row.ChecksFailed, n)
		}
		if row.Status == "complete" && len(row.Checks) == 0 {
			t.Errorf("%s: complete, no checks", row.ID)
		}
	}
	if arithmetic < 200 || failed == 0 {
		t.Errorf("only %d arithmetic results, %d failed: the corpus should hold more", arithmetic, failed)
	}

	status, csvOut, errOut := runWithKey(t, "export", "--config", conf, "--checks")
	if status != 0 {
		t.Fatalf("CSV: status %d: %s", status, errOut)
	}
	records, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	head := records[0]
	if head[len(head)-2] != "checks_failed" || head[len(head)-1] != "checks" || len(records) != len(rows)+1 {
		t.Fatalf("CSV header %q, %d records", head, len(records))
	}
	for i, rec := range records[1:] {
		n, _ := strconv.Atoi(rec[len(rec)-2])
		lines := 0
		if rec[len(rec)-1] != "" {
			lines = strings.Count(rec[len(rec)-1], "\n") + 1
		}
		if rec[0] != rows[i].ID || n != rows[i].ChecksFailed || lines != n {
			t.Errorf("CSV row %d: %s with %d failed over %d lines; JSON %s with %d", i, rec[0], n, lines, rows[i].ID, rows[i].ChecksFailed)
		}
	}
}

// redo works an arithmetic check out again from its values alone.
func redo(t *testing.T, check string, values []string) (computed, read float64) {
	t.Helper()
	num := func(s string) float64 {
		f, ok := match.ParseAmount(strings.TrimRight(s, "% "))
		if !ok {
			t.Fatalf("%s: %q does not read as a number", check, s)
		}
		return f
	}
	switch check {
	case "line_sum", "totals", "amount_due":
		for _, v := range values[:len(values)-1] {
			computed += num(v)
		}
		return computed, num(values[len(values)-1])
	case "tax_rate":
		return num(values[0]) * num(values[1]) / 100, num(values[2])
	case "line_amount":
		return num(values[0]) * num(values[1]), num(values[2])
	}
	t.Fatalf("%s is not arithmetic", check)
	return 0, 0
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
