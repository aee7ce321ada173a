package main

import (
	"encoding/csv"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	path := filepath.Join(t.TempDir(), "config.toml")
	conf := "base_url = \"" + srv.URL + "\"\n[rate_limits]\nread_per_minute = 100000\n"
	if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	return api, path
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
	if !strings.Contains(errOut, "rows") || strings.Contains(errOut, fakeapi.DemoKey) {
		t.Errorf("stderr = %q", errOut)
	}
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
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
	t.Setenv("DATAEXTRACTOR_API_KEY", fakeapi.DemoKey)
	var out, errOut strings.Builder
	status := run(args, &out, &errOut)
	return status, out.String(), errOut.String()
}
