package fakeapi

import (
	"strconv"
	"strings"
	"time"

	"github.com/dxdash/dxdash/client"
)

// The three kinds of document: what each prints, in reading order, and
// where. Each draws its facts, lays them out with layout.go's helpers and
// names the uploaded file.

func (g *generator) invoice() {
	r, v, c := g.r, g.supplier(), g.cust
	g.vend = v
	issued := g.documentDate(20)
	terms := pick(r, paymentTerms)
	number := fillDigits(v.numberFormat, issued.Year(), r.between(1, 99999))
	hasPO := r.chance(0.5)
	poNumber := purchaseOrderNumber(r, c, issued)

	n := 0
	if !r.chance(0.05) { // a few are a single service charge without a table
		n = g.lineCount(maxLineItems, 2)
	}
	lines, subtotal := g.lines(n, r.chance(0.4))
	reverseCharge := euVendor(v) && euCustomer(c) && country(v.address) != country(c.address)
	taxBP := v.taxBP
	if reverseCharge {
		taxBP = 0
	}
	tax := taxOn(subtotal, taxBP)

	g.add("vendor_name", "string", v.name, v.name, box(1, 0.08, 0.05, 0.38, 0.03, v.name, false), "")
	g.address("vendor_address", v.address, 0.08, 0.085, "billing_address")
	if v.taxID != "" && r.chance(0.8) {
		g.text("vendor_tax_id", v.taxID, 1, 0.08, 0.135, 0.3, "")
	}
	g.text("invoice_number", number, 1, 0.62, 0.06, 0.26, "purchase_order_number")
	g.date("invoice_date", issued, 0.62, 0.09, "due_date")
	g.date("due_date", issued.AddDate(0, 0, terms.days), 0.62, 0.12, "invoice_date")
	if hasPO {
		g.text("purchase_order_number", poNumber, 1, 0.62, 0.15, 0.26, "invoice_number")
	}
	if r.chance(0.6) {
		g.text("payment_terms", terms.label, 1, 0.62, 0.18, 0.26, "")
	}
	g.text("customer_name", c.name, 1, 0.08, 0.21, 0.38, "vendor_name")
	g.address("billing_address", c.address, 0.08, 0.24, "shipping_address")
	if r.chance(0.4) {
		g.address("shipping_address", c.address, 0.52, 0.24, "billing_address")
	}
	if r.chance(0.3) {
		g.text("customer_reference", "ACCT-"+strconv.Itoa(r.between(10000, 99999)), 1, 0.08, 0.295, 0.22, "")
	}
	cur := billingCurrency(v, c)
	g.add("currency", "currency", cur, cur, box(1, 0.62, 0.295, 0.08, lineHeight, cur, false), "")

	g.table(lines, invoiceColumns, rowPosition)
	withRate, withDue := r.chance(0.5), r.chance(0.3)
	totalLines := 3 + b2i(withDue)
	page, top := totalsPosition(n, totalLines)
	g.amount("subtotal", subtotal, page, 0.74, top, 0.16, "tax_amount")
	if withRate {
		rate := canonicalRate(taxBP)
		g.add("tax_rate", "number", rate, rate+"%", box(page, 0.62, top+rowStep, 0.08, lineHeight, rate+"%", true), "")
	}
	g.amount("tax_amount", tax, page, 0.74, top+rowStep, 0.16, "subtotal")
	g.amount("total_amount", subtotal+tax, page, 0.74, top+2*rowStep, 0.16, "subtotal")
	if withDue {
		g.amount("amount_due", subtotal+tax, page, 0.74, top+3*rowStep, 0.16, "total_amount")
	}
	if euVendor(v) && r.chance(0.6) {
		printed := "No"
		if reverseCharge {
			printed = "Yes"
		}
		g.add("reverse_charge", "boolean", strconv.FormatBool(reverseCharge), printed,
			box(page, 0.26, top, 0.05, lineHeight, printed, false), "")
	}
	if v.iban != "" && r.chance(0.7) {
		g.text("iban", v.iban, page, 0.08, 0.9, 0.42, "")
	}
	g.pages = page
	if g.pages < 3 && r.chance(0.15) { // terms and conditions on a page of their own
		g.pages++
	}
	if !hasPO && r.chance(0.04) {
		g.spurious("purchase_order_number", 0.62, 0.15)
	}

	switch u := r.float(); {
	case u < 0.6:
		g.name = c.slug + "-invoice-" + issued.Format("2006-0102") + ".pdf"
	case u < 0.85:
		g.name = v.slug + "_" + number + ".pdf"
	default:
		g.name = "scan-" + g.created().Format("20060102-1504") + ".pdf"
	}
}

