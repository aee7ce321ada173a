package statsview

import "testing"

func TestParseThreshold(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		err  error
	}{
		{"0.73", 0.73, nil},
		{".73", 0.73, nil},
		{"73", 0.73, nil},
		{"73%", 0.73, nil},
		{"73 %", 0.73, nil},
		{"1", 1, nil},
		{"100", 1, nil},
		{"0", 0, nil},
		{"5%", 0.05, nil},
		{"0.735", 0.74, nil}, // to the hundredth on screen
		{"101", 0, errOverOne},
		{"1.5%", 0.02, nil},
		{"abc", 0, errNotAThreshold},
		{"", 0, errNotAThreshold},
		{"-0.5", 0, errNotAThreshold},
		{"NaN", 0, errNotAThreshold},
		{"Inf", 0, errNotAThreshold},
		{"1e-1", 0, errNotAThreshold},
		{"0x1p-1", 0, errNotAThreshold},
		{"0.7.3", 0, errNotAThreshold},
	} {
		got, err := parseThreshold(c.in)
		if err != c.err || got != c.want {
			t.Errorf("parseThreshold(%q) = %v, %v; want %v, %v", c.in, got, err, c.want, c.err)
		}
	}
}

func TestStepThresholdFollowsTheGrid(t *testing.T) {
	for _, c := range []struct {
		from     float64
		up, down float64
	}{
		{0.73, 0.75, 0.70}, // typed off the grid: to the next point either way
		{0.75, 0.80, 0.70},
		{0.9, 0.95, 0.85},
		{0, 0.05, 0},
		{1, 1, 0.95},
		{0.01, 0.05, 0},
	} {
		if got := stepThreshold(c.from, 1); got != c.up {
			t.Errorf("+ from %v = %v, want %v", c.from, got, c.up)
		}
		if got := stepThreshold(c.from, -1); got != c.down {
			t.Errorf("− from %v = %v, want %v", c.from, got, c.down)
		}
	}
}
