package review

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dxdash/dxdash/match"

	"github.com/dxdash/dxdash/client"
)

// invoice is a hand-built invoice: two lines (2 × 120.00 = 240.00,
// 4 × 220.00 = 880.00), subtotal 1 120.00, tax 10 % = 112.00, total and
// amount due 1 232.00, dated 2026-04-01, due 2026-05-01, in EUR. Each
// test breaks one thing.
func invoice(edit func(h map[string]string, lines [][3]string)) *client.Dataset {
	h := map[string]string{
		"vendor_name": "Acme Corp", "invoice_number": "INV-2026-0412", "invoice_date": "2026-04-01", "due_date": "2026-05-01",
		"currency": "EUR", "subtotal": "1,120.00", "tax_rate": "10", "tax_amount": "112.00", "total_amount": "1232.00", "amount_due": "1232.00",
	}
	lines := [][3]string{{"2", "120.00", "240.00"}, {"4", "220.00", "880.00"}}
	if edit != nil {
		edit(h, lines)
	}
	ds := &client.Dataset{ID: "ds_fixture", DatasetType: "invoice", Status: client.StatusComplete,
		CreatedAt: time.Date(2026, 4, 3, 9, 0, 0, 0, time.UTC)}
	for _, name := range []string{"vendor_name", "invoice_number", "invoice_date", "due_date", "currency", "subtotal", "tax_rate", "tax_amount", "total_amount", "amount_due"} {
		value, ok := h[name]
		if !ok {
			continue
		}
		f := client.Field{Name: name, Type: typeOf(name), Confidence: 0.9}
		if value != "\x00" {
			f.Value = client.StringValue(value)
		}
		ds.Fields = append(ds.Fields, f)
	}
	for i, l := range lines {
		item := client.LineItem{Index: i}
		for k, name := range []string{"quantity", "unit_price", "amount"} {
			if l[k] == "" {
				continue
			}
			item.Fields = append(item.Fields, client.Field{Name: name, Type: "amount", Value: client.StringValue(l[k]), Confidence: 0.9})
		}
		ds.LineItems = append(ds.LineItems, item)
	}
	return ds
}

func typeOf(name string) string {
	switch {
	case strings.HasSuffix(name, "_date"):
		return "date"
	case name == "currency":
		return "currency"
	case name == "tax_rate":
		return "number"
	case strings.HasSuffix(name, "_amount") || name == "subtotal" || name == "amount_due":
		return "amount"
	}
	return "string"
}

// result finds the check's n-th result (for per-line and per-field checks).
func result(t *testing.T, results []CheckResult, c Check, n int) CheckResult {
	t.Helper()
	for _, r := range results {
		if r.Check == c {
			if n == 0 {
				return r
			}
			n--
		}
	}
	t.Fatalf("no %s result", c)
	return CheckResult{}
}

func TestChecksPassOnAConsistentInvoice(t *testing.T) {
	results := CheckDataset(invoice(nil), nil)
	for _, r := range results {
		want := Passed
		if r.Check == CheckPresence || r.Check == CheckIDShape || r.Check == CheckCurrencySame {
			want = NotChecked // no profile; one currency named
		}
		if r.Outcome != want {
			t.Errorf("%s: %v, want %v: %s", r.Check, r.Outcome, want, r.Working())
		}
	}
	if got := result(t, results, CheckTotals, 0).Working(); got != "subtotal + tax = total: 1 120.00 + 112.00 = 1 232.00" {
		t.Errorf("working %q", got)
	}
}

