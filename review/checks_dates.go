package review

import (
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
	for i := range c.ds.Fields {
		f := &c.ds.Fields[i]
		if !isDateField(f.Name, f.Type) || c.firstIndex(f.Name) != i {
			continue
		}
		text := f.Value.String()
		r := CheckResult{Check: CheckDateParses, Fields: []string{f.Name}, Values: []string{text}}
		day, ok := match.ParseDate(text)
		if !f.Value.IsNull() {
			r.Outcome = Failed
			if ok {
				r.Outcome = Passed
			}
		}
		c.add(r)

		p := CheckResult{Check: CheckDatePlausible, Fields: r.Fields, Values: r.Values}
		if ok && !created.IsZero() {
			from := created.AddDate(-plausibleYearsBefore, 0, 0)
			to := created.AddDate(plausibleYearsAfter, 0, 0)
			p.Expect = from.Format(time.DateOnly) + " to " + to.Format(time.DateOnly)
			p.Outcome = Failed
			if !day.Before(dayOf(from)) && !day.After(dayOf(to)) {
				p.Outcome = Passed
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
		r := CheckResult{Check: CheckDateOrder, Fields: []string{pair[0], pair[1]}, Values: []string{first, second}}
		a, okA2 := match.ParseDate(first)
		b, okB2 := match.ParseDate(second)
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
