package ui

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// Fuzz targets for what the server sends: a body is decoded by the real
// client, exactly as it would arrive, and whatever comes out (a dataset, a
// page, or the error) is drawn by the dashboard at a fuzzed size and
// walked with keys. Every frame must be its height in lines, none wider
// than the terminal, with nothing but our own SGR sequences in it. The seed
// corpora under testdata/fuzz/ (the demo corpus and fakeapi's hostile
// corpus, among others) replay in every `go test`.
//
//	go test ./ui -run '^$' -fuzz '^FuzzDatasetDetail$' -fuzztime 60s -fuzzminimizetime 20x -parallel 1
//
// (An execution takes milliseconds: without a bound on minimising, the
// fuzzer spends its time shrinking the large seeds.)

// bodyClient is a client whose every request is answered 200 with body.
func bodyClient(t *testing.T, body []byte) *client.Client {
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req_fuzz")
		w.Write(body) //nolint:errcheck // a recorder
	})
	return newLiveClient(t, h, nil,
		client.WithRateLimits(1<<30, 1<<30), client.WithRetryPolicy(client.RetryPolicy{MaxRetries: 0}))
}

// fuzzSize maps fuzzed numbers to a terminal from 1x1 to 160x50.
func fuzzSize(width, height uint8) (int, int) {
	return 1 + int(width)%160, 1 + int(height)%50
}

// syncDriver runs the root model with every command executed at once on
// the calling goroutine. The program's context is cancelled first, so
// timers (spinners, polls) return nothing at once; the stub API answers
// immediately. Nothing is left running afterwards.
type syncDriver struct {
	t             *testing.T
	app           *rootModel
	width, height int
}

func newSyncDriver(t *testing.T, api common.API, width, height int) *syncDriver {
	d := &syncDriver{t: t, app: newApp(api, common.Options{Title: "fuzz", Theme: styles.ThemeDark, PageSize: 100,
		Now: func() time.Time { return time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC) }})}
	d.app.cancel()
	d.run(d.app.Init())
	d.resize(width, height)
	return d
}

func (d *syncDriver) resize(width, height int) {
	d.width, d.height = width, height
	d.send(tea.WindowSizeMsg{Width: width, Height: height})
}

// send delivers msg and, breadth first, every message its commands bring.
func (d *syncDriver) send(msg tea.Msg) {
	queue := []tea.Msg{msg}
	for n := 0; len(queue) > 0; n++ {
		if n == 1000 {
			d.t.Fatalf("a message started an endless chain of commands")
		}
		_, cmd := d.app.Update(queue[0])
		queue = append(queue[1:], runCmdAtOnce(cmd)...)
	}
}

func (d *syncDriver) run(cmd tea.Cmd) {
	for _, msg := range runCmdAtOnce(cmd) {
		d.send(msg)
	}
}

func runCmdAtOnce(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil, tea.QuitMsg:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runCmdAtOnce(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

// walk presses keys, checking the frame after each.
func (d *syncDriver) walk(keys ...string) {
	d.t.Helper()
	for _, k := range keys {
		d.send(uitest.KeyPress(k))
		d.check(k)
	}
}

// press presses keys without drawing: drawing is most of an execution's
// time, and the fuzzer wants many.
func (d *syncDriver) press(keys ...string) {
	for _, k := range keys {
		d.send(uitest.KeyPress(k))
	}
}

func (d *syncDriver) check(after string) {
	d.t.Helper()
	screen := d.app.View().Content
	assertScreenSize(d.t, screen, d.width, d.height)
	assertOnlyOwnSGR(d.t, screen)
}

// FuzzDatasetDetail decodes a GET /datasets/{id} body with the client and
// opens the dataset (or the error) in the detail view.
func FuzzDatasetDetail(f *testing.F) {
	f.Add([]byte(`{"id":"ds_1","document_name":"a.pdf","status":"complete","fields":[{"name":"total","value":"1.00","confidence":0.5}]}`), uint8(80), uint8(24))
	f.Fuzz(func(t *testing.T, body []byte, width, height uint8) {
		ds, err := bodyClient(t, body).GetDataset(context.Background(), "ds_1")
		summary := ds
		if err != nil {
			summary = client.Dataset{ID: "ds_1", DocumentName: "unreadable.pdf"}
		}
		api := uitest.NewAPI([]client.Dataset{summary})
		api.Get = func(context.Context, string) (client.Dataset, error) { return ds, err }
		w, h := fuzzSize(width, height)
		d := newSyncDriver(t, api, w, h)
		d.walk("enter")
		d.press("j", "pgdown")
		d.walk("G")
		d.press("tab", "j")
		d.walk("b")
		d.press("n", "m", "s", "g")
		d.resize(fuzzSize(height, width))
		d.check("resize")
	})
}

// FuzzListPage decodes a GET /datasets body with the client and shows the
// page (or the error) in the list, moving through it, sorting it and
// opening its rows.
func FuzzListPage(f *testing.F) {
	f.Add([]byte(`{"data":[{"id":"ds_1","document_name":"a.pdf","status":"complete","min_confidence":0.4}],"next_cursor":null}`), uint8(120), uint8(30))
	f.Fuzz(func(t *testing.T, body []byte, width, height uint8) {
		page, err := bodyClient(t, body).ListDatasets(context.Background(), client.ListParams{Limit: 100})
		api := uitest.NewAPI(nil)
		first := true
		api.List = func(context.Context, client.ListParams) (client.Page, error) {
			if !first {
				return client.Page{}, nil // the cursor's next page: empty, the end
			}
			first = false
			return page, err
		}
		api.Get = func(_ context.Context, id string) (client.Dataset, error) {
			for _, ds := range page.Data {
				if ds.ID == id {
					return ds, nil
				}
			}
			return client.Dataset{}, &client.APIError{StatusCode: http.StatusNotFound}
		}
		w, h := fuzzSize(width, height)
		d := newSyncDriver(t, api, w, h)
		d.check("start")
		d.press("j", "j")
		d.walk("G")
		d.press("s", "k", "pgdown", "s")
		d.walk("pgup")
		d.press("s", "g")
		d.walk("enter")
		d.press("esc", "G")
		d.walk("enter")
		d.press("esc")
		d.resize(fuzzSize(height, width))
		d.check("resize")
	})
}

// TestFuzzDriversReachTheViews guards the fuzz targets against testing
// nothing: with a plain body, the sync driver loads the list and opens the
// detail, whose field is on screen.
func TestFuzzDriversReachTheViews(t *testing.T) {
	body := []byte(`{"id":"ds_1","document_name":"a.pdf","status":"complete","fields":[{"name":"total_amount","value":"1320.00","confidence":0.5}]}`)
	ds, err := bodyClient(t, body).GetDataset(context.Background(), "ds_1")
	if err != nil {
		t.Fatal(err)
	}
	api := uitest.NewAPI([]client.Dataset{ds})
	d := newSyncDriver(t, api, 100, 30)
	list := ansi.Strip(d.app.stack[0].View())
	if st := listStateOf(t, list); !st.complete || st.rows != 1 || !strings.Contains(list, "ds_1") {
		t.Fatalf("the list does not hold its one row (%q):\n%s", st.footer, list)
	}
	d.walk("enter")
	screen := ansi.Strip(d.app.View().Content)
	if len(d.app.stack) != 2 || !strings.Contains(screen, "total_amount") || !strings.Contains(screen, "1320.00") {
		t.Fatalf("the detail did not open with its field:\n%s", screen)
	}
}
