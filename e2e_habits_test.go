package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestTerminalHabits drives the built binary in tmux the way a k9s or
// lazygit user would: a click selects a row, : with an id opens that
// dataset, and ? then typing filters the help.
func TestTerminalHabits(t *testing.T) {
	requireTerminal(t)
	dir := t.TempDir()
	bin := buildBinary(t)
	term := newTmux(t, dir, 120, 30)
	term.start(fmt.Sprintf("%s --demo; echo \"dxdash exited with status $?\"; sleep 600", bin))

	row := regexp.MustCompile(`(?m)^.(ds_[0-9a-z]{8})\s`)
	screen := term.waitFor(3*time.Second, "a dataset row", func(s string) bool { return row.MatchString(s) })
	rows := row.FindAllStringSubmatch(screen, -1)
	if len(rows) < 5 {
		t.Fatalf("fewer than five rows on screen:\n%s", screen)
	}

	// A left click on the fifth row (screen line 7: title, header, then
	// rows) selects it. SGR mouse: ESC [ < button ; column ; line M, 1-based.
	fifth := rows[4][1]
	term.send("-l", "\x1b[<0;10;7M")
	term.send("-l", "\x1b[<0;10;7m")
	term.waitFor(2*time.Second, "the click to select "+fifth, func(s string) bool { return strings.Contains(s, "▌"+fifth) })

	// : and an id opens that dataset.
	third := rows[2][1]
	term.send(":")
	term.send("-l", third)
	term.send("Enter")
	term.waitFor(5*time.Second, "the detail of "+third, func(s string) bool {
		// Its title, whatever its state (the living demo account has
		// processing and failed datasets too).
		return strings.Contains(s, third+" ·") && strings.Contains(s, "esc back")
	})
	term.send("Escape")
	term.waitFor(2*time.Second, "the list again", func(s string) bool { return strings.Contains(s, "DOCUMENT") })

	// ? then typing filters the help to what matches.
	term.send("?")
	term.waitFor(2*time.Second, "the help", func(s string) bool { return strings.Contains(s, "type to search") })
	term.send("-l", "loaded")
	help := term.waitFor(2*time.Second, "the help searched for loaded", func(s string) bool { return strings.Contains(s, "/ loaded") })
	if !strings.Contains(help, "filter loaded rows") || strings.Contains(help, "accuracy stats") {
		t.Errorf("the help searched for loaded:\n%s", help)
	}
	// One key at a time: a terminal reads esc and the key right behind it
	// as alt+key.
	term.send("Escape")
	term.waitFor(2*time.Second, "the search cleared", func(s string) bool { return strings.Contains(s, "type to search") })
	term.send("Escape")
	term.waitFor(2*time.Second, "the list again", func(s string) bool { return strings.Contains(s, "DOCUMENT") })
	term.send("q")
	final := term.waitFor(5*time.Second, "the program to exit", func(s string) bool {
		return strings.Contains(s, "dxdash exited with status")
	})
	if !strings.Contains(final, "dxdash exited with status 0") {
		t.Errorf("dxdash did not exit cleanly:\n%s", final)
	}
}