func (g *generator) purchaseOrder() {
	r, v, c := g.r, g.supplier(), g.cust
	g.vend = v
	ordered := g.documentDate(5)
	number := purchaseOrderNumber(r, c, ordered)
	lines, subtotal := g.lines(g.lineCount(maxLineItems, 1), r.chance(0.8))
	tax := taxOn(subtotal, v.taxBP)

	g.text("buyer_name", c.name, 1, 0.08, 0.05, 0.38, "vendor_name")
	g.address("buyer_address", c.address, 0.08, 0.085, "vendor_address")
	g.text("po_number", number, 1, 0.62, 0.06, 0.26, "")
	g.date("order_date", ordered, 0.62, 0.09, "delivery_date")
	g.date("delivery_date", ordered.AddDate(0, 0, r.between(7, 45)), 0.62, 0.12, "order_date")
	if r.chance(0.7) {
		g.text("requested_by", pick(r, people), 1, 0.62, 0.15, 0.26, "approved_by")
	}
	if r.chance(0.5) {
		g.text("approved_by", pick(r, people), 1, 0.62, 0.18, 0.26, "requested_by")
	}
	g.text("vendor_name", v.name, 1, 0.08, 0.21, 0.38, "buyer_name")
	g.address("vendor_address", v.address, 0.08, 0.24, "ship_to_address")
	if r.chance(0.6) {
		g.address("ship_to_address", c.address, 0.52, 0.24, "vendor_address")
	}
	if r.chance(0.5) {
		terms := pick(r, paymentTerms).label
		g.text("payment_terms", terms, 1, 0.08, 0.295, 0.22, "")
	}
	if r.chance(0.4) {
		g.text("incoterms", pick(r, incoterms), 1, 0.34, 0.295, 0.1, "")
	}
	cur := billingCurrency(v, c)
	g.add("currency", "currency", cur, cur, box(1, 0.62, 0.295, 0.08, lineHeight, cur, false), "")

	g.table(lines, invoiceColumns, rowPosition)
	page, top := totalsPosition(len(lines), 3)
	g.amount("subtotal", subtotal, page, 0.74, top, 0.16, "tax_amount")
	g.amount("tax_amount", tax, page, 0.74, top+rowStep, 0.16, "subtotal")
	g.amount("total_amount", subtotal+tax, page, 0.74, top+2*rowStep, 0.16, "tax_amount")
	g.pages = page

	if r.chance(0.7) {
		g.name = c.slug + "-po-" + digitsOf(number) + ".pdf"
	} else {
		g.name = number + ".pdf"
	}
}

