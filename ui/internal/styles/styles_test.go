package styles

import (
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
)

func TestNoColorMeansMono(t *testing.T) {
	profile := colorprofile.Env([]string{"TERM=xterm-256color", "COLORTERM=truecolor", "NO_COLOR=1"})
	if profile != colorprofile.ASCII {
		t.Fatalf("NO_COLOR gives profile %v, want ASCII", profile)
	}
	if !New(ThemeDark, true, profile).mono {
		t.Fatal("an ASCII terminal got colour styles")
	}
	if !New(ThemeMono, true, colorprofile.TrueColor).mono {
		t.Fatal("theme mono got colours")
	}
	if New(ThemeAuto, false, colorprofile.TrueColor).mono {
		t.Fatal("a colour terminal got mono styles")
	}
	// Mono selection is reverse video, which survives without colour.
	sel := monoStyles().Selected.Render("x")
	if !strings.Contains(sel, "\x1b[7m") {
		t.Fatalf("mono selection %q is not reverse video", sel)
	}
}
