package ui

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/fakeapi/contract"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// The hardening tests run the dashboard against fakeapi through the real
// client, inside a testing/synctest bubble: HTTP happens in memory, and the
// client's pacing, backoff and the server's slow responses wait on the
// bubble's fake clock, so minutes of traffic take milliseconds.

// validated wraps srv so that a response off the contract (openapi.yaml)
// fails the test. Only for runs without faults or hostile data, which are
// off the contract on purpose.
func validated(t testing.TB, srv http.Handler) http.Handler {
	t.Helper()
	checker, err := contract.Default()
	if err != nil {
		t.Fatal(err)
	}
	return contract.Handler(checker, srv, func(err error) {
		t.Errorf("a response strays from the contract: %v", err)
	})
}

// newLiveClient is a client for srv, served in memory, with the demo key.
func newLiveClient(t testing.TB, srv http.Handler, rewrite func(*http.Response), opts ...client.Option) *client.Client {
	t.Helper()
	hc := &http.Client{Transport: fakeapi.InMemory{Handler: srv, Rewrite: rewrite}}
	c, err := client.New("https://api.dataextractor.test", fakeapi.DemoKey, append([]client.Option{client.WithHTTPClient(hc)}, opts...)...)
	if err != nil {
		t.Fatalf("client.New: %v", err)
	}
	return c
}

// liveSession drives the root model as tea.Program does: commands run on
// goroutines of their own and their messages come back through a channel.
// It must run inside a synctest bubble. Every Update must return without
// the fake clock moving, which proves it never waits on anything.
type liveSession struct {
	t             *testing.T
	app           *rootModel
	msgs          chan tea.Msg
	width, height int
	// observe, when set, sees every message just after Update handled it.
	observe func(msg tea.Msg)
	updates int
}

func newLiveSession(t *testing.T, api common.API, opts common.Options, width, height int) *liveSession {
	t.Helper()
	s := &liveSession{t: t, app: newApp(api, opts), msgs: make(chan tea.Msg, 1<<14)}
	s.exec(s.app.Init())
	s.resize(width, height)
	return s
}

func (s *liveSession) resize(width, height int) {
	s.width, s.height = width, height
	s.send(tea.WindowSizeMsg{Width: width, Height: height})
}

// send hands msg to Update and starts the commands it returns.
func (s *liveSession) send(msg tea.Msg) {
	s.t.Helper()
	before := time.Now()
	_, cmd := s.app.Update(msg)
	if waited := time.Since(before); waited != 0 {
		s.t.Fatalf("Update(%T) waited %s on the clock: it must never block", msg, waited)
	}
	s.updates++
	if s.observe != nil {
		s.observe(msg)
	}
	s.exec(cmd)
}

func (s *liveSession) exec(cmd tea.Cmd) { runCmd(cmd, s.msgs) }

// press types one key and returns the frame drawn after it, checked to
// fill the terminal exactly.
func (s *liveSession) press(k string) string {
	s.t.Helper()
	s.send(keyPress(k))
	return s.Frame()
}

// pressChecked types one key and returns the frame, checked also to hold
// nothing but our own SGR sequences.
func (s *liveSession) pressChecked(t *testing.T, k string) string {
	t.Helper()
	s.send(keyMsgFor(k))
	screen := s.Frame()
	assertOnlyOwnSGR(t, screen)
	return screen
}

// keyMsgFor is keyPress with the few keys it does not spell.
func keyMsgFor(k string) tea.Msg {
	if k == "tab" {
		return tea.KeyPressMsg{Code: tea.KeyTab}
	}
	return keyPress(k)
}

// frame draws the screen and checks its size; View must not wait either.
func (s *liveSession) Frame() string {
	s.t.Helper()
	before := time.Now()
	screen := s.app.View().Content
	if waited := time.Since(before); waited != 0 {
		s.t.Fatalf("View waited %s on the clock", waited)
	}
	assertScreenSize(s.t, screen, s.width, s.height)
	return screen
}

// runFor delivers messages as they arrive for d of fake time.
func (s *liveSession) runFor(d time.Duration) {
	s.runUntil(func() bool { return false }, d)
}

// runUntil delivers messages as they arrive until done reports true
// (checked after each) or d of fake time has passed; it reports done.
func (s *liveSession) runUntil(done func() bool, d time.Duration) bool {
	s.t.Helper()
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for !done() {
		select {
		case msg := <-s.msgs:
			if _, quit := msg.(tea.QuitMsg); quit {
				return done()
			}
			s.send(msg)
		case <-deadline.C:
			return done()
		}
	}
	return true
}

// close quits: every request and timer ends with the program's context,
// and the bubble is left with no goroutine behind.
func (s *liveSession) close() {
	s.app.cancel()
	time.Sleep(10 * time.Minute) // past every pacing wait, backoff and slow response
	for {
		select {
		case <-s.msgs:
		default:
			return
		}
	}
}

func (s *liveSession) list() *list.listModel { return s.app.stack[0].(*list.listModel) }

// loadedIDs returns the ids of the list's rows in display order, failing
// on a duplicate.
func loadedIDs(t *testing.T, l *list.listModel) []string {
	t.Helper()
	ids := make([]string, l.store.len())
	seen := make(map[string]bool, len(ids))
	for pos := range ids {
		id := l.store.at(pos).ID
		if seen[id] {
			t.Fatalf("dataset %q is loaded twice", id)
		}
		seen[id] = true
		ids[pos] = id
	}
	if len(seen) != len(l.store.byID) {
		t.Fatalf("%d rows shown, %d indexed", len(seen), len(l.store.byID))
	}
	return ids
}

// assertScreenSize checks a screen is height lines of at most width cells
// (the views pad to exactly width; at most is what keeps the screen
// intact).
func assertScreenSize(t *testing.T, screen string, width, height int) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) != height {
		t.Fatalf("%d lines at %dx%d, want %d:\n%s", len(lines), width, height, height, ansi.Strip(screen))
	}
	for i, line := range lines {
		if w := ansi.StringWidth(line); w > width {
			t.Fatalf("line %d is %d cells wide at %dx%d: %q", i, w, width, height, ansi.Strip(line))
		}
	}
}

// ownSGR is every escape sequence the views write themselves: Select
// Graphic Rendition (colours, bold, faint, reverse), nothing else.
var ownSGR = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// assertOnlyOwnSGR strips the SGR sequences and fails on anything a
// terminal would act on that is left: ESC, C0 controls but newline, DEL,
// C1 controls, bidi controls, line separators, invalid UTF-8.
func assertOnlyOwnSGR(t *testing.T, screen string) {
	t.Helper()
	rest := ownSGR.ReplaceAllString(screen, "")
	if !utf8.ValidString(rest) {
		t.Fatalf("invalid UTF-8 on screen: %q", firstInvalid(rest))
	}
	for i, r := range rest {
		switch {
		case r == '\n':
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
			r == 0x200e, r == 0x200f, r == 0x061c, r == 0x2028, r == 0x2029, r == 0xfeff:
			t.Fatalf("%U reaches the screen at byte %d: %q", r, i, rest[max(i-20, 0):min(i+20, len(rest))])
		}
	}
}

func firstInvalid(s string) string {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return s[max(i-20, 0):min(i+20, len(s))]
		}
		i += size
	}
	return ""
}
