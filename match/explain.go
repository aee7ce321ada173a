package match

// Explaining a match. The server scores a field 1.0 when the extracted value
// equals the ground truth after normalisation (api-reference Part 2); a
// dashboard never re-scores, but a reviewer looking at "1,234.50" beside
// "1234.5" marked as a match wants to know which rule made them equal.
// Explain answers that. It reads values the lenient way (ParseAmountLenient,
// ParseDateLenient), since it must account for a real server's matches too,
// and booleans as ParseBool does, a ticked "x" included (the embedded API
// scores it as true).

// Equivalence is how an extracted text relates to its ground truth.
type Equivalence uint8

const (
	Identical   Equivalence = iota // byte for byte
	Folded                         // equal once case and white space are folded
	SameNumber                     // the same amount or number
	SameDate                       // the same day
	SameBoolean                    // the same yes or no
	Unexplained                    // not equal by any rule known here
)

// Explain tells how got relates to want for a field of type typ. Numbers,
// dates and booleans are tried whatever the type, in that order: the
// server's type can be "string" for a value that is plainly an amount. A
// "date", "amount"/"number" or "boolean" field is read only as its type.
func Explain(typ, got, want string) Equivalence {
	switch {
	case got == want:
		return Identical
	case Fold(got) == Fold(want):
		return Folded
	}
	try := []Equivalence{SameNumber, SameDate, SameBoolean}
	switch typ {
	case "date":
		try = []Equivalence{SameDate}
	case "amount", "number":
		try = []Equivalence{SameNumber}
	case "boolean":
		try = []Equivalence{SameBoolean}
	}
	for _, eq := range try {
		if eq.holds(got, want) {
			return eq
		}
	}
	return Unexplained
}

// holds reports whether got and want are equal by eq's reading.
func (eq Equivalence) holds(got, want string) bool {
	switch eq {
	case SameNumber:
		g, okG := ParseAmountLenient(got)
		w, okW := ParseAmountLenient(want)
		return okG && okW && g == w
	case SameDate:
		g, okG := ParseDateLenient(got)
		w, okW := ParseDateLenient(want)
		return okG && okW && g.Equal(w)
	case SameBoolean:
		g, okG := ParseBool(got)
		w, okW := ParseBool(want)
		return okG && okW && g == w
	}
	return false
}

// How words the rule for a note beside a match: "1,234.50 = 1234.5 (as
// numbers)". Identical texts need no note; How still names them.
func (eq Equivalence) How() string {
	switch eq {
	case Identical:
		return "identical"
	case Folded:
		return "case and spacing"
	case SameNumber:
		return "as numbers"
	case SameDate:
		return "as dates"
	case SameBoolean:
		return "as yes/no"
	}
	return "by the server's rules"
}

// String is the equivalence's name, for tests and logs.
func (eq Equivalence) String() string {
	switch eq {
	case Identical:
		return "identical"
	case Folded:
		return "folded"
	case SameNumber:
		return "same number"
	case SameDate:
		return "same date"
	case SameBoolean:
		return "same boolean"
	}
	return "unexplained"
}