func TestChecksFailWithTheirWorking(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(h map[string]string, lines [][3]string)
		check   Check
		nth     int
		working string
		fields  []string
	}{
		{"total misread", func(h map[string]string, _ [][3]string) { h["total_amount"] = "1320.00" }, CheckTotals, 0,
			"subtotal + tax ≠ total: 1 120.00 + 112.00 = 1 232.00, total reads 1 320.00", []string{"subtotal", "tax_amount", "total_amount"}},
		{"amount due misread", func(h map[string]string, _ [][3]string) { h["amount_due"] = "1 232.00" }, CheckAmountDue, 0,
			"subtotal + tax = amount due: not checked, no readable amount_due", []string{"subtotal", "tax_amount", "amount_due"}},
		{"amount due off", func(h map[string]string, _ [][3]string) { h["amount_due"] = "1223.00" }, CheckAmountDue, 0,
			"subtotal + tax ≠ amount due: 1 120.00 + 112.00 = 1 232.00, amount due reads 1 223.00", []string{"subtotal", "tax_amount", "amount_due"}},
		{"line amount transposed", func(_ map[string]string, l [][3]string) { l[1][2] = "808.00" }, CheckLineSum, 0,
			"line items ≠ subtotal: 240.00 + 808.00 = 1 048.00, subtotal reads 1 120.00", []string{"line_items[0].amount", "line_items[1].amount", "subtotal"}},
		{"line product", func(_ map[string]string, l [][3]string) { l[1][0] = "5" }, CheckLineAmount, 1,
			"line #1: quantity × unit price ≠ amount: 5 × 220.00 = 1 100.00, amount reads 880.00", []string{"line_items[1].quantity", "line_items[1].unit_price", "line_items[1].amount"}},
		{"tax rate", func(h map[string]string, _ [][3]string) { h["tax_rate"] = "19%" }, CheckTaxRate, 0,
			"subtotal × rate ≠ tax: 1 120.00 × 19 % = 212.80, tax reads 112.00", []string{"subtotal", "tax_rate", "tax_amount"}},
		{"date unreadable", func(h map[string]string, _ [][3]string) { h["due_date"] = "31/31/2026" }, CheckDateParses, 1,
			"due_date does not read as a date: “31/31/2026”", []string{"due_date"}},
		{"due before issue", func(h map[string]string, _ [][3]string) { h["due_date"] = "2026-03-01" }, CheckDateOrder, 0,
			"due_date before invoice_date: “2026-03-01” is before “2026-04-01”", []string{"invoice_date", "due_date"}},
		{"year misread", func(h map[string]string, _ [][3]string) {
			h["invoice_date"] = "2062-04-01"
			h["due_date"] = "2062-05-01"
		}, CheckDatePlausible, 0,
			"invoice_date “2062-04-01” is far from the upload: expected 2021-04-03 to 2027-04-03", []string{"invoice_date"}},
		{"currency guessed", func(h map[string]string, _ [][3]string) { h["currency"] = "$" }, CheckCurrencyCode, 0,
			"currency “$” is not an ISO 4217 code", []string{"currency"}},
		{"two currencies", func(h map[string]string, _ [][3]string) { h["total_amount"] = "1232.00 USD" }, CheckCurrencySame, 0,
			"currencies differ: currency EUR, total_amount USD", []string{"currency", "total_amount"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := result(t, CheckDataset(invoice(tc.edit), nil), tc.check, tc.nth)
			if got := r.Working(); got != tc.working {
				t.Errorf("working\n %q\nwant\n %q", got, tc.working)
			}
			if strings.Join(r.Fields, " ") != strings.Join(tc.fields, " ") {
				t.Errorf("fields %q, want %q", r.Fields, tc.fields)
			}
			wantOutcome := Failed
			if strings.Contains(tc.working, "not checked") {
				wantOutcome = NotChecked
			}
			if r.Outcome != wantOutcome {
				t.Errorf("outcome %v, want %v", r.Outcome, wantOutcome)
			}
		})
	}
}

