package review

import (
	"math"
	"slices"

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
	scale := math.Abs(read)
	if scale < 1 {
		scale = 1
	}
	return math.Abs(computed-read) <= tolerance+1e-9*scale
}

func amount(s string) (float64, bool) {
	if f, ok := shortDecimal(s); ok {
		return f, true // nearly every amount, without ParseAmount's trimming and copying
	}
	f, ok := match.ParseAmount(s)
	if !ok || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// exactPow10 are the powers of ten a float64 holds exactly.
var exactPow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// shortDecimal reads what nearly every amount is, "1120.00", "1,120.00" or
// "-3.5": at most 15 digits, a point, grouping commas, a leading minus.
// Both the digits as an integer and the power of ten are exact in a
// float64, so their quotient is the correctly rounded value, the very
// float ParseFloat returns (it takes the same path for such input; a test
// compares the two), at a fraction of its cost: amounts are the most of
// what the checks read. Anything else is ParseAmount's.
func shortDecimal(s string) (float64, bool) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	var mantissa uint64
	digits, point := 0, -1 // point: the digits before the point, -1 for none
	for i := 0; i < len(s); i++ {
		if d := s[i] - '0'; d <= 9 {
			mantissa = mantissa*10 + uint64(d)
			digits++
			continue
		}
		switch {
		case s[i] == '.' && point < 0:
			point = digits
		case s[i] == ',': // grouping, as ParseAmount drops it: "1,120.00"
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	f := float64(mantissa)
	if point >= 0 {
		f /= exactPow10[digits-point]
	}
	if neg {
		f = -f
	}
	return f, true
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
	if !e.missing {
		r.compare(computed, read, amounts)
	}
	return r
}

// compare settles r on what the terms make and what the document reads,
// each of the amounts carrying its half cent.
func (r *CheckResult) compare(computed, read float64, amounts int) {
	r.Computed, r.Read, r.Tolerance = computed, read, halfCent*float64(amounts)
	r.Outcome = Failed
	if within(computed, read, r.Tolerance) {
		r.Outcome = Passed
	}
}

// headerTerm puts a header figure into e.
func (c *checker) headerTerm(e *equation, s slot) float64 {
	h := &c.heads[s]
	e.term(slotNames[s], h.text, h.ok)
	return h.value
}

func (c *checker) arithmetic() {
	c.readHeads()
	c.readLines()
	c.lineSum()
	c.sumWith(CheckTotals, slotTotalAmount)
	if c.has(slotAmountDue) {
		c.sumWith(CheckAmountDue, slotAmountDue)
	}
	if c.has(slotTaxRate) {
		c.taxRate()
	}
	c.lineAmounts()
}

// figure is an amount as the document prints it and as it reads.
type figure struct {
	text  string
	value float64
	ok    bool // present and read as a number
}

// readHeads reads the header amounts and the tax rate once, for the
// checks that share them (the subtotal is in four).
func (c *checker) readHeads() {
	for s := range c.heads {
		h := figure{}
		text, present := c.header(slot(s))
		h.text = text
		if present {
			if slot(s) == slotTaxRate {
				h.value, h.ok = rate(text)
			} else {
				h.value, h.ok = amount(text)
			}
		}
		c.heads[s] = h
	}
}

// lineSum: the line items' amounts add up to the subtotal. A document with
// no line items, or with a line whose amount is missing, is not checked.
func (c *checker) lineSum() {
	n := len(c.ds.LineItems) + 1
	e := equation{check: CheckLineSum, keys: c.strs(n), values: c.strs(n)}
	var sum float64
	for i := range c.lines {
		l := &c.lines[i]
		e.term(l.keys[2], l.text[2], l.ok[2])
		sum += l.value[2]
	}
	if len(c.lines) == 0 {
		e.missing = true
	}
	subtotal := c.headerTerm(&e, slotSubtotal)
	c.add(e.settle(sum, subtotal, len(c.lines)+1))
}

// sumWith: subtotal + tax = the field named (the total, the amount due).
func (c *checker) sumWith(check Check, total slot) {
	e := equation{check: check, keys: c.strs(3), values: c.strs(3)}
	subtotal := c.headerTerm(&e, slotSubtotal)
	tax := c.headerTerm(&e, slotTaxAmount)
	read := c.headerTerm(&e, total)
	c.add(e.settle(subtotal+tax, read, 3))
}

// taxRate: the tax is the subtotal at the rate, to the cent. The rate is
// exact as printed; the subtotal and the tax each carry their rounding.
func (c *checker) taxRate() {
	e := equation{check: CheckTaxRate, keys: c.strs(3), values: c.strs(3)}
	subtotal := c.headerTerm(&e, slotSubtotal)
	pct := c.headerTerm(&e, slotTaxRate)
	tax := c.headerTerm(&e, slotTaxAmount)
	c.add(e.settle(subtotal*pct/100, tax, 2))
}

// lineAmounts: quantity × unit price = amount on each line that prints all
// three (a receipt's lines carry no unit price: not checked). A result's
// keys and texts are the line's own, held by the checker until its next
// dataset: there is one such result per line, the most of any check.
func (c *checker) lineAmounts() {
	for i := range c.lines {
		l := &c.lines[i]
		r := c.next(CheckLineAmount)
		r.Fields, r.Values = l.keys[:], l.text[:]
		if l.ok[0] && l.ok[1] && l.ok[2] {
			r.compare(l.value[0]*l.value[1], l.value[2], 2)
		}
	}
}

// lineFigures are a line item's quantity, unit price and amount, read
// once for the two checks that use them.
type lineFigures struct {
	keys  *[3]string // the keys of quantity, unit_price and amount
	text  [3]string
	value [3]float64
	ok    [3]bool // present and read as a number
}

// readLines fills c.lines from the line items, and c.lineCurrencies.
func (c *checker) readLines() {
	c.lines = slices.Grow(c.lines[:0], len(c.ds.LineItems))[:len(c.ds.LineItems)]
	clear(c.lineCurrencies)
	c.lineCurrencies = c.lineCurrencies[:0]
	for i, item := range c.ds.LineItems {
		l := &c.lines[i]
		*l = lineFigures{keys: lineKeysOf(item.Index)}
		seen := 0
		for j := range item.Fields {
			f := &item.Fields[j]
			if f.Type == "amount" && amountCurrency(f.Value.String()) != "" {
				c.lineCurrencies = append(c.lineCurrencies, keyText{LineItemKey(item.Index, f.Name), f.Value.String()})
			}
			k := lineFigure(f.Name)
			if k < 0 || seen&(1<<k) != 0 {
				continue // the first of a name, as the join keeps it
			}
			seen |= 1 << k
			l.text[k] = f.Value.String()
			if !f.Value.IsNull() {
				l.value[k], l.ok[k] = amount(l.text[k])
			}
		}
	}
}

// lineFigure is where a line field goes in lineFigures, or -1.
func lineFigure(name string) int {
	switch {
	case len(name) == 8 && name == "quantity":
		return 0
	case len(name) == 10 && name == "unit_price":
		return 1
	case len(name) == 6 && name == "amount":
		return 2
	}
	return -1
}
