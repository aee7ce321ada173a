package review

import (
	"math"

	"github.com/dxdash/dxdash/client"
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
	f, ok := match.ParseAmount(s)
	if !ok || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
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
	e := equation{check: CheckLineSum}
	var sum float64
	lines := 0
	for _, item := range c.ds.LineItems {
		text, ok := lineValue(item.Fields, "amount")
		var f float64
		if ok {
			f, ok = amount(text)
		}
		e.term(LineItemKey(item.Index, "amount"), text, ok)
		sum += f
		lines++
	}
	if lines == 0 {
		e.missing = true
	}
	subtotal := c.headerTerm(&e, "subtotal", amount)
	c.add(e.settle(sum, subtotal, lines+1))
}

// sumWith: subtotal + tax = the field named (the total, the amount due).
func (c *checker) sumWith(check Check, name string) {
	e := equation{check: check}
	subtotal := c.headerTerm(&e, "subtotal", amount)
	tax := c.headerTerm(&e, "tax_amount", amount)
	read := c.headerTerm(&e, name, amount)
	c.add(e.settle(subtotal+tax, read, 3))
}

// taxRate: the tax is the subtotal at the rate, to the cent. The rate is
// exact as printed; the subtotal and the tax each carry their rounding.
func (c *checker) taxRate() {
	e := equation{check: CheckTaxRate}
	subtotal := c.headerTerm(&e, "subtotal", amount)
	pct := c.headerTerm(&e, "tax_rate", rate)
	tax := c.headerTerm(&e, "tax_amount", amount)
	c.add(e.settle(subtotal*pct/100, tax, 2))
}

// lineAmounts: quantity × unit price = amount on each line that prints all
// three (a receipt's lines carry no unit price: not checked).
func (c *checker) lineAmounts() {
	for _, item := range c.ds.LineItems {
		e := equation{check: CheckLineAmount}
		var vals [3]float64
		for k, name := range [3]string{"quantity", "unit_price", "amount"} {
			text, ok := lineValue(item.Fields, name)
			if ok {
				vals[k], ok = amount(text)
			}
			e.term(LineItemKey(item.Index, name), text, ok)
		}
		c.add(e.settle(vals[0]*vals[1], vals[2], 2))
	}
}

// lineValue is a line item's value of a name, the first as the join keeps.
func lineValue(fields []client.Field, name string) (string, bool) {
	for i := range fields {
		if f := &fields[i]; f.Name == name {
			return f.Value.String(), !f.Value.IsNull()
		}
	}
	return "", false
}