// A check whose input is missing, null or unreadable is not checked:
// never a pass.
func TestChecksNotCheckedWithoutTheirInputs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(h map[string]string, lines [][3]string)
		check Check
		nth   int
	}{
		{"no subtotal", func(h map[string]string, _ [][3]string) { delete(h, "subtotal") }, CheckTotals, 0},
		{"null tax", func(h map[string]string, _ [][3]string) { h["tax_amount"] = "\x00" }, CheckTotals, 0},
		{"tax read as text", func(h map[string]string, _ [][3]string) { h["tax_amount"] = "1l2.00" }, CheckTaxRate, 0},
		{"a line without amount", func(_ map[string]string, l [][3]string) { l[0][2] = "" }, CheckLineSum, 0},
		{"a line without unit price", func(_ map[string]string, l [][3]string) { l[1][1] = "" }, CheckLineAmount, 1},
		{"no due date", func(h map[string]string, _ [][3]string) { h["due_date"] = "\x00" }, CheckDateOrder, 0},
		{"null date", func(h map[string]string, _ [][3]string) { h["due_date"] = "\x00" }, CheckDateParses, 1},
		{"unreadable date", func(h map[string]string, _ [][3]string) { h["invoice_date"] = "soon" }, CheckDatePlausible, 0},
		{"null currency", func(h map[string]string, _ [][3]string) { h["currency"] = "\x00" }, CheckCurrencyCode, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := result(t, CheckDataset(invoice(tc.edit), nil), tc.check, tc.nth)
			if r.Outcome != NotChecked {
				t.Errorf("%s: %v, want not checked: %s", r.Check, r.Outcome, r.Working())
			}
			if !strings.Contains(r.Working(), "not checked") {
				t.Errorf("working %q does not say so", r.Working())
			}
		})
	}
	if got := CheckDataset(&client.Dataset{Status: client.StatusProcessing}, nil); got != nil {
		t.Errorf("a processing dataset is checked: %v", got)
	}
	empty := CheckDataset(&client.Dataset{Status: client.StatusComplete}, nil)
	for _, r := range empty {
		if r.Outcome != NotChecked {
			t.Errorf("empty dataset: %s %v", r.Check, r.Outcome)
		}
	}
}

// Half a cent per term: subtotal + tax = total has three amounts, so
// 1.5 cents apart passes and anything more fails; a line sum of two lines
// and the subtotal likewise.
func TestChecksToleranceAtItsBoundary(t *testing.T) {
	for _, tc := range []struct {
		total string
		want  Outcome
	}{
		{"1232.015", Passed}, {"1231.985", Passed}, {"1232.016", Failed}, {"1231.984", Failed}, {"1232.01", Passed},
	} {
		r := result(t, CheckDataset(invoice(func(h map[string]string, _ [][3]string) { h["total_amount"] = tc.total }), nil), CheckTotals, 0)
		if r.Outcome != tc.want || r.Tolerance != 0.015 {
			t.Errorf("total %s: %v (tolerance %v), want %v", tc.total, r.Outcome, r.Tolerance, tc.want)
		}
	}
	for _, tc := range []struct {
		subtotal string
		want     Outcome
	}{{"1120.015", Passed}, {"1120.016", Failed}} {
		r := result(t, CheckDataset(invoice(func(h map[string]string, _ [][3]string) { h["subtotal"] = tc.subtotal }), nil), CheckLineSum, 0)
		if r.Outcome != tc.want {
			t.Errorf("subtotal %s: line sum %v, want %v", tc.subtotal, r.Outcome, tc.want)
		}
	}
	// quantity × unit price: two amounts, one cent.
	for _, tc := range []struct {
		amount string
		want   Outcome
	}{{"880.01", Passed}, {"879.99", Passed}, {"880.011", Failed}} {
		r := result(t, CheckDataset(invoice(func(_ map[string]string, l [][3]string) { l[1][2] = tc.amount }), nil), CheckLineAmount, 1)
		if r.Outcome != tc.want {
			t.Errorf("line amount %s: %v, want %v", tc.amount, r.Outcome, tc.want)
		}
	}
}

// Tax-exempt: a zero tax adds up, and a zero rate gives a zero tax.
func TestChecksTaxExempt(t *testing.T) {
	results := CheckDataset(invoice(func(h map[string]string, _ [][3]string) {
		h["tax_rate"], h["tax_amount"], h["total_amount"], h["amount_due"] = "0", "0.00", "1120.00", "1120.00"
	}), nil)
	for _, c := range []Check{CheckTotals, CheckAmountDue, CheckTaxRate} {
		if r := result(t, results, c, 0); r.Outcome != Passed {
			t.Errorf("%s: %v: %s", c, r.Outcome, r.Working())
		}
	}
}

func verifiedInvoice(id, vendor, number string, carry ...string) client.Dataset {
	ds := client.Dataset{ID: id, DatasetType: "invoice", Status: client.StatusComplete, IsVerified: true,
		Fields: []client.Field{{Name: "vendor_name", Value: client.StringValue(vendor)}, {Name: "invoice_number", Value: client.StringValue(number)}}}
	for _, name := range append([]string{"vendor_name", "invoice_number"}, carry...) {
		ds.GroundTruth = append(ds.GroundTruth, client.GroundTruth{Name: name, Value: client.StringValue("x")})
	}
	return ds
}

