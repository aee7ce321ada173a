package termtext

// The skip functions follow the ECMA-48 shapes closely enough that a
// sequence vanishes whole instead of leaving debris such as "[2J" on screen.
// They do not need to be exact: whatever they leave behind is still
// sanitized byte by byte, so a malformed sequence can only leave printable
// text, never a control.

// skipEscape returns the index just past the escape sequence whose ESC is at
// s[i].
func skipEscape(s string, i int) int {
	i++ // the ESC
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipCSI(s, i+1)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		// OSC, DCS, SOS, PM, APC: a control string ended by ST.
		return skipControlString(s, i+1)
	case c >= 0x20 && c <= 0x2f:
		// nF escape, e.g. "ESC ( B": intermediates, then one final byte.
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7e:
		// Two-byte escape, e.g. "ESC 7" (save cursor) or "ESC c" (reset).
		return i + 1
	default:
		// ESC before a control, another ESC or non-ASCII: a terminal would
		// abandon it, so drop the ESC alone and look at the next byte afresh.
		return i
	}
}

// skipCSI returns the index just past a control sequence whose introducer
// ends just before s[i]: parameter and intermediate bytes (0x20–0x3F), then
// one final byte (0x40–0x7E). A sequence cut short by any other byte ends
// there, and that byte is looked at afresh.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipControlString returns the index just past an OSC, DCS, SOS, PM or APC
// body that starts at s[i]. It ends at BEL, at ST (ESC \ or U+009C), at CAN
// or SUB (which cancel it), or at the end of s. An ESC that does not form
// ST also ends it, as in a terminal, and starts a sequence of its own.
func skipControlString(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case bel, can, sub:
			return i + 1
		case esc:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case 0xc2: // lead byte of U+0080–U+00BF in UTF-8
			if i+1 < len(s) && s[i+1] == c1ST {
				return i + 2
			}
		}
		i++
	}
	return i
}
