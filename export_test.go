package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/synctest"
	"time"
	"unicode/utf8"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/fakeapi/contract"
)

// exportServer serves a small fakeapi corpus with a generous rate limit and
// writes a config pointing at it; the key comes from the environment.
func exportServer(t *testing.T) (*fakeapi.Server, string) {
	t.Helper()
	cfg := fakeapi.DefaultConfig()
	cfg.DatasetCount = 120
	cfg.ReadPerMinute = 100_000
	api := fakeapi.New(cfg)
	checker, err := contract.Default()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(contract.Handler(checker, api, func(err error) {
		t.Errorf("a response strays from the contract: %v", err)
	}))
	t.Cleanup(srv.Close)
	return api, writeExportConfig(t, srv.URL, "[rate_limits]\nread_per_minute = 100000\n")
}

// hostileExportServer serves fakeapi's hostile corpus. It is off the
// contract on purpose, so no contract check wraps it.
func hostileExportServer(t *testing.T) (*fakeapi.Server, string) {
	t.Helper()
	cfg := fakeapi.DefaultConfig()
	cfg.Hostile = true
	cfg.ReadPerMinute = 100_000
	api := fakeapi.New(cfg)
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	return api, writeExportConfig(t, srv.URL, "[rate_limits]\nread_per_minute = 100000\n")
}

// writeExportConfig writes a config file for baseURL, extra appended.
func writeExportConfig(t *testing.T, baseURL, extra string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	conf := "base_url = \"" + baseURL + "\"\n" + extra
	if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// matching is what the API holds for the filters the tests use.
func matching(api *fakeapi.Server, typ string, verified *bool) []client.Dataset {
	var out []client.Dataset
	for _, d := range api.Datasets() {
		if (typ == "" || d.DatasetType == typ) && (verified == nil || d.IsVerified == *verified) {
			out = append(out, d)
		}
	}
	return out
}

func TestExportCSVMatchesTheAPI(t *testing.T) {
	api, conf := exportServer(t)
	status, out, errOut := runWithKey(t, "export", "--config", conf, "--format", "csv", "--dataset-type", "invoice")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	want := matching(api, "invoice", nil)
	if len(want) == 0 || len(records) != len(want)+1 {
		t.Fatalf("%d records, want a header and %d rows", len(records), len(want))
	}
	if strings.Join(records[0], ",") != strings.Join(datasetColumns, ",") {
		t.Errorf("header = %v", records[0])
	}
	for i, r := range records[1:] {
		if r[0] != want[i].ID || r[3] != "invoice" {
			t.Errorf("row %d = %v, want %s (an invoice)", i, r[:4], want[i].ID)
		}
	}
	// A small export (under a page, so no "listed" progress) still ends
	// with a summary.
	summary := fmt.Sprintf("dxdash export: %d rows from %d datasets\n", len(want), len(want))
	if len(want) >= client.MaxListLimit || !strings.HasSuffix(errOut, summary) || strings.Contains(errOut, fakeapi.DemoKey) {
		t.Errorf("stderr = %q, want it to end with %q", errOut, summary)
	}
}

func TestExportSearchMatchesTheAPI(t *testing.T) {
	api, conf := exportServer(t)
	const term = "contoso"
	status, out, errOut := runWithKey(t, "export", "--config", conf, "--format", "json", "--search", "CONTOSO")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("JSON does not parse: %v\n%s", err, out)
	}
	// The search looks through extracted values, case-insensitively.
	var want []string
	for _, d := range api.Datasets() {
		full, _ := api.Dataset(d.ID)
		if hasValueContaining(full, term) {
			want = append(want, d.ID)
		}
	}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprint(r["id"]))
	}
	if len(want) == 0 || len(want) == len(api.Datasets()) || !reflect.DeepEqual(got, want) {
		t.Errorf("--search %q exported %d datasets %v, want the %d of %d whose values mention it: %v",
			term, len(got), got, len(want), len(api.Datasets()), want)
	}
}

func hasValueContaining(d client.Dataset, term string) bool {
	fields := d.Fields
	for _, item := range d.LineItems {
		fields = append(fields, item.Fields...)
	}
	for _, f := range fields {
		if !f.Value.IsNull() && strings.Contains(strings.ToLower(f.Value.String()), term) {
			return true
		}
	}
	return false
}