// Presence comes from the verified datasets of the type: a field every one
// of them carries must be there; with fewer than five, not checked.
func TestPresenceFromTheProfile(t *testing.T) {
	var corpus []client.Dataset
	for i, n := range []string{"INV-2026-0001", "INV-2026-0002", "INV-2026-0003", "INV-2026-0004"} {
		corpus = append(corpus, verifiedInvoice("ds_v"+string(rune('0'+i)), "Acme Corp", n, "invoice_date", "due_date"))
	}
	ds := invoice(func(h map[string]string, _ [][3]string) { h["due_date"] = "\x00" })
	r := result(t, CheckDataset(ds, BuildProfile(corpus)), CheckPresence, 0)
	if r.Outcome != NotChecked || !strings.Contains(r.Working(), "too few verified datasets of the type (4)") {
		t.Errorf("four verified: %v %s", r.Outcome, r.Working())
	}
	corpus = append(corpus, verifiedInvoice("ds_v4", "Acme Corp", "INV-2026-0005", "invoice_date", "due_date"))
	corpus[0].GroundTruth = append(corpus[0].GroundTruth, client.GroundTruth{Name: "po_number", Value: client.StringValue("PO-1")})
	p := BuildProfile(corpus)
	if always, n := p.Always("invoice"); strings.Join(always, " ") != "due_date invoice_date invoice_number vendor_name" || n != 5 {
		t.Errorf("always %q of %d", always, n)
	}
	r = result(t, CheckDataset(ds, p), CheckPresence, 0)
	if r.Outcome != Failed || strings.Join(r.Fields, " ") != "due_date" ||
		r.Working() != "missing due_date: every one of the 5 verified datasets of the type carries it" {
		t.Errorf("missing due date: %v %q %s", r.Outcome, r.Fields, r.Working())
	}
	if r := result(t, CheckDataset(invoice(nil), p), CheckPresence, 0); r.Outcome != Passed || len(r.Fields) != 4 {
		t.Errorf("all there: %v %q", r.Outcome, r.Fields)
	}
}

// A vendor's identifiers keep a shape; one that differs from what at least
// 80 % of three or more others show is flagged. The dataset itself is left
// out of its own comparison.
func TestIdentifierShapeAgainstTheVendor(t *testing.T) {
	var corpus []client.Dataset
	for i, n := range []string{"INV-2026-0001", "INV-2026-0002", "INV-2025-0417"} {
		corpus = append(corpus, verifiedInvoice("ds_v"+string(rune('0'+i)), "Acme Corp", n))
	}
	odd := invoice(func(h map[string]string, _ [][3]string) { h["invoice_number"] = "INV-2O26-0412" })
	corpus = append(corpus, *odd)
	p := BuildProfile(corpus)
	r := result(t, CheckDataset(odd, p), CheckIDShape, 0)
	if r.Outcome != Failed || r.Working() != "invoice_number “INV-2O26-0412” is shaped INV-9O99-9999; 3 of the vendor's 3 others are INV-9999-9999" {
		t.Errorf("odd one: %v %s", r.Outcome, r.Working())
	}
	// A usual one: of its 3 others only 2 agree (67 %), so no shape to hold it to.
	if r := result(t, CheckDataset(&corpus[0], p), CheckIDShape, 0); r.Outcome != NotChecked {
		t.Errorf("2 of 3 others agree: %v %s", r.Outcome, r.Working())
	}
	corpus = append(corpus, verifiedInvoice("ds_v8", "Acme Corp", "INV-2024-0998"),
		verifiedInvoice("ds_v9", "ACME  corp", "INV-2024-0999")) // the same vendor, folded
	p = BuildProfile(corpus)
	if r := result(t, CheckDataset(&corpus[0], p), CheckIDShape, 0); r.Outcome != Passed || r.Seen != 4 || r.Of != 5 {
		t.Errorf("4 of 5 others agree (80 %%): %v %d of %d", r.Outcome, r.Seen, r.Of)
	}
	// Two others are too few to say.
	p2 := BuildProfile(corpus[1:])
	if r := result(t, CheckDataset(&corpus[1], p2), CheckIDShape, 0); r.Outcome != NotChecked {
		t.Errorf("two others: %v %s", r.Outcome, r.Working())
	}
	if r := result(t, CheckDataset(odd, nil), CheckIDShape, 0); r.Outcome != NotChecked {
		t.Errorf("no profile: %v", r.Outcome)
	}
}

