package ui

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/fakeapi/contract"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
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
//
// It sees the views as the root does, through common.View: what the list
// holds and how far it has paged is read from the list's screen (its rows
// and its footer), and what it asked for from the requests recorded on the
// way to the API.
type liveSession struct {
	t             *testing.T
	app           *rootModel
	api           *recordingAPI
	msgs          chan tea.Msg
	width, height int
	// observe, when set, sees every message just after Update handled it.
	observe func(msg tea.Msg)
	updates int
}

func newLiveSession(t *testing.T, api common.API, opts common.Options, width, height int) *liveSession {
	t.Helper()
	rec := &recordingAPI{API: api}
	s := &liveSession{t: t, app: newApp(rec, opts), api: rec, msgs: make(chan tea.Msg, 1<<14)}
	s.exec(s.app.Init())
	s.resize(width, height)
	return s
}

// recordingAPI is the API as the dashboard calls it, counting the list
// requests under way and keeping the errors they returned.
type recordingAPI struct {
	common.API
	started, returned atomic.Int64
	mu                sync.Mutex
	listErrors        []error
}

func (a *recordingAPI) ListDatasets(ctx context.Context, p client.ListParams) (client.Page, error) {
	a.started.Add(1)
	defer a.returned.Add(1)
	page, err := a.API.ListDatasets(ctx, p)
	if err != nil {
		a.mu.Lock()
		a.listErrors = append(a.listErrors, err)
		a.mu.Unlock()
	}
	return page, err
}

// listing says a list request is under way: asked for, not yet answered.
func (a *recordingAPI) listing() bool { return a.started.Load() != a.returned.Load() }

// errors are the errors the list requests returned so far.
func (a *recordingAPI) errors() []error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.listErrors)
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

func (s *liveSession) exec(cmd tea.Cmd) { uitest.RunCmd(cmd, s.msgs) }

// press types one key and returns the frame drawn after it, checked to
// fill the terminal exactly.
func (s *liveSession) press(k string) string {
	s.t.Helper()
	s.send(uitest.KeyPress(k))
	return s.Frame()
}

// pressChecked types one key and returns the frame, checked also to hold
// nothing but our own SGR sequences.
func (s *liveSession) pressChecked(t *testing.T, k string) string {
	t.Helper()
	s.send(uitest.KeyPress(k))
	screen := s.Frame()
	assertOnlyOwnSGR(t, screen)
	return screen
}

// Frame draws the screen and checks its size; View must not wait either.
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

// runUntilListed delivers messages until no list request is under way and
// every answer has been handled (or d has passed): a page being loaded has
// landed, and so has any page its arrival asked for.
func (s *liveSession) runUntilListed(d time.Duration) bool {
	s.t.Helper()
	return s.runUntil(func() bool {
		// Once every goroutine of the bubble is blocked, an answer that
		// has returned from the API is in s.msgs.
		synctest.Wait()
		return !s.api.listing() && len(s.msgs) == 0
	}, d)
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

// listScreen is what the list at the bottom of the stack draws, styles
// stripped. It is read through the View interface, as the root draws it,
// so also while another view covers the list.
func (s *liveSession) listScreen() string { return ansi.Strip(s.app.stack[0].View()) }

// listState is what the list's screen says of its paging: its footer,
// and its body while no row is loaded.
type listState struct {
	footer   string
	rows     int  // loaded
	loading  bool // a page is on its way
	first    bool // ... the first page of a walk (a reload), or it failed
	failed   bool // the last page failed: r retries it
	complete bool // the last page is in
}

var (
	footerAll     = regexp.MustCompile(`^all (\d+)$`)
	footerMore    = regexp.MustCompile(`^(\d+) loaded · more below$`)
	footerLoaded  = regexp.MustCompile(`\((\d+) loaded\)$`)
	datasetIDText = regexp.MustCompile(`\bds_[0-9a-z]+`)
)

// listStateOf reads a list's screen (styles stripped); a footer it does not
// know fails the test.
func listStateOf(t *testing.T, screen string) listState {
	t.Helper()
	lines := strings.Split(screen, "\n")
	st := listState{footer: strings.TrimSpace(lines[len(lines)-1])}
	count := func(re *regexp.Regexp) {
		m := re.FindStringSubmatch(st.footer)
		if m == nil {
			t.Fatalf("list footer %q has no row count:\n%s", st.footer, screen)
		}
		st.rows, _ = strconv.Atoi(m[1])
	}
	switch f := st.footer; {
	case strings.HasSuffix(f, "loading datasets…"):
		st.loading, st.first = true, true
	case strings.Contains(f, "reloading…"):
		st.loading, st.first = true, true
		count(footerLoaded)
	case strings.Contains(f, "loading more…"):
		st.loading = true
		count(footerLoaded)
	case strings.Contains(f, "reload failed · r to retry"):
		st.failed, st.first = true, true
		count(footerLoaded)
	case strings.Contains(f, "loading more failed · r to retry"):
		st.failed = true
		count(footerLoaded)
	case footerAll.MatchString(f):
		st.complete = true
		count(footerAll)
	case footerMore.MatchString(f):
		count(footerMore)
	case f == "" && strings.Contains(screen, "r to retry"):
		st.failed, st.first = true, true // no row: the body explains
	case f == "" && strings.Contains(screen, "no datasets"):
		st.complete = true
	default:
		t.Fatalf("unknown list footer %q:\n%s", f, screen)
	}
	return st
}

// listState reads the list's screen.
func (s *liveSession) listState() listState {
	s.t.Helper()
	return listStateOf(s.t, s.listScreen())
}

// rowIDs are the dataset ids of the rows on a list's screen (styles
// stripped), top to bottom: the first id on each row line, under the
// title and the column header and above the footer.
func rowIDs(screen string) []string {
	lines := strings.Split(screen, "\n")
	var ids []string
	for _, l := range lines[min(2, len(lines)):max(len(lines)-1, 2)] {
		if id := datasetIDText.FindString(l); id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// listIDs walks the whole list from the top, one row at a time, and
// returns the id of every row in display order, failing on a duplicate.
// The list must be on top and complete.
func (s *liveSession) listIDs(t *testing.T) []string {
	t.Helper()
	if len(s.app.stack) != 1 {
		t.Fatalf("listIDs with %d views open", len(s.app.stack))
	}
	st := s.listState()
	if !st.complete {
		t.Fatalf("listIDs on a list not complete: %q", st.footer)
	}
	ids := make([]string, st.rows)
	seen := make(map[string]bool, st.rows)
	s.press("g")
	for pos := range ids {
		if pos > 0 {
			s.press("j")
		}
		id := datasetIDText.FindString(uitest.SelectedLine(t, s.listScreen()))
		if id == "" {
			t.Fatalf("row %d shows no id", pos)
		}
		if seen[id] {
			t.Fatalf("dataset %q is shown twice (rows %d and %d of %d)", id, slices.Index(ids, id), pos, st.rows)
		}
		seen[id] = true
		ids[pos] = id
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
