package ui

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// The dashboard against fakeapi's hostile corpus, through the real
// client: every screen it draws, at every size, holds exactly its lines,
// none wider than the terminal, and nothing but our own colour sequences
// reaches the terminal, whatever the data and the headers carry.

// hostileSizes are the terminals tried: the smallest usable, common ones,
// odd ones, a large one, and one too small to use.
var hostileSizes = [][2]int{{60, 10}, {73, 17}, {80, 24}, {100, 30}, {132, 43}, {200, 50}, {30, 6}}

// escRequestIDs are X-Request-Id values a real socket would refuse (Go's
// client rejects C0 controls in headers) but a proxy in another language
// might pass: the in-memory transport puts them on every other response, so the
// client gets both these and fakeapi's own hostile ids.
var escRequestIDs = []string{
	"req_\x1b]0;pwned-title\x07",
	"req_\x1b[2J\x1b[H",
	"req_\x1b]52;c;cm0gLXJmIH4K\x07",
	"req_\x1b]8;;https://evil.example/\x07link\x1b]8;;\x07",
	"req_\x00\b\r\t\x7fend",
}

func escRequestIDRewriter() func(*http.Response) {
	var n atomic.Int64
	return func(resp *http.Response) {
		if i := n.Add(1); i%2 == 0 {
			resp.Header.Set("X-Request-Id", escRequestIDs[int(i/2)%len(escRequestIDs)])
		}
	}
}

func newHostileAPI(t *testing.T, configure func(*fakeapi.Config), opts ...client.Option) (*fakeapi.Server, *client.Client) {
	t.Helper()
	cfg := fakeapi.DefaultConfig()
	cfg.Hostile = true
	if configure != nil {
		configure(&cfg)
	}
	srv := fakeapi.New(cfg)
	return srv, newLiveClient(t, srv, escRequestIDRewriter(), opts...)
}

// checkAtEverySize draws the current view at each size and checks it.
func checkAtEverySize(t *testing.T, s *liveSession, what string) {
	t.Helper()
	checkAtSizes(t, s, what, hostileSizes)
}

func checkAtSizes(t *testing.T, s *liveSession, what string, sizeLists ...[][2]int) {
	t.Helper()
	for _, size := range slices.Concat(sizeLists...) {
		s.resize(size[0], size[1])
		screen := s.Frame()
		assertOnlyOwnSGR(t, screen)
		// (The 401 screen explains itself at any size.)
		if size[0] < minWidth && s.app.unauthorized == nil && !strings.Contains(screen, "too small") {
			t.Fatalf("%s at %dx%d: no too-small screen:\n%s", what, size[0], size[1], ansi.Strip(screen))
		}
	}
	s.resize(100, 30)
}

