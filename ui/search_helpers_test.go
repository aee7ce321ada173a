package ui

// typeText types text at once, one key a character, with no time passing.
// (Typing against the clock, typeSlowly and waitDebounce, went with the
// search's own tests to ui/internal/list.)
func (h *harness) typeText(text string) {
	for _, r := range text {
		h.press(string(r))
	}
}
