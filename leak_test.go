package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/config"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/ui"
)

// leakKey is what the echoing server was sent and sends back everywhere.
const leakKey = "sk_live_LEAKCHECK_1234abcd5678"

// echoServer is a server that echoes the key in every place a server can
// put text: request ids (whole, percent-encoded, split by bidi controls),
// cursors (whole, and percent-encoded, so that the query the client sends
// next holds it encoded twice), a redirect's Location, error details, and
// a malformed 2xx body that starts with it. It records what it was asked,
// so the test knows every place was reached.
type echoServer struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (s *echoServer) saw(what string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[what] = true
}

func (s *echoServer) reached() map[string]bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]bool{}
	for k, v := range s.seen {
		out[k] = v
	}
	return out
}

func (s *echoServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Request-Id", "req_"+leakKey)
	if r.Header.Get("Authorization") != "Bearer "+leakKey {
		writeEcho(w, http.StatusUnauthorized, "no key")
		return
	}
	if id, ok := strings.CutPrefix(r.URL.Path, "/api/v1/datasets/"); ok {
		s.saw("get " + id)
		switch id {
		case "ds_1":
			w.Header().Set("X-Request-Id", "req_"+leakKey[:12]+"\u202e"+leakKey[12:])
			writeEcho(w, http.StatusNotFound, "no dataset here for "+leakKey)
		case "ds_2":
			w.Header().Set("X-Request-Id", leakKey)
			writeEcho(w, http.StatusInternalServerError, "crashed on key "+leakKey)
		default:
			writeEcho(w, http.StatusUnauthorized, "the key "+leakKey+" is revoked")
		}
		return
	}
	q := r.URL.Query()
	switch cursor := q.Get("cursor"); {
	case q.Get("search") == "fields":
		// One dataset, for export --fields: its detail fails.
		s.saw("list for fields")
		writePage(w, "", "ds_2")
	case cursor == "":
		s.saw("first page")
		writePage(w, "c1_"+leakKey, "ds_1", "ds_2")
	case cursor == "c1_"+leakKey:
		s.saw("cursor with the key")
		writePage(w, percentEncodeAll(leakKey), "ds_3")
	case cursor == percentEncodeAll(leakKey):
		s.saw("cursor with the key encoded")
		w.Header().Set("Location", "/api/v1/datasets?cursor=c3&echo="+leakKey+"&again="+percentEncodeAll(leakKey))
		w.WriteHeader(http.StatusFound)
	case cursor == "c3":
		s.saw("redirected")
		w.Header().Set("X-Request-Id", percentEncodeAll(leakKey))
		w.WriteHeader(http.StatusOK)
		fmt.Fprint(w, leakKey+" is not a page")
	default:
		writeEcho(w, http.StatusBadRequest, "cursor expired for "+leakKey)
	}
}

func writeEcho(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"detail": detail})
}

