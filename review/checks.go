package review

import (
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
}

func (c *checker) start(ds *client.Dataset, p *Profile) {
	c.ds, c.p = ds, p
	c.out = make([]CheckResult, 0, 16)
}

// header finds a header field's extracted value: the first of the name, as
// the join keeps it. ok is false when it is not extracted or null.
func (c *checker) header(name string) (string, bool) {
	for i := range c.ds.Fields {
		if f := &c.ds.Fields[i]; f.Name == name {
			return f.Value.String(), !f.Value.IsNull()
		}
	}
	return "", false
}

// has reports a header field with that name in the extraction at all.
func (c *checker) has(name string) bool {
	for i := range c.ds.Fields {
		if c.ds.Fields[i].Name == name {
			return true
		}
	}
	return false
}

func (c *checker) add(r CheckResult) { c.out = append(c.out, r) }
