package review

import (
	"slices"

	"github.com/dxdash/dxdash/client"
)

// Consistency checks: an extraction checked against itself, with no ground
// truth. An invoice's line amounts add up to its subtotal, subtotal and tax
// to its total, its due date follows its date; a wrong field usually breaks
// one of these, so the checks find suspects in datasets nobody has reviewed
// yet. What a document of a type always carries, and the shape of a
// vendor's identifiers, need the other datasets: they come in a Profile
// built from the datasets at hand (plain data, no I/O).
//
// A check whose inputs are missing or unreadable is NotChecked, never a
// pass: a dataset with nothing to check is not a clean one.

// Check names a consistency check.
type Check uint8

const (
	CheckLineSum       Check = iota // line-item amounts sum to the subtotal
	CheckTotals                     // subtotal + tax = total
	CheckAmountDue                  // subtotal + tax = amount due
	CheckTaxRate                    // subtotal × tax rate = tax
	CheckLineAmount                 // quantity × unit price = amount, per line
	CheckDateParses                 // a date reads as a date
	CheckDateOrder                  // the due date is not before the invoice date
	CheckDatePlausible              // a date is near the upload
	CheckCurrencyCode               // the currency is an ISO 4217 code
	CheckCurrencySame               // one currency across the document
	CheckPresence                   // the fields a type always carries are there
	CheckIDShape                    // an identifier is shaped like the vendor's others
	checkCount
)

// Checks lists every check, in the order results come.
func Checks() []Check {
	all := make([]Check, checkCount)
	for i := range all {
		all[i] = Check(i)
	}
	return all
}

var checkNames = [checkCount]string{
	CheckLineSum:       "line_sum",
	CheckTotals:        "totals",
	CheckAmountDue:     "amount_due",
	CheckTaxRate:       "tax_rate",
	CheckLineAmount:    "line_amount",
	CheckDateParses:    "date_parses",
	CheckDateOrder:     "date_order",
	CheckDatePlausible: "date_plausible",
	CheckCurrencyCode:  "currency_code",
	CheckCurrencySame:  "currency_same",
	CheckPresence:      "presence",
	CheckIDShape:       "id_shape",
}

var checkTitles = [checkCount]string{
	CheckLineSum:       "line items sum to subtotal",
	CheckTotals:        "subtotal + tax = total",
	CheckAmountDue:     "subtotal + tax = amount due",
	CheckTaxRate:       "subtotal × rate = tax",
	CheckLineAmount:    "quantity × unit price = amount",
	CheckDateParses:    "dates parse",
	CheckDateOrder:     "due date after issue",
	CheckDatePlausible: "dates plausible",
	CheckCurrencyCode:  "currency is ISO 4217",
	CheckCurrencySame:  "one currency",
	CheckPresence:      "fields of the type present",
	CheckIDShape:       "identifier shape as vendor's",
}

// String is the check's name in exports: "totals".
func (c Check) String() string {
	if c < checkCount {
		return checkNames[c]
	}
	return "unknown"
}

// Title is what a screen calls it: "subtotal + tax = total".
func (c Check) Title() string {
	if c < checkCount {
		return checkTitles[c]
	}
	return "unknown"
}

// ParseCheck reads a check's name back.
func ParseCheck(name string) (Check, bool) {
	for i, n := range checkNames {
		if n == name {
			return Check(i), true
		}
	}
	return 0, false
}

// Outcome is what a check found.
type Outcome uint8

const (
	NotChecked Outcome = iota // an input is missing or unreadable
	Passed
	Failed
)

func (o Outcome) String() string {
	switch o {
	case Passed:
		return "pass"
	case Failed:
		return "fail"
	}
	return "not checked"
}

// CheckResult is one check on one dataset (for line_amount, date_parses,
// date_plausible and id_shape, on one line or one field of it). Fields are
// the keys it read, Values what each read (as the server sent it, "" for
// nothing), in the order the working names them.
type CheckResult struct {
	Check   Check
	Outcome Outcome
	Fields  []string
	Values  []string
	// Arithmetic: what the terms make (Computed), what the document says
	// (Read), and how far apart the two may be (Tolerance: half a cent for
	// each amount in the equation).
	Computed, Read, Tolerance float64
	// Expect is what the other datasets lead one to expect (a shape, a
	// currency, a date's bounds); Seen of Of is how many of them agree.
	Expect   string
	Seen, Of int
}

// Involves reports whether the result read the field with key.
func (r CheckResult) Involves(key string) bool {
	for _, k := range r.Fields {
		if k == key {
			return true
		}
	}
	return false
}

// CheckDataset runs every check on ds's extracted values. p may be nil: the
// checks that need other datasets are then not checked. A dataset that is
// not complete has no extraction to check: nil.
func CheckDataset(ds *client.Dataset, p *Profile) []CheckResult {
	if ds.Status != client.StatusComplete {
		return nil
	}
	var c checker
	return c.run(ds, p)
}

// Checker checks dataset after dataset, reusing its memory, as a Joiner
// joins: the stats and the list's counts check thousands at a time. The
// zero Checker is ready; it is not safe for concurrent use.
type Checker struct{ c checker }

// Check is CheckDataset; the results are valid until the next call.
func (k *Checker) Check(ds *client.Dataset, p *Profile) []CheckResult {
	if ds.Status != client.StatusComplete {
		return nil
	}
	return k.c.run(ds, p)
}

