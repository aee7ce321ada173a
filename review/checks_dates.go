package review

import (
	"strconv"
	"strings"
	"time"

	"github.com/dxdash/dxdash/match"
)

// Date checks read dates by match's contract layouts: a date the server's
// own rules cannot read is one a reviewer must look at.

// datePairs are the dates that come in order: the second never before the
// first.
var datePairs = [][2]string{
	{"invoice_date", "due_date"},
	{"order_date", "delivery_date"},
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
	var from, to time.Time
	if !created.IsZero() {
		from, to = created.AddDate(-plausibleYearsBefore, 0, 0), created.AddDate(plausibleYearsAfter, 0, 0)
	}
	for i := range c.ds.Fields {
		f := &c.ds.Fields[i]
		if !isDateField(f.Name, f.Type) || c.firstIndex(f.Name) != i {
			continue
		}
		text := f.Value.String()
		r := CheckResult{Check: CheckDateParses, Fields: c.one(f.Name), Values: c.one(text)}
		day, ok := parseDate(text)
		if !f.Value.IsNull() {
			r.Outcome = Failed
			if ok {
				r.Outcome = Passed
			}
		}
		c.add(r)

		p := CheckResult{Check: CheckDatePlausible, Fields: r.Fields, Values: r.Values}
		if ok && !created.IsZero() {
			p.Outcome = Passed
			if day.Before(dayOf(from)) || day.After(dayOf(to)) {
				// The bounds are written only when they are the news.
				p.Outcome = Failed
				p.Expect = from.Format(time.DateOnly) + " to " + to.Format(time.DateOnly)
			}
		}
		c.add(p)
	}
	for _, pair := range datePairs {
		if !c.has(pair[0]) && !c.has(pair[1]) {
			continue
		}
		first, okA := c.header(pair[0])
		second, okB := c.header(pair[1])
		r := CheckResult{Check: CheckDateOrder, Fields: c.two(pair[0], pair[1]), Values: c.two(first, second)}
		a, okA2 := parseDate(first)
		b, okB2 := parseDate(second)
		if okA && okB && okA2 && okB2 {
			r.Outcome = Passed
			if b.Before(a) {
				r.Outcome = Failed
			}
		}
		c.add(r)
	}
}

func dayOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
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

// parseDate is match.ParseDate with a fast path for the ISO form most
// extractors normalise to: the layouts it tries in turn each allocate an
// error on the way past, and 10 000 datasets hold 40 000 dates.
func parseDate(s string) (time.Time, bool) {
	if len(s) == 10 {
		var ys, ms, ds string
		switch {
		case s[4] == '-' && s[7] == '-': // 2006-01-02
			ys, ms, ds = s[0:4], s[5:7], s[8:10]
		case s[2] == '/' && s[5] == '/': // 01/02/2006, month first
			ys, ms, ds = s[6:10], s[0:2], s[3:5]
		case s[2] == '.' && s[5] == '.': // 02.01.2006
			ys, ms, ds = s[6:10], s[3:5], s[0:2]
		}
		y, okY := digits(ys)
		m, okM := digits(ms)
		d, okD := digits(ds)
		if okY && okM && okD && ys != "" && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(time.Month(m), y) {
			return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
		}
	}
	if t, ok := namedMonthDate(s); ok {
		return t, true
	}
	return match.ParseDate(s)
}

// namedMonthDate reads match's month-name layouts, "2 Jan 2006",
// "2 January 2006", "Jan 2, 2006" and "January 2, 2006", month names in any
// case; anything else is left to match.ParseDate.
func namedMonthDate(s string) (time.Time, bool) {
	a, rest, ok1 := strings.Cut(s, " ")
	b, c, ok2 := strings.Cut(rest, " ")
	if !ok1 || !ok2 || len(c) != 4 {
		return time.Time{}, false
	}
	day, month := a, b
	if d, comma := strings.CutSuffix(b, ","); comma {
		day, month = d, a
	} else if _, err := strconv.Atoi(a); err != nil {
		return time.Time{}, false
	}
	if len(day) < 1 || len(day) > 2 || day[0] == '0' && len(day) == 1 {
		return time.Time{}, false
	}
	d, okD := digits(day)
	y, okY := digits(c)
	m := monthNamed(month)
	if !okD || !okY || m == 0 || d < 1 || d > daysIn(m, y) {
		return time.Time{}, false
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
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
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
