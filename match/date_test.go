package match

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	april12 := time.Date(2026, 4, 12, 0, 0, 0, 0, time.UTC)
	december4 := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	may2 := time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in              string
		strict, lenient time.Time // zero: does not read as a date
	}{
		{"2026-04-12", april12, april12},
		{"04/12/2026", april12, april12}, // slashes read month first
		{"12/04/2026", december4, december4},
		{"12.04.2026", april12, april12},
		{"2026/04/12", april12, april12},
		{"12 Apr 2026", april12, april12},
		{"12 apr 2026", april12, april12}, // folded text parses
		{"12 April 2026", april12, april12},
		{"Apr 12, 2026", april12, april12},
		{"april 12, 2026", april12, april12},
		{"2 May 2026", may2, may2}, // "May" is both a short and a long name
		{"May 2, 2026", may2, may2},
		// Only the lenient reading collapses white space ...
		{"  12   Apr  2026 ", time.Time{}, april12},
		{"12\tApr\n2026", time.Time{}, april12},
		// ... and knows these layouts.
		{"2026.04.12", time.Time{}, april12},
		{"Apr 12 2026", time.Time{}, april12},
		{"12-Apr-2026", time.Time{}, april12},
		{"2026-04-12T09:31:07Z", time.Time{}, april12},
		{"2026-04-12T23:30:00-05:00", time.Time{}, april12}, // the day in its own zone
		{"2026-04-12t09:31:07z", time.Time{}, time.Time{}},  // RFC 3339 letters keep their case
		{"2026-4-12", time.Time{}, time.Time{}},
		{"2026-04-31", time.Time{}, time.Time{}},
		{"soon", time.Time{}, time.Time{}},
		{"", time.Time{}, time.Time{}},
	} {
		check := func(name string, parse func(string) (time.Time, bool), want time.Time) {
			t.Helper()
			got, ok := parse(tc.in)
			if ok != !want.IsZero() || !got.Equal(want) {
				t.Errorf("%s(%q) = %v, %v; want %v", name, tc.in, got, ok, want)
			}
			if ok && (got.Location() != time.UTC || got.Hour() != 0 || got.Minute() != 0) {
				t.Errorf("%s(%q) = %v, not a day at midnight UTC", name, tc.in, got)
			}
		}
		check("ParseDate", ParseDate, tc.strict)
		check("ParseDateLenient", ParseDateLenient, tc.lenient)
	}
}

// The lenient layouts are the contract's and more: whatever the contract
// reads, the explainer reads as the same day.
func TestLenientDateLayoutsExtendTheContract(t *testing.T) {
	if len(lenientDateLayouts) <= len(contractDateLayouts) {
		t.Fatalf("lenient layouts %v add nothing to %v", lenientDateLayouts, contractDateLayouts)
	}
	for i, layout := range contractDateLayouts {
		if lenientDateLayouts[i] != layout {
			t.Fatalf("lenient layout %d is %q, want the contract's %q", i, lenientDateLayouts[i], layout)
		}
	}
	day := time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC)
	for _, layout := range lenientDateLayouts {
		text := day.Format(layout)
		got, ok := ParseDateLenient(text)
		if !ok || !got.Equal(day) {
			t.Errorf("ParseDateLenient(%q) = %v, %v; want %v", text, got, ok, day)
		}
	}
}
