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
	lines []lineFigures
	// heads are the header figures the arithmetic reads, by slot.
	heads [slotTaxRate + 1]figure
	// lineCurrencies are the line-item amounts whose text names a
	// currency, found while the lines are read.
	lineCurrencies []keyText
	// slots index the header fields the checks read by name: position + 1
	// of the first of each, 0 for none.
	slots [slotCount]int32
	// kinds say, per header field, what the checks make of it: read once,
	// where each check would otherwise compare the names again.
	kinds []fieldKind
}

type keyText struct{ key, text string }

// fieldKind is what a header field is to the checks.
type fieldKind uint8

const (
	kindFirst    fieldKind = 1 << iota // the first of its name: the one the join keeps
	kindDate                           // a date (by type or a _date name)
	kindCurrency                       // a currency code (by type or name)
	kindAmount                         // an amount (by type)
)

// slot is a header field name the checks know, so that finding a field of
// that name is an index, not a walk: the names they read themselves (each
// with a constant) and the others a document of the reference's types
// commonly carries, which the presence check asks for.
type slot uint8

const (
	slotSubtotal slot = iota
	slotTaxAmount
	slotTotalAmount
	slotAmountDue
	slotTaxRate
	slotInvoiceDate
	slotDueDate
	slotOrderDate
	slotDeliveryDate
	slotVendorName
	slotMerchantName
	slotInvoiceNumber // the identifiers, in identifierFields' order
	slotReceiptNumber
	slotPurchaseOrderNumber
	slotPONumber
	slotVendorTaxID
	slotMerchantTaxID
	slotCurrency
	slotCount = slot(len(slotNames))
	noSlot    = slotCount
)

var slotNames = [...]string{
	slotSubtotal: "subtotal", slotTaxAmount: "tax_amount", slotTotalAmount: "total_amount", slotAmountDue: "amount_due",
	slotTaxRate: "tax_rate", slotInvoiceDate: "invoice_date", slotDueDate: "due_date", slotOrderDate: "order_date",
	slotDeliveryDate: "delivery_date", slotVendorName: "vendor_name", slotMerchantName: "merchant_name",
	slotInvoiceNumber: "invoice_number", slotReceiptNumber: "receipt_number",
	slotPurchaseOrderNumber: "purchase_order_number", slotPONumber: "po_number", slotVendorTaxID: "vendor_tax_id",
	slotMerchantTaxID: "merchant_tax_id", slotCurrency: "currency",
	// The rest, for the presence check.
	"approved_by", "billing_address", "buyer_address", "buyer_name", "cashier", "customer_name", "customer_reference",
	"iban", "incoterms", "merchant_address", "payment_method", "payment_terms", "requested_by", "reverse_charge",
	"ship_to_address", "shipping_address", "transaction_date", "transaction_time", "vendor_address",
}

// slotKinds are the kinds a slot's name makes a field (a _date name is a
// date, whatever its type says).
var slotKinds = func() (kinds [slotCount]fieldKind) {
	for s, name := range slotNames {
		kinds[s] = nameKind(name)
	}
	return kinds
}()

// The names are found through a perfect hash: a few of a name's bytes,
// multiplied by a constant chosen (once, at start) so that no two known
// names share an entry. Every header field of every dataset comes through
// slotOf; a map would hash the whole name and probe.
const slotTableBits = 8

var slotMul, slotTable = perfectSlotHash()

func slotHash(name string, mul uint64) uint8 {
	n := len(name)
	k := uint64(n) | uint64(name[0])<<8 | uint64(name[n-1])<<16 | uint64(name[n/2])<<24 | uint64(name[n-2])<<32
	return uint8((k * mul) >> (64 - slotTableBits))
}

func perfectSlotHash() (uint64, *[1 << slotTableBits]slot) {
	var table [1 << slotTableBits]slot
	mul := uint64(0x9e3779b97f4a7c15)
	for range 1 << 16 {
		mul = mul*6364136223846793005 + 1442695040888963407 | 1
		for i := range table {
			table[i] = noSlot
		}
		clash := false
		for s, name := range slotNames {
			h := slotHash(name, mul)
			if table[h] != noSlot {
				clash = true
				break
			}
			table[h] = slot(s)
		}
		if !clash {
			return mul, &table
		}
	}
	panic("review: no perfect hash for the slot names: two of them share their length and sampled bytes")
}

