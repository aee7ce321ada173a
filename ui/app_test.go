package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// assertFits checks that a screen is exactly width x height cells.
func assertFits(t *testing.T, view string, width, height int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != height {
		t.Fatalf("%d lines at %dx%d, want %d:\n%s", len(lines), width, height, height, ansi.Strip(view))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != width {
			t.Fatalf("line %d is %d cells at %dx%d, want %d: %q", i, w, width, height, width, ansi.Strip(l))
		}
	}
}

// statusLineOf is the last line of a screen.
func statusLineOf(screen string) string {
	lines := strings.Split(screen, "\n")
	return lines[len(lines)-1]
}

func TestResizeTooSmallAndBack(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(200))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("j", "j", "j")
		before := uitest.SelectedLine(t, h.view())

		for _, size := range [][2]int{{30, 8}, {1, 1}, {59, 10}, {60, 9}, {0, 0}} {
			h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			view := h.view()
			if size[0] == 0 {
				if view != "" {
					t.Fatalf("0x0 drew %q", view)
				}
				continue
			}
			assertFits(t, view, size[0], size[1])
			if size[0] >= 20 && !strings.Contains(view, "too small") {
				t.Fatalf("no explanation at %dx%d:\n%s", size[0], size[1], ansi.Strip(view))
			}
			// Keys other than quit do nothing on the too-small screen.
			h.press("j")
		}
		h.send(tea.WindowSizeMsg{Width: 120, Height: 30})
		view := h.view()
		assertFits(t, view, 120, 30)
		if got := uitest.SelectedLine(t, view); got != before {
			t.Fatalf("selection changed across resizes:\n%q\n%q", before, got)
		}
		for _, size := range [][2]int{{60, 10}, {80, 24}, {200, 50}} {
			h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			assertFits(t, h.view(), size[0], size[1])
		}
	})
}

func TestTickRunsOnlyWhileCountingDown(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(10))
		h := newHarness(t, api, common.Options{}, 120, 30) // all loaded: nothing spins
		defer h.close()
		time.Sleep(time.Second) // the spinner's last tick, from while the page loaded
		h.settle()

		if h.app.ticking {
			t.Fatal("a tick is scheduled with nothing counting down")
		}
		if _, cmd := h.app.Update(tickMsg{}); cmd != nil {
			t.Fatal("a stray tick scheduled another")
		}

		now := time.Now()
		counting := client.Budget{AsOf: now, Read: client.Bucket{Limit: 60, Remaining: 47, FreesAt: now.Add(2500 * time.Millisecond), FromServer: true}}
		_, cmd := h.app.Update(budgetMsg{budget: counting})
		if cmd == nil || !h.app.ticking {
			t.Fatal("no tick while the budget counts down")
		}
		if got := ansi.Strip(h.view()); !strings.Contains(got, "47/60 ⟳3s srv") {
			t.Fatalf("status bar lacks the countdown:\n%s", got)
		}
		// The first tick lands when the shown seconds change (at 2s left).
		done := make(chan tea.Msg)
		go func() { done <- cmd() }()
		msg := <-done
		if left := counting.Read.FreesAt.Sub(time.Now()); left != 2*time.Second {
			t.Fatalf("tick came with %s left, want 2s", left)
		}
		_, cmd = h.app.Update(msg)
		if cmd == nil || !strings.Contains(ansi.Strip(h.view()), "⟳2s") {
			t.Fatal("countdown did not advance on the tick")
		}

		// After the deadline the tick asks for a fresh budget, and nothing else.
		time.Sleep(3 * time.Second)
		api.SetBudget(client.Budget{AsOf: time.Now(), Read: client.Bucket{Limit: 60, Remaining: 60, FromServer: true}})
		h.app.ticking = false
		_, cmd = h.app.Update(tickMsg{})
		if cmd == nil {
			t.Fatal("no budget refresh when the countdown ended")
		}
		if h.app.ticking {
			t.Fatal("still ticking after the countdown ended")
		}
		refreshed := cmd()
		if _, ok := refreshed.(budgetMsg); !ok {
			t.Fatalf("the command after the countdown is %T, want a budget refresh", refreshed)
		}
		_, cmd = h.app.Update(refreshed)
		if cmd != nil || h.app.ticking {
			t.Fatal("a tick was scheduled after the countdown ended")
		}
		if got := ansi.Strip(h.view()); !strings.Contains(got, "60/60 srv") {
			t.Fatalf("status bar not refreshed:\n%s", got)
		}
	})
}

func TestBlockedCountdownAndInFlight(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(10))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		now := time.Now()
		h.send(budgetMsg{budget: client.Budget{AsOf: now, Read: client.Bucket{
			Limit: 60, Remaining: 0, BlockedUntil: now.Add(23 * time.Second), InFlight: 2,
		}}})
		got := ansi.Strip(h.view())
		if !strings.Contains(got, "⏸ 429 retry in 23s ⇅2 local") {
			t.Fatalf("status bar lacks the 429 countdown:\n%s", statusLineOf(got))
		}
		if !h.app.ticking {
			t.Fatal("no tick while blocked")
		}
	})
}

