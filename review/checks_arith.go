package review

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/dxdash/dxdash/match"
)

// The arithmetic checks read amounts by match's rules (ParseAmount: the
// contract's, so "1,234.50" and "$12" read and an OCR "l" for "1" does not)
// and allow half a cent for each amount in the equation: each was rounded
// to the cent on its own, so n of them may be n half cents out together.

// halfCent is the rounding each amount may carry.
const halfCent = 0.005

// within is the comparison at the tolerance's boundary: a difference of
// exactly the tolerance passes. The epsilon absorbs binary fractions
// ("0.1 + 0.2"), far below a cent.
func within(computed, read, tolerance float64) bool {
	return math.Abs(computed-read) <= tolerance+1e-9*math.Max(1, math.Abs(read))
}

func amount(s string) (float64, bool) {
	if plainNumber(s) {
		// Most values are normalised ("1120.00"): ParseFloat alone reads
		// them as ParseAmount would, without its trimming and copying.
		f, err := strconv.ParseFloat(s, 64)
		return f, err == nil
	}
	if f, ok := groupedNumber(s); ok {
		return f, true
	}
	f, ok := match.ParseAmount(s)
	if !ok || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// plainNumber reports digits with at most a leading minus and a point.
func plainNumber(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' && i == 0) {
			return false
		}
	}
	return true
}

// groupedNumber reads "1,234.50" as ParseAmount does (commas dropped),
// without a copy on the heap.
func groupedNumber(s string) (float64, bool) {
	if len(s) > 32 || strings.IndexByte(s, ',') < 0 {
		return 0, false
	}
	var buf [32]byte
	b := buf[:0]
	for i := range len(s) {
		switch c := s[i]; {
		case c == ',':
		case c >= '0' && c <= '9' || c == '.' || c == '-' && i == 0:
			b = append(b, c)
		default:
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(string(b), 64)
	return f, err == nil
}

// rate reads a tax rate in percent: "19", "19 %", "8.25%".
func rate(s string) (float64, bool) {
	t := s
	for len(t) > 0 && (t[len(t)-1] == '%' || t[len(t)-1] == ' ') {
		t = t[:len(t)-1]
	}
	return amount(t)
}

// equation is an arithmetic check's inputs: the keys and texts of its
// terms, the key and text of what the document says they make.
type equation struct {
	check   Check
	keys    []string
	values  []string
	missing bool
}

func (e *equation) term(key, value string, ok bool) {
	e.keys = append(e.keys, key)
	e.values = append(e.values, value)
	if !ok {
		e.missing = true
	}
}

// settle makes the result: NotChecked when a term is missing or does not
// read as an amount, else Passed or Failed by the tolerance.
func (e *equation) settle(computed, read float64, amounts int) CheckResult {
	r := CheckResult{Check: e.check, Fields: e.keys, Values: e.values}
	if e.missing {
		return r
	}
	r.Computed, r.Read, r.Tolerance = computed, read, halfCent*float64(amounts)
	r.Outcome = Failed
	if within(computed, read, r.Tolerance) {
		r.Outcome = Passed
	}
	return r
}

// headerTerm reads a header amount into e.
func (c *checker) headerTerm(e *equation, name string, read func(string) (float64, bool)) float64 {
	text, ok := c.header(name)
	var f float64
	if ok {
		f, ok = read(text)
	}
	e.term(name, text, ok)
	return f
}

func (c *checker) arithmetic() {
	c.readLines()
	c.lineSum()
	c.sumWith(CheckTotals, "total_amount")
	if c.has("amount_due") {
		c.sumWith(CheckAmountDue, "amount_due")
	}
	if c.has("tax_rate") {
		c.taxRate()
	}
	c.lineAmounts()
}

// lineSum: the line items' amounts add up to the subtotal. A document with
// no line items, or with a line whose amount is missing, is not checked.
func (c *checker) lineSum() {
	n := len(c.ds.LineItems) + 1
	e := equation{check: CheckLineSum, keys: c.strs(n), values: c.strs(n)}
	var sum float64
	for i := range c.lines {
		l := &c.lines[i]
		e.term(c.lineKeys[i][2], l.text[2], l.ok[2])
		sum += l.value[2]
	}
	if len(c.lines) == 0 {
		e.missing = true
	}
	subtotal := c.headerTerm(&e, "subtotal", amount)
	c.add(e.settle(sum, subtotal, len(c.lines)+1))
}

// sumWith: subtotal + tax = the field named (the total, the amount due).
func (c *checker) sumWith(check Check, name string) {
	e := equation{check: check, keys: c.strs(3), values: c.strs(3)}
	subtotal := c.headerTerm(&e, "subtotal", amount)
	tax := c.headerTerm(&e, "tax_amount", amount)
	read := c.headerTerm(&e, name, amount)
	c.add(e.settle(subtotal+tax, read, 3))
}

// taxRate: the tax is the subtotal at the rate, to the cent. The rate is
// exact as printed; the subtotal and the tax each carry their rounding.
func (c *checker) taxRate() {
	e := equation{check: CheckTaxRate, keys: c.strs(3), values: c.strs(3)}
	subtotal := c.headerTerm(&e, "subtotal", amount)
	pct := c.headerTerm(&e, "tax_rate", rate)
	tax := c.headerTerm(&e, "tax_amount", amount)
	c.add(e.settle(subtotal*pct/100, tax, 2))
}

// lineAmounts: quantity × unit price = amount on each line that prints all
// three (a receipt's lines carry no unit price: not checked).
func (c *checker) lineAmounts() {
	for i := range c.lines {
		l := &c.lines[i]
		e := equation{check: CheckLineAmount, keys: c.strs(3), values: c.strs(3)}
		for k := range 3 {
			e.term(c.lineKeys[i][k], l.text[k], l.ok[k])
		}
		c.add(e.settle(l.value[0]*l.value[1], l.value[2], 2))
	}
}

// lineFigures are a line item's quantity, unit price and amount, read
// once for the two checks that use them.
type lineFigures struct {
	text  [3]string
	value [3]float64
	ok    [3]bool // present and read as a number
}

// readLines fills c.lines from the line items.
func (c *checker) readLines() {
	c.lines = slices.Grow(c.lines[:0], len(c.ds.LineItems))[:len(c.ds.LineItems)]
	for i, item := range c.ds.LineItems {
		l := lineFigures{}
		seen := 0
		for j := range item.Fields {
			f := &item.Fields[j]
			k := -1
			switch f.Name {
			case "quantity":
				k = 0
			case "unit_price":
				k = 1
			case "amount":
				k = 2
			}
			if k < 0 || seen&(1<<k) != 0 {
				continue // the first of a name, as the join keeps it
			}
			seen |= 1 << k
			l.text[k] = f.Value.String()
			if !f.Value.IsNull() {
				l.value[k], l.ok[k] = amount(l.text[k])
			}
		}
		c.lines[i] = l
	}
}
