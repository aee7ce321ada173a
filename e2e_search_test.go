package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestTerminalSearch drives the search in a real terminal, as a person
// would check it: open an invoice in --demo, read its invoice number off
// the detail, go back, search for that number with /, and see a different,
// non-empty list of results holding the invoice; esc then shows the list
// exactly as it was.
func TestTerminalSearch(t *testing.T) {
	requireTerminal(t)
	dir := t.TempDir()
	bin := buildBinary(t)
	term := newTmux(t, dir, 120, 30)
	term.start(fmt.Sprintf("%s --demo; echo \"dxdash exited with status $?\"; sleep 600", bin))

	list := term.waitFor(20*time.Second, "the list", func(s string) bool { return len(screenIDs(s)) > 10 && loadedCount(s) > 0 })

	// A completed invoice, its detail, and a value the extractor read.
	var id, value string
	for _, candidate := range completedInvoices(list) {
		id, value = term.invoiceNumberOf(candidate)
		if value != "" {
			break
		}
	}
	if value == "" {
		t.Fatalf("no completed invoice on the first screen has a readable invoice number:\n%s", list)
	}
	// As full a screen of rows as the first, so that a repaint caught
	// halfway is not taken for the list.
	before := term.waitFor(20*time.Second, "the list again", func(s string) bool {
		return strings.Contains(s, "dxdash · demo") && selectedID(s) == id && len(screenIDs(s)) == len(screenIDs(list))
	})
	beforeIDs := screenIDs(before)

	term.send("/")
	term.waitFor(20*time.Second, "the search input", func(s string) bool { return strings.HasPrefix(s, " / ") })
	term.send("-l", value)
	term.send("Enter")
	results := term.waitFor(30*time.Second, "the results of "+value, func(s string) bool {
		return strings.Contains(s, "search:"+value) && allCountPattern.MatchString(s)
	})
	resultIDs := screenIDs(results)
	if len(resultIDs) == 0 || !slices.Contains(resultIDs, id) {
		t.Fatalf("the results for %q do not hold %s:\n%s", value, id, results)
	}
	t.Logf("searched %q, read off %s: %d results on screen", value, id, len(resultIDs))
	// A short answer is not the list, even when the invoice searched for
	// is the list's first row (the demo's newest datasets are complete).
	if len(resultIDs) >= len(beforeIDs) && slices.Equal(resultIDs[:len(beforeIDs)], beforeIDs) {
		t.Fatalf("the results are the list itself:\n%s", results)
	}

	term.send("Escape")
	// The terminal may be caught mid-repaint, so poll until the whole list
	// is back; waitFor fails with the last screen if it never is.
	after := term.waitFor(20*time.Second, fmt.Sprintf("the list as before the search, %q", beforeIDs), func(s string) bool {
		return !strings.Contains(s, "search:") && sameListSinceArrivals(screenIDs(s), beforeIDs)
	})
	if got := selectedID(after); got != id {
		t.Errorf("the selection after the search is on %q, want %q where it was", got, id)
	}

	term.send("q")
	final := term.waitFor(20*time.Second, "the program to exit", func(s string) bool {
		return strings.Contains(s, "dxdash exited with status")
	})
	if !strings.Contains(final, "dxdash exited with status 0") {
		t.Errorf("dxdash did not exit cleanly:\n%s", final)
	}
}

var (
	screenRow       = regexp.MustCompile(`(?m)^(▌| )(ds_[0-9a-z]{8})\s+(.*)$`)
	allCountPattern = regexp.MustCompile(`(?m)^ all \d+`)
	invoiceNumber   = regexp.MustCompile(`(?m)^\S?\s+invoice_number\s+(\S+)`)
)

// screenIDs are the dataset ids of the rows on screen, top to bottom.
func screenIDs(screen string) []string {
	var ids []string
	for _, m := range screenRow.FindAllStringSubmatch(screen, -1) {
		ids = append(ids, m[2])
	}
	return ids
}

// selectedID is the id of the row marked selected.
func selectedID(screen string) string {
	for _, m := range screenRow.FindAllStringSubmatch(screen, -1) {
		if m[1] == "▌" {
			return m[2]
		}
	}
	return ""
}

// completedInvoices are the ids of the complete invoices on screen.
func completedInvoices(screen string) []string {
	var ids []string
	for _, m := range screenRow.FindAllStringSubmatch(screen, -1) {
		if strings.Contains(m[3], " invoice ") && strings.Contains(m[3], " complete ") {
			ids = append(ids, m[2])
		}
	}
	return ids
}

// invoiceNumberOf moves the selection to the dataset id, opens it, reads
// the extracted invoice_number (empty when none is whole on screen) and
// goes back to the list.
func (tm *tmux) invoiceNumberOf(id string) (string, string) {
	tm.t.Helper()
	tm.waitForKeys(10*time.Second, "the selection on "+id, "j", func(s string) bool { return selectedID(s) == id })
	tm.send("Enter")
	value := ""
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		if m := invoiceNumber.FindStringSubmatch(tm.screen()); m != nil {
			value = m[1]
			break
		}
		time.Sleep(50 * time.Millisecond) // a poll interval, not a wait for work
	}
	tm.send("Escape")
	tm.waitFor(5*time.Second, "the list", func(s string) bool { return selectedID(s) == id })
	if strings.HasSuffix(value, "…") || value == "∅" || value == "—" {
		value = ""
	}
	return id, value
}

// sameListSinceArrivals reports that now is the list before, but for
// datasets the living demo account uploaded meanwhile: they come first
// (newest first) and push the rest down.
func sameListSinceArrivals(now, before []string) bool {
	arrived := 0
	for arrived < len(now) && !slices.Contains(before, now[arrived]) {
		arrived++
	}
	rest := now[arrived:]
	return arrived < len(now) && len(rest) == len(before)-arrived && slices.Equal(rest, before[:len(rest)])
}

func TestSameListSinceArrivals(t *testing.T) {
	before := []string{"a", "b", "c", "d"}
	for _, c := range []struct {
		now  []string
		want bool
	}{
		{[]string{"a", "b", "c", "d"}, true},
		{[]string{"n", "a", "b", "c"}, true},
		{[]string{"n", "m", "a", "b"}, true},
		{[]string{"a", "c", "d", "e"}, false},
		{[]string{"n", "b", "c", "d"}, false},
		{[]string{"a", "b", "c"}, false},
		{[]string{"n", "m", "o", "p"}, false},
		{nil, false},
	} {
		if got := sameListSinceArrivals(c.now, before); got != c.want {
			t.Errorf("%v after %v: %v, want %v", c.now, before, got, c.want)
		}
	}
}