func TestUnauthorizedScreen(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(10))
		api.List = func(context.Context, client.ListParams) (client.Page, error) {
			return client.Page{}, &client.APIError{StatusCode: 401, Detail: "invalid key\x1b]0;pwned\x07", RequestID: "req_401"}
		}
		keyHelp := "The API key was read from DATAEXTRACTOR_API_KEY.\nTo look around without a key: dxdash --demo"
		h := newHarness(t, api, common.Options{KeyHelp: keyHelp}, 80, 24)
		defer h.close()
		view := h.view()
		assertFits(t, view, 80, 24)
		plain := ansi.Strip(view)
		for _, want := range []string{"not authorized", "invalid key", "req_401", "read from DATAEXTRACTOR_API_KEY", "dxdash --demo", "q quit"} {
			if !strings.Contains(plain, want) {
				t.Errorf("401 screen lacks %q:\n%s", want, plain)
			}
		}
		uitest.AssertNoForeignEscapes(t, view)
		h.press("j", "r", "?")
		if len(api.ListCalls()) != 1 || !strings.Contains(h.view(), "not authorized") {
			t.Fatal("keys other than q act behind the 401 screen")
		}
		h.press("q")
		if !h.quit {
			t.Fatal("q did not quit")
		}
	})
}

func TestDefaultKeyHelpOn401(t *testing.T) {
	st := styles.New(styles.ThemeMono, true, colorprofile.TrueColor)
	view := ansi.Strip(unauthorizedScreen(st, &client.APIError{StatusCode: 401}, "", 100, 20))
	for _, want := range []string{"DATAEXTRACTOR_API_KEY", "api_key", "dxdash --demo"} {
		if !strings.Contains(view, want) {
			t.Errorf("default 401 help lacks %q:\n%s", want, view)
		}
	}
}

func TestHelpShowsEveryKeyOfTheView(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(10))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		keys := h.app.top().Keys() // the list's own, through the View interface
		h.press("?")
		view := ansi.Strip(h.view())
		for _, group := range keys.FullHelp() {
			for _, b := range group {
				if !strings.Contains(view, b.Help().Key) || !strings.Contains(view, b.Help().Desc) {
					t.Errorf("help lacks %q %q:\n%s", b.Help().Key, b.Help().Desc, view)
				}
			}
		}
		// Every key the list handles, written out so that a binding left out
		// of the key map's help cannot pass unnoticed.
		for _, want := range []string{"keys · list", "ctrl+c", "quit", "ctrl+d", "ctrl+u", "pgdn", "pgup",
			"home", "end", "enter", "/", "ctrl+f", "sort", "refresh", "filter", "wheel"} {
			if !strings.Contains(view, want) {
				t.Errorf("help lacks %q", want)
			}
		}
		h.press("?")
		if strings.Contains(ansi.Strip(h.view()), "keys · list") {
			t.Fatal("? did not close help")
		}
		h.press("?", "esc")
		if strings.Contains(ansi.Strip(h.view()), "keys · list") {
			t.Fatal("esc did not close help")
		}
		// In the detail view, help lists the detail's keys.
		h.press("enter", "?")
		view = ansi.Strip(h.view())
		if !strings.Contains(view, "keys · dataset") || !strings.Contains(view, "refetch") {
			t.Fatalf("help in the detail view:\n%s", view)
		}
	})
}

func TestHelpFitsSmallTerminal(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(10))
		h := newHarness(t, api, common.Options{}, 60, 10)
		defer h.close()
		h.press("?")
		assertFits(t, h.view(), 60, 10)
		// ↓ scrolls (letters search): every key, then the last mark of the
		// legend, comes into view.
		for _, want := range []string{"ctrl+c", "counted by dxdash itself"} {
			for presses := 0; !strings.Contains(ansi.Strip(h.view()), want); presses++ {
				if presses == 100 {
					t.Fatalf("scrolling help does not reach %q:\n%s", want, ansi.Strip(h.view()))
				}
				h.press("down")
				assertFits(t, h.view(), 60, 10)
			}
		}
	})
}

func TestMouseWheelMoves(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(100))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
		h.settle()
		if got := uitest.SelectedLine(t, h.view()); !strings.Contains(got, "ds_0003") {
			t.Fatalf("wheel down selected %q, want 3 rows down", got)
		}
	})
}

func TestViewRequestsAltScreenAndMouse(t *testing.T) {
	m := New(uitest.NewAPI(nil), common.Options{})
	v := m.View()
	if !v.AltScreen || v.MouseMode != tea.MouseModeCellMotion {
		t.Fatalf("view: alt screen %v, mouse mode %v", v.AltScreen, v.MouseMode)
	}
}

func TestQuitCancelsRequests(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(10))
		// The first page is held until its request is cancelled.
		api.List = func(ctx context.Context, _ client.ListParams) (client.Page, error) {
			<-ctx.Done()
			return client.Page{}, ctx.Err()
		}
		h := newHarness(t, api, common.Options{}, 120, 30)
		h.press("q")
		if !h.quit {
			t.Fatal("q did not quit")
		}
		// The request blocked in the client returns once the program quits.
		if h.app.c.Ctx.Err() == nil {
			t.Fatal("quitting left the requests' context alive")
		}
		h.close()
	})
}
