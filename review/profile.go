package review

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/match"
)

// Profile is what the datasets at hand say about one another: the header
// fields each document type always carries (from its verified datasets'
// ground truth) and the shapes of each vendor's identifiers (from every
// dataset's extraction). The presence and identifier checks read it. It is
// plain data: whoever holds the datasets (a cache, a store, an export)
// builds it with a ProfileBuilder.
type Profile struct {
	// Types: per dataset type, how many verified datasets it has and how
	// many of them carry each header field with a value.
	Types map[string]TypeProfile
	// Shapes: per vendor (its name, folded) and identifier field, how
	// many datasets show each shape.
	Shapes map[string]map[string]map[string]int
	// Counted holds the id of each dataset added: its identifiers, under
	// its vendor, are in Shapes.
	Counted map[string]struct{}

	always map[string]alwaysCarried // Always per type, worked out once
	// usuals: per vendor and identifier (in identifierFields' order), the
	// two commonest shapes, worked out once, so a check is one map probe
	// and no walk.
	usuals map[string]*[len(identifierFields)]shapeSummary
}

// shapeSummary is one vendor's shapes of one identifier: the commonest
// (most datasets, then first in byte order), the next, and how many in all.
type shapeSummary struct {
	top, second   string
	topN, secondN int
	total         int
}

func summarize(shapes map[string]int) shapeSummary {
	var u shapeSummary
	better := func(s string, n int, than string, thanN int) bool {
		return n > thanN || n == thanN && n > 0 && s < than
	}
	for s, n := range shapes {
		u.total += n
		switch {
		case better(s, n, u.top, u.topN):
			u.second, u.secondN = u.top, u.topN
			u.top, u.topN = s, n
		case better(s, n, u.second, u.secondN):
			u.second, u.secondN = s, n
		}
	}
	return u
}

// without is the commonest shape among the others when own (nil: the
// dataset was not counted) is taken out, with how many of how many show it.
func (u shapeSummary) without(own []byte) (shape string, seen, of int) {
	if own == nil || u.total == 0 {
		return u.top, u.topN, u.total
	}
	of = u.total - 1
	if string(own) != u.top {
		return u.top, u.topN, of
	}
	if n := u.topN - 1; n > u.secondN || n == u.secondN && (u.secondN == 0 || u.top < u.second) {
		return u.top, n, of
	}
	return u.second, u.secondN, of
}

// TypeProfile is one dataset type's verified datasets.
type TypeProfile struct {
	Verified int
	Carry    map[string]int // header field name → verified datasets whose ground truth has it
}

// Thresholds of evidence. A field is "always carried" by a type when every
// one of at least minVerified verified datasets carries it; a vendor's
// identifiers have a shape when at least minShaped of its other datasets
// show one and at least shapeShare of them the same one.
const (
	minVerified = 5
	minShaped   = 3
	shapeShare  = 0.8
)

// vendorFields name the vendor, in the order tried.
var vendorFields = []string{"vendor_name", "merchant_name"}

// identifierFields are the identifiers whose shape is the vendor's; the
// checker's slots for them follow the same order from slotInvoiceNumber.
var identifierFields = [...]string{
	"invoice_number", "receipt_number", "purchase_order_number", "po_number", "vendor_tax_id", "merchant_tax_id",
}

// ProfileBuilder adds datasets one at a time. The zero value is ready.
type ProfileBuilder struct{ p Profile }

