package termtext

import (
	"strings"
	"testing"
)

func TestWidth(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"請求書", 6},
		{"👩\u200d👩\u200d👧", 2},
		{"e\u0301", 1},
		{"🇩🇪", 2},
		{"…", 1},
	}
	for _, tt := range tests {
		if got := Width(tt.in); got != tt.want {
			t.Errorf("Width(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	family := "👩\u200d👩\u200d👧"
	tests := []struct {
		name  string
		in    string
		width int
		want  string
	}{
		{"fits", "abc", 3, "abc"},
		{"fits with room", "abc", 10, "abc"},
		{"cut", "abcdef", 4, "abc…"},
		{"width one", "abcdef", 1, "…"},
		{"width zero", "abc", 0, ""},
		{"negative width", "abc", -3, ""},
		{"empty", "", 5, ""},
		{"cjk fits", "請求書", 6, "請求書"},
		{"cjk cut on boundary", "請求書", 5, "請求…"},
		{"cjk wide rune dropped not halved", "請求書", 4, "請…"},
		{"cjk after ascii", "a請求", 4, "a請…"},
		{"zwj family kept whole", family + "abc", 4, family + "a…"},
		{"zwj family dropped whole", "a" + family + "bc", 3, "a…"},
		{"combining mark stays with base", "cafe\u0301s", 5, "cafe\u0301s"},
		{"combining mark cut whole", "abe\u0301cd", 4, "abe\u0301…"},
		{"flag not split", "ab🇩🇪", 3, "ab…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Truncate(tt.in, tt.width)
			if got != tt.want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
			}
		})
	}
}

func TestFit(t *testing.T) {
	tests := []struct {
		in    string
		width int
		left  string // Fit
		right string // FitRight
	}{
		{"abc", 5, "abc  ", "  abc"},
		{"abc", 3, "abc", "abc"},
		{"abcdef", 4, "abc…", "abc…"},
		{"請求書", 4, "請… ", " 請…"},
		{"", 2, "  ", "  "},
		{"abc", 0, "", ""},
		{"42", -1, "", ""},
	}
	for _, tt := range tests {
		if got := Fit(tt.in, tt.width); got != tt.left {
			t.Errorf("Fit(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.left)
		}
		if got := FitRight(tt.in, tt.width); got != tt.right {
			t.Errorf("FitRight(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.right)
		}
	}
}

func TestClean(t *testing.T) {
	got := Clean("\x1b]0;pwned\x07inv\u202eoice\r\n2026", 10)
	if want := "invoice 2…"; got != want {
		t.Errorf("Clean = %q, want %q", got, want)
	}
}

// TestLayoutProperties checks, for every sample and every width up to a bit
// beyond it, the promises the table renderer relies on.
func TestLayoutProperties(t *testing.T) {
	samples := append([]string{strings.Repeat("請a👩\u200d👩\u200d👧e\u0301", 5)}, hostileSamples...)
	for _, raw := range samples {
		s := Sanitize(raw)
		full := Width(s)
		for w := -1; w <= full+2; w++ {
			checkLayout(t, s, w)
		}
		checkSelfContained(t, s)
	}
}

// checkLayout asserts the width promises of Truncate, Fit and FitRight for
// sanitized s. The fuzzer calls it too.
func checkLayout(t *testing.T, s string, w int) {
	t.Helper()
	tr := Truncate(s, w)
	if got := Width(tr); got > max(w, 0) {
		t.Fatalf("Width(Truncate(%q, %d)) = %d, over the limit", s, w, got)
	}
	if w > 0 && Width(s) <= w && tr != s {
		t.Fatalf("Truncate(%q, %d) = %q, cut a string that fits", s, w, tr)
	}
	if Width(s) > w && w > 0 && !strings.HasSuffix(tr, Ellipsis) {
		t.Fatalf("Truncate(%q, %d) = %q, cut without an ellipsis", s, w, tr)
	}
	if !strings.HasPrefix(s, strings.TrimSuffix(tr, Ellipsis)) {
		t.Fatalf("Truncate(%q, %d) = %q, not a prefix of the input", s, w, tr)
	}
	for _, fit := range []func(string, int) string{Fit, FitRight} {
		if got := Width(fit(s, w)); got != max(w, 0) {
			t.Fatalf("Fit/FitRight(%q, %d) has width %d", s, w, got)
		}
	}
}

// checkSelfContained asserts that sanitized s measures the same beside
// spaces and beside itself as alone, so a row is as wide as its cells.
func checkSelfContained(t *testing.T, s string) {
	t.Helper()
	w := Width(s)
	if got := Width(" " + s + " "); got != w+2 {
		t.Fatalf("Width(%q) = %d but padded with spaces it is %d, want %d", s, w, got, w+2)
	}
	if got := Width(s + " " + s); got != 2*w+1 {
		t.Fatalf("Width(%q) = %d but beside itself it is %d, want %d", s, w, got, 2*w+1)
	}
}
