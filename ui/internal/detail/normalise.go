package detail

import "github.com/dxdash/dxdash/match"

// The server scores a field 1.0 when the extracted value equals the ground
// truth after normalisation (api-reference Part 2). The dashboard never
// re-scores; it only needs to tell a reviewer why two different-looking
// texts count as equal, so a match that is not identical says how it was
// normalised. The rules are the contract's, from package match, in their
// lenient readings where the two differ (European "1.234,50", more date
// layouts), since the note must explain a real server's matches too.
// Booleans are read as yes/no words only: a ticked "x", which the embedded
// API scores as true, is left to "by the server's rules".

// equivalence is how an extracted text relates to its ground truth.
type equivalence int

const (
	eqIdentical   equivalence = iota // byte for byte
	eqFolded                         // equal once case and white space are folded
	eqNumber                         // the same amount or number
	eqDate                           // the same day
	eqBoolean                        // the same yes or no
	eqUnexplained                    // not equal by any rule known here
)

// compareValues tells how got relates to want for a field of type typ.
// Numbers, dates and booleans are tried whatever the type: the server's
// type can be "string" for a value that is plainly an amount.
func compareValues(typ, got, want string) equivalence {
	switch {
	case got == want:
		return eqIdentical
	case match.Fold(got) == match.Fold(want):
		return eqFolded
	}
	try := []equivalence{eqNumber, eqDate, eqBoolean}
	switch typ {
	case "date":
		try = []equivalence{eqDate}
	case "amount", "number":
		try = []equivalence{eqNumber}
	case "boolean":
		try = []equivalence{eqBoolean}
	}
	for _, eq := range try {
		if sameAs(eq, got, want) {
			return eq
		}
	}
	return eqUnexplained
}

func sameAs(eq equivalence, got, want string) bool {
	switch eq {
	case eqNumber:
		g, okG := match.ParseAmountLenient(got)
		w, okW := match.ParseAmountLenient(want)
		return okG && okW && g == w
	case eqDate:
		g, okG := match.ParseDateLenient(got)
		w, okW := match.ParseDateLenient(want)
		return okG && okW && g.Equal(w)
	case eqBoolean:
		g, okG := match.ParseBool(got)
		w, okW := match.ParseBool(want)
		return okG && okW && g == w
	}
	return false
}

// how words an equivalence for the normalisation note.
func (eq equivalence) how() string {
	switch eq {
	case eqFolded:
		return "case and spacing"
	case eqNumber:
		return "as numbers"
	case eqDate:
		return "as dates"
	case eqBoolean:
		return "as yes/no"
	}
	return "by the server's rules"
}

// normalisationNote explains a match whose texts differ, from texts that
// are already sanitized: "≈ normalised: 1,234.50 = 1234.5 (as numbers)".
// It is "" when the texts are identical.
func normalisationNote(typ, got, want string) string {
	eq := compareValues(typ, got, want)
	if eq == eqIdentical {
		return ""
	}
	return "≈ normalised: " + got + " = " + want + " (" + eq.how() + ")"
}