// Add counts ds. A dataset added twice counts once (the second is ignored).
func (b *ProfileBuilder) Add(ds *client.Dataset) {
	p := &b.p
	if p.Types == nil {
		p.Types = make(map[string]TypeProfile)
		p.Shapes = make(map[string]map[string]map[string]int)
		p.Counted = make(map[string]struct{})
	}
	if _, dup := p.Counted[ds.ID]; dup {
		return
	}
	if ds.IsVerified && ds.Status == client.StatusComplete && len(ds.GroundTruth) > 0 {
		tp := p.Types[ds.DatasetType]
		if tp.Carry == nil {
			tp.Carry = make(map[string]int)
		}
		tp.Verified++
		for i, g := range ds.GroundTruth {
			if g.Value.IsNull() || g.Value.String() == "" || strings.HasPrefix(g.Name, lineItemPrefix) || namedBefore(ds.GroundTruth[:i], g.Name) {
				continue
			}
			tp.Carry[g.Name]++
		}
		p.Types[ds.DatasetType] = tp
	}
	if vendor := vendorOf(ds); vendor != "" {
		for _, name := range identifierFields {
			text, ok := headerValue(ds, name)
			if !ok {
				continue
			}
			fields := p.Shapes[vendor]
			if fields == nil {
				fields = make(map[string]map[string]int)
				p.Shapes[vendor] = fields
			}
			m := fields[name]
			if m == nil {
				m = make(map[string]int)
				fields[name] = m
			}
			m[Shape(text)]++
		}
	}
	p.Counted[ds.ID] = struct{}{}
}

// Profile is what has been added so far, with each type's always-carried
// fields worked out. The builder must not be used after.
func (b *ProfileBuilder) Profile() *Profile {
	p := &b.p
	p.always = make(map[string]alwaysCarried, len(p.Types))
	for t := range p.Types {
		p.always[t] = carried(p.alwaysOf(t))
	}
	p.usuals = make(map[string]*[len(identifierFields)]shapeSummary, len(p.Shapes))
	for vendor, fields := range p.Shapes {
		var u [len(identifierFields)]shapeSummary
		for i, name := range identifierFields {
			u[i] = summarize(fields[name])
		}
		p.usuals[vendor] = &u
	}
	return p
}

func namedBefore(gt []client.GroundTruth, name string) bool {
	for i := range gt {
		if gt[i].Name == name {
			return true
		}
	}
	return false
}

// BuildProfile profiles datasets.
func BuildProfile(datasets []client.Dataset) *Profile {
	var b ProfileBuilder
	for i := range datasets {
		b.Add(&datasets[i])
	}
	return b.Profile()
}

// Always lists the header fields every verified dataset of the type
// carries, sorted, and how many verified datasets that is; nil when there
// are too few to say.
func (p *Profile) Always(datasetType string) ([]string, int) {
	a, verified := p.carriedBy(datasetType)
	return a.names, verified
}

// carriedBy is Always with the checker's slots for the names.
func (p *Profile) carriedBy(datasetType string) (alwaysCarried, int) {
	if p == nil {
		return alwaysCarried{}, 0
	}
	a, ok := p.always[datasetType]
	if !ok {
		a = carried(p.alwaysOf(datasetType)) // a profile not from Profile()
	}
	return a, p.Types[datasetType].Verified
}

// alwaysCarried is a type's always-carried fields by name and by the
// checker's slot for the name (noSlot for a name it does not know).
type alwaysCarried struct {
	names []string
	slots []slot
}

func carried(names []string) alwaysCarried {
	a := alwaysCarried{names: names, slots: make([]slot, len(names))}
	for i, name := range names {
		a.slots[i] = slotOf(name)
	}
	return a
}