func writePage(w http.ResponseWriter, next string, ids ...string) {
	created := time.Date(2026, 4, 12, 9, 0, 0, 0, time.UTC)
	items := []map[string]any{}
	for i, id := range ids {
		n, _ := strconv.Atoi(strings.TrimPrefix(id, "ds_"))
		items = append(items, map[string]any{
			"id": id, "document_name": id + ".pdf", "customer_id": "cus_echo", "dataset_type": "invoice",
			"status": "complete", "is_verified": false, "page_count": 1, "field_count": 3,
			"created_at": created.Add(-time.Duration(n*10+i) * time.Minute), "updated_at": created,
		})
	}
	page := map[string]any{"data": items, "next_cursor": nil}
	if next != "" {
		page["next_cursor"] = next
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(page)
}

// percentEncodeAll writes every byte of s as %XX, as a server may.
func percentEncodeAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

// leakedPiece returns a piece of leakKey client.MinRedactedPiece bytes long
// that text spells, as written or percent-decoded once or twice, or "".
func leakedPiece(text string) string {
	texts := []string{text, unescapePercents(text), unescapePercents(unescapePercents(text))}
	for _, t := range texts {
		for i := 0; i+client.MinRedactedPiece <= len(leakKey); i++ {
			if piece := leakKey[i : i+client.MinRedactedPiece]; strings.Contains(t, piece) {
				return piece
			}
		}
	}
	return ""
}

// unescapePercents decodes every valid %XX in s and leaves the rest.
func unescapePercents(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if c, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(c))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func assertNoLeak(t *testing.T, where, text string) {
	t.Helper()
	if piece := leakedPiece(text); piece != "" {
		t.Errorf("%s shows %q of the key:\n%s", where, piece, text)
	}
}

// TestTheKeyLeaksNowhere runs the dashboard, with its --log request log,
// and dxdash export against a server that echoes the key in every place it
// can, and finds no piece of the key 8 characters long in the log, on any
// screen drawn, on stdout or on stderr.
func TestTheKeyLeaksNowhere(t *testing.T) {
	dir := t.TempDir()
	logPath := filepath.Join(dir, "dxdash.log")
	conf := writeExportConfig(t, "https://api.dataextractor.test", "[rate_limits]\nread_per_minute = 100000\n")
	t.Setenv("HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("DATAEXTRACTOR_API_KEY", leakKey)
	srv := &echoServer{}

	var frames []string
	synctest.Test(t, func(t *testing.T) {
		logger, closeLog, err := openLog(logPath, client.NewRedactor(leakKey))
		if err != nil {
			t.Fatal(err)
		}
		defer closeLog()
		feed := ui.NewBudgetFeed()
		api, err := dashboardClient("https://api.dataextractor.test", leakKey, config.Defaults(), logger,
			fakeapi.InMemory{Handler: srv}, feed.Observe)
		if err != nil {
			t.Fatal(err)
		}
		s := newUISession(t, api, ui.Options{Title: "echo", Budget: feed, Theme: ui.ThemeMono}, 120, 30)
		s.runFor(10 * time.Second)
		// r asks for the malformed page again. (Its first error line may
		// already be gone: the ui clears it when the page before it
		// reports success, and in memory the two answers can cross.)
		if list := s.press(key('r')); !strings.Contains(list, "ds_3") || !strings.Contains(list, "malformed response · request [redacted]") {
			t.Errorf("the list should show three rows and the malformed page:\n%s", list)
		}
		s.press(enterKey) // ds_1: a 404
		s.runFor(time.Minute)
		s.press(tea.KeyPressMsg{Code: tea.KeyEscape})
		s.press(key('j'))
		s.press(enterKey) // ds_2: a 500, retried
		s.runFor(time.Minute)
		s.press(tea.KeyPressMsg{Code: tea.KeyEscape})
		s.press(key('j'))
		if screen := s.press(enterKey); !strings.Contains(screen, "not authorized") { // ds_3: a 401
			s.runFor(time.Minute)
		}
		if screen := s.screen(); !strings.Contains(screen, "not authorized") || !strings.Contains(screen, "[redacted]") {
			t.Errorf("the 401 screen should show the server's detail, redacted:\n%s", screen)
		}
		s.quit()
		frames = s.frames
	})
	for i, f := range frames {
		assertNoLeak(t, fmt.Sprintf("screen %d", i), f)
	}

	logged, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	assertNoLeak(t, "the log", string(logged))

	for _, want := range []string{"cursor=c1_[redacted]", "cursor=[redacted]", "echo=[redacted]", `request "req_[redacted]"`} {
		if !strings.Contains(string(logged), want) {
			t.Errorf("the log lacks %q:\n%s", want, logged)
		}
	}

	for _, args := range [][]string{
		{"--config", conf},
		{"--config", conf, "--search", "fields", "--fields"},
		{"--config", conf, "--format", "json"},
	} {
		synctest.Test(t, func(t *testing.T) {
			var out, errOut strings.Builder
			status := export(context.Background(), args, &out, &errOut, exportEnv{httpClient: &http.Client{Transport: fakeapi.InMemory{Handler: srv}}})
			if status != 1 || !strings.Contains(errOut.String(), "[redacted]") {
				t.Errorf("export %v: status %d, stderr %q; want a failure quoting the server, redacted", args, status, errOut.String())
			}
			assertNoLeak(t, fmt.Sprintf("export %v stdout", args), out.String())
			assertNoLeak(t, fmt.Sprintf("export %v stderr", args), errOut.String())
		})
	}

	for _, place := range []string{"first page", "cursor with the key", "cursor with the key encoded", "redirected",
		"get ds_1", "get ds_2", "get ds_3", "list for fields"} {
		if !srv.reached()[place] {
			t.Errorf("the test never reached %q", place)
		}
	}
}