// TestHostileDataStaysInItsCells scrolls the whole hostile list in every
// sort order, opens every dataset and walks its detail (the 1 000 fields
// included), checking every frame, and each at every size.
func TestHostileDataStaysInItsCells(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, api := newHostileAPI(t, nil)
		s := newLiveSession(t, api, common.Options{Title: "hostile\x1b]0;title\x07", PageSize: 7}, 100, 30)
		defer s.close()
		copies := 0
		opened := "" // the dataset the last OpenDatasetMsg asked for
		s.observe = func(msg tea.Msg) {
			if text, ok := copiedText(msg); ok {
				copies++
				assertCleanClipboard(t, text)
			}
			if open, ok := msg.(common.OpenDatasetMsg); ok {
				opened = open.ID
			}
		}
		// Everything loaded: move to the bottom until the last page is in.
		for i := 0; !s.listState().complete; i++ {
			if i == 50 {
				t.Fatalf("the hostile list never completed: %q", s.listState().footer)
			}
			s.pressChecked(t, "G")
			s.runUntilListed(time.Minute)
		}
		want := len(srv.Datasets())
		if got := s.listState().rows; got != want {
			t.Fatalf("%d rows loaded, the hostile corpus has %d", got, want)
		}

		// Every row selected at every size; then in the other sort orders.
		s.pressChecked(t, "g")
		for range want {
			checkAtEverySize(t, s, "list")
			s.pressChecked(t, "j")
		}
		for range 2 {
			s.pressChecked(t, "s")
			s.pressChecked(t, "g")
			for range want {
				s.pressChecked(t, "j")
			}
		}
		for range 4 { // the sorts cycle back
			if strings.Contains(s.listScreen(), "sort: newest first") {
				break
			}
			s.pressChecked(t, "s")
		}
		if title := strings.Split(s.listScreen(), "\n")[0]; !strings.Contains(title, "sort: newest first") {
			t.Fatalf("the sort did not come back to newest first: %q", title)
		}

		// Every dataset's detail, in the order of the list.
		s.pressChecked(t, "g")
		for pos := range want {
			gets := srv.Requests().Get
			opened = ""
			s.pressChecked(t, "enter")
			if !s.runUntil(func() bool { return opened != "" }, time.Minute) {
				t.Fatalf("enter on row %d opened no dataset", pos)
			}
			id := opened
			s.runUntil(func() bool { return srv.Requests().Get > gets }, time.Minute)
			s.runFor(5 * time.Second) // the answer's message, and any retry
			screen := s.pressChecked(t, "g")
			if strings.HasPrefix(id, "ds_hostile_") && !strings.Contains(id, "nulls") && !strings.Contains(id, "range") &&
				!strings.Contains(ansi.Strip(screen), "total_amount") && !strings.Contains(ansi.Strip(screen), "field_0000") {
				t.Errorf("the detail of %q shows none of its fields:\n%s", id, ansi.Strip(screen))
			}
			checkAtEverySize(t, s, "detail of "+id)
			for _, k := range []string{"pgdown", "j", "y", "G", "tab", "j", "y", "b", "n", "m", "s", "pgup", "k", "tab", "g", "y"} {
				s.pressChecked(t, k)
			}
			checkAtSizes(t, s, "detail of "+id+" after scrolling", hostileSizes[:1], hostileSizes[len(hostileSizes)-2:])
			s.pressChecked(t, "esc")
			s.runFor(time.Second)
			s.pressChecked(t, "j")
		}
		t.Logf("%d values copied to the clipboard, all clean", copies)
	})
}

// copiedText is the text of a tea.SetClipboard message (its type is
// Bubble Tea's own).
func copiedText(msg tea.Msg) (string, bool) {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Type().String() != "tea.setClipboardMsg" {
		return "", false
	}
	return v.String(), true
}

// assertCleanClipboard: what y copies may be pasted into a shell, where a
// line break runs a command and an escape sequence acts: tabs between a
// line item's values are all the control it may hold.
func assertCleanClipboard(t *testing.T, text string) {
	t.Helper()
	if strings.ContainsAny(text, "\x1b\n\r") || ownSGR.MatchString(text) {
		t.Fatalf("the clipboard gets %q", text)
	}
	assertOnlyOwnSGR(t, strings.ReplaceAll(text, "\t", " "))
}

// TestHostilePasteIntoTextInputs pastes hostile text where the dashboard
// takes text (the search box on /, the filters on f) and checks the
// screens, with results from the hostile corpus, at every size.
func TestHostilePasteIntoTextInputs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, api := newHostileAPI(t, nil)
		s := newLiveSession(t, api, common.Options{PageSize: 100}, 100, 30)
		defer s.close()
		s.runFor(5 * time.Second)
		for _, opener := range []string{"/", "f"} {
			s.pressChecked(t, opener)
			for _, paste := range []string{"\x1b]0;pwned-title\x07", "\x1b[2J", "\u202eevil", "a\x00b\rc\x7f\u009b31m", "click", strings.Repeat("長", 300)} {
				s.send(tea.PasteMsg{Content: paste})
				s.runFor(2 * time.Second) // a debounced search, and its answer
				checkAtEverySize(t, s, fmt.Sprintf("after pasting %q into %s", paste, opener))
			}
			s.pressChecked(t, "esc")
			s.runFor(time.Second)
			s.pressChecked(t, "esc")
		}
	})
}

