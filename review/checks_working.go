package review

import (
	"math"
	"strconv"
	"strings"
)

// Working is how the check came to its outcome, in words and figures:
// "subtotal + tax ≠ total: 1 120.00 + 112.00 = 1 232.00, total reads
// 1 320.00". It holds server text as is: a screen sanitizes it.
func (r CheckResult) Working() string {
	if r.Outcome == NotChecked {
		return r.Check.Title() + ": not checked, " + r.whatIsMissing()
	}
	fail := r.Outcome == Failed
	switch r.Check {
	case CheckLineSum:
		n := len(r.Fields) - 1
		terms := r.terms(n)
		if fail {
			return "line items ≠ subtotal: " + terms + " = " + Amount(r.Computed) + ", subtotal reads " + Amount(r.Read)
		}
		return "line items = subtotal: " + terms + " = " + Amount(r.Computed)
	case CheckTotals, CheckAmountDue:
		name := "total"
		if r.Check == CheckAmountDue {
			name = "amount due"
		}
		terms := r.terms(2)
		if fail {
			return "subtotal + tax ≠ " + name + ": " + terms + " = " + Amount(r.Computed) + ", " + name + " reads " + Amount(r.Read)
		}
		return "subtotal + tax = " + name + ": " + terms + " = " + Amount(r.Computed)
	case CheckTaxRate:
		s, _ := amount(r.Values[0])
		p, _ := rate(r.Values[1])
		head := Amount(s) + " × " + strconv.FormatFloat(p, 'f', -1, 64) + " % = " + Amount(r.Computed)
		if fail {
			return "subtotal × rate ≠ tax: " + head + ", tax reads " + Amount(r.Read)
		}
		return "subtotal × rate = tax: " + head
	case CheckLineAmount:
		q, _ := amount(r.Values[0])
		u, _ := amount(r.Values[1])
		line := r.lineLabel()
		head := strconv.FormatFloat(q, 'f', -1, 64) + " × " + Amount(u) + " = " + Amount(r.Computed)
		if fail {
			return line + ": quantity × unit price ≠ amount: " + head + ", amount reads " + Amount(r.Read)
		}
		return line + ": quantity × unit price = amount: " + head
	case CheckDateParses:
		if fail {
			return r.Fields[0] + " does not read as a date: " + quote(r.Values[0])
		}
		return r.Fields[0] + " reads as a date: " + quote(r.Values[0])
	case CheckDatePlausible:
		if fail {
			return r.Fields[0] + " " + quote(r.Values[0]) + " is far from the upload: expected " + r.Expect
		}
		return r.Fields[0] + " " + quote(r.Values[0]) + " is within " + strconv.Itoa(plausibleYearsBefore) +
			" years before and " + strconv.Itoa(plausibleYearsAfter) + " after the upload"
	case CheckDateOrder:
		if fail {
			return r.Fields[1] + " before " + r.Fields[0] + ": " + quote(r.Values[1]) + " is before " + quote(r.Values[0])
		}
		return r.Fields[1] + " not before " + r.Fields[0] + ": " + quote(r.Values[0]) + " then " + quote(r.Values[1])
	case CheckCurrencyCode:
		if fail {
			return r.Fields[0] + " " + quote(r.Values[0]) + " is not an ISO 4217 code"
		}
		return r.Fields[0] + " " + quote(r.Values[0]) + " is an ISO 4217 code"
	case CheckCurrencySame:
		var parts []string
		for i, key := range r.Fields {
			code := r.Values[i]
			if !isCurrencyField(key, "") {
				code = amountCurrency(code)
			}
			parts = append(parts, key+" "+code)
		}
		if fail {
			return "currencies differ: " + strings.Join(parts, ", ")
		}
		return "one currency: " + strings.Join(parts, ", ")
	case CheckPresence:
		if fail {
			return "missing " + strings.Join(r.Fields, ", ") + ": every one of the " + strconv.Itoa(r.Of) + " verified datasets of the type carries it"
		}
		return "all " + strconv.Itoa(len(r.Fields)) + " fields the type always carries are present (from " + strconv.Itoa(r.Of) + " verified)"
	case CheckIDShape:
		if fail {
			return r.Fields[0] + " " + quote(r.Values[0]) + " is shaped " + Shape(r.Values[0]) + "; " +
				strconv.Itoa(r.Seen) + " of the vendor's " + strconv.Itoa(r.Of) + " others are " + r.Expect
		}
		return r.Fields[0] + " is shaped " + r.Expect + " like " + strconv.Itoa(r.Seen) + " of the vendor's " + strconv.Itoa(r.Of) + " others"
	}
	return r.Check.Title()
}

// terms writes the first n values as amounts joined by " + ", eliding the
// middle of a long sum.
func (r CheckResult) terms(n int) string {
	var parts []string
	for i := 0; i < n; i++ {
		if n > 6 && i == 3 {
			parts = append(parts, "… "+strconv.Itoa(n-5)+" more …")
			i = n - 3
			continue
		}
		f, _ := amount(r.Values[i])
		parts = append(parts, Amount(f))
	}
	return strings.Join(parts, " + ")
}

// lineLabel is "line #2" for a line-item result: the item's index, as
// the detail's line-item table and the API number it.
func (r CheckResult) lineLabel() string {
	if index, _, ok := ParseLineItemKey(r.Fields[0]); ok {
		return "line #" + strconv.Itoa(index)
	}
	return "line"
}

// whatIsMissing names the inputs a check lacked.
func (r CheckResult) whatIsMissing() string {
	switch r.Check {
	case CheckPresence:
		return "too few verified datasets of the type (" + strconv.Itoa(r.Of) + ")"
	case CheckIDShape:
		switch {
		case len(r.Values) == 0 || r.Values[0] == "":
			return "the identifier is not extracted"
		case r.Of == 0:
			return "no other document of the vendor's to compare with"
		}
		return "only " + strconv.Itoa(r.Seen) + " of the vendor's " + strconv.Itoa(r.Of) + " other documents share a shape"
	case CheckDatePlausible:
		return "no date read, or no upload time"
	case CheckCurrencySame:
		return "one currency named"
	}
	var missing []string
	for i, key := range r.Fields {
		if r.Values[i] == "" || !r.readable(i) {
			missing = append(missing, key)
		}
	}
	if len(missing) == 0 {
		return "nothing to check"
	}
	return "no readable " + strings.Join(missing, ", ")
}

// readable reports whether the i-th value reads as the check needs.
func (r CheckResult) readable(i int) bool {
	switch r.Check {
	case CheckLineSum, CheckTotals, CheckAmountDue, CheckLineAmount:
		_, ok := amount(r.Values[i])
		return ok
	case CheckTaxRate:
		if i == 1 {
			_, ok := rate(r.Values[i])
			return ok
		}
		_, ok := amount(r.Values[i])
		return ok
	}
	return r.Values[i] != ""
}

func quote(s string) string { return "“" + s + "”" }

// Amount writes a figure to the cent with its thousands set apart by
// spaces: 1 232.00, -12.50.
func Amount(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatFloat(math.Abs(f), 'f', 2, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if f < 0 && s != "0.00" {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	b.WriteByte('.')
	b.WriteString(frac)
	return b.String()
}