func TestExportJSONFieldsMatchTheAPI(t *testing.T) {
	api, conf := exportServer(t)
	status, out, errOut := runWithKey(t, "export", "--config", conf, "--format", "json", "--dataset-type", "receipt", "--verified", "true", "--fields")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("JSON does not parse: %v\n%s", err, out)
	}
	yes := true
	wantRows := 0
	datasets := matching(api, "receipt", &yes)
	for _, d := range datasets {
		full, _ := api.Dataset(d.ID)
		wantRows += len(fieldRows(full))
		// Every scored name is a row: fields, line items and truth only.
		if n := len(full.Accuracy.FieldScores); n != len(fieldRows(full)) {
			t.Errorf("%s: %d rows for %d scored names", d.ID, len(fieldRows(full)), n)
		}
	}
	if len(datasets) == 0 || len(rows) != wantRows {
		t.Fatalf("%d rows, want %d over %d datasets", len(rows), wantRows, len(datasets))
	}
	first := rows[0]
	for _, k := range fieldColumns {
		if _, ok := first[k]; !ok {
			t.Errorf("row lacks %q: %v", k, first)
		}
	}
	if first["dataset_id"] != datasets[0].ID {
		t.Errorf("first row is of %v, want %s", first["dataset_id"], datasets[0].ID)
	}
	if !strings.Contains(errOut, "fields of") {
		t.Errorf("no progress on stderr: %q", errOut)
	}
}

func TestExportFailsClearly(t *testing.T) {
	_, conf := exportServer(t)
	for _, c := range []struct {
		args []string
		key  string
		want string
	}{
		{[]string{"--format", "xml"}, fakeapi.DemoKey, "--format must be csv or json"},
		{[]string{"--verified", "maybe"}, fakeapi.DemoKey, "--verified must be true or false"},
		{nil, "wrong-key", "dxdash export: listing datasets"},
	} {
		t.Setenv("DATAEXTRACTOR_API_KEY", c.key)
		var out, errOut strings.Builder
		status := run(append([]string{"export", "--config", conf}, c.args...), &out, &errOut)
		if status == 0 || !strings.Contains(errOut.String(), c.want) || out.Len() != 0 {
			t.Errorf("%v: status %d, stdout %q, stderr %q; want failure saying %q", c.args, status, out.String(), errOut.String(), c.want)
		}
		if strings.Contains(errOut.String(), c.key) {
			t.Errorf("the key is in the message: %q", errOut.String())
		}
	}
}

func TestExportDemo(t *testing.T) {
	status, out, errOut := runCLI(t, "export", "--demo", "--format", "csv", "--customer-id", "cus_northwind", "--verified", "false")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(records) < 2 {
		t.Fatalf("records %d, err %v", len(records), err)
	}
	for _, r := range records[1:] {
		if r[2] != "cus_northwind" || r[5] != "false" {
			t.Errorf("row %v does not match the filters", r)
		}
	}
}

// runWithKey is runCLI with the demo key in the environment.
func runWithKey(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	setDemoKeyEnv(t)
	var out, errOut strings.Builder
	status := run(args, &out, &errOut)
	return status, out.String(), errOut.String()
}

// exportWithKey runs the export sub-command (args without "export") with
// env, the demo key in the environment.
func exportWithKey(t *testing.T, env exportEnv, args ...string) (int, string, string) {
	t.Helper()
	setDemoKeyEnv(t)
	var out, errOut strings.Builder
	status := export(context.Background(), args, &out, &errOut, env)
	return status, out.String(), errOut.String()
}

// setDemoKeyEnv gives the test an empty home and the demo key.
func setDemoKeyEnv(t *testing.T) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
	t.Setenv("DATAEXTRACTOR_API_KEY", fakeapi.DemoKey)
}

