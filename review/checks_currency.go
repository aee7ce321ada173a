package review

import (
	"strings"

	"github.com/dxdash/dxdash/client"
)

// iso4217 is every active ISO 4217 alphabetic code (the 2024 list), and
// the few funds and metals codes an invoice never carries left out.
const iso4217 = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP " +
	"BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP " +
	"GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT " +
	"LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD " +
	"OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC " +
	"SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER " +
	"ZAR ZMW ZWG"

// IsISO4217 reports an active ISO 4217 code, upper case as the standard
// writes it.
func IsISO4217(code string) bool {
	if len(code) != 3 {
		return false
	}
	n := 0
	for i := range 3 {
		if code[i] < 'A' || code[i] > 'Z' {
			return false
		}
		n = n*26 + int(code[i]-'A')
	}
	return isoCodes[n/64]&(1<<(n%64)) != 0
}

// isoCodes has a bit for each code of iso4217, by its letters in base 26:
// a currency field is checked in every dataset, and the list is long.
var isoCodes = func() (bits [(26*26*26 + 63) / 64]uint64) {
	for code := range strings.FieldsSeq(iso4217) {
		n := int(code[0]-'A')*26*26 + int(code[1]-'A')*26 + int(code[2]-'A')
		bits[n/64] |= 1 << (n % 64)
	}
	return bits
}()

// amountCurrency is the currency an amount's text names, if it names one:
// a code before or after it ("EUR 12", "12.00 GBP") or a symbol only one
// currency uses. "$" is not one: dollars are many currencies.
func amountCurrency(text string) string {
	if n := len(text); n > 0 && numeric(text[0]) && text[n-1] >= '0' && text[n-1] <= '9' {
		return "" // "1120.00", as nearly every amount reads: nothing around the number
	}
	t := strings.TrimSpace(text)
	switch {
	case strings.HasPrefix(t, "€") || strings.HasSuffix(t, "€"):
		return "EUR"
	case strings.HasPrefix(t, "£") || strings.HasSuffix(t, "£"):
		return "GBP"
	}
	n := len(t)
	switch {
	case n > 4 && t[3] == ' ' && IsISO4217(strings.ToUpper(t[:3])):
		return strings.ToUpper(t[:3])
	case n > 4 && t[n-4] == ' ' && IsISO4217(strings.ToUpper(t[n-3:])):
		return strings.ToUpper(t[n-3:])
	}
	return ""
}

func numeric(b byte) bool { return b >= '0' && b <= '9' || b == '-' }

func isCurrencyField(name, typ string) bool {
	return typ == "currency" || name == "currency" || strings.HasSuffix(name, "_currency")
}

// currency: the currency field is a code, and every currency the document
// names (other currency fields, codes written beside amounts) is the same
// one. With a single currency named there is nothing to compare: not
// checked.
func (c *checker) currency() {
	// Room for the currency fields and a few amounts with codes.
	keys, values := c.strs(8), c.strs(8)
	codeAt := -1
	c.firsts(kindCurrency, func(f *client.Field) {
		text := strings.TrimSpace(f.Value.String())
		r := CheckResult{Check: CheckCurrencyCode, Fields: c.one(f.Name), Values: c.one(f.Value.String())}
		if !f.Value.IsNull() && text != "" { // blank is not extracted, as for an amount
			r.Outcome = Failed
			if IsISO4217(text) {
				r.Outcome = Passed
				if codeAt < 0 {
					codeAt = len(keys)
				}
			}
			keys, values = append(keys, f.Name), append(values, text)
		}
		c.add(r)
	})
	if len(keys) == 0 {
		return
	}
	c.amountCurrencies(func(key, text string) {
		keys, values = append(keys, key), append(values, text)
	})
	r := CheckResult{Check: CheckCurrencySame, Fields: keys, Values: values}
	if codeAt >= 0 && len(keys) > 1 {
		r.Expect = values[codeAt]
		r.Outcome = Passed
		for i := range keys {
			code := values[i]
			if !isCurrencyField(keys[i], "") {
				code = amountCurrency(code)
			}
			if strings.ToUpper(code) != r.Expect {
				r.Outcome = Failed
			}
		}
	}
	c.add(r)
}

// amountCurrencies visits each amount, header or line item, whose text
// names a currency.
func (c *checker) amountCurrencies(visit func(key, text string)) {
	c.firsts(kindAmount, func(f *client.Field) {
		if amountCurrency(f.Value.String()) != "" {
			visit(f.Name, f.Value.String())
		}
	})
	for _, kt := range c.lineCurrencies {
		visit(kt.key, kt.text)
	}
}
