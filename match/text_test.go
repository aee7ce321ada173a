package match

import "testing"

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"INV-2026-0412", "inv-2026-0412"},
		{"  inv-2026-0412 ", "inv-2026-0412"},
		{"Steel  Brackets, 40mm", "steel brackets, 40mm"},
		{"ACME  Ltd", "acme ltd"},
		{"12 Harbour St,\tLeeds\n LS1 4AB", "12 harbour st, leeds ls1 4ab"},
		{"Industriestraße", "industriestraße"}, // folding is not transliteration
		{"ÉCOLE\u00a0Ünïon", "école ünïon"},    // no-break space is white space
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if again := Fold(Fold(tc.in)); again != Fold(tc.in) {
			t.Errorf("Fold is not idempotent on %q: %q", tc.in, again)
		}
	}
}