// TestExportToATerminalIsSanitized exports the hostile corpus as a terminal
// would receive it, in every shape: nothing a terminal acts on survives,
// and the text around the attacks does.
func TestExportToATerminalIsSanitized(t *testing.T) {
	_, conf := hostileExportServer(t)
	for _, format := range []string{"csv", "json"} {
		for _, fields := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s fields=%v", format, fields), func(t *testing.T) {
				args := []string{"--config", conf, "--format", format}
				if fields {
					args = append(args, "--fields")
				}
				status, out, errOut := exportWithKey(t, exportEnv{terminal: true}, args...)
				if status != 0 {
					t.Fatalf("status %d: %s", status, errOut)
				}
				if r, at, ok := firstUnsafeRune(out); !ok {
					t.Fatalf("stdout holds %U at byte %d: %q", r, at, out[max(0, at-40):min(len(out), at+40)])
				}
				// Every line break is the output's own: one per record.
				var records int
				if format == "csv" {
					all, err := csv.NewReader(strings.NewReader(out)).ReadAll()
					if err != nil {
						t.Fatalf("CSV does not parse: %v", err)
					}
					records = len(all)
				} else {
					var rows []map[string]any
					if err := json.Unmarshal([]byte(out), &rows); err != nil {
						t.Fatalf("JSON does not parse: %v", err)
					}
					records = len(rows) + 1 // and the closing bracket's line
					if len(rows) > 0 {
						records++ // the break before the closing bracket
					}
					for _, row := range rows {
						for k, v := range row {
							if s, isText := v.(string); isText {
								if r, _, ok := firstUnsafeRune(s); !ok || strings.ContainsRune(s, '\n') {
									t.Errorf("%s holds %U after decoding: %q", k, r, s)
								}
							}
						}
					}
				}
				if n := strings.Count(out, "\n"); n != records {
					t.Errorf("%d line breaks for %d records", n, records)
				}
				// "inv\x1b]0;pwned-title\x07oice.pdf" lost the whole OSC 0
				// sequence, and only that.
				if !strings.Contains(out, "invoice.pdf") {
					t.Errorf("no \"invoice.pdf\" in the output")
				}
			})
		}
	}
}

// firstUnsafeRune finds what a terminal could act on: any C0 control but
// a line feed, DEL, C1 controls, bidi controls, and invalid UTF-8 (raw
// 8-bit C1 bytes among it). ok is false when there is one.
func firstUnsafeRune(s string) (r rune, at int, ok bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1,
			r < 0x20 && r != '\n',
			r >= 0x7f && r <= 0x9f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
			r == 0x200e, r == 0x200f, r == 0x061c:
			return r, i, false
		}
		i += size
	}
	return 0, 0, true
}

// TestExportToAFileIsFaithful exports the hostile corpus as a pipe or a
// file receives it: every value, escape sequences and all, parses back
// exactly as the API serves it.
func TestExportToAFileIsFaithful(t *testing.T) {
	api, conf := hostileExportServer(t)
	const attack = "inv\x1b]0;pwned-title\x07oice.pdf"

	t.Run("csv", func(t *testing.T) {
		status, out, errOut := exportWithKey(t, exportEnv{terminal: false}, "--config", conf, "--format", "csv")
		if status != 0 {
			t.Fatalf("status %d: %s", status, errOut)
		}
		records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("CSV does not parse: %v", err)
		}
		want := [][]string{datasetColumns}
		for _, d := range api.Datasets() {
			var rec []string
			for _, v := range datasetRow(d) {
				rec = append(rec, csvText(v))
			}
			want = append(want, rec)
		}
		if !reflect.DeepEqual(records, want) {
			t.Errorf("CSV differs from the API's data")
		}
		if !strings.Contains(out, attack) {
			t.Errorf("the escape sequence %q is not in the CSV as sent", attack)
		}
	})

	t.Run("json", func(t *testing.T) {
		status, out, errOut := exportWithKey(t, exportEnv{terminal: false}, "--config", conf, "--format", "json", "--fields")
		if status != 0 {
			t.Fatalf("status %d: %s", status, errOut)
		}
		var got []map[string]any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("JSON does not parse: %v", err)
		}
		var want []map[string]any
		for _, d := range api.Datasets() {
			if d.Status == client.StatusProcessing || d.Status == client.StatusFailed {
				continue // no fields to export: skipped, with no request
			}
			full, _ := api.Dataset(d.ID)
			for _, row := range fieldRows(full) {
				obj := map[string]any{}
				for i, v := range row {
					obj[fieldColumns[i]] = v
				}
				want = append(want, obj)
			}
		}
		// Through JSON and back, so numbers compare as float64 on both sides.
		b, err := json.Marshal(want)
		if err == nil {
			want = nil
			err = json.Unmarshal(b, &want)
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) || !reflect.DeepEqual(got, want) {
			t.Errorf("JSON differs from the API's data: %d rows, want %d", len(got), len(want))
		}
		found := false
		for _, row := range got {
			found = found || row["document_name"] == attack
		}
		if !found {
			t.Errorf("no row has the document name %q as sent", attack)
		}
	})
}

