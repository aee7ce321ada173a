package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/review"
	"github.com/dxdash/dxdash/termtext"
)

// runExport is `dxdash export`: the datasets matching the filters (or, with
// --fields, every field of them) to stdout as CSV or JSON, headless. The
// client paces the requests within the rate budget; progress goes to
// stderr. Nothing reaches stdout unless the whole export succeeded, so a
// failure never leaves half a file looking complete.
func runExport(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	// After the first signal the default action is back: should winding
	// down ever hang, a second Ctrl+C ends the process at once.
	context.AfterFunc(ctx, stop)
	return export(ctx, args, stdout, stderr, exportEnv{terminal: isTerminal(stdout)})
}

// exportEnv is what export would otherwise learn from the process; tests
// set it by hand.
type exportEnv struct {
	// terminal says stdout is a terminal. Server text is then sanitized, so
	// that an escape sequence in a document name cannot retitle the window
	// or write the clipboard; a file or a pipe gets the data unchanged.
	terminal bool
	// httpClient carries the requests when set (tests: an in-memory
	// transport); nil means the client's own.
	httpClient *http.Client
}

// isTerminal reports whether w is a terminal, not a file or a pipe.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// export is runExport once the process is looked at: ctx ends on SIGINT or
// SIGTERM, env says where stdout goes. Tests call it directly, inside a
// testing/synctest bubble too (which could not host signal.Notify's loop).
func export(ctx context.Context, args []string, stdout, stderr io.Writer, env exportEnv) int {
	fs := flag.NewFlagSet("dxdash export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "csv", "output format: csv or json")
	customer := fs.String("customer-id", "", "only this customer's datasets")
	datasetType := fs.String("dataset-type", "", "only this dataset type (invoice, purchase_order, receipt, …)")
	verified := fs.String("verified", "", "only verified (true) or unverified (false) datasets")
	search := fs.String("search", "", "full-text search across extracted values")
	fields := fs.Bool("fields", false, "one row per field (value, ground truth, score, confidence); fetches every dataset in full")
	checks := fs.Bool("checks", false, "add each dataset's consistency checks (name, outcome, fields, working); fetches every dataset in full")
	demo := fs.Bool("demo", false, "export from an embedded API with generated data: no config, no key, no network")
	configPath := fs.String("config", "", "config file (default $XDG_CONFIG_HOME/dxdash/config.toml)")
	offline := fs.Bool("offline", false, "export from the local store (see dxdash sync) without a request")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: dxdash export [flags]   (writes CSV or JSON to stdout)
On a terminal, control characters in the data are removed; a file or pipe gets it as sent.

Flags:
`)
		fs.PrintDefaults()
	}
	if status, ok := parseFlags(fs, args); !ok {
		return status
	}
	params := client.ListParams{CustomerID: *customer, DatasetType: *datasetType, Search: *search, Limit: client.MaxListLimit}
	if *format != "csv" && *format != "json" {
		fmt.Fprintf(stderr, "dxdash export: --format must be csv or json, not %q\n", *format)
		return exitUsage
	}
	if *verified != "" {
		v, err := strconv.ParseBool(*verified)
		if err != nil {
			fmt.Fprintf(stderr, "dxdash export: --verified must be true or false, not %q\n", *verified)
			return exitUsage
		}
		params.IsVerified = &v
	}

	cfg, cfgPath, status, ok := loadConfigUnless(ctx, *configPath, *demo, stderr)
	if !ok {
		return status
	}
	if *offline && *checks {
		fmt.Fprintln(stderr, "dxdash export: --checks does not go with --offline yet")
		return exitUsage
	}
	if *offline {
		return exportOffline(ctx, cfg, *demo, params, *fields, *format, stdout, stderr, env)
	}
	baseURL, apiKey := cfg.BaseURL, string(cfg.APIKey)
	if *demo {
		stop, url, err := startDemoServer(log.New(io.Discard, "", 0))
		if err != nil {
			fmt.Fprintln(stderr, "dxdash export: starting the demo API:", err)
			return 1
		}
		defer stop()
		baseURL, apiKey = url, fakeapi.DemoKey
	} else if apiKey == "" {
		fmt.Fprint(stderr, missingKeyHelp(cfg, cfgPath))
		return exitUsage
	}
	opts := []client.Option{
		client.WithTimeout(cfg.Timeout),
		client.WithUserAgent("dxdash/" + dxdashVersion()),
		client.WithRateLimits(cfg.RateLimits.ReadPerMinute, cfg.RateLimits.ExtractionPerMinute),
	}
	if env.httpClient != nil {
		opts = append(opts, client.WithHTTPClient(env.httpClient))
	}
	api, err := client.New(baseURL, apiKey, opts...)
	if err != nil {
		fmt.Fprintln(stderr, "dxdash export:", err)
		return exitUsage
	}

	progress := &exportProgress{w: stderr}
	table, err := collectExport(ctx, api, params, *fields, *checks, progress)
	if err != nil && ctx.Err() != nil {
		fmt.Fprintln(stderr, "dxdash export: interrupted")
		return exitInterrupted
	}
	if err != nil {
		// The error may quote the server (a detail, a request id): stderr
		// is usually a terminal, so it is sanitized like the data.
		fmt.Fprintln(stderr, "dxdash export:", termtext.Sanitize(err.Error()))
		return 1
	}
	if env.terminal {
		table = table.sanitized()
	}
	var out []byte
	if *format == "json" {
		out, err = table.json()
	} else {
		out, err = table.csv()
	}
	if err == nil {
		_, err = stdout.Write(out)
	}
	if err != nil {
		fmt.Fprintln(stderr, "dxdash export: writing:", err)
		return 1
	}
	fmt.Fprintf(stderr, "dxdash export: %d rows from %d datasets\n", len(table.rows), table.datasets)
	return 0
}

// exportTable is the output: a row per dataset, or per field of one. A nil
// cell is null in JSON and empty in CSV.
type exportTable struct {
	columns  []string
	rows     [][]any
	datasets int // how many datasets the rows came from
}

var datasetColumns = []string{"id", "document_name", "customer_id", "dataset_type", "status", "is_verified",
	"page_count", "created_at", "updated_at", "overall_accuracy", "field_count", "min_confidence"}

var fieldColumns = []string{"dataset_id", "document_name", "field", "extracted", "ground_truth", "score", "confidence"}

// collectExport walks every page matching params and, with fields, fetches
// each dataset in full.
func collectExport(ctx context.Context, api *client.Client, params client.ListParams, fields, checks bool, progress *exportProgress) (exportTable, error) {
	var list []client.Dataset
	for d, err := range api.Datasets(ctx, params) {
		if err != nil {
			return exportTable{}, fmt.Errorf("listing datasets: %w", err)
		}
		list = append(list, d)
		progress.listed(len(list))
	}
	if !fields && !checks {
		t := exportTable{columns: datasetColumns, datasets: len(list)}
		for _, d := range list {
			t.rows = append(t.rows, datasetRow(d))
		}
		return t, nil
	}
	t := exportTable{columns: fieldColumns, datasets: len(list)}
	var details []client.Dataset // kept only for the checks, which need them all
	for i, item := range list {
		d, err := api.GetDataset(ctx, item.ID)
		if err != nil {
			return exportTable{}, fmt.Errorf("fetching dataset %q: %w", item.ID, err)
		}
		if checks {
			details = append(details, d)
		} else {
			t.rows = append(t.rows, fieldRows(d)...)
		}
		progress.fetched(i+1, len(list))
	}
	if checks {
		return checkedRows(list, details, fields), nil
	}
	return t, nil
}

func datasetRow(d client.Dataset) []any {
	row := []any{d.ID, d.DocumentName, d.CustomerID, d.DatasetType, d.Status, d.IsVerified, d.PageCount,
		d.CreatedAt.UTC().Format(time.RFC3339), d.UpdatedAt.UTC().Format(time.RFC3339), nil, nil, nil}
	if acc, ok := d.OverallAccuracy(); ok {
		row[9] = acc
	}
	if d.FieldCount != nil {
		row[10] = *d.FieldCount
	}
	if d.MinConfidence != nil {
		row[11] = *d.MinConfidence
	}
	return row
}

// fieldRows are a dataset's fields as review joins them: the header
// fields, the line-item fields (named line_items[<index>].<name>, as ground
// truth names them), then the ground truth nothing was extracted for; a
// name given twice is the first.
func fieldRows(d client.Dataset) [][]any {
	// The rows carry no verdict or confidence flag, so the thresholds do
	// not matter.
	fields := review.Join(&d, review.DefaultThresholds)
	rows := make([][]any, 0, len(fields))
	for i := range fields {
		f := &fields[i]
		row := []any{d.ID, d.DocumentName, f.Key, nil, nil, nil, nil}
		if f.HasValue() {
			row[3] = f.Value.String()
		}
		if f.InTruth && !f.Truth.IsNull() {
			row[4] = f.Truth.String()
		}
		if f.Scored {
			row[5] = f.Score
		}
		if f.InExtraction {
			row[6] = f.Confidence
		}
		rows = append(rows, row)
	}
	return rows
}

// sanitized is t for a terminal: every string cell (each came from the
// server, or is a time we formatted) passed through termtext.Sanitize, so
// no escape sequence, control character or bidi override is left for the
// terminal to act on.
func (t exportTable) sanitized() exportTable {
	clean := t
	clean.rows = make([][]any, len(t.rows))
	for r, row := range t.rows {
		cells := make([]any, len(row))
		for i, v := range row {
			switch c := v.(type) {
			case string:
				v = termtext.Sanitize(c)
			case interface{ sanitized() any }:
				v = c.sanitized()
			}
			cells[i] = v
		}
		clean.rows[r] = cells
	}
	return clean
}

func (t exportTable) csv() ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(t.columns)
	rec := make([]string, len(t.columns))
	for _, row := range t.rows {
		for i, v := range row {
			rec[i] = csvText(v)
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

func csvText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case interface{ csv() string }:
		return v.csv()
	}
	return fmt.Sprint(v)
}

// json writes an array of objects, keys in column order.
func (t exportTable) json() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("[")
	for r, row := range t.rows {
		if r > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  {")
		for i, v := range row {
			if i > 0 {
				b.WriteString(", ")
			}
			k, _ := json.Marshal(t.columns[i])
			val, err := json.Marshal(v)
			if err != nil {
				return nil, errors.New("encoding " + t.columns[i] + ": " + err.Error())
			}
			b.Write(k)
			b.WriteString(": ")
			b.Write(val)
		}
		b.WriteString("}")
	}
	if len(t.rows) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	return b.Bytes(), nil
}

// exportProgress writes a line to stderr now and then, not per request.
type exportProgress struct {
	w        io.Writer
	lastList int
}

func (p *exportProgress) listed(n int) {
	if n-p.lastList >= client.MaxListLimit {
		p.lastList = n
		fmt.Fprintf(p.w, "dxdash export: %d datasets listed…\n", n)
	}
}

func (p *exportProgress) fetched(i, n int) {
	if i == n || i%10 == 0 {
		fmt.Fprintf(p.w, "dxdash export: fields of %d of %d datasets…\n", i, n)
	}
}
