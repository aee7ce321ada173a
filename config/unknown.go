package config

// unknownKeys reports the keys of the file that dxdash does not know, in
// the order written: a key that is not in the schema but sits in a table
// that is (or at the top). Inside an unknown table only the table is
// reported, not each of its keys. Only the first limit become errors, each
// with a suggestion; the rest are counted, so that a huge file costs no
// more than reading it.
//
// Keys match exactly: Page_Size is not page_size (go-toml would decode it
// into page_size regardless, which is why it must be an error).
func unknownKeys(file string, idx keyIndex, limit int) (errs []*Error, unlisted int) {
	for _, e := range idx.entries {
		if _, known := schema[e.key]; known {
			continue
		}
		if _, tableKnown := schema[e.in]; e.in != "" && !tableKnown {
			continue // the table itself is reported
		}
		if len(errs) == limit {
			unlisted++
			continue
		}
		errs = append(errs, unknownKeyError(file, e))
	}
	return errs, unlisted
}

// maxKeyShown is how much of an unknown key an error quotes.
const maxKeyShown = 80

func unknownKeyError(file string, e keyEntry) *Error {
	msg := "unknown key"
	if s := suggestKey(e.key); s != "" {
		msg += "; did you mean " + s + "?"
	}
	key := e.key
	if len(key) > maxKeyShown {
		cut := maxKeyShown
		for cut > 0 && !isRuneStart(key[cut]) {
			cut--
		}
		key = key[:cut] + "…"
	}
	return &Error{File: file, Line: e.place.Line, Column: e.place.Column, Key: key, Msg: msg}
}

func isRuneStart(b byte) bool { return b&0xc0 != 0x80 }