// TestExportPacesItselfAtTheDefaultLimits exports the fields of well over
// 60 datasets with fakeapi and the client both at their default 60 reads a
// minute, on synctest's fake clock: the client waits out the budget, so the
// export takes minutes of fake time, earns no 429, and misses no row.
func TestExportPacesItselfAtTheDefaultLimits(t *testing.T) {
	setDemoKeyEnv(t)
	checker, err := contract.Default()
	if err != nil {
		t.Fatal(err)
	}
	synctest.Test(t, func(t *testing.T) {
		cfg := fakeapi.DefaultConfig()
		cfg.DatasetCount = 200
		api := fakeapi.New(cfg)
		h := contract.Handler(checker, api, func(err error) {
			t.Errorf("a response strays from the contract: %v", err)
		})
		// No [rate_limits]: the client's defaults.
		conf := writeExportConfig(t, "https://api.dataextractor.test", "")
		env := exportEnv{httpClient: &http.Client{Transport: fakeapi.InMemory{Handler: h}}}

		start := time.Now()
		var out, errOut strings.Builder
		// Verified datasets only: none is still processing, so what the
		// API holds does not change while the export runs.
		status := export(context.Background(), []string{"--config", conf, "--format", "csv", "--fields", "--verified", "true"}, &out, &errOut, env)
		took := time.Since(start)
		if status != 0 {
			t.Fatalf("status %d: %s", status, errOut.String())
		}

		yes := true
		datasets := matching(api, "", &yes)
		wantRows := 0
		for _, d := range datasets {
			full, _ := api.Dataset(d.ID)
			wantRows += len(fieldRows(full))
		}
		records, err := csv.NewReader(strings.NewReader(out.String())).ReadAll()
		if err != nil {
			t.Fatalf("CSV does not parse: %v", err)
		}
		if len(datasets) <= 60 || len(records) != wantRows+1 {
			t.Errorf("%d records, want a header and %d rows over %d datasets (more than 60)", len(records), wantRows, len(datasets))
		}
		counts := api.Requests()
		if counts.RateLimited != 0 || counts.Get != len(datasets) {
			t.Errorf("requests %+v: want no 429 and one get per dataset (%d)", counts, len(datasets))
		}
		// More than 60 reads cannot fit in a minute at 60 a minute.
		if took < time.Minute {
			t.Errorf("took %s of fake time: the client did not pace itself", took)
		}
	})
}

// A field's row, by hand: the header fields, the line items, the ground
// truth nothing was extracted for; a name given twice, in the extraction or
// in the ground truth, is one row with the first value.
func TestFieldRowsOnePerName(t *testing.T) {
	v := client.StringValue
	d := client.Dataset{
		ID: "ds_1", DocumentName: "a.pdf",
		Fields: []client.Field{
			{Name: "total", Value: v("100"), Confidence: 0.9}, {Name: "total", Value: v("90"), Confidence: 0.1},
			{Name: "due_date", Confidence: 0.2},
		},
		LineItems: []client.LineItem{{Index: 0, Fields: []client.Field{{Name: "amount", Value: v("10"), Confidence: 0.8}}}},
		GroundTruth: []client.GroundTruth{
			{Name: "total", Value: v("100")}, {Name: "total", Value: v("95")}, {Name: "due_date"},
			{Name: "line_items[1].amount", Value: v("20")}, {Name: "po_number", Value: v("PO-1")}, {Name: "po_number", Value: v("PO-2")},
		},
		Accuracy: &client.Accuracy{FieldScores: map[string]float64{"total": 1, "due_date": 1, "line_items[1].amount": 0}},
	}
	want := [][]any{
		{"ds_1", "a.pdf", "total", "100", "100", 1.0, 0.9},
		{"ds_1", "a.pdf", "due_date", nil, nil, 1.0, 0.2},
		{"ds_1", "a.pdf", "line_items[0].amount", "10", nil, nil, 0.8},
		{"ds_1", "a.pdf", "line_items[1].amount", nil, "20", 0.0, nil},
		{"ds_1", "a.pdf", "po_number", nil, "PO-1", nil, nil},
	}
	if got := fieldRows(d); !reflect.DeepEqual(got, want) {
		t.Errorf("fieldRows =\n%v\nwant\n%v", got, want)
	}
}