// TestHostileRequestIDsAreSanitized puts hostile X-Request-Id headers
// (escape sequences, C1 controls as UTF-8 and as raw bytes, bidi
// overrides, a 300-character id) on errors the dashboard shows with their
// request id: 500s, malformed bodies, and the 401 screen.
func TestHostileRequestIDsAreSanitized(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fault   fakeapi.FaultKind
		key     string
		expect  string
		retries int // r presses: the 401 screen takes no key but q
	}{
		{"500", fakeapi.FaultServerError, fakeapi.DemoKey, "server error 500 · request req_", 2 * (len(escRequestIDs) + 6)},
		{"malformed", fakeapi.FaultMalformedBody, fakeapi.DemoKey, "malformed response · request req_", 2 * (len(escRequestIDs) + 6)},
		{"401", 0, "wrong-key", "Request id: req_", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv, _ := newHostileAPI(t, func(cfg *fakeapi.Config) {
					if tc.fault != 0 {
						cfg.FaultRate, cfg.FaultKinds = 1, []fakeapi.FaultKind{tc.fault}
					}
				})
				hc := &http.Client{Transport: fakeapi.InMemory{Handler: srv, Rewrite: escRequestIDRewriter()}}
				api, err := client.New("https://api.dataextractor.test", tc.key,
					client.WithHTTPClient(hc), client.WithRetryPolicy(client.RetryPolicy{MaxRetries: 0}))
				if err != nil {
					t.Fatal(err)
				}
				s := newLiveSession(t, api, common.Options{}, 100, 30)
				defer s.close()
				// Each r is one more request, and one more hostile id on screen.
				ids := map[string]bool{}
				for range tc.retries {
					s.runFor(5 * time.Second)
					screen := s.Frame()
					assertOnlyOwnSGR(t, screen)
					plain := ansi.Strip(screen)
					at := strings.Index(plain, tc.expect)
					if at < 0 {
						t.Fatalf("no %q on screen:\n%s", tc.expect, plain)
					}
					ids[strings.Fields(plain[at+len(tc.expect)-len("req_"):])[0]] = true
					checkAtEverySize(t, s, tc.name+" error")
					s.pressChecked(t, "r")
				}
				// Sanitized, most ids come down to "req_"; these keep text.
				long := slices.ContainsFunc(slices.Collect(maps.Keys(ids)), func(id string) bool {
					return strings.HasPrefix(id, "req_99999999")
				})
				if tc.retries > 1 && (!ids["req_evil"] || !long) {
					t.Errorf("the bidi and the long request ids were not shown: %q", slices.Collect(maps.Keys(ids)))
				}
				if got := srv.Requests().Total; got < tc.retries {
					t.Errorf("%d requests for %d tries", got, tc.retries)
				}
			})
		})
	}
}

// TestHostileDataNeverReachesTheTerminal runs the whole program (Bubble
// Tea's renderer included) on the hostile corpus and reads the bytes a
// terminal would receive: none of the attacks' payloads is in them.
func TestHostileDataNeverReachesTheTerminal(t *testing.T) {
	srv, api := newHostileAPI(t, nil, client.WithRateLimits(1<<20, 1<<20))
	tm := teatest.NewTestModel(t, New(api, common.Options{Title: "hostile", PageSize: 100, Theme: styles.ThemeDark}),
		teatest.WithInitialTermSize(100, 40))
	var terminal bytes.Buffer
	waitFor := func(text string) {
		t.Helper()
		var seen []byte
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			seen = append(seen[:0], b...)
			return bytes.Contains(b, []byte(text))
		}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
		terminal.Write(seen)
	}
	waitFor("all 26") // the whole list on screen
	tm.Type("g")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor("esc") // the first dataset's detail, whose keys start with esc to go back
	tm.Type("q")
	rest, err := io.ReadAll(tm.FinalOutput(t, teatest.WithFinalTimeout(10*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	terminal.Write(rest)
	if srv.Requests().Get == 0 {
		t.Fatal("no dataset was opened")
	}

	out := terminal.String()
	for _, payload := range []string{
		"pwned",                       // the window titles, OSC 0/2 and their C1 form
		"cm0gLXJmIH4vKgo=", "\x1b]52", // the clipboard write
		"evil.example", "\x1b]8;;h", // the hyperlink
		"\x1b[6n", "\x1b[21t", "\x1bP+q", "\x1bc", // reports and reset
		"\u009b", "\u009d", "\u202e", "\u2066", "\x00", "\x7f",
	} {
		if i := strings.Index(out, payload); i >= 0 {
			t.Errorf("%q reached the terminal: %q", payload, out[max(i-30, 0):min(i+30, len(out))])
		}
	}
	if !strings.Contains(out, "click here") || !strings.Contains(out, "invoice.pdf") {
		t.Error("the text around the attacks did not reach the terminal either")
	}
}
