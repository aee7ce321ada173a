package detail

import "github.com/dxdash/dxdash/match"

// The server scores a field 1.0 when the extracted value equals the ground
// truth after normalisation (api-reference Part 2). The dashboard never
// re-scores; it only needs to tell a reviewer why two different-looking
// texts count as equal, so a match that is not identical says how it was
// normalised, by the contract's rules in package match (match.Explain).

// normalisationNote explains a match whose texts differ, from texts that
// are already sanitized: "≈ normalised: 1,234.50 = 1234.5 (as numbers)".
// It is "" when the texts are identical.
func normalisationNote(typ, got, want string) string {
	eq := match.Explain(typ, got, want)
	if eq == match.Identical {
		return ""
	}
	return "≈ normalised: " + got + " = " + want + " (" + eq.How() + ")"
}
