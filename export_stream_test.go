package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/fakeapi"
)

// streamServer is fakeapi on a still clock (what is processing stays so)
// over an in-memory transport, with a config pointing at it.
func streamServer(t *testing.T, datasets int) (*fakeapi.Server, string, exportEnv) {
	t.Helper()
	setDemoKeyEnv(t)
	cfg := fakeapi.DefaultConfig()
	cfg.DatasetCount = datasets
	cfg.ReadPerMinute = 100_000
	cfg.Now = func() time.Time { return fakeapi.DefaultEpoch }
	api := fakeapi.New(cfg)
	conf := writeExportConfig(t, "https://api.dataextractor.test", "[rate_limits]\nread_per_minute = 100000\n")
	return api, conf, exportEnv{httpClient: &http.Client{Transport: fakeapi.InMemory{Handler: api}}}
}

// spyWriter records, at each write, how many list and get requests the
// server had answered; it fails every write from failAt on.
type spyWriter struct {
	mu     sync.Mutex
	api    *fakeapi.Server
	b      strings.Builder
	writes []fakeapi.RequestCounts
	failAt int // 0: never
}

func (w *spyWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes = append(w.writes, w.api.Requests())
	if w.failAt > 0 && len(w.writes) >= w.failAt {
		return 0, io.ErrClosedPipe
	}
	return w.b.Write(p)
}

func TestExportWritesThePageBeforeAskingForTheNext(t *testing.T) {
	api, conf, env := streamServer(t, 250) // three pages of 100
	out := &spyWriter{api: api}
	var errOut strings.Builder
	if status := export(context.Background(), []string{"--config", conf, "--format", "csv"}, out, &errOut, env); status != 0 {
		t.Fatalf("status %d: %s", status, errOut.String())
	}
	if len(out.writes) < 3 {
		t.Fatalf("%d writes for three pages: the rows were held back", len(out.writes))
	}
	// The first write carries the header and the first page's rows, and
	// happens with one list request answered: the second is not yet asked.
	if first := out.writes[0]; first.List != 1 {
		t.Errorf("the first rows were written after %d list requests, want 1", first.List)
	}
	records, err := csv.NewReader(strings.NewReader(out.b.String())).ReadAll()
	if err != nil || len(records) != 251 {
		t.Fatalf("%d records (%v), want a header and 250 rows", len(records), err)
	}
}

func TestExportFieldsWritesEachDatasetAsItArrives(t *testing.T) {
	api, conf, env := streamServer(t, 150)
	out := &spyWriter{api: api}
	var errOut strings.Builder
	if status := export(context.Background(), []string{"--config", conf, "--format", "csv", "--fields"}, out, &errOut, env); status != 0 {
		t.Fatalf("status %d: %s", status, errOut.String())
	}
	if first := out.writes[0]; first.List != 1 || first.Get != 1 {
		t.Errorf("the first rows were written after %d lists and %d gets, want 1 and 1", first.List, first.Get)
	}
}

// A reader that goes away (| head) ends the export at the failed write:
// no request after it, nothing said, the shell's SIGPIPE status.
func TestExportStopsQuietlyWhenStdoutCloses(t *testing.T) {
	for _, args := range [][]string{{"--format", "csv"}, {"--format", "json", "--fields"}, {"--format", "csv", "--fields"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			api, conf, env := streamServer(t, 250)
			out := &spyWriter{api: api, failAt: 2}
			var errOut strings.Builder
			status := export(context.Background(), append([]string{"--config", conf}, args...), out, &errOut, env)
			if status != exitClosedPipe {
				t.Errorf("status %d, want %d", status, exitClosedPipe)
			}
			if errOut.Len() != 0 && strings.Contains(errOut.String(), "writing") {
				t.Errorf("stderr %q: a closed pipe is not worth a message", errOut.String())
			}
			failed := out.writes[len(out.writes)-1]
			if got := api.Requests(); got.List != failed.List || got.Get != failed.Get {
				t.Errorf("requests after the failed write: %+v then %+v", failed, got)
			}
			if len(out.writes) != 2 {
				t.Errorf("%d writes, want 2 (the second failed)", len(out.writes))
			}
		})
	}
}

// The summary says how many datasets had no fields to export and why, and
// none of them cost a request.
func TestExportSummaryNamesTheSkipped(t *testing.T) {
	api, conf, env := streamServer(t, 500)
	processing, failed, complete := 0, 0, 0
	for _, d := range api.Datasets() {
		switch d.Status {
		case client.StatusProcessing:
			processing++
		case client.StatusFailed:
			failed++
		default:
			complete++
		}
	}
	if processing == 0 || failed == 0 {
		t.Fatalf("%d processing, %d failed: the corpus tests nothing", processing, failed)
	}
	var out, errOut strings.Builder
	if status := export(context.Background(), []string{"--config", conf, "--format", "csv", "--fields"}, &out, &errOut, env); status != 0 {
		t.Fatalf("status %d: %s", status, errOut.String())
	}
	want := fmt.Sprintf("from %d datasets; skipped %d with no fields: %d still processing, %d failed extraction",
		complete, processing+failed, processing, failed)
	if !strings.Contains(errOut.String(), want) {
		t.Errorf("stderr %q\nwant it to say %q", errOut.String(), want)
	}
	if got := api.Requests().Get; got != complete {
		t.Errorf("%d gets, want one per complete dataset (%d)", got, complete)
	}
	if !strings.Contains(errOut.String(), "left at") {
		t.Errorf("no estimate of the time left on stderr: %q", errOut.String())
	}
}

// Every number reads back as the server sent it, in CSV and in JSON, and
// is written no longer than it needs.
func TestExportFloatsRoundTrip(t *testing.T) {
	api, conf, env := streamServer(t, 120)
	sent := map[string]float64{} // "id/field" → confidence, "id/score/field" → score
	for _, d := range api.Datasets() {
		full, _ := api.Dataset(d.ID)
		for _, row := range fieldRows(full) {
			if c, ok := row[6].(float64); ok {
				sent[d.ID+"/"+row[2].(string)] = c
			}
		}
	}
	var out, errOut strings.Builder
	if status := export(context.Background(), []string{"--config", conf, "--format", "csv", "--fields"}, &out, &errOut, env); status != 0 {
		t.Fatalf("status %d: %s", status, errOut.String())
	}
	records, err := csv.NewReader(strings.NewReader(out.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range records[1:] {
		want, ok := sent[r[0]+"/"+r[2]]
		if !ok || r[6] == "" {
			continue
		}
		got, err := strconv.ParseFloat(r[6], 64)
		if err != nil || got != want || r[6] != strconv.FormatFloat(want, 'g', -1, 64) {
			t.Errorf("%s %s: confidence written %q, sent %v", r[0], r[2], r[6], want)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no confidence checked")
	}

	out.Reset()
	if status := export(context.Background(), []string{"--config", conf, "--format", "json"}, &out, &errOut, env); status != 0 {
		t.Fatalf("status %d: %s", status, errOut.String())
	}
	var rows []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out.String()), &rows); err != nil {
		t.Fatal(err)
	}
	for i, d := range api.Datasets() {
		if acc, ok := d.OverallAccuracy(); ok {
			if got := string(rows[i]["overall_accuracy"]); got != strconv.FormatFloat(acc, 'g', -1, 64) && acc == acc {
				t.Errorf("%s: overall_accuracy written %s, sent %v", d.ID, got, acc)
			}
		}
	}
}
