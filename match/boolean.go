package match

// ParseBool reads a boolean in any case and spacing: "true", "yes", "y",
// "1" and "x" (a ticked box) as true; "false", "no", "n", "0" as false. An
// empty box reads as nothing at all.
func ParseBool(s string) (value, ok bool) {
	switch Fold(s) {
	case "true", "yes", "y", "1", "x":
		return true, true
	case "false", "no", "n", "0":
		return false, true
	}
	return false, false
}
