package review

import (
	"strconv"

	"strings"
	"time"

	"github.com/dxdash/dxdash/client"

	"github.com/dxdash/dxdash/match"
)

// Date checks read dates by match's contract layouts: a date the server's
// own rules cannot read is one a reviewer must look at.

// datePairs are the dates that come in order: the second never before the
// first.
var datePairs = [][2]slot{
	{slotInvoiceDate, slotDueDate},
	{slotOrderDate, slotDeliveryDate},
}

// Plausible dates lie near the upload: a document is dated before it is
// sent (within years), and what it schedules (due, delivery) comes within
// months. The bounds are wide on purpose: they catch a misread year
// ("2062"), not an old invoice.
const (
	plausibleYearsBefore = 5
	plausibleYearsAfter  = 1
)

func isDateField(name, typ string) bool {
	return typ == "date" || strings.HasSuffix(name, "_date")
}

func (c *checker) dates() {
	created := c.ds.CreatedAt
	var from, to int // the plausible days, on the upload's day in UTC
	var cy, cd int
	var cm time.Month
	if !created.IsZero() {
		cy, cm, cd = created.UTC().Date()
		from, to = civilDay(cy-plausibleYearsBefore, cm, cd), civilDay(cy+plausibleYearsAfter, cm, cd)
	}
	c.firsts(kindDate, func(f *client.Field) {
		text := f.Value.String()
		r := CheckResult{Check: CheckDateParses, Fields: c.one(f.Name), Values: c.one(text)}
		day, ok := parseDay(text)
		if !f.Value.IsNull() && strings.TrimSpace(text) != "" { // blank is not extracted, as for an amount
			r.Outcome = Failed
			if ok {
				r.Outcome = Passed
			}
		}
		c.add(r)

		p := CheckResult{Check: CheckDatePlausible, Fields: r.Fields, Values: r.Values}
		if ok && !created.IsZero() {
			p.Outcome = Passed
			if day < from || day > to {
				// The bounds are written only when they are the news.
				p.Outcome = Failed
				p.Expect = time.Date(cy-plausibleYearsBefore, cm, cd, 0, 0, 0, 0, time.UTC).Format(time.DateOnly) +
					" to " + time.Date(cy+plausibleYearsAfter, cm, cd, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
			}
		}
		c.add(p)
	})
	for _, pair := range datePairs {
		if !c.has(pair[0]) && !c.has(pair[1]) {
			continue
		}
		first, okA := c.header(pair[0])
		second, okB := c.header(pair[1])
		r := CheckResult{Check: CheckDateOrder, Fields: c.two(slotNames[pair[0]], slotNames[pair[1]]), Values: c.two(first, second)}
		a, okA2 := parseDay(first)
		b, okB2 := parseDay(second)
		if okA && okB && okA2 && okB2 {
			r.Outcome = Passed
			if b < a {
				r.Outcome = Failed
			}
		}
		c.add(r)
	}
}

// civilDay is the day's number, days since 1970-01-01 in the proleptic
// Gregorian calendar; a day past the month's end runs into the next, as
// time.Date normalises (the 29th of February in 2025 is the 1st of March).
// The algorithm is Howard Hinnant's days_from_civil: dates compare as
// integers, without a time.Time built for each.
func civilDay(y int, m time.Month, d int) int {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (int(m) + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// firstIndex is where the first header field of the name is.
func (c *checker) firstIndex(name string) int {
	for i := range c.ds.Fields {
		if c.ds.Fields[i].Name == name {
			return i
		}
	}
	return -1
}

// parseDay reads a date as match.ParseDate does, as its civilDay, with a
// fast path for the forms most extractors normalise to: the layouts
// match.ParseDate tries in turn each allocate an error on the way past,
// and 10 000 datasets hold 40 000 dates.
func parseDay(s string) (int, bool) {
	if s == "" {
		return 0, false // a date not extracted: no layout to try
	}
	if y, m, d, ok := numericDate(s); ok {
		return civilDay(y, m, d), true
	}
	if y, m, d, ok := namedMonthDate(s); ok {
		return civilDay(y, m, d), true
	}
	if t, ok := match.ParseDate(s); ok {
		y, m, d := t.Date()
		return civilDay(y, m, d), true
	}
	return 0, false
}

// numericDate reads "2006-01-02", "01/02/2006" (month first) and
// "02.01.2006", match's numeric layouts.
func numericDate(s string) (y int, m time.Month, d int, ok bool) {
	if len(s) != 10 {
		return 0, 0, 0, false
	}
	var ys, ms, ds string
	switch {
	case s[4] == '-' && s[7] == '-': // 2006-01-02
		ys, ms, ds = s[0:4], s[5:7], s[8:10]
	case s[2] == '/' && s[5] == '/': // 01/02/2006, month first
		ys, ms, ds = s[6:10], s[0:2], s[3:5]
	case s[2] == '.' && s[5] == '.': // 02.01.2006
		ys, ms, ds = s[6:10], s[3:5], s[0:2]
	default:
		return 0, 0, 0, false
	}
	y, okY := digits(ys)
	mn, okM := digits(ms)
	d, okD := digits(ds)
	if !okY || !okM || !okD || mn < 1 || mn > 12 || d < 1 || d > daysIn(time.Month(mn), y) {
		return 0, 0, 0, false
	}
	return y, time.Month(mn), d, true
}

// namedMonthDate reads match's month-name layouts, "2 Jan 2006",
// "2 January 2006", "Jan 2, 2006" and "January 2, 2006", month names in any
// case; anything else is left to match.ParseDate.
func namedMonthDate(s string) (y int, m time.Month, d int, ok bool) {
	a, rest, ok1 := strings.Cut(s, " ")
	b, c, ok2 := strings.Cut(rest, " ")
	if !ok1 || !ok2 || len(c) != 4 {
		return 0, 0, 0, false
	}
	day, month := a, b
	if dd, comma := strings.CutSuffix(b, ","); comma {
		day, month = dd, a
	} else if _, err := strconv.Atoi(a); err != nil {
		return 0, 0, 0, false
	}
	if len(day) < 1 || len(day) > 2 || day[0] == '0' && len(day) == 1 {
		return 0, 0, 0, false
	}
	d, okD := digits(day)
	y, okY := digits(c)
	m = monthNamed(month)
	if !okD || !okY || m == 0 || d < 1 || d > daysIn(m, y) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

func monthNamed(s string) time.Month {
	for m := time.January; m <= time.December; m++ {
		name := m.String()
		if strings.EqualFold(s, name) || strings.EqualFold(s, name[:3]) {
			return m
		}
	}
	return 0
}

func digits(s string) (int, bool) {
	n := 0
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func daysIn(m time.Month, year int) int {
	switch m {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}
