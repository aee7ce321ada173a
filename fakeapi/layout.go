package fakeapi

import (
	"time"
	"unicode/utf8"

	"github.com/dxdash/dxdash/client"
)

// Layout: where each value sits on the page. Header values have fixed slots
// per document kind (doctypes.go); line items flow down a table over pages;
// totals follow the table.

// Page geometry, as fractions of an A4 page. Row tops step down a table
// that starts below the header block on page 1 and near the top of later
// pages; totals sit under the table, right-aligned.
const (
	rowStep        = 0.03
	firstRowTop    = 0.39
	rowsOnFirst    = 11
	nextRowTop     = 0.10
	rowsOnNext     = 23
	totalsBottom   = 0.88
	lineHeight     = 0.022
	addressHeight  = 0.045
	glyphWidth     = 0.0095 // average printed character width
	maxLineItems   = 30
	maxReceiptRows = 12
)

// rowPosition places line item k in a table that flows over pages.
func rowPosition(k int) (page int, top float64) {
	if k < rowsOnFirst {
		return 1, firstRowTop + float64(k)*rowStep
	}
	k -= rowsOnFirst
	return 2 + k/rowsOnNext, nextRowTop + float64(k%rowsOnNext)*rowStep
}

// totalsPosition is where a block of n total lines starts: under the last
// row, or on a new page when it would not fit.
func totalsPosition(rows, n int) (page int, top float64) {
	page, top = 1, firstRowTop
	if rows > 0 {
		page, top = rowPosition(rows - 1)
		top += rowStep + 0.02
	}
	if top+float64(n)*rowStep > totalsBottom {
		return page + 1, nextRowTop
	}
	return page, top
}

// box is where a printed value sits: left-aligned in its slot, or
// right-aligned for amounts, as wide as its text.
func box(page int, left, top, slot, height float64, text string, rightAligned bool) client.BoundingBox {
	width := min(slot, glyphWidth*float64(utf8.RuneCountInString(text))+0.01)
	if rightAligned {
		left += slot - width
	}
	return client.BoundingBox{Page: page, Left: left, Top: top, Width: width, Height: height}
}

func (g *generator) add(name, typ, truth, printed string, b client.BoundingBox, neighbour string) {
	g.header = append(g.header, spec{name: name, typ: typ, truth: truth, printed: printed, box: b, neighbour: neighbour})
}

func (g *generator) text(name, value string, page int, left, top, slot float64, neighbour string) {
	g.add(name, "string", value, value, box(page, left, top, slot, lineHeight, value, false), neighbour)
}

func (g *generator) address(name, value string, left, top float64, neighbour string) {
	// Two printed lines: the slot's full width is taken.
	b := client.BoundingBox{Page: 1, Left: left, Top: top, Width: 0.38, Height: addressHeight}
	g.add(name, "address", value, value, b, neighbour)
}

func (g *generator) date(name string, t time.Time, left, top float64, neighbour string) {
	printed := printedDate(t, g.vend.dates)
	g.add(name, "date", t.Format(isoDate), printed, box(1, left, top, 0.2, lineHeight, printed, false), neighbour)
}

func (g *generator) amount(name string, cents int64, page int, left, top, slot float64, neighbour string) {
	printed := printedCents(cents)
	g.add(name, "amount", canonicalCents(cents), printed, box(page, left, top, slot, lineHeight, printed, true), neighbour)
}

// table lays out line items; columns are (left, width) pairs in order
// code, description, quantity, unit price, amount. A zero width leaves the
// column out.
type columns struct{ code, description, quantity, unitPrice, amount [2]float64 }

var (
	invoiceColumns = columns{code: [2]float64{0.08, 0.1}, description: [2]float64{0.19, 0.38}, quantity: [2]float64{0.6, 0.06}, unitPrice: [2]float64{0.67, 0.1}, amount: [2]float64{0.79, 0.11}}
	receiptColumns = columns{description: [2]float64{0.28, 0.26}, quantity: [2]float64{0.55, 0.04}, amount: [2]float64{0.62, 0.1}}
)

func (g *generator) table(lines []lineFacts, cols columns, position func(k int) (int, float64)) {
	cells, rows := g.s.cells[:0], g.s.rows[:0]
	for k, l := range lines {
		page, top := position(k)
		start := len(cells)
		cell := func(name, typ, truth, printed string, col [2]float64, right bool, neighbour string) {
			if col[1] == 0 {
				return
			}
			cells = append(cells, spec{name: name, typ: typ, truth: truth, printed: printed,
				box: box(page, col[0], top, col[1], 0.02, printed, right), neighbour: neighbour})
		}
		if l.code != "" {
			cell("item_code", "string", l.code, l.code, cols.code, false, "")
		}
		description := [2]float64{cols.description[0], cols.description[1]}
		if l.code == "" && cols.code[1] > 0 {
			description = [2]float64{cols.code[0], cols.description[0] + cols.description[1] - cols.code[0]}
		}
		cell("description", "string", l.description, l.description, description, false, "")
		qty := canonicalTenths(l.qtyTenths)
		printedQty := qty
		if l.fractional {
			printedQty = printedTenths(l.qtyTenths)
		}
		cell("quantity", "number", qty, printedQty, cols.quantity, true, "unit_price")
		cell("unit_price", "amount", canonicalCents(l.unitCents), printedCents(l.unitCents), cols.unitPrice, true, "amount")
		neighbour := "unit_price"
		if cols.unitPrice[1] == 0 {
			neighbour = "quantity"
		}
		cell("amount", "amount", canonicalCents(l.amountCents), printedCents(l.amountCents), cols.amount, true, neighbour)
		rows = append(rows, cells[start:len(cells):len(cells)])
	}
	g.s.cells, g.s.rows = cells, rows
	g.rows = rows
}