func (c *checker) run(ds *client.Dataset, p *Profile) []CheckResult {
	c.start(ds, p)
	c.arithmetic()
	c.dates()
	c.currency()
	c.presence()
	c.identifiers()
	return c.out
}

// Failures counts the failed results.
func Failures(results []CheckResult) int {
	n := 0
	for i := range results {
		if results[i].Outcome == Failed {
			n++
		}
	}
	return n
}

// checker holds one dataset's run.
type checker struct {
	ds  *client.Dataset
	p   *Profile
	out []CheckResult
	// arena backs every result's Fields and Values: one allocation for
	// most datasets instead of two per result (10 000 datasets are checked
	// at a time, so allocations are the cost).
	arena []string
	// lineKeys are each line item's keys for quantity, unit_price and
	// amount, written once for the two checks that read them.
	lineKeys [][3]string
	lines    []lineFigures
	// slots index the header fields the checks read by name (slotNames):
	// position + 1 of the first of each, 0 for none.
	slots [len(slotNames)]int32
}

// slotNames are the header fields the checks look up again and again.
var slotNames = [...]string{
	"subtotal", "tax_amount", "total_amount", "amount_due", "tax_rate", "invoice_date", "due_date",
	"order_date", "delivery_date", "vendor_name", "merchant_name",
	"invoice_number", "receipt_number", "purchase_order_number", "po_number", "vendor_tax_id", "merchant_tax_id",
}

func slotOf(name string) int {
	switch name {
	case "subtotal":
		return 0
	case "tax_amount":
		return 1
	case "total_amount":
		return 2
	case "amount_due":
		return 3
	case "tax_rate":
		return 4
	case "invoice_date":
		return 5
	case "due_date":
		return 6
	case "order_date":
		return 7
	case "delivery_date":
		return 8
	case "vendor_name":
		return 9
	case "merchant_name":
		return 10
	case "invoice_number":
		return 11
	case "receipt_number":
		return 12
	case "purchase_order_number":
		return 13
	case "po_number":
		return 14
	case "vendor_tax_id":
		return 15
	case "merchant_tax_id":
		return 16
	}
	return -1
}

func (c *checker) start(ds *client.Dataset, p *Profile) {
	c.ds, c.p = ds, p
	clear(c.out) // drop the last dataset's strings
	c.out = slices.Grow(c.out[:0], 14+len(ds.LineItems)+len(ds.Fields)/4)
	clear(c.arena)
	c.arena = slices.Grow(c.arena[:0], 2*(24+4*len(ds.LineItems)))
	c.slots = [len(slotNames)]int32{}
	for i := range ds.Fields {
		if slot := slotOf(ds.Fields[i].Name); slot >= 0 && c.slots[slot] == 0 {
			c.slots[slot] = int32(i + 1)
		}
	}
	c.lineKeys = slices.Grow(c.lineKeys[:0], len(ds.LineItems))[:len(ds.LineItems)]
	for i, item := range ds.LineItems {
		c.lineKeys[i] = lineKeysOf(item.Index)
	}
}

// strs hands out a slice of n strings, empty, from the arena.
func (c *checker) strs(n int) []string {
	if len(c.arena)+n > cap(c.arena) {
		c.arena = make([]string, 0, max(n, 32))
	}
	at := len(c.arena)
	c.arena = c.arena[:at+n]
	return c.arena[at : at : at+n]
}

// one is a single string as a slice from the arena.
func (c *checker) one(s string) []string { return append(c.strs(1), s) }

// two is two strings as a slice from the arena.
func (c *checker) two(a, b string) []string { return append(c.strs(2), a, b) }

// header finds a header field's extracted value: the first of the name, as
// the join keeps it. ok is false when it is not extracted or null.
func (c *checker) header(name string) (string, bool) {
	if i := c.find(name); i >= 0 {
		f := &c.ds.Fields[i]
		return f.Value.String(), !f.Value.IsNull()
	}
	return "", false
}

// value is header's value, "" for an empty one: ok only with text.
func (c *checker) value(name string) (string, bool) {
	text, ok := c.header(name)
	return text, ok && text != ""
}

// has reports a header field with that name in the extraction at all.
func (c *checker) has(name string) bool { return c.find(name) >= 0 }

// find is where the first header field of the name is, or -1: from the
// index for the names the checks read, else by a walk.
func (c *checker) find(name string) int {
	if slot := slotOf(name); slot >= 0 {
		return int(c.slots[slot]) - 1
	}
	return c.firstIndex(name)
}

func (c *checker) add(r CheckResult) { c.out = append(c.out, r) }

// commonLineKeys are the keys the arithmetic reads for the first items,
// written once for the process: a dataset's line keys would otherwise be
// most of what checking it allocates.
var commonLineKeys = func() [][3]string {
	keys := make([][3]string, 200)
	for i := range keys {
		keys[i] = [3]string{LineItemKey(i, "quantity"), LineItemKey(i, "unit_price"), LineItemKey(i, "amount")}
	}
	return keys
}()

func lineKeysOf(index int) [3]string {
	if index >= 0 && index < len(commonLineKeys) {
		return commonLineKeys[index]
	}
	return [3]string{LineItemKey(index, "quantity"), LineItemKey(index, "unit_price"), LineItemKey(index, "amount")}
}