func TestAmountFormat(t *testing.T) {
	for f, want := range map[float64]string{0: "0.00", 1232: "1 232.00", -12.5: "-12.50", 1234567.891: "1 234 567.89", 999.999: "1 000.00", -0.001: "0.00"} {
		if got := Amount(f); got != want {
			t.Errorf("Amount(%v) = %q, want %q", f, got, want)
		}
	}
}

func TestCheckNamesRoundTrip(t *testing.T) {
	for _, c := range Checks() {
		if back, ok := ParseCheck(c.String()); !ok || back != c || c.Title() == "unknown" {
			t.Errorf("%v: %v %v", c, back, ok)
		}
	}
}

// The fast path reads exactly what match.ParseDate reads.
func TestParseDateAgreesWithMatch(t *testing.T) {
	for _, s := range []string{"2026-04-12", "2026-02-30", "2026-13-01", "04/12/2026", "13/04/2026", "12.04.2026", "31.04.2026",
		"2026-4-12", "2026-04-1x", "12 Apr 2026", "April 12, 2026", "", "0000-01-01", "2024-02-29", "2025-02-29", "1a/12/2026",
		"2 jan 2026", "02 Jan 2026", "2 JANUARY 2026", "Jan 2, 2026", "jan 02, 2026", "Sept 2, 2026", "Sep 31, 2026", "31 Apr 2026",
		"2 Jan  2026", "2 Jan 26", "Jan 2 2026", "0 Jan 2026", "+2 Jan 2026", "2 Janu 2026", "12 12 2026", "May 5, 2026"} {
		got, okG := parseDay(s)
		want, okW := matchParseDate(s)
		if okG != okW || okW && got != civilDay(want.Date()) {
			t.Errorf("%q: day %v %v, match reads %v %v", s, got, okG, want, okW)
		}
	}
}

var matchParseDate = match.ParseDate

func TestSlotNamesAreTheirSlots(t *testing.T) {
	for i, name := range slotNames {
		if slotOf(name) != slot(i) {
			t.Errorf("%s: slot %d, want %d", name, slotOf(name), i)
		}
	}
	for _, name := range []string{"", "sub", "subtotaL", "tax_ratio", "due_datE", "xo_number", "vendor_nam3", "currencx", "quantity", "vendor_tax_iD"} {
		if s := slotOf(name); s != noSlot {
			t.Errorf("%q: slot %d, want none", name, s)
		}
	}
	for i, name := range identifierFields {
		if slotNames[slotInvoiceNumber+slot(i)] != name {
			t.Errorf("identifier %s is not at its slot", name)
		}
	}
}

func TestFoldIntoIsMatchFold(t *testing.T) {
	for _, s := range []string{"Acme Corp", "  ACME \t corp ", "Brandt & Söhne GmbH", "ÉCOLE", "", "a\u00a0b",
		"A\vB\fC\rD\nE", " \x85x", "ZZ Top [1]", "@`[{"} {
		if got := string(foldInto(nil, s)); got != match.Fold(s) {
			t.Errorf("%q: %q, match.Fold %q", s, got, match.Fold(s))
		}
	}
}

// The summary's leave-one-out answers what a walk over the shapes would.
func TestShapeSummaryLeavesOneOut(t *testing.T) {
	brute := func(shapes map[string]int, own string, counted bool) (string, int, int) {
		shape, seen, of := "", 0, 0
		for s, n := range shapes {
			if counted && s == own {
				n--
			}
			of += n
			if n > seen || n == seen && n > 0 && s < shape {
				shape, seen = s, n
			}
		}
		return shape, seen, of
	}
	r := rand.New(rand.NewPCG(1, 2))
	names := []string{"A", "B", "C", "D"}
	for range 2000 {
		shapes := map[string]int{}
		for _, s := range names[:1+r.IntN(4)] {
			shapes[s] = 1 + r.IntN(4)
		}
		own := names[r.IntN(len(shapes))]
		for _, counted := range []bool{false, true} {
			var mine []byte
			if counted {
				mine = []byte(own)
			}
			gs, gn, gof := summarize(shapes).without(mine)
			ws, wn, wof := brute(shapes, own, counted)
			if gn != wn || gof != wof || (gn > 0 && gs != ws) {
				t.Fatalf("%v without %q (%v): %q %d of %d, want %q %d of %d", shapes, own, counted, gs, gn, gof, ws, wn, wof)
			}
		}
	}
}

