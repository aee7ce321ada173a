package match

import "testing"

// The cases are the detail view's normalisation notes (ui's
// TestNormalisationNoteWords), so moving the comparison here changes none.
func TestExplain(t *testing.T) {
	for _, tc := range []struct {
		typ, got, want string
		eq             Equivalence
		how            string
	}{
		{"amount", "12.00", "12.00", Identical, "identical"},
		{"amount", "1,234.50", "1234.5", SameNumber, "as numbers"},
		{"amount", "$1,234.50", "1234.50 USD", SameNumber, "as numbers"},
		{"amount", "1.234,50", "1234.5", SameNumber, "as numbers"}, // lenient: a real server may read it so
		{"string", "ACME  Ltd", "acme ltd", Folded, "case and spacing"},
		{"address", "12 Harbour St, Leeds LS1 4AB", "12 harbour st, leeds ls1 4ab", Folded, "case and spacing"},
		{"date", "Apr 12, 2026", "2026-04-12", SameDate, "as dates"},
		{"date", "12 april 2026", "2026-04-12", SameDate, "as dates"},
		{"date", "12.04.2026", "2026-04-12", SameDate, "as dates"},
		{"boolean", "Yes", "true", SameBoolean, "as yes/no"},
		{"boolean", "x", "true", SameBoolean, "as yes/no"}, // a ticked box
		{"string", "Straße", "Strasse", Unexplained, "by the server's rules"},
		// A different number is not explained away, whatever the type says.
		{"amount", "1320.00", "1230.00", Unexplained, "by the server's rules"},
		// Numbers, dates and booleans are tried whatever the type...
		{"string", "1,234.50", "1234.5", SameNumber, "as numbers"},
		{"string", "12.04.2026", "2026-04-12", SameDate, "as dates"},
		{"mystery", " YES", "yes", Folded, "case and spacing"},
		{"mystery", "y", "true", SameBoolean, "as yes/no"},
		// ...but a typed field only as its type.
		{"date", "1", "1.0", Unexplained, "by the server's rules"},
		{"amount", "yes", "true", Unexplained, "by the server's rules"},
		{"boolean", "1.0", "1", Unexplained, "by the server's rules"},
	} {
		eq := Explain(tc.typ, tc.got, tc.want)
		if eq != tc.eq || eq.How() != tc.how {
			t.Errorf("Explain(%q, %q, %q) = %v (%q), want %v (%q)", tc.typ, tc.got, tc.want, eq, eq.How(), tc.eq, tc.how)
		}
	}
}

func TestEquivalenceNames(t *testing.T) {
	seen := map[string]bool{}
	for eq := Identical; eq <= Unexplained; eq++ {
		if seen[eq.String()] {
			t.Errorf("%d: name %q used twice", eq, eq.String())
		}
		seen[eq.String()] = true
	}
}