func (g *generator) receipt() {
	r, v, c := g.r, g.merchant(), g.cust
	g.vend = v
	bought := g.documentDate(10)
	number := fillDigits(v.numberFormat, bought.Year(), r.between(1, 99999999))
	lines, subtotal := g.lines(g.lineCount(maxReceiptRows-1, 1), false)
	tax := taxOn(subtotal, v.taxBP)

	g.add("merchant_name", "string", v.name, v.name, box(1, 0.28, 0.05, 0.44, 0.03, v.name, false), "")
	g.add("merchant_address", "address", v.address, v.address, client.BoundingBox{Page: 1, Left: 0.28, Top: 0.085, Width: 0.44, Height: 0.04}, "")
	if v.taxID != "" && r.chance(0.6) {
		g.text("merchant_tax_id", v.taxID, 1, 0.28, 0.13, 0.3, "")
	}
	g.text("receipt_number", number, 1, 0.28, 0.16, 0.22, "")
	g.date("transaction_date", bought, 0.28, 0.19, "")
	if r.chance(0.8) {
		at := strconv.Itoa(r.between(7, 21)) + ":" + strconv.Itoa(10+r.intn(50))
		if len(at) == 4 {
			at = "0" + at
		}
		g.text("transaction_time", at, 1, 0.56, 0.19, 0.1, "")
	}

	rowAt := func(k int) (int, float64) { return 1, 0.24 + float64(k)*0.028 }
	g.table(lines, receiptColumns, rowAt)
	top := 0.24 + float64(len(lines))*0.028 + 0.02
	g.amount("subtotal", subtotal, 1, 0.56, top, 0.16, "tax_amount")
	g.amount("tax_amount", tax, 1, 0.56, top+0.028, 0.16, "subtotal")
	g.add("currency", "currency", v.currency, v.currency, box(1, 0.46, top+0.056, 0.06, lineHeight, v.currency, false), "")
	g.amount("total_amount", subtotal+tax, 1, 0.56, top+0.056, 0.16, "subtotal")
	if r.chance(0.8) {
		method := pick(r, cardBrands) + " **** " + strconv.Itoa(1000+r.intn(9000))
		g.text("payment_method", method, 1, 0.28, top+0.1, 0.3, "")
	}
	if r.chance(0.3) {
		cashier := pick(r, people)
		g.text("cashier", cashier[:strings.IndexByte(cashier, ' ')], 1, 0.28, top+0.13, 0.25, "")
	}
	g.pages = 1

	switch u := r.float(); {
	case u < 0.5:
		g.name = c.slug + "-receipt-" + bought.Format("2006-0102") + ".jpg"
	case u < 0.8:
		g.name = "IMG_" + strconv.Itoa(1000+r.intn(9000)) + ".jpg"
	default:
		g.name = "receipt-" + v.slug + "-" + bought.Format("0102") + ".png"
	}
}

// spurious adds a value the extractor finds where the page has none: a
// reference number from the footer read as the field. It has no ground
// truth.
func (g *generator) spurious(name string, left, top float64) {
	value := "PO-" + strconv.Itoa(g.r.between(1000, 99999))
	g.add(name, "string", "", value, box(1, left, top, 0.26, lineHeight, value, false), "")
}

// purchaseOrderNumber follows the buyer's numbering: plain, prefixed with
// the customer, or SAP-style.
func purchaseOrderNumber(r *rng, c *customer, t time.Time) string {
	switch r.intn(3) {
	case 0:
		return "PO-" + strconv.Itoa(r.between(1000, 99999))
	case 1:
		return strings.ToUpper(c.slug[:min(4, len(c.slug))]) + "-PO-" + strconv.Itoa(t.Year()) + "-" + strconv.Itoa(r.between(100, 999))
	default:
		return "4500" + strconv.Itoa(r.between(100000, 999999))
	}
}

func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func country(address string) string {
	return address[strings.LastIndex(address, ", ")+2:]
}

var euCountries = map[string]bool{"Germany": true, "France": true, "Netherlands": true, "Ireland": true, "Italy": true, "Spain": true}

// billingCurrency is what a supplier bills a customer in: its own
// currency, except that British suppliers bill customers in the euro area
// in euros and American ones bill Canadian customers in Canadian dollars.
// So some vendors' documents come in two currencies, as real ones do,
// decided by the customer and not by a draw (the corpus's random stream
// is untouched).
func billingCurrency(v *vendor, c *customer) string {
	switch to := country(c.address); {
	case v.currency == "GBP" && euCountries[to]:
		return "EUR"
	case v.currency == "USD" && to == "Canada":
		return "CAD"
	}
	return v.currency
}

func euVendor(v *vendor) bool     { return euCountries[country(v.address)] }
func euCustomer(c *customer) bool { return euCountries[country(c.address)] }