// The fast path reads the very float ParseFloat reads, bit for bit, and
// leaves to it (or refuses) what it cannot read exactly.
func TestShortDecimalIsParseFloat(t *testing.T) {
	cases := []string{"0", "-0", "1120.00", "0.1", ".5", "5.", "-3.5", "007", "999999999999999", "99999999999.9999",
		"0.000000000000001", "1234567890.12345", "1.2.3", ".", "-", "", "--1", "1-2", "1e5", "1,0", " 1", "1 ",
		"1000000000000000", "9007199254740993", "0.1234567890123456", "1,120.00", ",5", "-,5", ",-5", "1,,2", "12,345,678.9"}
	rng := rand.New(rand.NewPCG(16, 16))
	for range 20_000 {
		var b []byte
		if rng.IntN(4) == 0 {
			b = append(b, '-')
		}
		n := 1 + rng.IntN(17)
		point := rng.IntN(n + 1)
		for i := range n {
			if i == point {
				b = append(b, '.')
			}
			b = append(b, byte('0'+rng.IntN(10)))
			if rng.IntN(5) == 0 {
				b = append(b, ',')
			}
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		got, ok := shortDecimal(s)
		want, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
		if ok && (err != nil || math.Float64bits(got) != math.Float64bits(want)) {
			t.Errorf("%q: %v, ParseFloat %v %v", s, got, want, err)
		}
		if digitsOf(s) <= 15 && err == nil && !ok && !strings.ContainsAny(s, "e ") && !strings.HasPrefix(s, ",") {
			t.Errorf("%q: left to ParseFloat though it has %d digits", s, digitsOf(s))
		}
	}
}

func digitsOf(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// civilDay numbers days as time does.
func TestCivilDayIsUnixDays(t *testing.T) {
	for _, d := range []time.Time{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(0, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)} {
		for i := range 800 {
			day := d.AddDate(0, 0, i)
			if got, want := civilDay(day.Date()), int(day.Unix()/86400); day.Unix() >= 0 && got != want || day.Unix() < 0 && got != int((day.Unix()-86399)/86400) {
				t.Fatalf("%v: %d, want %d", day, got, want)
			}
		}
	}
	if civilDay(2025, time.February, 29) != civilDay(2025, time.March, 1) {
		t.Error("the 29th of February 2025 is not the 1st of March, as time.Date has it")
	}
}

// amount reads as match.ParseAmount, the contract's rule, through every
// fast path.
func TestAmountIsParseAmount(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 17))
	const alphabet = "0123456789.,- €$EURe"
	for range 50_000 {
		b := make([]byte, 1+rng.IntN(24))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(b)
		got, ok := amount(s)
		want, okW := match.ParseAmount(s)
		if okW && (math.IsInf(want, 0) || math.IsNaN(want)) {
			okW = false
		}
		if ok != okW || ok && math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("%q: %v %v, ParseAmount %v %v", s, got, ok, want, okW)
		}
	}
}

// IsISO4217 answers as the list reads, for every three capitals.
func TestIsISO4217IsTheList(t *testing.T) {
	list := strings.Fields(iso4217)
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			for c := 'A'; c <= 'Z'; c++ {
				code := string([]rune{a, b, c})
				if got, want := IsISO4217(code), slices.Contains(list, code); got != want {
					t.Errorf("%s: %v, the list says %v", code, got, want)
				}
			}
		}
	}
	for _, s := range []string{"eur", "EU", "EURO", "", "E1R", "ÉUR"} {
		if IsISO4217(s) {
			t.Errorf("%q reads as a code", s)
		}
	}
}