func (p *Profile) alwaysOf(datasetType string) []string {
	tp := p.Types[datasetType]
	if tp.Verified < minVerified {
		return nil
	}
	var names []string
	for name, n := range tp.Carry {
		if n == tp.Verified {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// Shape is an identifier's shape: digits become 9, letters are kept (upper
// case), everything else as it is. "INV-2026-0412" is "INV-9999-9999"; an O
// read for a 0 ("INV-2O26-0412") shows as "INV-9O99-9999". Text past 40
// characters is cut: no identifier is that long.
func Shape(s string) string { return string(shapeInto(make([]byte, 0, 40), s)) }

// shapeInto appends s's shape to b.
func shapeInto(b []byte, s string) []byte {
	s = strings.TrimSpace(s)
	if len(s) > 40 {
		s = s[:40]
	}
	for i := range len(s) {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			c = '9'
		case c >= 'a' && c <= 'z':
			c = c - 'a' + 'A'
		}
		b = append(b, c)
	}
	return b
}

// foldInto appends match.Fold(s) to b (a test keeps the two equal): the
// checks look a vendor up with it, without a string of their own.
func foldInto(b []byte, s string) []byte {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return foldRunesInto(b, s)
		}
	}
	// ASCII, as nearly every vendor's name is: the same folding, a byte at
	// a time.
	s = strings.TrimSpace(s)
	space := false
	for i := range len(s) {
		switch c := s[i]; {
		case c == ' ' || c >= '\t' && c <= '\r':
			space = true
		default:
			if space {
				b = append(b, ' ')
				space = false
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
	}
	return b
}

func foldRunesInto(b []byte, s string) []byte {
	space := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return b
}

func vendorOf(ds *client.Dataset) string {
	if text, ok := vendorText(ds); ok {
		return match.Fold(text)
	}
	return ""
}

func vendorText(ds *client.Dataset) (string, bool) {
	for _, name := range vendorFields {
		if text, ok := headerValue(ds, name); ok {
			return text, true
		}
	}
	return "", false
}

func headerValue(ds *client.Dataset, name string) (string, bool) {
	for i := range ds.Fields {
		if f := &ds.Fields[i]; f.Name == name {
			return f.Value.String(), !f.Value.IsNull() && f.Value.String() != ""
		}
	}
	return "", false
}

// presence: the header fields the type always carries are extracted.
func (c *checker) presence() {
	always, verified := c.p.carriedBy(c.ds.DatasetType)
	r := CheckResult{Check: CheckPresence, Of: verified}
	if always.names == nil {
		c.add(r)
		return
	}
	// A pass read every field it names; a failure names the missing.
	r.Outcome, r.Seen = Passed, verified
	r.Fields, r.Values = always.names, c.strs(len(always.names))
	missing := 0
	for i, name := range always.names {
		text, ok := c.carries(always.slots[i], name)
		if !ok {
			missing++
		}
		r.Values = append(r.Values, text)
	}
	if missing > 0 {
		r.Outcome = Failed
		r.Fields, r.Values = c.strs(missing), c.strs(missing)
		for i, name := range always.names {
			if _, ok := c.carries(always.slots[i], name); !ok {
				r.Fields, r.Values = append(r.Fields, name), append(r.Values, "")
			}
		}
	}
	c.add(r)
}

// carries is the value of the field with name, whose slot is s.
func (c *checker) carries(s slot, name string) (string, bool) {
	if s != noSlot {
		return c.value(s)
	}
	return c.valueNamed(name)
}

// identifiers: each identifier is shaped like the same vendor's others.
func (c *checker) identifiers() {
	var vbuf [64]byte
	var usual *[len(identifierFields)]shapeSummary
	vtext, hasVendor := c.value(slotVendorName)
	if !hasVendor {
		vtext, hasVendor = c.value(slotMerchantName)
	}
	if hasVendor && c.p != nil {
		usual = c.p.usuals[string(foldInto(vbuf[:0], vtext))]
	}
	counted := c.p != nil && c.counted()
	for i, name := range identifierFields {
		s := slotInvoiceNumber + slot(i)
		text, ok := c.value(s)
		if !ok && !c.has(s) {
			continue
		}
		r := CheckResult{Check: CheckIDShape, Fields: c.one(name), Values: c.one(text)}
		if ok && usual != nil && usual[i].total > 0 {
			var sbuf [40]byte
			own := shapeInto(sbuf[:0], text)
			var mine []byte
			if counted {
				mine = own // Add counted this very identifier under this vendor
			}
			shape, seen, of := usual[i].without(mine)
			r.Seen, r.Of = seen, of // said when too few agree, too
			if of >= minShaped && float64(seen) >= shapeShare*float64(of) {
				r.Expect = shape
				r.Outcome = Passed
				if string(own) != shape {
					r.Outcome = Failed
				}
			}
		}
		c.add(r)
	}
}

func (c *checker) counted() bool {
	_, ok := c.p.Counted[c.ds.ID]
	return ok
}
