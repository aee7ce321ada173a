package termtext

import (
	"testing"
	"unicode/utf8"
)

// FuzzSanitize checks that no input, however hostile, gets a control through
// Sanitize, that Sanitize is idempotent, and that the sanitized text lays
// out to the promised widths. The seed corpus lives in
// testdata/fuzz/FuzzSanitize, so plain `go test` replays it.
func FuzzSanitize(f *testing.F) {
	for _, s := range hostileSamples {
		f.Add(s, 7)
	}
	f.Fuzz(func(t *testing.T, in string, width int) {
		out := Sanitize(in)
		if problem := unsafeReason(out); problem != "" {
			t.Fatalf("Sanitize(%q) = %q: %s", in, out, problem)
		}
		if again := Sanitize(out); again != out {
			t.Fatalf("Sanitize not idempotent: %q -> %q -> %q", in, out, again)
		}
		if utf8.ValidString(in) && dirtyIndex(in) < 0 && out != trimEdges(in) {
			t.Fatalf("clean input %q changed to %q", in, out)
		}
		checkLayout(t, out, width%64)
		checkSelfContained(t, out)
	})
}