// The tax at the rate allows two half cents (the subtotal's and the
// tax's), the amount due three, as the total does.
func TestChecksToleranceAtItsBoundaryTaxAndAmountDue(t *testing.T) {
	for _, tc := range []struct {
		tax  string
		want Outcome
	}{{"112.01", Passed}, {"111.99", Passed}, {"112.011", Failed}, {"111.989", Failed}} {
		// The totals move with the tax, so that only the rate's check is at stake.
		r := result(t, CheckDataset(invoice(func(h map[string]string, _ [][3]string) { h["tax_amount"] = tc.tax }), nil), CheckTaxRate, 0)
		if r.Outcome != tc.want || r.Tolerance != 0.01 {
			t.Errorf("tax %s at 10 %%: %v (tolerance %v), want %v", tc.tax, r.Outcome, r.Tolerance, tc.want)
		}
	}
	for _, tc := range []struct {
		due  string
		want Outcome
	}{{"1232.015", Passed}, {"1231.985", Passed}, {"1232.016", Failed}} {
		r := result(t, CheckDataset(invoice(func(h map[string]string, _ [][3]string) { h["amount_due"] = tc.due }), nil), CheckAmountDue, 0)
		if r.Outcome != tc.want || r.Tolerance != 0.015 {
			t.Errorf("amount due %s: %v (tolerance %v), want %v", tc.due, r.Outcome, r.Tolerance, tc.want)
		}
	}
}

// One currency passes when every amount that names a currency names the
// document's, and fails on another.
func TestCurrencySamePassesAndFails(t *testing.T) {
	for _, tc := range []struct {
		tax, line string
		want      Outcome
		fields    []string
	}{
		{"112.00 EUR", "EUR 880.00", Passed, []string{"currency", "tax_amount", "line_items[1].amount"}},
		{"€112.00", "880.00", Passed, []string{"currency", "tax_amount"}},
		{"112.00 GBP", "880.00", Failed, []string{"currency", "tax_amount"}},
		{"112.00", "880.00 usd", Failed, []string{"currency", "line_items[1].amount"}},
		{"112.00", "880.00", NotChecked, []string{"currency"}},
	} {
		ds := invoice(func(h map[string]string, l [][3]string) { h["tax_amount"], l[1][2] = tc.tax, tc.line })
		r := result(t, CheckDataset(ds, nil), CheckCurrencySame, 0)
		if r.Outcome != tc.want || !slices.Equal(r.Fields, tc.fields) {
			t.Errorf("tax %q, line %q: %v over %v, want %v over %v: %s", tc.tax, tc.line, r.Outcome, r.Fields, tc.want, tc.fields, r.Working())
		}
	}
}

// A blank value is not extracted: not checked, as a blank amount is, never
// a failure to parse.
func TestBlankValuesAreNotChecked(t *testing.T) {
	results := CheckDataset(invoice(func(h map[string]string, _ [][3]string) { h["due_date"], h["currency"] = "", "  " }), nil)
	for _, c := range []struct {
		check Check
		n     int
	}{{CheckDateParses, 1}, {CheckCurrencyCode, 0}, {CheckDateOrder, 0}} {
		if r := result(t, results, c.check, c.n); r.Outcome != NotChecked {
			t.Errorf("%s over %v: %v, want not checked: %s", c.check, r.Fields, r.Outcome, r.Working())
		}
	}
}

// Why an identifier is not checked: not extracted, no other document of
// the vendor's, or too few of them agreeing.
func TestIdentifierNotCheckedSaysWhy(t *testing.T) {
	var corpus []client.Dataset
	for i, n := range []string{"INV-2026-0001", "INV-2026-0002", "A-17"} {
		corpus = append(corpus, verifiedInvoice("ds_w"+string(rune('0'+i)), "Acme Corp", n))
	}
	p := BuildProfile(corpus)
	for _, tc := range []struct {
		vendor, number, want string
	}{
		{"Acme Corp", "", "the identifier is not extracted"},
		{"Nobody Ltd", "INV-2026-0412", "no other document of the vendor's to compare with"},
		{"Acme Corp", "INV-2026-0412", "only 2 of the vendor's 3 other documents share a shape"},
	} {
		ds := invoice(func(h map[string]string, _ [][3]string) { h["vendor_name"], h["invoice_number"] = tc.vendor, tc.number })
		r := result(t, CheckDataset(ds, p), CheckIDShape, 0)
		if got := r.Working(); r.Outcome != NotChecked || got != "identifier shape as vendor's: not checked, "+tc.want {
			t.Errorf("%s %q: %v %q, want not checked, %q", tc.vendor, tc.number, r.Outcome, got, tc.want)
		}
	}
}
