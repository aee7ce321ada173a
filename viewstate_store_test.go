package main

import (
	"regexp"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/dxdash/dxdash/fakeapi"
)

var thresholdRe = regexp.MustCompile(`auto-accept at confidence ≥ [0-9.]+`)

// The list's sort, hidden columns and filters, and the stats view's mode
// and threshold, are kept in the store: the next session opens as this one
// was left.
func TestListAndStatsStateSurviveARestart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newStoreWorld(t, fakeapi.Rates{})
		s, end := w.session(false)
		s.runFor(time.Minute)
		s.press(key('s')) // worst accuracy first
		s.press(key('i')) // reversed: best first
		s.press(key('<')) // sort by ✓, the column left of ACCURACY
		s.press(key('-')) // and hide it
		s.press(key('>')) // sort by ACCURACY again, worst first
		s.press(key('i')) // best first
		for _, r := range ":customer cus_acme" {
			s.press(key(r))
		}
		s.press(enterKey)
		s.runFor(time.Second)
		screen := s.screen()
		if !strings.Contains(screen, "cus_acme") {
			t.Errorf("first session: :customer did not filter:\n%s", screen)
		}
		if !strings.Contains(screen, "sort: accuracy ▼") || !strings.Contains(screen, "+2 hidden") {
			t.Errorf("first session: not sorted best first with ✓ hidden:\n%s", screen)
		}
		// The stats view: what-if, the threshold lowered twice.
		s.send(key('S'))
		s.runFor(time.Second)
		s.press(key('4'))
		s.press(key('-'))
		screen = s.press(key('-'))
		threshold := thresholdRe.FindString(screen)
		if threshold == "" {
			t.Errorf("first session: no what-if threshold:\n%s", screen)
		}
		t.Logf("first session: %s", threshold)
		s.press(escKey)
		s.runFor(time.Second)
		end()

		s, end = w.session(true) // offline: nothing but the store
		defer end()
		s.runFor(time.Second)
		screen = s.screen()
		if !strings.Contains(screen, "sort: accuracy ▼") || !strings.Contains(screen, "ACCURACY▼") {
			t.Errorf("second session lost the sort:\n%s", screen)
		}
		if !strings.Contains(screen, "+2 hidden") {
			t.Errorf("second session lost the hidden column:\n%s", screen)
		}
		if head := strings.SplitN(screen, "\n", 2)[0]; !strings.Contains(head, "cus_acme") || strings.Contains(screen, "cus_contoso") {
			t.Errorf("second session lost the filter:\n%s", screen)
		}
		s.send(key('S'))
		s.runFor(time.Second)
		if got := thresholdRe.FindString(s.screen()); got != threshold {
			t.Errorf("second session's stats: threshold %q, want what-if at %q:\n%s", got, threshold, s.screen())
		}
	})
}
