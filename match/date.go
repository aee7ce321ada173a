package match

import (
	"strings"
	"time"
)

// contractDateLayouts are the ways documents and extractors write dates.
// Slashes are read month first, so a day-first "04/12/2026" meant as
// 4 December reads as 12 April: exactly the mistake a wrong-format
// extraction makes. Month names match in any case, so folded text parses.
var contractDateLayouts = []string{
	"2006-01-02", "01/02/2006", "02.01.2006", "2006/01/02",
	"2 Jan 2006", "Jan 2, 2006", "2 January 2006", "January 2, 2006",
}

// lenientDateLayouts add what a real server may also read as a day. No
// text parses under two of these layouts as two different days, so the
// order they are tried in does not change the answer.
var lenientDateLayouts = append(contractDateLayouts[:len(contractDateLayouts):len(contractDateLayouts)],
	"2006.01.02", "Jan 2 2006", "02-Jan-2006", time.RFC3339,
)

// ParseDate reads s, exactly as written, in one of the contract's date
// layouts ("2026-04-12", "04/12/2026", "12.04.2026", "12 Apr 2026",
// "April 12, 2026", ...) and returns the day at midnight UTC.
func ParseDate(s string) (time.Time, bool) {
	return parseDay(s, contractDateLayouts)
}

// ParseDateLenient is ParseDate for text a real server may have matched: it
// collapses white space first and also reads "2026.04.12", "Apr 12 2026",
// "12-Apr-2026" and RFC 3339 timestamps, whose day counts in their own zone.
func ParseDateLenient(s string) (time.Time, bool) {
	return parseDay(strings.Join(strings.Fields(s), " "), lenientDateLayouts)
}

// parseDay tries the layouts in order and keeps only the day of the first
// that reads s, so two values compare as days.
func parseDay(s string, layouts []string) (time.Time, bool) {
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			y, m, d := t.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}