// slotOf is name's slot, or noSlot.
func slotOf(name string) slot {
	if len(name) < 2 {
		return noSlot
	}
	if s := slotTable[slotHash(name, slotMul)]; s != noSlot && slotNames[s] == name {
		return s
	}
	return noSlot
}

// nameKind is what a header field's name alone makes it.
func nameKind(name string) fieldKind {
	var k fieldKind
	if isDateField(name, "") {
		k |= kindDate
	}
	if isCurrencyField(name, "") {
		k |= kindCurrency
	}
	return k
}

// typeKind is what a header field's type alone makes it.
func typeKind(typ string) fieldKind {
	switch typ {
	case "date":
		return kindDate
	case "currency":
		return kindCurrency
	case "amount":
		return kindAmount
	}
	return 0
}

func (c *checker) start(ds *client.Dataset, p *Profile) {
	c.ds, c.p = ds, p
	clear(c.out) // drop the last dataset's strings
	c.out = slices.Grow(c.out[:0], 14+len(ds.LineItems)+len(ds.Fields)/4)
	clear(c.arena)
	c.arena = slices.Grow(c.arena[:0], 2*(24+4*len(ds.LineItems)))
	c.slots = [slotCount]int32{}
	c.kinds = slices.Grow(c.kinds[:0], len(ds.Fields))[:len(ds.Fields)]
	for i := range ds.Fields {
		f := &ds.Fields[i]
		k := typeKind(f.Type)
		if s := slotOf(f.Name); s != noSlot {
			k |= slotKinds[s]
			if c.slots[s] == 0 {
				c.slots[s] = int32(i + 1)
				k |= kindFirst
			}
		} else if k |= nameKind(f.Name); k != 0 && c.firstIndex(f.Name) == i {
			k |= kindFirst // only the kinds above ask
		}
		c.kinds[i] = k
	}
}

// firsts visits, in order, the first header field of each name that has
// all of the kinds.
func (c *checker) firsts(kinds fieldKind, visit func(f *client.Field)) {
	want := kinds | kindFirst
	for i, k := range c.kinds {
		if k&want == want {
			visit(&c.ds.Fields[i])
		}
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

// header is a slot's extracted value: the first of the name, as the join
// keeps it. ok is false when it is not extracted or null.
func (c *checker) header(s slot) (string, bool) {
	if i := c.slots[s] - 1; i >= 0 {
		return c.headerAt(int(i))
	}
	return "", false
}

// headerAt is the i-th header field's value; ok is false when it is null.
func (c *checker) headerAt(i int) (string, bool) {
	f := &c.ds.Fields[i]
	return f.Value.String(), !f.Value.IsNull()
}

// value is header's value, "" for an empty one: ok only with text.
func (c *checker) value(s slot) (string, bool) {
	text, ok := c.header(s)
	return text, ok && text != ""
}

// has reports a header field of the slot's name in the extraction at all.
func (c *checker) has(s slot) bool { return c.slots[s] != 0 }

// valueNamed is value for any name: from the slots for the names the
// checks read, else by a walk.
func (c *checker) valueNamed(name string) (string, bool) {
	if s := slotOf(name); s != noSlot {
		return c.value(s)
	}
	if i := c.firstIndex(name); i >= 0 {
		text, ok := c.headerAt(i)
		return text, ok && text != ""
	}
	return "", false
}

func (c *checker) add(r CheckResult) { c.out = append(c.out, r) }

// next is a new result of the check, in place at the end of the results:
// the checks with a result per line fill it there rather than copy it in.
func (c *checker) next(check Check) *CheckResult {
	c.out = append(c.out, CheckResult{Check: check})
	return &c.out[len(c.out)-1]
}

// commonLineKeys are the keys the arithmetic reads for the first items,
// written once for the process: a dataset's line keys would otherwise be
// most of what checking it allocates. Results share them: read-only.
var commonLineKeys = func() [][3]string {
	keys := make([][3]string, 200)
	for i := range keys {
		keys[i] = [3]string{LineItemKey(i, "quantity"), LineItemKey(i, "unit_price"), LineItemKey(i, "amount")}
	}
	return keys
}()

// lineKeysOf is a line item's keys for quantity, unit_price and amount.
func lineKeysOf(index int) *[3]string {
	if index >= 0 && index < len(commonLineKeys) {
		return &commonLineKeys[index]
	}
	return &[3]string{LineItemKey(index, "quantity"), LineItemKey(index, "unit_price"), LineItemKey(index, "amount")}
}
